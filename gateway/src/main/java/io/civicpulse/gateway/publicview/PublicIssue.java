// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import java.time.Instant;
import java.util.List;

/**
 * One issue as everyone may see it (GOVERNANCE.md §2.7): no reporter identity, staff, user or device ids, no exact
 * position of a resident's report, no internal notes; a security-sensitive gate issue only in generalised form
 * until closed. Immutable; Jackson-serialisable.
 *
 * @param id               public issue id
 * @param community        community (Open311 jurisdiction) id
 * @param category         category code (Open311 service_code)
 * @param categoryName     category name, or the group's generalised name while generalised
 * @param group            category group
 * @param status           {@code open} or {@code closed}
 * @param state            internal state name (the lifecycle step, not personal)
 * @param stateLabel       state label
 * @param generalised      true while details are withheld (PUBLIC_GENERALISED and not closed)
 * @param location         public location
 * @param lead             lead body's public name
 * @param assists          assisting bodies' public names
 * @param openedAt         first observation
 * @param updatedAt        last public step
 * @param acceptDeadline   accept (签收) deadline, or null
 * @param disposeDeadline  dispose (处置) deadline, or null
 * @param overdue          true if a running deadline has passed
 * @param supervision      null, {@code RED_SUPERVISION} (督办) or {@code REPORTED_UP} (上报上级)
 * @param supervisionLabel label of {@code supervision}, or null
 * @param observations     observations merged (sensor and resident)
 * @param statusNote       the latest public note, or null
 * @param timeline         public steps in order
 */
public record PublicIssue(String id, String community, String category, Bilingual categoryName, String group,
                          String status, String state, Bilingual stateLabel, boolean generalised,
                          PublicLocation location, Bilingual lead, List<Bilingual> assists, Instant openedAt,
                          Instant updatedAt, Instant acceptDeadline, Instant disposeDeadline, boolean overdue,
                          String supervision, Bilingual supervisionLabel, int observations, String statusNote,
                          List<PublicStep> timeline) {

    /**
     * Where the problem is, as precise as it may be shown.
     *
     * @param lat       latitude, or null when withheld
     * @param lon       longitude, or null when withheld
     * @param precision {@code asset} (a public asset's position), {@code rounded} (to {@code decimals}) or
     *                  {@code withheld}
     * @param address   area or community name
     */
    public record PublicLocation(Double lat, Double lon, String precision, String address) {
    }

    /**
     * One public step of the timeline.
     *
     * @param at    when
     * @param event what happened (timeline event type)
     * @param state state label after the step
     * @param body  acting body's public name, or null
     * @param note  public note, or null when withheld
     */
    public record PublicStep(Instant at, String event, Bilingual state, Bilingual body, String note) {
    }
}
