// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.gateway.storage.TelemetryWriter;
import io.civicpulse.gateway.storage.WriteReceipt;
import io.civicpulse.gateway.storage.WriterOverloadedException;
import io.civicpulse.rules.engine.RuleSession;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * What one lane does with a batch: evaluate the rules in the lane's own Drools session, then hand the readings to
 * the group-commit writer; each reading's completion fires when it is durably accepted, in the store or in the
 * local spool (that is when QoS 1 is acked).
 *
 * <p>Runs only on its lane's thread.
 */
public final class LanePipeline implements LaneProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(LanePipeline.class);

    private final RuleSession rules;
    private final TelemetryWriter writer;
    private final Timer rulesTimer;

    /**
     * @param rules    this lane's rule session (owned: closed with the lane)
     * @param writer   the shared store writer
     * @param registry meters
     */
    public LanePipeline(final RuleSession rules, final TelemetryWriter writer, final MeterRegistry registry) {
        this.rules = rules;
        this.writer = writer;
        this.rulesTimer = registry.timer(GatewayMetrics.RULES_EVALUATION);
    }

    @Override
    public void process(final List<LaneItem> batch) {
        final List<Reading> readings = new ArrayList<>(batch.size());
        for (final LaneItem item : batch) {
            readings.addAll(item.readings());
        }
        evaluate(readings);
        final List<LaneItem> items = List.copyOf(batch);
        writer.submit(readings).whenComplete((receipt, error) -> {
            final IngestResult failed = error == null ? null : failure(error);
            int offset = 0;
            for (final LaneItem item : items) {
                item.done().accept(failed != null ? failed : result(receipt, offset, item.readings().size()));
                offset += item.readings().size();
            }
        });
    }

    /**
     * A reading the store refused for its content is quarantined: durably kept (with the reason), but the device is
     * told. The other readings of the same message are stored.
     */
    private static IngestResult result(final WriteReceipt receipt, final int offset, final int count) {
        for (int i = offset; i < offset + count && !receipt.quarantined().isEmpty(); i++) {
            final String refusal = receipt.quarantined().get(i);
            if (refusal != null) {
                return new IngestResult(IngestOutcome.PAYLOAD_INVALID, "the time-series store refused "
                        + (count == 1 ? "the reading" : "a reading of the message") + " (kept in the quarantine): "
                        + refusal);
            }
        }
        return IngestResult.ACCEPTED;
    }

    private void evaluate(final List<Reading> readings) {
        final long start = System.nanoTime();
        try {
            rules.process(readings);
        } catch (final RuntimeException e) {
            // The readings are still stored: a rule failure must never lose telemetry.
            LOG.error("Rule evaluation failed for a batch of {} readings; they are stored anyway", readings.size(), e);
        } finally {
            rulesTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static IngestResult failure(final Throwable error) {
        final Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof WriterOverloadedException) {
            return new IngestResult(IngestOutcome.OVERLOADED, cause.getMessage() + "; retry later");
        }
        return new IngestResult(IngestOutcome.STORE_FAILED, "the time-series store did not take the reading: "
                + cause.getMessage());
    }

    @Override
    public void tick(final long nowMillis) {
        try {
            rules.advanceTo(nowMillis);
        } catch (final RuntimeException e) {
            LOG.error("Rule clock tick failed", e);
        }
    }

    @Override
    public void deviceOffline(final String deviceId, final long atMillis) {
        try {
            // The rule clock is external: move it to the disconnect first so the offline instant is exact.
            rules.advanceTo(atMillis);
            rules.deviceOffline(deviceId, atMillis);
        } catch (final RuntimeException e) {
            LOG.error("Rules failed on the disconnect of {}", deviceId, e);
        }
    }

    @Override
    public void deviceConnected(final String deviceId, final long atMillis) {
        try {
            rules.advanceTo(atMillis);
            rules.deviceConnected(deviceId, atMillis);
        } catch (final RuntimeException e) {
            LOG.error("Rules failed on the connection of {}", deviceId, e);
        }
    }

    @Override
    public void payloadRejected(final String deviceId, final long atMillis, final String reason) {
        try {
            rules.advanceTo(atMillis);
            rules.payloadRejected(deviceId, atMillis, reason);
        } catch (final RuntimeException e) {
            LOG.error("Rules failed on a refused payload of {}", deviceId, e);
        }
    }

    @Override
    public void close() {
        rules.close();
    }
}
