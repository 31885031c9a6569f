// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

/**
 * A snapshot of a running fleet's counters; all counts are totals since {@link FleetRunner#start()}.
 *
 * @param devices devices in the fleet
 * @param connected devices connected right now
 * @param sent publishes handed to the MQTT client
 * @param acked QoS 1: PUBACKs with a success code; QoS 0: publishes written to the connection
 * @param rejected MQTT 5 PUBACKs with a failure reason code (e.g. 0x87 not authorized, 0x99 bad payload)
 * @param errors failed connects, dropped connections, and publishes lost with a dropped connection or
 *        refused by the client
 * @param skipped readings not sent because the device was offline at its publishing time
 * @param lastError the latest error, with the device id; empty if none
 */
public record FleetStatistics(int devices, int connected, long sent, long acked, long rejected, long errors,
                              long skipped, String lastError) {

    /** One status line, e.g. {@code connected 110/110  sent 1320  acked 1320  rejected 0  errors 0}. */
    public String statusLine() {
        return "connected " + connected + "/" + devices + "  sent " + sent + "  acked " + acked
                + "  rejected " + rejected + "  errors " + errors + (skipped > 0 ? "  skipped " + skipped : "");
    }
}
