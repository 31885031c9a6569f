// SPDX-License-Identifier: Apache-2.0
/** Deadlines over time: the escalation ladder and its scheduler, the lab clock, the governance engine's wiring. */
package io.civicpulse.gateway.escalation;
