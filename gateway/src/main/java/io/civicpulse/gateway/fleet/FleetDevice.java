// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import io.civicpulse.gateway.issues.IssueState;

import java.time.Instant;
import java.util.List;

/**
 * One device on the fleet page, with its flags computed on the server ({@link FleetRules}). Immutable;
 * Jackson-serialisable. Internal view: it names the device and its issues, so it is served to signed-in users only.
 *
 * @param id              device id
 * @param type            {@code streetlight}, {@code bin} or {@code gate}
 * @param community       community id
 * @param area            area name, may be empty
 * @param segment         road segment (streetlights), may be empty
 * @param lat             latitude, or null when unknown
 * @param lon             longitude, or null when unknown
 * @param intervalSeconds expected reporting interval
 * @param lastSeen        time of the newest reading known, or null
 * @param connected       true while the device holds a connection to this gateway's MQTT listener (a device that
 *                        reports through a bridged broker or a LoRaWAN network server is never connected here)
 * @param silent          see {@link FleetRules}
 * @param flapping        see {@link FleetRules}
 * @param batteryLow      see {@link FleetRules}
 * @param status          the first of {@code silent}, {@code flapping}, {@code batteryLow} that is set, else
 *                        {@code ok}: what the list sorts and colours by
 * @param reasons         one sentence per flag set, naming the issue or the figures behind it
 * @param issues          the device's open DV-01, DV-02 and DV-05 issues
 */
public record FleetDevice(String id, String type, String community, String area, String segment, Double lat,
                          Double lon, int intervalSeconds, Instant lastSeen, boolean connected, boolean silent,
                          boolean flapping, boolean batteryLow, String status, List<String> reasons,
                          List<OpenIssue> issues) {
    /** Copies the lists. */
    public FleetDevice {
        reasons = List.copyOf(reasons);
        issues = List.copyOf(issues);
    }

    /**
     * An open issue behind a flag.
     *
     * @param id       issue id
     * @param category category code
     * @param state    current state
     */
    public record OpenIssue(String id, String category, IssueState state) {
    }
}
