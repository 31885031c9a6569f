// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The ACL as documented (config/devices.yaml, config/crews.yaml, docs/device-protocol.md), written again for the
 * tests without the gateway's code: a device subscribes only to its own command topic and publishes only about
 * itself; a crew subscribes only to {@code cp/{community|+}/alerts/{its body}}. Also draws random filters and topics
 * over two communities, and matches filters to topics as MQTT §4.7 says.
 */
final class AclOracle {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    /** A registry device of the test. */
    record Device(String id, String type, String community, boolean mqtt5) {
        String topic(final String leaf) {
            return "cp/" + community + "/" + type + "/" + id + "/" + leaf;
        }
    }

    private final List<Device> devices;
    private final Map<String, String> crews;

    AclOracle(final List<Device> devices, final Map<String, String> crews) {
        this.devices = devices;
        this.crews = crews;
    }

    Optional<Device> device(final String name) {
        return devices.stream().filter(d -> d.id().equals(name)).findFirst();
    }

    boolean mayRead(final String client, final String filter) {
        final String inner = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
        final Optional<Device> device = device(client);
        if (device.isPresent()) {
            return inner.equals(device.get().topic("cmd"));
        }
        final String[] levels = inner.split("/", -1);
        return levels.length == 4 && "cp".equals(levels[0]) && "alerts".equals(levels[2])
                && ("+".equals(levels[1]) || SEGMENT.matcher(levels[1]).matches())
                && crews.get(client).equals(levels[3]);
    }

    /** A filter that is often allowed for this client, often one letter off, and sometimes a wide wildcard. */
    String randomFilter(final Random rnd, final String client, final boolean mqtt5) {
        final Device d = devices.get(rnd.nextInt(devices.size()));
        final String community = pick(rnd, "lakeside", "hillview", "+");
        final List<String> bodies = new ArrayList<>(crews.values());
        bodies.add("+");
        final String body = bodies.get(rnd.nextInt(bodies.size()));
        final String own = device(client).map(x -> x.topic("cmd"))
                .orElse("cp/" + community + "/alerts/" + crews.get(client));
        final String filter = switch (rnd.nextInt(9)) {
            case 0, 1 -> own;
            case 2 -> d.topic("cmd");
            case 3 -> "cp/" + community + "/" + pick(rnd, d.type(), "+") + "/" + pick(rnd, d.id(), "+") + "/cmd";
            case 4 -> "cp/" + community + "/#";
            case 5 -> pick(rnd, "#", "cp/#", "cp/+/+/+/+");
            case 6 -> "cp/" + community + "/alerts/" + body;
            case 7 -> d.topic(pick(rnd, "status", "telemetry", "+"));
            default -> "cp/" + community + "/alerts/#";
        };
        return mqtt5 && rnd.nextInt(4) == 0 ? "$share/g" + rnd.nextInt(2) + "/" + filter : filter;
    }

    /** A topic the gateway publishes on: a command, an alert (of a crew's body or another) or a status. */
    String randomTopic(final Random rnd) {
        final Device d = devices.get(rnd.nextInt(devices.size()));
        final List<String> bodies = new ArrayList<>(crews.values());
        bodies.add("roads-office");
        return switch (rnd.nextInt(3)) {
            case 0 -> d.topic("cmd");
            case 1 -> "cp/" + pick(rnd, "lakeside", "hillview") + "/alerts/" + bodies.get(rnd.nextInt(bodies.size()));
            default -> d.topic("status");
        };
    }

    /** MQTT §4.7 matching of a (possibly shared) filter to a topic name without '$'. */
    static boolean matches(final String filter, final String topic) {
        final String inner = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
        final String[] f = inner.split("/", -1);
        final String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if ("#".equals(f[i])) {
                return true;
            }
            if (i >= t.length || !"+".equals(f[i]) && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    private static String pick(final Random rnd, final String... options) {
        return options[rnd.nextInt(options.length)];
    }
}
