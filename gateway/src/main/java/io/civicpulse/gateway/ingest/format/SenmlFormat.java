// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.PayloadException;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SenML JSON (RFC 8428) on a device's own topic, by default {@code cp/{community}/{type}/{deviceId}/senml}. The
 * topic names the device; SenML names only say what was measured.
 *
 * <p>Each resolved record is looked up in the field map ({@code ingest.fieldMaps.senml}): first the lines whose
 * {@code field} is the record's name or its last {@code :}/{@code /} segment ({@code …:voltage} matches
 * {@code voltage}); if such a line exists but wants another unit, the pack is refused (a temperature in {@code K}
 * must not be stored as {@code temperature_c}); then the lines without a field, by unit alone (RFC 8428 §5.1.3
 * names records only by the device and tells the quantity by unit). A record no line matches is ignored, whatever
 * its value type or unit. A record a line matches must give a number: {@code v} (plus base value), {@code s} when
 * there is no value, {@code vb} as 1/0, or {@code vs} found in the line's {@code values}; {@code vd} and unknown
 * texts refuse the pack.
 *
 * <p>Records are grouped by time into one {@link Sample} each, oldest first. Two records giving the same metric at
 * the same time refuse the pack: it describes more than the one device of the topic. Thread-safe.
 */
public final class SenmlFormat implements PayloadFormat {
    /** The name in {@code ingest.formats}. */
    public static final String NAME = "senml";
    /** A pack may hold at most this many distinct times. */
    public static final int MAX_SAMPLES = 1_000;
    private static final String MAP_KEY = "ingest.fieldMaps." + NAME;

    private final List<FieldMapping> map;

    /** @param map the field map, in order of precedence */
    public SenmlFormat(final List<FieldMapping> map) {
        this.map = List.copyOf(map);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topicTemplate() {
        return CpTopics.TEMPLATE;
    }

    @Override
    public DeviceKey topicKey(final String topic) {
        return CpTopics.parse(topic);
    }

    @Override
    public String ownTopic(final Device device, final String topic) {
        return CpTopics.ownTopic(device, topic);
    }

    @Override
    public Uplink decode(final String topic, final byte[] payload, final long nowMillis) throws PayloadException {
        final DeviceKey key = CpTopics.parse(topic);
        if (key == null) {
            throw new PayloadException("topic '" + topic + "' is not " + CpTopics.TEMPLATE);
        }
        final List<SenmlRecord> records = SenmlPackResolver.resolve(JsonPayloads.read(payload), nowMillis);
        final TreeMap<Long, Map<String, Double>> byTime = new TreeMap<>();
        final Map<String, SenmlRecord> origins = new HashMap<>();
        for (final SenmlRecord r : records) {
            final FieldMapping m = find(r);
            if (m == null) {
                continue;
            }
            final SenmlRecord earlier = origins.putIfAbsent(r.timeMillis() + "/" + m.metric(), r);
            if (earlier != null) {
                throw new PayloadException(earlier.describe() + " and " + r.describe() + " both give " + m.metric()
                        + " at " + Instant.ofEpochMilli(r.timeMillis()) + "; a pack on a device's topic describes "
                        + "that one device");
            }
            byTime.computeIfAbsent(r.timeMillis(), t -> new HashMap<>()).put(m.metric(), m.apply(number(r, m)));
        }
        if (byTime.isEmpty()) {
            throw new PayloadException("no record of the SenML pack maps to a metric in " + MAP_KEY + " (names "
                    + distinct(records, true) + ", units " + distinct(records, false) + ")");
        }
        if (byTime.size() > MAX_SAMPLES) {
            throw new PayloadException("the SenML pack has " + byTime.size() + " distinct times; at most "
                    + MAX_SAMPLES + " are taken");
        }
        final List<Sample> samples = new ArrayList<>(byTime.size());
        byTime.forEach((time, metrics) -> samples.add(new Sample(time, Reading.NO_SEQUENCE, metrics)));
        return new Uplink(key, samples);
    }

    private FieldMapping find(final SenmlRecord r) throws PayloadException {
        final List<String> wantedUnits = new ArrayList<>();
        for (final FieldMapping m : map) {
            if (m.field() != null && names(r.name(), m.field())) {
                if (m.unit() == null || r.unit() == null || m.unit().equals(r.unit())) {
                    return m;
                }
                wantedUnits.add(m.unit());
            }
        }
        if (!wantedUnits.isEmpty()) {
            throw new PayloadException(r.describe() + " is in unit '" + r.unit() + "'; " + MAP_KEY
                    + " takes it only in " + String.join(" or ", wantedUnits));
        }
        for (final FieldMapping m : map) {
            if (m.field() == null && m.unit().equals(r.unit())) {
                return m;
            }
        }
        return null;
    }

    /** @return true when {@code field} is the whole name or its last {@code :}- or {@code /}-separated segment */
    private static boolean names(final String name, final String field) {
        if (name.equals(field)) {
            return true;
        }
        final int start = name.length() - field.length() - 1;
        return start >= 0 && name.endsWith(field) && (name.charAt(start) == ':' || name.charAt(start) == '/');
    }

    private static double number(final SenmlRecord r, final FieldMapping m) throws PayloadException {
        final double raw = switch (r.kind()) {
            case NUMBER, SUM -> r.number();
            case BOOLEAN -> r.flag() ? 1 : 0;
            case STRING -> {
                final Double known = m.valueOf(r.text());
                if (known == null) {
                    throw new PayloadException(r.describe() + ": vs '" + r.text() + "' gives no number for "
                            + m.metric() + (m.values().isEmpty() ? "" : "; known texts: "
                            + new TreeSet<>(m.values().keySet())));
                }
                yield known;
            }
            case DATA -> throw new PayloadException(r.describe() + ": a data value (vd) cannot be the metric "
                    + m.metric());
        };
        return raw;
    }

    private static String distinct(final List<SenmlRecord> records, final boolean names) {
        final TreeSet<String> seen = new TreeSet<>();
        for (final SenmlRecord r : records) {
            final String v = names ? r.name() : r.unit();
            if (v != null && seen.size() < 5) {
                seen.add(v);
            }
        }
        return seen.isEmpty() ? "none" : String.join(", ", seen);
    }
}
