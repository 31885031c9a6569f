// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every session's subscriptions in a tree by topic level, so matching a topic costs its depth rather than the
 * number of subscriptions (a publish that nobody reads, such as most telemetry, finds nothing in a few lookups).
 * Ordinary subscriptions are kept per client id; shared subscriptions per share group (MQTT 5 §4.8.2).
 *
 * <p>Thread-safe: subscribe and unsubscribe run on event loops, matching on any publishing thread.
 */
final class SubscriptionTree {
    private final Node root = new Node();

    /** @param s a subscription to add or to replace (same client and filter) */
    void add(final Subscription s) {
        final Node node = nodeFor(s.topicFilter(), true);
        final String group = s.shareGroup();
        if (group == null) {
            node.subscribers.put(s.clientId(), s);
        } else {
            node.shared.computeIfAbsent(group, g -> new SharedGroup()).members.put(s.clientId(), s);
        }
    }

    /**
     * @param clientId the session
     * @param filter   the filter as subscribed
     * @return true when a subscription was removed
     */
    boolean remove(final String clientId, final String filter) {
        final String topicFilter = Subscription.topicFilter(filter);
        final Node node = topicFilter == null ? null : nodeFor(topicFilter, false);
        if (node == null) {
            return false;
        }
        final String group = Subscription.shareGroup(filter);
        if (group == null) {
            return node.subscribers.remove(clientId) != null;
        }
        final SharedGroup g = node.shared.get(group);
        return g != null && g.members.remove(clientId) != null;
    }

    /**
     * @param topic a topic name
     * @return every ordinary subscription matching it, and every matching share group's members
     */
    Matches match(final String topic) {
        final Matches out = new Matches(new ArrayList<>(), new ArrayList<>());
        final String[] levels = topic.split("/", -1);
        collect(root, levels, 0, topic.startsWith("$"), out);
        return out;
    }

    private void collect(final Node node, final String[] levels, final int i, final boolean dollar,
                         final Matches out) {
        // MQTT §4.7.2: a filter starting with a wildcard does not match a topic starting with '$'.
        final boolean wildcardsAllowed = !(i == 0 && dollar);
        final Node hash = wildcardsAllowed ? node.children.get("#") : null;
        if (hash != null) {
            add(hash, out);
        }
        if (i == levels.length) {
            add(node, out);
            return;
        }
        final Node plus = wildcardsAllowed ? node.children.get("+") : null;
        if (plus != null) {
            collect(plus, levels, i + 1, dollar, out);
        }
        final Node exact = node.children.get(levels[i]);
        if (exact != null) {
            collect(exact, levels, i + 1, dollar, out);
        }
    }

    private static void add(final Node node, final Matches out) {
        out.direct().addAll(node.subscribers.values());
        for (final SharedGroup g : node.shared.values()) {
            if (!g.members.isEmpty()) {
                out.shared().add(g);
            }
        }
    }

    private Node nodeFor(final String filter, final boolean create) {
        Node node = root;
        for (final String level : filter.split("/", -1)) {
            node = create ? node.children.computeIfAbsent(level, l -> new Node()) : node.children.get(level);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /**
     * What a topic matched.
     *
     * @param direct ordinary subscriptions (a client may appear more than once through overlapping filters)
     * @param shared share groups, each of which delivers to one member
     */
    record Matches(List<Subscription> direct, List<SharedGroup> shared) {
    }

    /** The members of one share group on one filter, served in turn. */
    static final class SharedGroup {
        private final Map<String, Subscription> members = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();

        /** @return the members, in a stable order */
        List<Subscription> members() {
            final List<Subscription> list = new ArrayList<>(members.values());
            list.sort((a, b) -> a.clientId().compareTo(b.clientId()));
            return list;
        }

        /** @return a counter that advances by one per message, for round robin */
        int nextTurn() {
            return next.getAndIncrement() & Integer.MAX_VALUE;
        }
    }

    /** One topic level. */
    private static final class Node {
        private final Map<String, Node> children = new ConcurrentHashMap<>();
        private final Map<String, Subscription> subscribers = new ConcurrentHashMap<>();
        private final Map<String, SharedGroup> shared = new ConcurrentHashMap<>();
    }
}
