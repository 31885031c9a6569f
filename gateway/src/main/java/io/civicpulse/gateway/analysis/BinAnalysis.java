// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.analysis.AnalysisQueries.Aggregate;
import io.civicpulse.gateway.analysis.AnalysisQueries.Bucket;
import io.civicpulse.gateway.analysis.AnalysisQueries.BucketQuery;
import io.civicpulse.gateway.analysis.AnalysisQueries.Latest;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.TelemetryStoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Waste bins: current fill, fill rate, predicted time to full, and the collection list.
 *
 * <p>The fill rate is the least-squares slope (percent per hour) of the bin's 10-minute mean fill over the window
 * (default 6 h), counted only after its last emptying (a fall of more than {@link #EMPTIED_DROP} points between two
 * buckets), so a collection does not make the rate negative. "Full" is {@code rules.bin.fullPercent}.
 */
final class BinAnalysis {
    static final String TYPE = "bin";
    static final String FIELD = "fill_pct";
    static final double EMPTIED_DROP = 10.0;
    private static final Duration BUCKET = Duration.ofMinutes(10);
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final AnalysisQueries queries;

    BinAnalysis(final AnalysisQueries queries) {
        this.queries = queries;
    }

    /** One bin's state. {@code fill} and {@code measuredAt} are null without data; rate null with too little. */
    record BinState(Device device, Double fill, Instant measuredAt, Double ratePerHour, Double hoursToFull,
                    Instant fullAt) {
    }

    List<BinState> states(final List<Device> bins, final Instant now, final Duration window, final double fullAt)
            throws TelemetryStoreException {
        final Map<String, Latest> latest = queries.latest(TYPE, FIELD, now);
        final Map<String, List<double[]>> series = new HashMap<>();
        for (final Bucket b : queries.buckets(new BucketQuery(TYPE, List.of(new Aggregate(FIELD,
                AnalysisQueries.Fn.MEAN)), now.minus(window), now, BUCKET, null, true))) {
            if (b.value(0) != null) {
                series.computeIfAbsent(b.device(), k -> new ArrayList<>())
                        .add(new double[] {b.start().toEpochMilli(), b.value(0)});
            }
        }
        final List<BinState> states = new ArrayList<>();
        for (final Device bin : bins) {
            final Latest last = latest.get(bin.id());
            final Double current = last == null ? null : last.value();
            final Instant measuredAt = last == null ? null : last.at();
            final Double rate = ratePerHour(series.getOrDefault(bin.id(), List.of()));
            Double hours = null;
            Instant full = null;
            if (current != null && current >= fullAt) {
                hours = 0.0;
                full = measuredAt;
            } else if (current != null && rate != null && rate > 0) {
                hours = (fullAt - current) / rate;
                full = measuredAt.plusMillis(Math.round(hours * MILLIS_PER_HOUR));
            }
            states.add(new BinState(bin, current, measuredAt, rate, hours, full));
        }
        return states;
    }

    /** @return bins full now or predicted full before {@code now + hours}, most urgent first */
    static List<BinState> collectionList(final List<BinState> states, final Instant now, final Duration horizon) {
        final Instant until = now.plus(horizon);
        return states.stream().filter(s -> s.fullAt() != null && !s.fullAt().isAfter(until))
                .sorted(Comparator.comparing(BinState::fullAt).thenComparing(s -> -s.fill())).toList();
    }

    /** Least-squares slope, percent per hour, of the points after the last emptying; null with fewer than 2. */
    static Double ratePerHour(final List<double[]> points) {
        int start = 0;
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i - 1)[1] - points.get(i)[1] > EMPTIED_DROP) {
                start = i;
            }
        }
        final int n = points.size() - start;
        if (n < 2) {
            return null;
        }
        final double t0 = points.get(start)[0];
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = start; i < points.size(); i++) {
            final double x = (points.get(i)[0] - t0) / MILLIS_PER_HOUR;
            final double y = points.get(i)[1];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        final double denominator = n * sxx - sx * sx;
        return denominator == 0 ? null : (n * sxy - sx * sy) / denominator;
    }

    static AnalysisTable table(final List<BinState> states) {
        final List<List<Object>> rows = new ArrayList<>();
        for (final BinState s : states) {
            rows.add(java.util.Arrays.asList(s.device().id(), s.device().area(), s.fill(), s.measuredAt(),
                    round(s.ratePerHour()), round(s.hoursToFull()), s.fullAt()));
        }
        return new AnalysisTable(List.of("device", "area", "fill_pct", "measured_at", "fill_rate_pct_per_hour",
                "hours_to_full", "full_at"), rows);
    }

    private static Double round(final Double v) {
        return v == null ? null : Math.round(v * 1000.0) / 1000.0;
    }
}
