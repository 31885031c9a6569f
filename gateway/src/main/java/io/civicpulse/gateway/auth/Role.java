// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.auth;

import io.civicpulse.gateway.governance.BodyType;

/**
 * What a signed-in user may do on the HTTP API. A user's role follows from the type of the body it belongs to
 * (config/crews.yaml names the body; governance.yaml its type), so one file cannot contradict the other.
 */
public enum Role {
    /** Crew of a service company or district department: acts on its body's issues. */
    CREW,
    /** Residents' committee or self-governing organisation: acts on its body's issues. */
    COMMITTEE,
    /** Street office: acts on its issues and may summon district departments (吹哨). */
    STREET_OFFICE,
    /** District department or government: acts on its issues, decides ADMINISTRATIVE routing. */
    DISTRICT,
    /** Supervision centre: sees everything, warns, approves, verifies, locks a lead; never does the fix. */
    SUPERVISION,
    /** Party organisation watcher: sees everything, files notes and notices, approves; never does the fix. */
    PARTY_WATCHER,
    /** The platform itself (automatic steps); never a signed-in user. */
    PLATFORM,
    /** Anyone without a token: the public projection only. */
    PUBLIC;

    /**
     * @param type a body type, never null
     * @return the role of that body's users
     */
    public static Role of(final BodyType type) {
        return switch (type) {
            case RESIDENTS_COMMITTEE, SELF_GOV_ORG -> COMMITTEE;
            case STREET_OFFICE -> STREET_OFFICE;
            case DISTRICT_DEPT, DISTRICT_GOV -> DISTRICT;
            case SUPERVISION_CENTRE -> SUPERVISION;
            case PARTY_ORG -> PARTY_WATCHER;
            case PLATFORM_OPS -> PLATFORM;
            case ENTERPRISE_SERVICE, EXTERNAL -> CREW;
        };
    }

    /** @return true for the supervision centre and party watchers, who see every issue */
    public boolean supervises() {
        return this == SUPERVISION || this == PARTY_WATCHER;
    }
}
