// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import io.civicpulse.gateway.governance.Body;
import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Timeline notes of resident reports. Public notes are bilingual and never name the reporter, a person or a device
 * (GOVERNANCE.md §2.7); internal notes name the report id and channel only, so staff look identity up in the
 * report, where access can be controlled. Thread-safe.
 */
final class ReportNotes {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final GovernancePolicy policy;

    ReportNotes(final GovernancePolicy policy) {
        this.policy = policy;
    }

    String opened(final Category c) {
        return "居民报告：" + c.nameZh() + " / Reported by a resident: " + c.nameEn();
    }

    String triaged() {
        return "平台已受理 / Received by the platform";
    }

    String registered() {
        return "已立案 / Registered";
    }

    String autoHandling(final Category c) {
        final Body lead = lead(c);
        return "平台自动处置中，已通知" + lead.nameZh() + " / Handled automatically; " + lead.nameEn() + " notified";
    }

    String dispatched(final Category c, final Instant dispose) {
        final Body lead = lead(c);
        final String due = LOCAL.format(dispose.atZone(policy.calendar().zone()));
        return "已派遣至" + lead.nameZh() + "，处置时限" + due + " / Dispatched to " + lead.nameEn() + ", due " + due;
    }

    String mergedPublic(final int count) {
        return "居民再次报告（共" + count + "次） / Reported again by a resident (" + count + " observations)";
    }

    String internal(final String reportId, final Channel channel, final String assetId) {
        return "resident report " + reportId + " via " + channel + (assetId == null ? ", no asset"
                : ", asset " + assetId);
    }

    private Body lead(final Category c) {
        // Policy validation guarantees every referenced body exists.
        return policy.body(c.leadBodyId()).orElseThrow();
    }
}
