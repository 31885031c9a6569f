// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Writes the device registry YAML the gateway loads: who may connect, with which secret (bcrypt hash),
 * where the device stands.
 *
 * <p>The YAML is written by hand: it is a flat list of scalars whose values (ids, area names, bcrypt
 * hashes, decimal degrees) never need escaping, and the simulators should not depend on a YAML library.
 */
public final class RegistryWriter {

    /** bcrypt cost (log2 rounds) written by default; see {@link #RegistryWriter(int, int)}. */
    public static final int DEFAULT_BCRYPT_COST = 6;
    public static final int DEFAULT_INTERVAL_SECONDS = 10;
    private static final int MIN_COST = 4;
    private static final int MAX_COST = 31;

    private final int bcryptCost;
    private final int intervalSeconds;
    private final boolean devEuis;

    /**
     * A writer hashing with {@code bcryptCost} and announcing {@code intervalSeconds} as each device's
     * reporting interval.
     *
     * <p>Cost 6 is enough here: the secrets are 128-bit random tokens, not guessable passwords, so the
     * hash need not slow down an attacker; a low cost keeps 10,000 device connects cheap for the gateway.
     *
     * @throws IllegalArgumentException if the cost is outside 4..31 or the interval is not positive
     */
    public RegistryWriter(final int bcryptCost, final int intervalSeconds) {
        this(bcryptCost, intervalSeconds, false);
    }

    /**
     * As {@link #RegistryWriter(int, int)}; with {@code devEuis} every device also gets the DevEUI a fleet
     * publishing ChirpStack or TTN uplinks uses ({@link DeviceSecrets#devEui}).
     */
    public RegistryWriter(final int bcryptCost, final int intervalSeconds, final boolean devEuis) {
        if (bcryptCost < MIN_COST || bcryptCost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be within " + MIN_COST + ".." + MAX_COST
                    + ", was " + bcryptCost);
        }
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("interval must be at least 1 second, was " + intervalSeconds);
        }
        this.bcryptCost = bcryptCost;
        this.intervalSeconds = intervalSeconds;
        this.devEuis = devEuis;
    }

    /** Writes the registry of {@code shape} to {@code file}, creating parent folders. */
    public void write(final FleetShape shape, final Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                write(shape, out);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the registry to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the registry of {@code shape} to {@code out}; does not close it. */
    public void write(final FleetShape shape, final Appendable out) throws IOException {
        final List<DeviceIdentity> devices = FleetLayout.devices(shape);
        // bcrypt dominates (a few ms per hash); hash in parallel, write in id order.
        final List<String> hashes = devices.parallelStream()
                .map(device -> hash(DeviceSecrets.secret(shape.seed(), device.id())))
                .toList();
        header(shape, out);
        out.append("devices:\n");
        for (int i = 0; i < devices.size(); i++) {
            entry(devices.get(i), hashes.get(i), out);
            if (devEuis) {
                final String devEui = DeviceSecrets.devEui(shape.seed(), devices.get(i).id());
                out.append("    devEui: \"").append(devEui).append("\"\n");
            }
        }
    }

    private String hash(final String secret) {
        return BCrypt.hashpw(secret, BCrypt.gensalt(bcryptCost));
    }

    private void header(final FleetShape shape, final Appendable out) throws IOException {
        out.append("# Device registry: who may connect, with which secret (bcrypt hash), where the device stands.\n");
        out.append("# Written by: civicpulse-simulators registry --seed ").append(Long.toString(shape.seed()))
                .append(" --streetlights ").append(Integer.toString(shape.streetlights()))
                .append(" --bins ").append(Integer.toString(shape.bins()))
                .append(" --gates ").append(Integer.toString(shape.gates()))
                .append(" --community ").append(shape.community())
                .append(" --interval ").append(Integer.toString(intervalSeconds))
                .append(" --bcrypt-cost ").append(Integer.toString(bcryptCost)).append('\n');
        out.append("# Simulated credentials only: each secret is derived from the seed and the device id\n");
        out.append("# (SHA-256 of \"civicpulse-sim:<seed>:<id>\", first 32 hex chars), so anyone who knows the seed\n");
        out.append("# knows every password. Never register real devices with these.\n");
        out.append("# bcrypt cost ").append(Integer.toString(bcryptCost))
                .append(": the secrets are 128-bit random tokens, not guessable words, so a low cost is safe\n");
        out.append("# and keeps thousands of device connects cheap.\n");
        out.append("# segment (streetlights only): ").append(Integer.toString(FleetLayout.LAMPS_PER_SEGMENT))
                .append(" lamps per road segment.\n");
    }

    private void entry(final DeviceIdentity device, final String hash, final Appendable out) throws IOException {
        out.append("  - id: ").append(device.id()).append('\n');
        out.append("    type: ").append(device.type().topicName()).append('\n');
        out.append("    community: ").append(device.community()).append('\n');
        out.append("    passwordHash: \"").append(hash).append("\"\n");
        out.append("    intervalSeconds: ").append(Integer.toString(intervalSeconds)).append('\n');
        out.append("    lat: ").append(String.format(Locale.ROOT, "%.6f", device.lat())).append('\n');
        out.append("    lon: ").append(String.format(Locale.ROOT, "%.6f", device.lon())).append('\n');
        out.append("    area: ").append(device.area()).append('\n');
        if (device.segment() != null) {
            out.append("    segment: ").append(device.segment()).append('\n');
        }
    }
}
