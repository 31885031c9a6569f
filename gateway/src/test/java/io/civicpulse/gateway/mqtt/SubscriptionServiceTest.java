// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.CrewAccount;
import io.civicpulse.gateway.registry.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may subscribe to what. Delivery moved to {@link MessageRouterTest}: subscriptions now belong to sessions
 * (which outlive connections), not to channels.
 */
class SubscriptionServiceTest {
    private static final String HASH = "$2a$04$0TrUDblziYbbiJdWfuVmM.BqLHT7VrWKpIJhySxCCf14efRJ8yF.u";
    private static final ClientIdentity CREW = new ClientIdentity.CrewClient(
            new CrewAccount("lighting-crew", HASH, "district-lighting"));
    private static final ClientIdentity DEVICE = new ClientIdentity.DeviceClient(
            new Device("bin-001", "bin", "lakeside", HASH, 60, Double.NaN, Double.NaN, "", ""));

    private final Broker broker = new Broker(MqttFixtures.CONFIG, SessionStore.NONE, DeviceStatusListener.NONE,
            new SimpleMeterRegistry(), System::currentTimeMillis);
    private final SubscriptionService service = new SubscriptionService(broker, new AccessControl(false), 2);
    private final SubscriptionService lab = new SubscriptionService(broker, new AccessControl(true), 2);

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            cp/+/alerts/district-lighting         | true
            cp/lakeside/alerts/district-lighting  | true
            cp/lakeside/alerts/sanitation         | false
            cp/+/alerts/+                         | false
            cp/+/alerts/#                         | false
            cp/lakeside/alerts/district-lighting/# | false
            cp/#                                  | false
            #                                     | false
            +/+/+/+                               | false
            cp//alerts/district-lighting          | false
            x/+/alerts/district-lighting          | false
            cp/+/alert/district-lighting          | false
            cp/lake#/alerts/district-lighting     | false
            cp/lakeside/bin/bin-001/telemetry     | false
            cp/lakeside/bin/bin-001/cmd           | false
            ""                                    | false
            """)
    void mayRead_crew_onlyItsBodysAlertTopic(final String filter, final boolean expected) {
        // given a crew of district-lighting
        // when
        final boolean allowed = service.mayRead(CREW, filter);

        // then
        assertThat(allowed).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            cp/lakeside/bin/bin-001/cmd            | true
            cp/lakeside/bin/bin-002/cmd            | false
            cp/+/bin/bin-001/cmd                   | false
            cp/lakeside/+/bin-001/cmd              | false
            cp/lakeside/bin/bin-001/#              | false
            cp/lakeside/bin/bin-001/+              | false
            cp/lakeside/bin/bin-001/telemetry      | false
            cp/riverside/bin/bin-001/cmd           | false
            cp/lakeside/gate/bin-001/cmd           | false
            cp/+/alerts/district-lighting          | false
            #                                      | false
            """)
    void mayRead_device_onlyItsOwnCommandTopic(final String filter, final boolean expected) {
        // given device bin-001 of lakeside
        // when
        final boolean allowed = service.mayRead(DEVICE, filter);

        // then
        assertThat(allowed).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            $share/crews/cp/+/alerts/district-lighting | true
            $share/crews/cp/+/alerts/sanitation        | false
            $share//cp/+/alerts/district-lighting      | false
            $share/crews                               | false
            """)
    void mayRead_sharedSubscription_isJudgedByItsFilter(final String filter, final boolean expected) {
        // given a crew of district-lighting
        // when
        final boolean allowed = service.mayRead(CREW, filter);

        // then
        assertThat(allowed).isEqualTo(expected);
    }

    @Test
    void mayRead_openAcl_anyValidFilter() {
        // given the lab configuration
        // when / then
        assertThat(lab.mayRead(DEVICE, "#")).isTrue();
        assertThat(lab.mayRead(new ClientIdentity.AnonymousClient("x"), "cp/+/bin/+/telemetry")).isTrue();
        assertThat(lab.mayRead(DEVICE, "a/#/b")).isFalse();
    }
}
