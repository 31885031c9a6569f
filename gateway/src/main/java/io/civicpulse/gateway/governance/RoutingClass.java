// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

/** Who handles a category's issues (GOVERNANCE.md §0.3, §2.4). */
public enum RoutingClass {
    /** The platform handles it itself (remote action or an automatic work order to a contractor). */
    ROUTINE_AUTO,
    /** Residents' committee, a self-governing organisation or enterprise service staff. */
    PUBLIC_SERVICE,
    /** District staff decide: handle at district level or dispatch down to the street office. */
    ADMINISTRATIVE,
    /** One lead (牵头) and at least one assist (协办). */
    MIXED
}
