// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http.web;

import io.civicpulse.gateway.governance.Body;
import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;

import java.util.Comparator;
import java.util.List;

/**
 * What the pages need to label things: the community's time zone (every time is shown in it, whatever the
 * browser's zone) and the public names of bodies and categories. Only public names: never staff or accounts.
 *
 * @param zone       IANA time zone of the community, e.g. {@code Asia/Shanghai}
 * @param bodies     governance bodies with their public names
 * @param categories issue categories with their public names
 */
public record WebSettings(String zone, List<BodyLabel> bodies, List<CategoryLabel> categories) {

    /**
     * @param id   body id
     * @param type body type
     * @param zh   Chinese name
     * @param en   English name
     */
    public record BodyLabel(String id, String type, String zh, String en) {
    }

    /**
     * @param code     category code
     * @param group    category group
     * @param severity default severity
     * @param zh       Chinese name
     * @param en       English name
     */
    public record CategoryLabel(String code, String group, String severity, String zh, String en) {
    }

    /**
     * @param policy the governance policy
     * @return its labels, sorted by id and code
     */
    static WebSettings of(final GovernancePolicy policy) {
        final List<BodyLabel> bodies = policy.bodies().values().stream()
                .sorted(Comparator.comparing(Body::id))
                .map(b -> new BodyLabel(b.id(), b.type().name(), b.nameZh(), b.nameEn())).toList();
        final List<CategoryLabel> categories = policy.categories().values().stream()
                .sorted(Comparator.comparing(Category::code))
                .map(c -> new CategoryLabel(c.code(), c.group(), c.severity().name(), c.nameZh(), c.nameEn()))
                .toList();
        return new WebSettings(policy.calendar().zone().getId(), bodies, categories);
    }
}
