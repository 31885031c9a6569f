// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.ruleops.SuppressionLedger.Reason;
import io.civicpulse.gateway.ruleops.SuppressionLedger.Suppressed;
import io.civicpulse.gateway.silences.Silence;
import io.civicpulse.gateway.silences.SilenceStore;
import io.civicpulse.rules.engine.Evidence;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Between the rules and the issue store: decides which anomalies open or change issues. In order, a raise is
 * suppressed (and recorded in the {@link SuppressionLedger}) when a silence matches it, when its device is silent
 * (DV-01 inhibits the device's other categories, except DV-03, DV-04 and DV-05, which may explain it), or when its
 * lamp's segment is dark as a whole (SL-02 inhibits the segment's SL-01, SL-06 and DV-01); a key raised more than
 * {@code maxRaises} times in the flapping window passes on once marked as flapping and is then held until it has
 * been quiet for a window. A clear passes only if its raise did.
 * Dark lamps roll up to one SL-02 per segment ({@link SegmentRollUp}).
 *
 * <p>Thread-safe: lanes call {@link #accept(Anomaly)} concurrently; calls are serialised (a few map operations).
 */
public final class AnomalyGate {
    private static final Set<String> SEGMENT_CHILDREN = Set.of("SL-01", "SL-06", "DV-01");
    /**
     * What a silent device (DV-01) does not inhibit: DV-01 itself, and the device-health categories that explain a
     * silence rather than follow from it (a wrong clock, payloads refused, a connection that keeps dropping).
     */
    private static final Set<String> NOT_INHIBITED_BY_SILENCE = Set.of("DV-01", "DV-03", "DV-04", "DV-05");
    private final Function<String, Optional<Device>> devices;
    private final SilenceStore silences;
    private final SuppressionLedger ledger;
    private final Consumer<Anomaly> downstream;
    private final Clock clock;
    private final FlappingDetector flapping;
    private final SegmentRollUp rollUp;
    private final Set<String> silentDevices = new HashSet<>();
    private final Set<String> forwarded = new HashSet<>();
    private final Map<String, Anomaly> heldClears = new HashMap<>();

    /**
     * @param devices     registry lookup by device id
     * @param silences    silences in force
     * @param ledger      where suppressed anomalies are recorded
     * @param downstream  the issue store's intake
     * @param maxRaises   raises per window above which a key is flapping
     * @param windowMillis the flapping window, in milliseconds
     * @param minDarkLamps dark lamps of one segment that raise SL-02
     * @param clock       the gateway clock
     */
    public AnomalyGate(final Function<String, Optional<Device>> devices, final SilenceStore silences,
                       final SuppressionLedger ledger, final Consumer<Anomaly> downstream, final int maxRaises,
                       final long windowMillis, final int minDarkLamps, final Clock clock) {
        this.devices = Objects.requireNonNull(devices, "devices must not be null.");
        this.silences = Objects.requireNonNull(silences, "silences must not be null.");
        this.ledger = Objects.requireNonNull(ledger, "ledger must not be null.");
        this.downstream = Objects.requireNonNull(downstream, "downstream must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.flapping = new FlappingDetector(maxRaises, windowMillis);
        this.rollUp = new SegmentRollUp(minDarkLamps);
    }

    /** @param anomaly a verdict of the rules, never null */
    public synchronized void accept(final Anomaly anomaly) {
        final Device device = devices.apply(anomaly.deviceId()).orElse(null);
        if ("DV-01".equals(anomaly.category())) {
            if (anomaly.status() == AnomalyStatus.RAISED) {
                silentDevices.add(anomaly.deviceId());
            } else {
                silentDevices.remove(anomaly.deviceId());
            }
        }
        decide(anomaly, device);
        if ("SL-01".equals(anomaly.category()) && device != null && !device.segment().isEmpty()) {
            rollUp.apply(anomaly, device.segment()).ifPresent(segment -> decide(segment, null));
        }
    }

    /** Ends flapping of keys quiet for a whole window and passes on their held clear. Called periodically. */
    public synchronized void settleFlapping() {
        final long now = clock.millis();
        for (final String key : List.copyOf(heldClears.keySet())) {
            if (flapping.settle(key, now)) {
                forwarded.remove(key);
                downstream.accept(heldClears.remove(key));
            }
        }
    }

    /**
     * A read-only view of the flapping ledger, for the fleet page: the device and category keys that are flapping
     * now, i.e. raised more than {@code maxRaises} times within the window and not yet quiet for a whole window.
     *
     * @return one entry per flapping key, sorted by device, then category; a copy
     */
    public synchronized List<FlappingKey> flapping() {
        final List<FlappingKey> keys = new ArrayList<>();
        for (final String key : flapping.flappingKeys()) {
            final int first = key.indexOf('|');
            final int last = key.lastIndexOf('|');
            keys.add(new FlappingKey(key.substring(0, first), key.substring(first + 1, last), key.substring(last + 1),
                    flapping.count(key)));
        }
        keys.sort(Comparator.comparing(FlappingKey::deviceId).thenComparing(FlappingKey::category));
        return keys;
    }

    /**
     * A device and category the gate holds as flapping.
     *
     * @param community the device's community
     * @param deviceId  the device
     * @param category  the anomaly category that flaps
     * @param raises    raises counted in the window ending at the key's last raise
     */
    public record FlappingKey(String community, String deviceId, String category, int raises) {
    }

    private void decide(final Anomaly a, final Device device) {
        final String key = a.community() + "|" + a.deviceId() + "|" + a.category();
        if (a.status() == AnomalyStatus.CLEARED) {
            if (!forwarded.contains(key)) {
                record(a, Reason.RAISE_SUPPRESSED, "");
            } else if (flapping.isFlapping(key)) {
                heldClears.put(key, a);
                record(a, Reason.FLAPPING, key);
            } else {
                forwarded.remove(key);
                downstream.accept(a);
            }
            return;
        }
        if (suppressed(a, device)) {
            return;
        }
        heldClears.remove(key);
        switch (flapping.raised(key, a.atMillis())) {
            case ONGOING -> record(a, Reason.FLAPPING, key);
            case STARTED -> forward(key, new Anomaly(a.community(), a.deviceType(), a.deviceId(), a.category(),
                    a.status(), a.atMillis(), a.ruleId(), "flapping: raised " + flapping.count(key) + " times within "
                    + Evidence.duration(flapping.windowMillis()) + "; further changes held until quiet | "
                    + a.detail()));
            default -> forward(key, a);
        }
    }

    private boolean suppressed(final Anomaly a, final Device device) {
        final Optional<Silence> silence = silences.match(a, device);
        if (silence.isPresent()) {
            record(a, Reason.SILENCED, silence.get().id());
            return true;
        }
        if (!NOT_INHIBITED_BY_SILENCE.contains(a.category()) && silentDevices.contains(a.deviceId())) {
            record(a, Reason.INHIBITED_SILENT_DEVICE, "DV-01 " + a.deviceId());
            return true;
        }
        if (device != null && SEGMENT_CHILDREN.contains(a.category()) && rollUp.outage(device.segment())) {
            record(a, Reason.INHIBITED_SEGMENT_OUTAGE, "SL-02 " + device.segment());
            return true;
        }
        return false;
    }

    private void forward(final String key, final Anomaly a) {
        forwarded.add(key);
        downstream.accept(a);
    }

    private void record(final Anomaly a, final Reason reason, final String ref) {
        ledger.record(new Suppressed(clock.instant(), a, reason, ref));
    }
}
