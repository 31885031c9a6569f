// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Routes one application message to every matching session (MQTT 5 §4.7, §4.8): one delivery per client at the
 * highest granted QoS of its matching subscriptions, listing every matching subscription identifier; one member
 * per share group in turn (online members first); No Local and Retain As Published applied per subscription.
 * Stores or clears the retained message first.
 *
 * <p>Thread-safe: called on event loops (client publishes), lane threads (telemetry) and the issue worker (alerts).
 */
final class MessageRouter {
    private final SubscriptionTree tree;
    private final RetainedStore retained;
    private final Function<String, Session> sessions;
    private final BrokerMeters meters;
    private final LongSupplier clock;

    MessageRouter(final SubscriptionTree tree, final RetainedStore retained, final Function<String, Session> sessions,
                  final BrokerMeters meters, final LongSupplier clock) {
        this.tree = tree;
        this.retained = retained;
        this.sessions = sessions;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * @param m the message
     * @return the number of sessions it was sent or queued to
     */
    int publish(final BrokerMessage m) {
        meters.routed();
        if (m.retain()) {
            retained.put(m);
        }
        if (m.expired(clock.getAsLong())) {
            meters.expired();
            return 0;
        }
        final SubscriptionTree.Matches matches = tree.match(m.topic());
        final Map<String, Pick> perClient = new LinkedHashMap<>();
        for (final Subscription s : matches.direct()) {
            if (s.noLocal() && s.clientId().equals(m.publisherId())) {
                continue;
            }
            perClient.computeIfAbsent(s.clientId(), id -> new Pick()).add(s);
        }
        int sent = 0;
        for (final Map.Entry<String, Pick> e : perClient.entrySet()) {
            sent += deliver(e.getKey(), m, e.getValue());
        }
        for (final SubscriptionTree.SharedGroup g : matches.shared()) {
            final Subscription member = chooseMember(g);
            if (member != null) {
                final Pick pick = new Pick();
                pick.add(member);
                sent += deliver(member.clientId(), m, pick);
            }
        }
        return sent;
    }

    private Subscription chooseMember(final SubscriptionTree.SharedGroup g) {
        final List<Subscription> members = g.members();
        if (members.isEmpty()) {
            return null;
        }
        final int turn = g.nextTurn();
        final List<Subscription> online = new ArrayList<>();
        for (final Subscription s : members) {
            final Session session = sessions.apply(s.clientId());
            if (session != null && session.online()) {
                online.add(s);
            }
        }
        final List<Subscription> from = online.isEmpty() ? members : online;
        return from.get(turn % from.size());
    }

    private int deliver(final String clientId, final BrokerMessage m, final Pick pick) {
        final Session session = sessions.apply(clientId);
        if (session == null) {
            return 0;
        }
        final int qos = Math.min(m.qos(), pick.qos);
        session.offer(new Delivery(m, qos, pick.retainAsPublished && m.retain(), List.copyOf(pick.ids)));
        return 1;
    }

    /**
     * Sends the retained messages a new subscription matches (MQTT 5 §3.3.1.3: with RETAIN set).
     *
     * @param session the subscriber
     * @param s       the subscription
     */
    void sendRetained(final Session session, final Subscription s) {
        for (final BrokerMessage m : retained.matching(s.topicFilter(), clock.getAsLong())) {
            final List<Integer> ids = s.subscriptionId() > 0 ? List.of(s.subscriptionId()) : List.of();
            session.offer(new Delivery(m, Math.min(m.qos(), s.qos()), true, ids));
        }
    }

    /** The combined options of one client's matching subscriptions. */
    private static final class Pick {
        private int qos = -1;
        private boolean retainAsPublished;
        private final List<Integer> ids = new ArrayList<>();

        void add(final Subscription s) {
            qos = Math.max(qos, s.qos());
            retainAsPublished |= s.retainAsPublished();
            if (s.subscriptionId() > 0) {
                ids.add(s.subscriptionId());
            }
        }
    }
}
