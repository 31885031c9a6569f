// SPDX-License-Identifier: Apache-2.0
/** The platform handling routine matters itself (ROUTINE_AUTO): device commands and their fallback. */
package io.civicpulse.gateway.autohandling;
