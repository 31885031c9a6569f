// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import io.civicpulse.gateway.governance.Body;

/**
 * A public text in Chinese and English.
 *
 * @param zh Chinese
 * @param en English
 */
public record Bilingual(String zh, String en) {
    /** @return the body's public names; never a person's name */
    static Bilingual of(final Body body) {
        return new Bilingual(body.nameZh(), body.nameEn());
    }

    /** @return {@code "zh / en"} */
    public String both() {
        return zh + " / " + en;
    }
}
