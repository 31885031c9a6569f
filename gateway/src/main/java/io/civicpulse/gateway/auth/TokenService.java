// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.auth;

import io.civicpulse.gateway.governance.Body;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.registry.CrewAccount;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Signs users in (bcrypt hashes of config/crews.yaml) and checks bearer tokens. Tokens are random 256-bit values;
 * only their SHA-256 is stored (table {@code auth_tokens}), so every gateway instance on the same database accepts
 * them and a copy of the table grants nothing. Thread-safe.
 */
public final class TokenService {
    /** Default token lifetime. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);
    /** A valid hash to compare against for unknown users, so timing does not tell which user names exist. */
    private static final String DUMMY_HASH = BCrypt.hashpw("not-a-user", BCrypt.gensalt(4));
    private static final int TOKEN_BYTES = 32;

    private final DataSource dataSource;
    private final Function<String, Optional<CrewAccount>> accounts;
    private final GovernancePolicy policy;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param dataSource the migrated issue database, never null
     * @param accounts   looks up an account by user name, never null
     * @param policy     bodies (their type decides the role), never null
     * @param clock      time source for expiry, never null
     * @param ttl        token lifetime, positive
     */
    public TokenService(final DataSource dataSource, final Function<String, Optional<CrewAccount>> accounts,
                        final GovernancePolicy policy, final Clock clock, final Duration ttl) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null.");
        this.accounts = Objects.requireNonNull(accounts, "accounts must not be null.");
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.ttl = Objects.requireNonNull(ttl, "ttl must not be null.");
    }

    /**
     * @param username user name, may be null
     * @param password password, may be null
     * @return a new token
     * @throws AuthException 401 if the user is unknown or the password wrong (one message for both)
     */
    public IssuedToken issue(final String username, final String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw AuthException.unauthenticated("username and password are required");
        }
        final Optional<CrewAccount> account = accounts.apply(username);
        final boolean ok = checkPassword(password, account.map(CrewAccount::passwordHash).orElse(DUMMY_HASH));
        if (account.isEmpty() || !ok) {
            throw AuthException.unauthenticated("unknown user or wrong password");
        }
        final Body body = policy.body(account.get().bodyId()).orElseThrow(() ->
                AuthException.forbidden("the body of user " + username + " is not in the governance policy"));
        final byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        final Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        final IssuedToken issued = new IssuedToken(token, now.plus(ttl), username, body.id(), Role.of(body.type()));
        store(issued, now);
        return issued;
    }

    /**
     * @param token a bearer token, may be null
     * @return the actor it belongs to, or empty if unknown or expired
     */
    public Optional<Actor> authenticate(final String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        final String sql = "SELECT username, body_id, role, expires_at FROM auth_tokens WHERE token_sha256 = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sha256(token));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                final Instant expires = rs.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                if (!expires.isAfter(clock.instant())) {
                    return Optional.empty();
                }
                return Optional.of(new Actor(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))));
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot check a token: " + e.getMessage(), e);
        }
    }

    /**
     * Signs out: the token stops working at once.
     *
     * @param token a bearer token, may be null
     * @return true if it was known (expired or not)
     */
    public boolean revoke(final String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM auth_tokens WHERE token_sha256 = ?")) {
            ps.setString(1, sha256(token));
            return ps.executeUpdate() > 0;
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot revoke a token: " + e.getMessage(), e);
        }
    }

    private void store(final IssuedToken t, final Instant now) {
        final String sql = "INSERT INTO auth_tokens (token_sha256, username, body_id, role, issued_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sha256(t.token()));
            ps.setString(2, t.username());
            ps.setString(3, t.bodyId());
            ps.setString(4, t.role().name());
            ps.setObject(5, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setObject(6, LocalDateTime.ofInstant(t.expiresAt(), ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot store a token: " + e.getMessage(), e);
        }
    }

    private static boolean checkPassword(final String password, final String hash) {
        try {
            return BCrypt.checkpw(password, hash);
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    static String sha256(final String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
