// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http.web;

import io.civicpulse.gateway.governance.GovernancePolicy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Serves the web front end from the jar: the public page at {@code /}, the console at {@code /console/} (every path
 * below it answers with the console's page, so a reloaded or shared link such as {@code /console/issues/SQ-1}
 * works), the scripts and styles at {@code /assets/}, front-end packages at {@code /webjars/} and the settings the
 * pages need (time zone, body and category names) at {@code GET /api/web/settings}. Nothing is fetched from the
 * network at run time.
 */
public final class WebRoutes {
    /** Classpath folder of the pages and assets. */
    static final String ROOT = "/web";
    private final byte[] publicPage;
    private final byte[] consolePage;
    private final WebSettings settings;

    private WebRoutes(final byte[] publicPage, final byte[] consolePage, final WebSettings settings) {
        this.publicPage = publicPage;
        this.consolePage = consolePage;
        this.settings = settings;
    }

    /**
     * @param policy the governance policy (time zone, bodies, categories), never null
     * @return the routes, with both pages read from the jar
     * @throws UncheckedIOException if the jar lacks a page (a broken build)
     */
    public static WebRoutes create(final GovernancePolicy policy) {
        Objects.requireNonNull(policy, "policy must not be null.");
        return new WebRoutes(page("public/index.html"), page("console/index.html"), WebSettings.of(policy));
    }

    /**
     * Mounts the routes; call from {@code HttpApi.addRoutes}.
     *
     * @param config the Javalin configuration
     */
    public void mount(final JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = ROOT + "/assets";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.routes.get("/", ctx -> html(ctx, publicPage));
        // Javalin ignores trailing slashes, so this serves both /console and /console/.
        config.routes.get("/console", ctx -> html(ctx, consolePage));
        config.routes.get("/console/<path>", ctx -> html(ctx, consolePage));
        config.routes.get("/api/web/settings", ctx -> ctx.json(settings));
    }

    private static void html(final Context ctx, final byte[] page) {
        // Pages are small and change only with a new jar; no-cache keeps a browser from holding an old console.
        ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(page);
    }

    private static byte[] page(final String name) {
        try (InputStream in = WebRoutes.class.getResourceAsStream(ROOT + "/" + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the jar lacks " + ROOT + "/" + name
                        + "; rebuild with ./mvnw package"));
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
