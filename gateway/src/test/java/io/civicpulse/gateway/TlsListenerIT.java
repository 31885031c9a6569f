// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3, item 2: the MQTT TLS listener from PEM files in {@code mqtt.tls.*}, optional client certificates whose
 * subject CN names the device, and the plain listener alongside. The CA and certificates are made at test time with
 * the {@code openssl} command.
 */
class TlsListenerIT {
    private static final String SL = "sl-001";
    private static final String CERT_DEVICE = "sl-002";

    @TempDir
    static Path pki;

    @TempDir
    Path dataDir;

    private Gateway gateway;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        try {
            openssl("version");
        } catch (final IOException e) {
            Assumptions.abort("openssl not found: " + e.getMessage());
        }
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
        openssl("req", "-x509", "-new", "-key", "ca.key", "-out", "ca.pem", "-days", "2", "-subj",
                "/CN=CivicPulse Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        issue("server", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        issue("client", "/CN=" + CERT_DEVICE, "extendedKeyUsage=clientAuth\n");
    }

    private static void issue(final String name, final String subject, final String extensions) throws Exception {
        Files.writeString(pki.resolve(name + ".ext"), extensions);
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        openssl("req", "-new", "-key", name + ".key", "-subj", subject, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial",
                Long.toString(System.nanoTime()), "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private static void openssl(final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        final Process p = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        final String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (final AutoCloseable c : clients) {
            c.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway startTls(final Map<String, String> extra) throws Exception {
        final Map<String, String> overrides = new HashMap<>();
        overrides.put("mqtt.tls.enabled", "true");
        overrides.put("mqtt.tls.port", "0");
        overrides.put("mqtt.tls.certificate", pki.resolve("server.pem").toString());
        overrides.put("mqtt.tls.privateKey", pki.resolve("server.key").toString());
        overrides.putAll(extra);
        return GatewayTestSupport.startGateway(dataDir, overrides);
    }

    private Map<String, String> withClientCa() {
        return Map.of("mqtt.tls.clientCa", pki.resolve("ca.pem").toString());
    }

    private String tlsUri() {
        return "ssl://127.0.0.1:" + gateway.mqttTlsAddress().getPort();
    }

    private PahoV5Client connect(final String uri, final String clientId, final Consumer<MqttConnectionOptions> tweak)
            throws MqttException {
        final PahoV5Client c = new PahoV5Client(uri, clientId);
        clients.add(c);
        c.connect(tweak);
        return c;
    }

    /** @return a client TLS context trusting the test CA, presenting the client certificate when asked to */
    private static SSLContext clientTls(final boolean withCertificate) throws Exception {
        final CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pki.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", x509.generateCertificate(in));
        }
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withCertificate) {
            final char[] pass = "test".toCharArray();
            final KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            final Certificate cert;
            try (InputStream in = Files.newInputStream(pki.resolve("client.pem"))) {
                cert = x509.generateCertificate(in);
            }
            keys.setKeyEntry("client", privateKey(pki.resolve("client.key")), pass, new Certificate[] {cert});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pass);
        }
        final SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static PrivateKey privateKey(final Path pem) throws Exception {
        final String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(base64)));
    }

    private static String telemetry() {
        return "{\"ts\":" + System.currentTimeMillis() + ",\"metrics\":{\"lamp_current_a\":0.42}}";
    }

    private void assertStored(final String device) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            final GatewayTestSupport.Response r = GatewayTestSupport.get(gateway, "/api/devices/" + device
                    + "/readings?from=" + (System.currentTimeMillis() - 600_000) + "&to="
                    + (System.currentTimeMillis() + 60_000));
            return r.status() == 200 && r.json().get("readings").size() > 0;
        });
    }

    @Test
    void tlsListener_devicePassword_connectsAndQos1TelemetryIsAckedAndStored() throws Exception {
        // given a gateway with the TLS listener and a client trusting the test CA
        gateway = startTls(Map.of());
        final SSLContext tls = clientTls(false);

        // when a device connects over TLS with its password and publishes QoS 1 telemetry
        final PahoV5Client device = connect(tlsUri(), SL, o -> {
            o.setSocketFactory(tls.getSocketFactory());
            o.setUserName(SL);
            o.setPassword(secret(SL).getBytes(StandardCharsets.UTF_8));
        });
        final IMqttToken ack = device.publish("cp/lakeside/streetlight/sl-001/telemetry", telemetry(), 1, false);

        // then the PUBACK is a success and the reading is stored
        assertThat(ack.getReasonCodes()).containsExactly(0);
        assertStored(SL);
    }

    @Test
    void clientCertificate_cnIsTheClientId_connectsWithoutPassword() throws Exception {
        // given a gateway that accepts client certificates from the test CA
        gateway = startTls(withClientCa());
        final SSLContext tls = clientTls(true);

        // when the device whose id is the certificate's CN connects without a password
        final PahoV5Client device = connect(tlsUri(), CERT_DEVICE, o -> o.setSocketFactory(tls.getSocketFactory()));
        final IMqttToken ack = device.publish("cp/lakeside/streetlight/sl-002/telemetry", telemetry(), 1, false);

        // then it is accepted as that device
        assertThat(device.client.isConnected()).isTrue();
        assertThat(ack.getReasonCodes()).containsExactly(0);
        assertStored(CERT_DEVICE);
    }

    @Test
    void requireClientCertificate_clientWithoutCertificate_isRefusedInTheHandshake() throws Exception {
        // given a gateway that requires client certificates
        final Map<String, String> extra = new HashMap<>(withClientCa());
        extra.put("mqtt.tls.requireClientCertificate", "true");
        gateway = startTls(extra);
        final SSLContext tls = clientTls(false);

        // when a client without a certificate connects, even with the right password
        final Throwable e = catchThrowable(() -> connect(tlsUri(), SL, o -> {
            o.setSocketFactory(tls.getSocketFactory());
            o.setUserName(SL);
            o.setPassword(secret(SL).getBytes(StandardCharsets.UTF_8));
        }));

        // then the connection fails without a CONNACK
        assertThat(e).isInstanceOf(MqttException.class);
        assertThat(((MqttException) e).getReasonCode()).isNotEqualTo(0);
    }

    @Test
    void clientCertificate_cnNotTheClientId_isRefusedWithBadCredentials() throws Exception {
        // given a gateway that accepts client certificates and a certificate naming sl-002
        gateway = startTls(withClientCa());
        final SSLContext tls = clientTls(true);

        // when it is used for client id sl-001 without a password
        final MqttException e = catchThrowableOfType(MqttException.class, () -> connect(tlsUri(), SL, o -> {
            o.setSocketFactory(tls.getSocketFactory());
            o.setUserName(SL);
        }));

        // then the CONNACK refuses it: bad user name or password
        assertThat(e.getReasonCode()).isEqualTo(0x86);
    }

    @Test
    void missingCertificateFile_start_failsNamingMqttTlsCertificate() {
        // given / when a certificate path that does not exist
        final Throwable e = catchThrowable(() -> startTls(Map.of("mqtt.tls.certificate",
                pki.resolve("no-such.pem").toString())));

        // then start fails naming the key
        assertThat(e).hasMessageContaining("mqtt.tls.certificate");
    }

    @Test
    void missingPrivateKeyFile_start_failsNamingMqttTlsPrivateKey() {
        // given / when a private key path that does not exist
        final Throwable e = catchThrowable(() -> startTls(Map.of("mqtt.tls.privateKey",
                pki.resolve("no-such.key").toString())));

        // then start fails naming the key
        assertThat(e).hasMessageContaining("mqtt.tls.privateKey");
    }

    @Test
    void privateKeyFileNotAKey_start_failsNamingMqttTlsPrivateKey() {
        // given / when the private key setting names a certificate instead of a key
        final Throwable e = catchThrowable(() -> startTls(Map.of("mqtt.tls.privateKey",
                pki.resolve("ca.pem").toString())));

        // then start fails naming the key
        assertThat(e).hasMessageContaining("mqtt.tls.privateKey");
    }

    @Test
    void plainListener_tlsEnabled_stillAcceptsAndStoresTelemetry() throws Exception {
        // given a gateway with both listeners
        gateway = startTls(Map.of());
        assertThat(gateway.mqttTlsAddress().getPort()).isNotEqualTo(gateway.mqttAddress().getPort());

        // when a device connects over plain TCP with its password and publishes QoS 1 telemetry
        final PahoV5Client device = connect(GatewayTestSupport.mqttUri(gateway), SL, o -> {
            o.setUserName(SL);
            o.setPassword(secret(SL).getBytes(StandardCharsets.UTF_8));
        });
        final IMqttToken ack = device.publish("cp/lakeside/streetlight/sl-001/telemetry", telemetry(), 1, false);

        // then it is acked and stored
        assertThat(ack.getReasonCodes()).containsExactly(0);
        assertStored(SL);
    }
}
