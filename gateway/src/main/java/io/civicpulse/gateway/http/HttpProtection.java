// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import io.civicpulse.gateway.config.GatewayConfig;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DoSHandler;

/**
 * Puts the HTTP API's defences into Javalin's Jetty: a connector with the idle timeout and the {@link HeaderDeadline},
 * then, in front of every route, Jetty's {@link DoSHandler} (a leaky bucket per remote address) and the
 * {@link ConcurrencyCap} (Jetty's QoSHandler). Javalin attaches its own servlet handler inside the innermost wrapper
 * set here. Refusals are 429 with Retry-After ({@link OverloadResponse}); none of this touches the MQTT listener.
 */
final class HttpProtection {
    private HttpProtection() {
    }

    /**
     * @param config   the Javalin configuration being built
     * @param settings bind address, port, timeouts and limits
     * @param metrics  counts refusals and header timeouts ({@link HttpMetrics})
     */
    static void install(final JavalinConfig config, final GatewayConfig.Http settings, final MeterRegistry metrics) {
        config.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, settings, metrics));
        final OverloadResponse refusal = new OverloadResponse(metrics, settings.limits().retryAfter());
        config.jetty.modifyServer(server -> server.setHandler(chain(settings.limits(), refusal)));
    }

    private static ServerConnector connector(final Server server,
                                             final HttpConfiguration httpConfig,
                                             final GatewayConfig.Http settings, final MeterRegistry metrics) {
        final ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        final HeaderDeadline deadline = new HeaderDeadline(connector.getScheduler(), settings.headerTimeout(),
                metrics.counter(HttpMetrics.HEADER_TIMEOUTS));
        connector.addEventListener(deadline);
        connector.addBean(deadline);
        return connector;
    }

    /** @return the outermost wrapper; its innermost wrapper has no handler yet: Javalin puts its own there */
    private static Handler.Wrapper chain(final GatewayConfig.HttpLimits limits, final OverloadResponse refusal) {
        final Handler.Wrapper cap = limits.maxConcurrent() > 0
                ? new ConcurrencyCap(limits.maxConcurrent(), limits.maxQueued(), limits.maxQueueWait(), refusal)
                : null;
        if (limits.clientRate() <= 0) {
            return cap != null ? cap : new Handler.Wrapper();
        }
        // The bucket holds clientBurst requests and drains clientRate a second; idle buckets are forgotten.
        final DoSHandler.Tracker.Factory buckets = new DoSHandler.LeakingBucketTrackerFactory(limits.clientRate(),
                limits.clientBurst(), null);
        return new DoSHandler(cap, DoSHandler.ID_FROM_REMOTE_ADDRESS, buckets, refusal.clientRateRefusal(), -1);
    }
}
