// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import java.util.List;
import java.util.Map;

/**
 * The field maps used when {@code ingest.fieldMaps} does not set one; {@code config/gateway.yaml} writes them out.
 *
 * <p>Decoded objects (ChirpStack {@code object}, The Things Stack {@code decoded_payload}) from the vendor codecs of
 * the fixtures: the Dingtek DF703 waste-bin sensor ({@code level} is the distance in mm from the sensor down to the
 * waste; {@code fill_pct = 100 − level / 10} assumes a 1000 mm deep bin, so set scale to {@code −100 / depth in
 * mm} for your bins) and the Milesight WS301 door contact (TTN codec {@code door}, vendor codec
 * {@code magnet_status}). SenML: names and RFC 8428 units of our metrics, and the units by which §5.1.1/§5.1.3
 * records that carry only a device name are recognised.
 */
public final class DefaultFieldMaps {
    /** For {@code chirpstack-v4} and {@code ttn-v3}: vendor codec fields to our metrics. */
    public static final List<FieldMapping> DECODED_OBJECTS = List.of(
            FieldMapping.of("temperature", "temperature_c"),
            FieldMapping.of("level", "level_mm"),
            FieldMapping.of("level", "fill_pct").withLinear(-0.1, 100, 0, 100),
            FieldMapping.of("alarmFire", "fire_alarm"),
            FieldMapping.of("alarmBattery", "battery_low"),
            FieldMapping.of("battery", "battery_pct"),
            FieldMapping.of("door", "door_open").withValues(Map.of("open", 1.0, "close", 0.0, "closed", 0.0)),
            FieldMapping.of("magnet_status", "door_open")
                    .withValues(Map.of("open", 1.0, "close", 0.0, "closed", 0.0)));

    /** For {@code senml}: names with their unit first, then units alone. */
    public static final List<FieldMapping> SENML = List.of(
            FieldMapping.of("temperature", "temperature_c").withUnit("Cel"),
            FieldMapping.of("temp", "temperature_c").withUnit("Cel"),
            FieldMapping.of("humidity", "humidity_pct").withUnit("%RH"),
            FieldMapping.of("voltage", "voltage_v").withUnit("V"),
            FieldMapping.of("current", "lamp_current_a").withUnit("A"),
            FieldMapping.of("power", "power_w").withUnit("W"),
            FieldMapping.of("fill", "fill_pct").withUnit("%"),
            FieldMapping.of("battery", "battery_pct").withUnit("%EL"),
            FieldMapping.of("open", "door_open"),
            FieldMapping.of("door", "door_open").withValues(Map.of("open", 1.0, "closed", 0.0)),
            FieldMapping.ofUnit("Cel", "temperature_c"),
            FieldMapping.ofUnit("%RH", "humidity_pct"),
            FieldMapping.ofUnit("%EL", "battery_pct"),
            FieldMapping.ofUnit("lat", "lat"),
            FieldMapping.ofUnit("lon", "lon"));

    /** Every default map by format name. */
    public static final Map<String, List<FieldMapping>> ALL = Map.of(
            SenmlFormat.NAME, SENML,
            ChirpStackV4Format.NAME, DECODED_OBJECTS,
            TtnV3Format.NAME, DECODED_OBJECTS);

    private DefaultFieldMaps() {
    }
}
