// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;

/**
 * Jetty's {@link QoSHandler} (at most N requests in handling at once, a bounded queue of waiting ones) answering its
 * refusals with {@link OverloadResponse} (429 + Retry-After + JSON) instead of a bare 503. Server-sent event streams
 * are left out: each holds its request open for as long as the browser stays, and would otherwise take a slot for
 * good.
 */
final class ConcurrencyCap extends QoSHandler {
    private final OverloadResponse refusal;

    /**
     * @param maxConcurrent requests handled at once
     * @param maxQueued     requests waiting for a slot; more are refused at once
     * @param maxQueueWait  longest wait for a slot before a refusal
     * @param refusal       writes and counts the refusals
     */
    ConcurrencyCap(final int maxConcurrent, final int maxQueued, final Duration maxQueueWait,
                   final OverloadResponse refusal) {
        this.refusal = refusal;
        setMaxRequestCount(maxConcurrent);
        setMaxSuspendedRequestCount(maxQueued);
        setMaxSuspend(maxQueueWait);
        exclude(request -> request.getHeaders().contains("Accept", "text/event-stream"));
    }

    @Override
    protected void reject(final Request request, final Response response, final Callback callback, final int status) {
        refusal.refuse("concurrency", response, callback);
    }

    @Override
    protected void expireSuspended(final Request request, final Response response, final Callback callback) {
        refusal.refuse("queue_wait", response, callback);
    }
}
