// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

/**
 * One granted subscription of one session, with its MQTT 5 subscription options (§3.8.3.1).
 *
 * @param clientId          the subscribing session
 * @param filter            the topic filter as sent, including a {@code $share/{group}/} prefix
 * @param qos               the granted maximum QoS (0-2)
 * @param noLocal           do not send the session its own publications
 * @param retainAsPublished keep the publisher's RETAIN flag on forwarded messages
 * @param retainHandling    0: send retained messages on subscribe; 1: only for a new subscription; 2: never
 * @param subscriptionId    the MQTT 5 subscription identifier, or 0 for none
 */
public record Subscription(String clientId, String filter, int qos, boolean noLocal, boolean retainAsPublished,
                           int retainHandling, int subscriptionId) {
    private static final String SHARE = "$share/";

    /** @return the share group name for {@code $share/{group}/{filter}}, or null for an ordinary subscription */
    public String shareGroup() {
        return shareGroup(filter);
    }

    /** @return the filter topics are matched against (without a {@code $share/{group}/} prefix) */
    public String topicFilter() {
        return topicFilter(filter);
    }

    /**
     * @param filter a filter as sent
     * @return its share group, or null when it is not a shared subscription
     */
    public static String shareGroup(final String filter) {
        if (!filter.startsWith(SHARE)) {
            return null;
        }
        final int slash = filter.indexOf('/', SHARE.length());
        return slash < 0 ? null : filter.substring(SHARE.length(), slash);
    }

    /**
     * @param filter a filter as sent
     * @return the filter without a share prefix; null for a malformed {@code $share} filter
     */
    public static String topicFilter(final String filter) {
        if (!filter.startsWith(SHARE)) {
            return filter;
        }
        final int slash = filter.indexOf('/', SHARE.length());
        if (slash <= SHARE.length() || slash == filter.length() - 1) {
            return null;
        }
        final String group = filter.substring(SHARE.length(), slash);
        // MQTT 5 §4.8.2: the share name must not contain '/', '+' or '#'.
        return group.contains("+") || group.contains("#") ? null : filter.substring(slash + 1);
    }
}
