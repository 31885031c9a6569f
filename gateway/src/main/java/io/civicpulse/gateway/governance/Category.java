// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import java.util.List;
import java.util.Objects;

/**
 * An issue category (our Open311 {@code service_code}) with its default routing and deadlines (GOVERNANCE.md §2.3).
 *
 * <p>Immutable. There is always exactly one lead (责任主体唯一); assists never include the lead.
 *
 * @param code           category code such as {@code SL-01}, never null
 * @param nameZh         public name in Chinese, never null
 * @param nameEn         public name in English, never null
 * @param group          category group ({@code streetlight}, {@code waste}, {@code gate}, {@code device}), never null
 * @param severity       default severity, never null
 * @param routingClass   default routing class, never null
 * @param leadBodyId     id of the lead body (牵头), never null
 * @param assistBodyIds  ids of assisting bodies (协办), copied, never null, possibly empty
 * @param acceptWithin   time to accept (签收) from dispatch, or null when the category has no accept timer
 * @param makeSafeWithin time to make the site safe from dispatch, or null when not applicable
 * @param disposeWithin  time to dispose (处置) from dispatch; for ROUTINE_AUTO the automation's timebox; never null
 * @param verifyWithin   time to verify (核查) once resolved, never null
 * @param visibility     what the public view shows, never null
 */
public record Category(String code, String nameZh, String nameEn, String group, Severity severity,
                       RoutingClass routingClass, String leadBodyId, List<String> assistBodyIds,
                       TimeLimit acceptWithin, TimeLimit makeSafeWithin, TimeLimit disposeWithin,
                       TimeLimit verifyWithin, Visibility visibility) {
    /** @throws NullPointerException if a component other than the nullable time limits is null */
    public Category {
        Objects.requireNonNull(code, "code must not be null.");
        Objects.requireNonNull(nameZh, "nameZh must not be null.");
        Objects.requireNonNull(nameEn, "nameEn must not be null.");
        Objects.requireNonNull(group, "group must not be null.");
        Objects.requireNonNull(severity, "severity must not be null.");
        Objects.requireNonNull(routingClass, "routingClass must not be null.");
        Objects.requireNonNull(leadBodyId, "leadBodyId must not be null.");
        assistBodyIds = List.copyOf(Objects.requireNonNull(assistBodyIds, "assistBodyIds must not be null."));
        Objects.requireNonNull(disposeWithin, "disposeWithin must not be null.");
        Objects.requireNonNull(verifyWithin, "verifyWithin must not be null.");
        Objects.requireNonNull(visibility, "visibility must not be null.");
    }
}
