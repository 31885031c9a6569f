// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.registry;

/**
 * A person or app of a governance body that receives alerts over MQTT.
 *
 * @param username     MQTT user name
 * @param passwordHash salted bcrypt hash; never logged
 * @param bodyId       the body whose alerts this account may read
 */
public record CrewAccount(String username, String passwordHash, String bodyId) {
    @Override
    public String toString() {
        return "CrewAccount[" + username + ", body " + bodyId + "]";
    }
}
