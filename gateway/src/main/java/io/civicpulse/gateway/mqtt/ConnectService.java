// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.CrewAccount;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides who may connect. Password hashes are checked with bcrypt, which is deliberately slow, so checks run on
 * a small bounded pool and never on the Netty event loop; a full pool refuses with "server busy" rather than
 * queueing without limit.
 *
 * <p>Thread-safe.
 */
public final class ConnectService implements AutoCloseable {
    private final Registry registry;
    private final ThreadPoolExecutor checks;
    private final AuthThrottle throttle;
    private final boolean allowAnonymous;

    /**
     * @param registry     devices and crews
     * @param threads      password-check threads
     * @param maxPending   CONNECTs that may wait for a check before new ones are refused
     */
    public ConnectService(final Registry registry, final int threads, final int maxPending) {
        this(registry, threads, maxPending, AuthThrottle.off(), false);
    }

    /**
     * @param registry       devices and crews
     * @param threads        password-check threads
     * @param maxPending     CONNECTs that may wait for a check before new ones are refused
     * @param throttle       refuses addresses with repeated failed logins
     * @param allowAnonymous admit clients that are neither a device nor a crew account (lab only)
     */
    public ConnectService(final Registry registry, final int threads, final int maxPending,
                          final AuthThrottle throttle, final boolean allowAnonymous) {
        this.registry = registry;
        this.throttle = throttle;
        this.allowAnonymous = allowAnonymous;
        final AtomicInteger n = new AtomicInteger();
        this.checks = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxPending), r -> {
                    final Thread t = new Thread(r, "cp-auth-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Checks a CONNECT's identity and password.
     *
     * @param clientId the client id
     * @param username the user name, may be null
     * @param password the password bytes, may be null
     * @return the decision, completed on a check thread (or at once when no hash needs checking)
     */
    public CompletableFuture<ConnectDecision> authenticate(final String clientId, final String username,
                                                           final byte[] password) {
        return authenticate(clientId, username, password, null, null);
    }

    /**
     * Checks a CONNECT's identity: by TLS client certificate when its subject CN names a registered device that is
     * also the client id (no password needed), else by password. Failed password checks count against the remote
     * address, as do unknown client ids; a throttled address is refused at once.
     *
     * @param clientId          the client id
     * @param username          the user name, may be null
     * @param password          the password bytes, may be null; never logged
     * @param remoteAddress     the remote host address, or null when unknown
     * @param certificateDevice the CN of a verified TLS client certificate, or null
     * @return the decision, completed on a check thread (or at once when no hash needs checking)
     */
    public CompletableFuture<ConnectDecision> authenticate(final String clientId, final String username,
                                                           final byte[] password, final String remoteAddress,
                                                           final String certificateDevice) {
        if (throttle.blocked(remoteAddress)) {
            return CompletableFuture.completedFuture(ConnectDecision.refuse(ConnectOutcome.THROTTLED,
                    "too many failed logins from " + remoteAddress + "; retry later"));
        }
        if (certificateDevice != null && certificateDevice.equals(clientId)
                && (username == null || username.equals(clientId))) {
            final Optional<Device> device = registry.device(clientId);
            if (device.isPresent()) {
                return CompletableFuture.completedFuture(new ConnectDecision(ConnectOutcome.ACCEPTED,
                        new ClientIdentity.DeviceClient(device.get()), ""));
            }
        }
        return identify(clientId, username, password).thenApply(d -> {
            // Unknown client ids count too: guessing ids is as much an attack as guessing passwords.
            if (d.outcome() == ConnectOutcome.BAD_CREDENTIALS || d.outcome() == ConnectOutcome.UNKNOWN_CLIENT) {
                throttle.failed(remoteAddress);
            }
            return d;
        });
    }

    private CompletableFuture<ConnectDecision> identify(final String clientId, final String username,
                                                        final byte[] password) {
        final Optional<CrewAccount> crew = username == null ? Optional.empty() : registry.crew(username);
        if (crew.isPresent()) {
            if (registry.device(clientId).isPresent()) {
                // Otherwise crew credentials could take over (and so knock offline) any device's session.
                return CompletableFuture.completedFuture(ConnectDecision.refuse(ConnectOutcome.UNKNOWN_CLIENT,
                        "client id '" + clientId + "' belongs to a device; crew " + username + " must use another"));
            }
            return check(password, crew.get().passwordHash(), new ClientIdentity.CrewClient(crew.get()),
                    "crew account " + username);
        }
        final Optional<Device> device = registry.device(clientId);
        if (device.isEmpty() && allowAnonymous) {
            return CompletableFuture.completedFuture(new ConnectDecision(ConnectOutcome.ACCEPTED,
                    new ClientIdentity.AnonymousClient(clientId), ""));
        }
        if (device.isEmpty()) {
            return CompletableFuture.completedFuture(ConnectDecision.refuse(ConnectOutcome.UNKNOWN_CLIENT,
                    "client id '" + clientId + "' is not a registered device and '" + username
                            + "' is not a crew account"));
        }
        if (!clientId.equals(username)) {
            return CompletableFuture.completedFuture(ConnectDecision.refuse(ConnectOutcome.BAD_CREDENTIALS,
                    "device " + clientId + " must use its id as user name"));
        }
        return check(password, device.get().passwordHash(), new ClientIdentity.DeviceClient(device.get()),
                "device " + clientId);
    }

    private CompletableFuture<ConnectDecision> check(final byte[] password, final String hash,
                                                     final ClientIdentity identity, final String who) {
        if (password == null || password.length == 0) {
            return CompletableFuture.completedFuture(ConnectDecision.refuse(ConnectOutcome.BAD_CREDENTIALS,
                    who + " sent no password"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                final String plain = new String(password, StandardCharsets.UTF_8);
                return BCrypt.checkpw(plain, hash)
                        ? new ConnectDecision(ConnectOutcome.ACCEPTED, identity, "")
                        : ConnectDecision.refuse(ConnectOutcome.BAD_CREDENTIALS, "wrong password for " + who);
            }, checks);
        } catch (final RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ConnectDecision.refuse(ConnectOutcome.SERVER_BUSY,
                    "too many connections are being authenticated; retry later"));
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
