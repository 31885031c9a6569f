// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.autohandling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.governance.Automation;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.issues.IssueEvent;
import io.civicpulse.gateway.issues.IssueEventListener;
import io.civicpulse.gateway.issues.IssueWorkflow;
import io.civicpulse.gateway.issues.TimelineEventType;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform handling routine matters itself (GOVERNANCE.md §2.4 step 3). When an issue enters AUTO_HANDLING it
 * runs the category's {@link Automation}: RESEND_SCHEDULE sends {@code {"cmd":"resend-schedule",...}} to the device
 * on {@code cp/{community}/{type}/{id}/cmd} (QoS 1); the issue closes when telemetry clears and stays normal, and
 * falls back to the human route at the end of the timebox. A command that cannot be delivered (unknown device, not
 * subscribed) falls back at once. WORK_ORDER needs nothing here: the opening already assigned the contractor and
 * the alert reached it.
 *
 * <p>Threading: called on the issue worker after commit; the fallback is a short transaction on that thread.
 */
public final class AutoHandler implements IssueEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(AutoHandler.class);

    private final GovernancePolicy policy;
    private final Registry registry;
    private final CommandSender commands;
    private final IssueWorkflow workflow;
    private final ObjectMapper json;

    /** Sends a command to a device; returns how many sessions it reached (0: not delivered). */
    @FunctionalInterface
    public interface CommandSender {
        /**
         * @param device  the device
         * @param payload command bytes
         * @return sessions reached
         */
        int send(Device device, byte[] payload);
    }

    /**
     * @param policy   automation per category, never null
     * @param registry devices, never null
     * @param commands the downlink, never null
     * @param workflow applies the fallback, never null
     * @param json     JSON mapper, never null
     */
    public AutoHandler(final GovernancePolicy policy, final Registry registry, final CommandSender commands,
                       final IssueWorkflow workflow, final ObjectMapper json) {
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.registry = Objects.requireNonNull(registry, "registry must not be null.");
        this.commands = Objects.requireNonNull(commands, "commands must not be null.");
        this.workflow = Objects.requireNonNull(workflow, "workflow must not be null.");
        this.json = Objects.requireNonNull(json, "json must not be null.");
    }

    @Override
    public void onIssueEvent(final IssueEvent event) {
        if (!TimelineEventType.AUTO_HANDLING_STARTED.name().equals(event.eventType())) {
            return;
        }
        final Optional<Automation> automation = policy.automation(event.category());
        if (automation.isEmpty() || automation.get().action() != Automation.Action.RESEND_SCHEDULE) {
            return;
        }
        final Optional<Device> device = event.deviceId() == null ? Optional.empty()
                : registry.device(event.deviceId()).filter(d -> d.community().equals(event.community()));
        if (device.isEmpty()) {
            workflow.autoFailed(event.issueId(), "resend-schedule: device " + event.deviceId() + " is not registered");
            return;
        }
        final int reached = commands.send(device.get(), payload(event));
        if (reached == 0) {
            workflow.autoFailed(event.issueId(), "resend-schedule: device " + event.deviceId()
                    + " has no command subscription; the command could not be delivered");
        } else {
            LOG.info("Issue {}: re-sent the schedule to {} ({} session(s))", event.issueId(), event.deviceId(),
                    reached);
        }
    }

    private byte[] payload(final IssueEvent event) {
        final Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("cmd", "resend-schedule");
        cmd.put("issue", event.issueId());
        cmd.put("ts", event.at().toEpochMilli());
        try {
            return json.writeValueAsBytes(cmd);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            return ("{\"cmd\":\"resend-schedule\",\"issue\":\"" + event.issueId() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
