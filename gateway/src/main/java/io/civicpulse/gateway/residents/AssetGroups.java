// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import java.util.Map;

/** Which registered device type is the asset of which category group (a category family, GOVERNANCE.md §2.6). */
public final class AssetGroups {
    private static final Map<String, String> TYPE_BY_GROUP = Map.of("streetlight", "streetlight", "waste", "bin",
            "gate", "gate");

    private AssetGroups() {
    }

    /**
     * @param deviceType a registry device type ({@code streetlight}, {@code bin}, {@code gate})
     * @param group      a category group ({@code streetlight}, {@code waste}, {@code gate})
     * @return true if a device of that type can be the asset of a category of that group
     */
    public static boolean fits(final String deviceType, final String group) {
        return deviceType.equals(TYPE_BY_GROUP.get(group));
    }
}
