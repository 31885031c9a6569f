// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import io.civicpulse.gateway.alerts.DeliveryLog.Outcome;
import io.civicpulse.gateway.config.RuleOpsConfig.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * POSTs alert JSON to webhooks, signed with {@code X-CivicPulse-Signature: sha256=<hex HMAC-SHA256 of the body>}
 * (key: the hook's secret), retrying failures (no answer, or a status other than 2xx) with exponential backoff:
 * {@code backoff × 2^(attempt-1)}, at most 5 minutes, up to {@code maxAttempts}. Every attempt is logged in the
 * {@link DeliveryLog}.
 *
 * <p>Threading: requests are asynchronous (JDK HttpClient); retries are scheduled on the given executor, so no
 * caller ever blocks on a slow receiver.
 */
public final class WebhookSender {
    /** Header carrying the body's signature. */
    public static final String SIGNATURE_HEADER = "X-CivicPulse-Signature";
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final ScheduledExecutorService scheduler;
    private final DeliveryLog log;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;

    /**
     * @param scheduler   runs retries
     * @param log         attempt log
     * @param clock       the gateway clock
     * @param maxAttempts attempts per message (&gt;= 1)
     * @param backoff     delay before the first retry
     */
    public WebhookSender(final ScheduledExecutorService scheduler, final DeliveryLog log, final Clock clock,
                         final int maxAttempts, final Duration backoff) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null.");
        this.log = Objects.requireNonNull(log, "log must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null.");
    }

    /**
     * @param secret the HMAC key
     * @param body   the exact bytes sent
     * @return {@code sha256=<lower-case hex>}
     */
    public static String signature(final String secret, final byte[] body) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (final GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java SE implementation.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Sends one alert to one hook (first attempt now). */
    public void send(final Webhook hook, final AlertMessage alert, final byte[] body) {
        attempt(hook, alert, body, 1);
    }

    private void attempt(final Webhook hook, final AlertMessage alert, final byte[] body, final int attempt) {
        final HttpRequest request = HttpRequest.newBuilder(hook.url()).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature(hook.secret(), body))
                .header("X-CivicPulse-Alert-Id", alert.alertId())
                .header("X-CivicPulse-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                record(hook, alert, attempt, Outcome.DELIVERED, response.statusCode(), "", null);
                return;
            }
            final int status = error == null ? response.statusCode() : 0;
            final String why = error == null ? "HTTP " + status : error.getClass().getSimpleName() + ": "
                    + error.getMessage();
            if (attempt >= maxAttempts) {
                record(hook, alert, attempt, Outcome.FAILED, status, why, null);
                LOG.warn("Webhook {} gave up on alert {} after {} attempts: {}", hook, alert.alertId(), attempt, why);
                return;
            }
            final Duration delay = delay(attempt);
            record(hook, alert, attempt, Outcome.RETRYING, status, why, clock.instant().plus(delay));
            scheduler.schedule(() -> attempt(hook, alert, body, attempt + 1), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** @return the wait after a failed attempt: backoff × 2^(attempt-1), capped */
    Duration delay(final int attempt) {
        final int shift = Math.min(attempt - 1, 30);
        final Duration d = backoff.multipliedBy(1L << shift);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void record(final Webhook hook, final AlertMessage alert, final int attempt, final Outcome outcome,
                        final int status, final String error, final java.time.Instant next) {
        log.record(new DeliveryLog.Attempt(clock.instant(), alert.alertId(), hook.bodyId(), hook.url().toString(),
                attempt, alert.reminder(), outcome, status, error, next));
    }
}
