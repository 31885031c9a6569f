// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.topic;

/** MQTT topic-filter matching ({@code +} one level, {@code #} the rest; MQTT 3.1.1 §4.7, MQTT 5 §4.7). */
public final class TopicFilter {
    private TopicFilter() {
    }

    /**
     * @param filter a subscription filter
     * @param topic  a concrete topic name
     * @return true when the filter matches the topic
     */
    public static boolean matches(final String filter, final String topic) {
        // Topics starting with '$' are not matched by filters starting with a wildcard (§4.7.2).
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        final String[] f = filter.split("/", -1);
        final String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if ("#".equals(f[i])) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!"+".equals(f[i]) && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /**
     * @param filter a subscription filter
     * @return true when the filter is well formed: wildcards occupy whole levels and {@code #} is last
     */
    public static boolean isValid(final String filter) {
        if (filter.isEmpty() || filter.indexOf('\0') >= 0) {
            return false;
        }
        final String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            final String level = levels[i];
            if (level.contains("#") && (!"#".equals(level) || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !"+".equals(level)) {
                return false;
            }
        }
        return true;
    }
}
