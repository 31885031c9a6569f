// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.topic.TopicFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The last retained message per topic (MQTT §3.3.1.3): stored on a PUBLISH with RETAIN, removed by one with an
 * empty payload, dropped when its message expiry passes. Changes are reported to the persister.
 *
 * <p>Thread-safe.
 */
final class RetainedStore {
    private final Map<String, BrokerMessage> byTopic = new ConcurrentHashMap<>();
    private final Consumer<String> changed;

    /** @param changed told the topic of every change, so it can be written to disk */
    RetainedStore(final Consumer<String> changed) {
        this.changed = changed;
    }

    /** @param message a PUBLISH with the RETAIN flag; an empty payload clears the topic */
    void put(final BrokerMessage message) {
        if (message.payload().length == 0) {
            byTopic.remove(message.topic());
        } else {
            byTopic.put(message.topic(), message);
        }
        changed.accept(message.topic());
    }

    /** @param message a message restored from disk */
    void restore(final BrokerMessage message) {
        byTopic.put(message.topic(), message);
    }

    /**
     * @param topic a topic
     * @return its retained message, or null
     */
    BrokerMessage get(final String topic) {
        return byTopic.get(topic);
    }

    /**
     * @param filter    a topic filter (without a share prefix)
     * @param nowMillis the current time; expired messages are dropped
     * @return the retained messages the filter matches
     */
    List<BrokerMessage> matching(final String filter, final long nowMillis) {
        final List<BrokerMessage> out = new ArrayList<>();
        for (final BrokerMessage m : byTopic.values()) {
            if (m.expired(nowMillis)) {
                if (byTopic.remove(m.topic(), m)) {
                    changed.accept(m.topic());
                }
            } else if (TopicFilter.matches(filter, m.topic())) {
                out.add(m);
            }
        }
        return out;
    }

    /** @return every retained message */
    Collection<BrokerMessage> all() {
        return byTopic.values();
    }

    /** @return the number of retained topics */
    int size() {
        return byTopic.size();
    }
}
