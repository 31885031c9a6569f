// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import java.util.Objects;

/**
 * An organisation that can be assigned to issues, supervise them or receive reports (上报上级).
 *
 * <p>The id appears in MQTT alert topics ({@code cp/{community}/alerts/{bodyId}}), so it is restricted to
 * letters, digits, {@code -} and {@code _}. Immutable.
 *
 * @param id       stable id, never null
 * @param type     kind of body, never null
 * @param parentId body that receives reports about this one (escalation), or null at the top of the hierarchy
 * @param nameZh   public name in Chinese, never null
 * @param nameEn   public name in English, never null
 */
public record Body(String id, BodyType type, String parentId, String nameZh, String nameEn) {
    /** @throws NullPointerException if a component other than {@code parentId} is null */
    public Body {
        Objects.requireNonNull(id, "id must not be null.");
        Objects.requireNonNull(type, "type must not be null.");
        Objects.requireNonNull(nameZh, "nameZh must not be null.");
        Objects.requireNonNull(nameEn, "nameEn must not be null.");
    }

    /** @return {@code "nameZh / nameEn"}, the form used in bilingual public notes */
    public String bilingualName() {
        return nameZh + " / " + nameEn;
    }
}
