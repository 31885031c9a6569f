// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bootstrap;

import io.civicpulse.gateway.config.GatewayConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/** Builds the TLS listener's context from the PEM files in {@code mqtt.tls.*} (JDK provider). */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * @param tls the TLS settings (enabled)
     * @return the server context; client certificates are requested when a client CA is configured, and required
     *         when {@code mqtt.tls.requireClientCertificate} is set
     * @throws StartupException naming the files when they cannot be read or do not match
     */
    public static SslContext server(final GatewayConfig.Tls tls) throws StartupException {
        try {
            final SslContextBuilder b = SslContextBuilder.forServer(tls.certificate().toFile(),
                    tls.privateKey().toFile()).sslProvider(SslProvider.JDK);
            if (tls.clientCa() != null) {
                b.trustManager(tls.clientCa().toFile())
                        .clientAuth(tls.requireClientCertificate() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (final Exception e) {
            throw new StartupException("the TLS listener cannot use mqtt.tls.certificate " + tls.certificate()
                    + ", mqtt.tls.privateKey " + tls.privateKey() + (tls.clientCa() == null ? ""
                    : " and mqtt.tls.clientCa " + tls.clientCa()) + " (PEM certificate chain and unencrypted PKCS#8 "
                    + "key expected): " + e.getMessage(), e);
        }
    }
}
