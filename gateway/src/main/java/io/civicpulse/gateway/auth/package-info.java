// SPDX-License-Identifier: Apache-2.0
/** HTTP sign-in and roles: bcrypt-checked crew accounts, SHA-256-stored bearer tokens, roles from body types. */
package io.civicpulse.gateway.auth;
