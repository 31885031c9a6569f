// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** What a connection's transport says about the client: its address and a verified TLS client certificate. */
final class ClientCertificates {
    private ClientCertificates() {
    }

    /**
     * @param channel a connection
     * @return the remote host address, or null when it is not a socket (tests)
     */
    static String remoteHost(final Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }

    /**
     * @param channel a connection
     * @return the subject CN of the client certificate the TLS handshake verified against {@code mqtt.tls.clientCa},
     *         or null without TLS or without a client certificate
     */
    static String deviceId(final Channel channel) {
        final SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            final Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
                return null;
            }
            for (final Rdn rdn : new LdapName(x509.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (final SSLPeerUnverifiedException | InvalidNameException e) {
            return null;
        }
    }
}
