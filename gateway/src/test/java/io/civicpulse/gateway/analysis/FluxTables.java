// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;

import java.time.Instant;
import java.util.List;

/** Builds the result tables influxdb-client-java hands back, in memory, as InfluxDB would shape them. */
final class FluxTables {
    private FluxTables() {
    }

    /** @return a table holding the records */
    static FluxTable table(final List<FluxRecord> records) {
        final FluxTable table = new FluxTable();
        table.getRecords().addAll(records);
        return table;
    }

    /**
     * @return a record of one series and field: {@code _measurement}, {@code _field}, tags {@code device},
     *     {@code area}, {@code community}, {@code type}, then {@code _time} and {@code _value}
     */
    static FluxRecord point(final String type, final String device, final String area, final String field,
                            final Instant time, final Object value) {
        final FluxRecord r = new FluxRecord(0);
        r.getValues().put("result", "_result");
        r.getValues().put("_measurement", type);
        r.getValues().put("_field", field);
        r.getValues().put("community", "lakeside");
        r.getValues().put("device", device);
        r.getValues().put("area", area);
        r.getValues().put("type", type);
        r.getValues().put("_time", time);
        r.getValues().put("_value", value);
        return r;
    }

    /** @return a record of a query grouped by device only (no field, no time), such as {@code count()} */
    static FluxRecord perDevice(final String device, final Object value) {
        final FluxRecord r = new FluxRecord(0);
        r.getValues().put("result", "_result");
        r.getValues().put("device", device);
        r.getValues().put("_value", value);
        return r;
    }
}
