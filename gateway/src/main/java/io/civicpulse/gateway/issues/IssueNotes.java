// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.Body;
import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.rules.model.Anomaly;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Texts of timeline notes. Public notes are bilingual (zh / en) and name bodies, never people or devices
 * (GOVERNANCE.md §2.7); internal notes carry the evidence (rule id, device, detail). Thread-safe.
 */
final class IssueNotes {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final GovernancePolicy policy;

    IssueNotes(final GovernancePolicy policy) {
        this.policy = policy;
    }

    /** Evidence for staff: which rule decided what about which device, and when the device observed it. */
    String evidence(final Anomaly a) {
        return "rule " + a.ruleId() + " " + a.status() + " " + a.category() + " on " + a.deviceType() + " "
                + a.deviceId() + " at " + Instant.ofEpochMilli(a.atMillis()) + ": " + a.detail();
    }

    String opened(final Category c) {
        return "传感器发现：" + c.nameZh() + " / Detected by sensor: " + c.nameEn();
    }

    String triaged() {
        return "平台已受理 / Received by the platform";
    }

    String autoHandling(final Category c) {
        final Body lead = body(c.leadBodyId());
        return "平台自动处置中，已通知" + lead.nameZh() + " / Handled automatically; " + lead.nameEn() + " notified";
    }

    String registered() {
        return "已立案 / Registered";
    }

    String dispatched(final Category c, final Instant disposeDeadline) {
        final Body lead = body(c.leadBodyId());
        final String due = LOCAL.format(disposeDeadline.atZone(policy.calendar().zone()));
        if (c.assistBodyIds().isEmpty()) {
            return "已派遣至" + lead.nameZh() + "，处置时限" + due + " / Dispatched to " + lead.nameEn() + ", due " + due;
        }
        final List<Body> assists = c.assistBodyIds().stream().map(this::body).collect(Collectors.toList());
        return "已派遣至" + lead.nameZh() + "（协办：" + assists.stream().map(Body::nameZh)
                .collect(Collectors.joining("、")) + "），处置时限" + due + " / Dispatched to " + lead.nameEn()
                + " (assisting: " + assists.stream().map(Body::nameEn).collect(Collectors.joining(", "))
                + "), due " + due;
    }

    String dispatchedInternal(final Category c, final Instant accept, final Instant dispose) {
        final String acceptPart = c.acceptWithin() == null ? "no accept timer"
                : "acceptWithin " + c.acceptWithin() + " -> " + accept;
        final String limits = acceptPart + ", disposeWithin " + c.disposeWithin() + " -> " + dispose + " ("
                + c.severity() + (c.severity() == Severity.CRITICAL ? ", natural time)" : ")");
        return switch (c.routingClass()) {
            // GOVERNANCE.md §2.4.5: district staff choose "handle at district" or "dispatch down to 街道办";
            // that decision step is not modelled yet, so the configured lead gets it directly.
            case ADMINISTRATIVE -> "ADMINISTRATIVE: dispatched to the configured lead " + c.leadBodyId()
                    + " pending the district staff decision (区级办理/下派街道); " + limits;
            default -> c.routingClass() + ": lead " + c.leadBodyId() + ", assists " + c.assistBodyIds() + "; "
                    + limits;
        };
    }

    String occurrence(final int count) {
        return "再次发现（共" + count + "次） / Observed again (" + count + " times)";
    }

    String reopened() {
        return "问题复现，重新处置（重办） / Recurred during verification: back in progress";
    }

    String verificationStarted() {
        return "传感器恢复正常，待核查 / Sensor back to normal, awaiting verification";
    }

    private Body body(final String id) {
        // Policy validation guarantees every referenced body exists.
        return policy.body(id).orElseThrow();
    }
}
