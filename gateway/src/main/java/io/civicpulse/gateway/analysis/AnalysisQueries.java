// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.storage.TelemetryStoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the analyses ask of the time-series store, one implementation per backend ({@link QuestDbAnalysisQueries}:
 * SQL; {@link InfluxDbAnalysisQueries}: Flux). The answers themselves (rates, burn hours, held-open runs, uptime) are
 * computed once, in the analyses, from these series, so the two backends cannot drift apart.
 *
 * <p>Types and fields passed in are validated names ({@code TelemetrySchema}), never request text; a device id may
 * come from a request, and every implementation binds or escapes it. A type never written answers empty.
 */
interface AnalysisQueries {
    /** How a bucket aggregates a field. */
    enum Fn {
        /** Arithmetic mean. */
        MEAN,
        /** Sum (counters such as {@code passes}). */
        SUM,
        /** Maximum (0/1 flags such as {@code door_open}). */
        MAX
    }

    /**
     * @param field a metric
     * @param fn    its aggregate per bucket
     */
    record Aggregate(String field, Fn fn) {
        public Aggregate {
            Objects.requireNonNull(field, "field must not be null.");
            Objects.requireNonNull(fn, "fn must not be null.");
        }
    }

    /**
     * One bucket's aggregates.
     *
     * @param device the device, or null when the query aggregates over every device
     * @param start  the bucket's start, aligned to whole multiples of the bucket length since the epoch (UTC)
     * @param values one value per requested aggregate, in order; null where the bucket had none of that field
     */
    record Bucket(String device, Instant start, List<Double> values) {
        /** @return the value of aggregate {@code i}, or null */
        public Double value(final int i) {
            return values.get(i);
        }
    }

    /**
     * The buckets to ask for.
     *
     * @param type       device type (measurement / table)
     * @param aggregates fields and their aggregates; a bucket exists where at least one of the fields has a value
     * @param from       inclusive start
     * @param to         exclusive end
     * @param length     bucket length: whole minutes or hours, dividing a day
     * @param device     only this device, or null for all
     * @param perDevice  one series per device (true) or one over all devices (false; {@link Bucket#device()} null)
     */
    record BucketQuery(String type, List<Aggregate> aggregates, Instant from, Instant to, Duration length,
                       String device, boolean perDevice) {
        public BucketQuery {
            aggregates = List.copyOf(aggregates);
        }
    }

    /**
     * A device's latest reading before a time.
     *
     * @param value the field's value, or null when no field was asked for
     * @param at    the reading's time
     */
    record Latest(Instant at, Double value) {
    }

    /**
     * @param type   device type
     * @param field  a field the reading must carry (its value is returned), or null for any reading
     * @param before exclusive end
     * @return the latest such reading per device id
     * @throws TelemetryStoreException if the store could not answer
     */
    Map<String, Latest> latest(String type, String field, Instant before) throws TelemetryStoreException;

    /**
     * @param type device type
     * @param from inclusive start
     * @param to   exclusive end
     * @return the number of readings per device id (devices without any are left out)
     * @throws TelemetryStoreException if the store could not answer
     */
    Map<String, Long> readings(String type, Instant from, Instant to) throws TelemetryStoreException;

    /**
     * @param query what to aggregate
     * @return buckets without data left out, ordered by device (when per device), then by start
     * @throws TelemetryStoreException if the store could not answer
     */
    List<Bucket> buckets(BucketQuery query) throws TelemetryStoreException;
}
