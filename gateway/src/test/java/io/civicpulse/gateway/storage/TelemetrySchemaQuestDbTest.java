// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented schema as QuestDB stores it: tag columns, fixed field types, millisecond timestamps, dedup. */
class TelemetrySchemaQuestDbTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123Z");
    private static final Instant FAR_PAST = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    static Path dataDir;
    private static QuestDbTelemetryStore store;
    private static QuestDbSql sql;

    @BeforeAll
    static void startStore() throws TelemetryStoreException {
        store = QuestDbTelemetryStore.start(dataDir, new SimpleMeterRegistry(),
                id -> id.startsWith("g") ? "north" : "", 0);
        sql = store.sql();
    }

    @AfterAll
    static void stopStore() {
        sql.close();
        store.close();
    }

    @Test
    void write_gateReading_createsTagSymbolsIntegerCountersFloatBatteryAndMillisecondTimestamp() throws Exception {
        // when
        store.write(List.of(new Reading("lakeside", "gate", "g-1", T0.toEpochMilli(), 7,
                Map.of("passes", 12.0, "door_open", 1.0, "failed_access", 0.0, "battery_pct", 88.0))));

        // then
        assertThat(columnTypes("gate")).containsEntry("area", "SYMBOL").containsEntry("community", "SYMBOL")
                .containsEntry("device", "SYMBOL").containsEntry("type", "SYMBOL").containsEntry("seq", "LONG")
                .containsEntry("passes", "LONG").containsEntry("door_open", "LONG")
                .containsEntry("failed_access", "LONG").containsEntry("battery_pct", "DOUBLE")
                .containsEntry("timestamp", "TIMESTAMP");
        sql.awaitTable("gate");
        final List<List<String>> row = sql.query("SELECT area, community, device, type, timestamp FROM gate", List.of(),
                r -> List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        QuestDbSql.instant(r, "timestamp").toString()));
        assertThat(row).containsExactly(List.of("north", "lakeside", "g-1", "gate", T0.toString()));
    }

    @Test
    void write_millisecondTimestamp_isStoredAtThatInstantNotIn1970() throws Exception {
        // when
        store.write(List.of(new Reading("lakeside", "bin", "b-ms", T0.toEpochMilli(), 1, Map.of("fill_pct", 5.0))));

        // then the stored time is the event time to the millisecond
        assertThat(store.history("bin", "b-ms", FAR_PAST, FAR_FUTURE, 10)).extracting(StoredReading::timestamp)
                .containsExactly(T0);
        assertThat(sql.query("SELECT count() FROM bin WHERE timestamp < '2000-01-01'", List.of(),
                r -> r.getLong(1))).containsExactly(0L);
    }

    @Test
    void write_integerFieldToColumnAnOlderVersionCreatedAsDouble_isAccepted() throws Exception {
        // given a data folder from before the field types: door_open written as a float
        try (InfluxDBClient other = InfluxDBClientFactory.create("http://127.0.0.1:" + store.httpPort(),
                new char[0], "org", "bucket")) {
            other.getWriteApiBlocking().writeRecord(WritePrecision.MS,
                    "oldgate,community=c,device=og-1 door_open=1.0 " + T0.toEpochMilli());
        }

        // when
        store.write(List.of(new Reading("c", "oldgate", "og-1", T0.toEpochMilli() + 1, 2, Map.of("door_open", 0.0))));

        // then
        assertThat(store.history("oldgate", "og-1", FAR_PAST, FAR_FUTURE, 10)).hasSize(2);
    }

    @Test
    void write_sameReadingTwiceWithTags_isStoredOnce() throws Exception {
        // given
        final Reading reading = new Reading("lakeside", "gate", "g-dup", T0.toEpochMilli(), 3, Map.of("passes", 2.0));

        // when
        store.write(List.of(reading));
        store.write(List.of(reading));

        // then
        assertThat(store.history("gate", "g-dup", FAR_PAST, FAR_FUTURE, 10)).hasSize(1);
    }

    private static Map<String, String> columnTypes(final String table) throws TelemetryStoreException {
        sql.awaitTable(table);
        final Map<String, String> types = new LinkedHashMap<>();
        sql.query("SELECT \"column\", type FROM table_columns('" + table + "')", List.of(),
                r -> types.put(r.getString(1), r.getString(2)));
        return types;
    }
}
