// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Answers a refused request with 429 Too Many Requests, a Retry-After header and the API's JSON error body, and counts
 * it by limit. Runs on a Jetty thread, before any route: it uses Jetty's core API, not Javalin's context.
 */
final class OverloadResponse {
    /** 429 Too Many Requests (RFC 6585). */
    static final int STATUS = 429;

    private final MeterRegistry metrics;
    private final String retryAfterSeconds;

    /**
     * @param metrics    counts refusals under {@link HttpMetrics#REFUSED}
     * @param retryAfter the wait advised to the client; rounded up to whole seconds, at least one
     */
    OverloadResponse(final MeterRegistry metrics, final Duration retryAfter) {
        this.metrics = metrics;
        final long millis = retryAfter.toMillis();
        this.retryAfterSeconds = Long.toString(Math.max(1, (millis + 999) / 1000));
    }

    /**
     * Writes the refusal and completes the request.
     *
     * @param limit    the limit that refused it (a metric tag value)
     * @param response the response, not yet committed
     * @param callback completed when the body is written
     */
    void refuse(final String limit, final Response response, final Callback callback) {
        metrics.counter(HttpMetrics.REFUSED, "limit", limit).increment();
        final String message = switch (limit) {
            case "client_rate" -> "too many requests from your address; retry after " + retryAfterSeconds + " s";
            default -> "the server is busy; retry after " + retryAfterSeconds + " s";
        };
        final byte[] body = ("{\"status\":" + STATUS + ",\"error\":\"" + message + "\",\"limit\":\"" + limit + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(STATUS);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** @return a Jetty request handler refusing with this response, for the per-address rate limit */
    Request.Handler clientRateRefusal() {
        return (request, response, callback) -> {
            refuse("client_rate", response, callback);
            return true;
        };
    }
}
