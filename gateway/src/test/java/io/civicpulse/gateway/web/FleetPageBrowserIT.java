// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.web;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.FleetScenario;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's fleet page in headless Chromium shows the server's flags (GET /api/fleet): exactly the device made
 * silent (its connection dropped: DV-01) and the one made flapping (battery low and back: held by the anomaly gate,
 * DV-02 open) are highlighted in the list and on the plan, and the plan marks are reachable with the keyboard.
 */
class FleetPageBrowserIT {
    private static final String SILENT = "sl-005";
    private static final String FLAPPING = "bin-010";

    @TempDir
    static Path dataDir;
    private static Gateway gateway;
    private static FleetScenario scenario;
    private Browser browser;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, FleetScenario.OVERRIDES);
        scenario = FleetScenario.on(gateway);
        scenario.keepConnected("gate-004", "gate");
        scenario.makeSilent(SILENT, "streetlight");
        scenario.makeFlapping(FLAPPING, "bin", 3);
    }

    @AfterAll
    static void stop() {
        scenario.close();
        gateway.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open("http://127.0.0.1:" + gateway.httpAddress().getPort());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void fleetPage_highlightsExactlyTheSilentAndFlappingDevices_inTheListAndOnThePlan() throws Exception {
        // when: the supervisor opens the fleet page
        browser.signIn("supervisor", "supervision-demo");
        browser.driver.findElement(By.cssSelector("#nav a[data-route='fleet']")).click();
        browser.waitUntil(d -> d.findElements(By.cssSelector("#fleet tbody tr")).size() == 110);

        // then: the flagged rows come first, each with its flags as classes and data attributes
        final List<WebElement> rows = browser.driver.findElements(By.cssSelector("#fleet tbody tr"));
        assertThat(rows.subList(0, 2)).extracting(r -> r.getAttribute("data-id")).containsExactly(SILENT, FLAPPING);
        assertThat(ids("#fleet tbody tr.silent")).containsExactly(SILENT);
        assertThat(ids("#fleet tbody tr.flapping")).containsExactly(FLAPPING);
        assertThat(ids("#fleet tbody tr.batteryLow")).containsExactly(FLAPPING);
        assertThat(ids("#fleet tbody tr[data-status='ok']")).hasSize(108);
        assertThat(rows.get(0).getAttribute("data-flags")).isEqualTo("silent");
        assertThat(rows.get(1).getAttribute("data-flags")).isEqualTo("flapping batteryLow");
        assertThat(rows.get(0).getText()).contains("DV-01 open: " + scenario.openIssue(SILENT, "DV-01"));
        assertThat(rows.get(1).getText()).contains("DV-02 flapping");
        // and on the plan: every device is drawn, and exactly these two are marked, with the same flags
        assertThat(browser.driver.findElements(By.cssSelector("#plan circle.plan-device"))).hasSize(110);
        final List<WebElement> marks = browser.driver.findElements(By.cssSelector("#plan a.plan-mark"));
        assertThat(marks).extracting(m -> m.getAttribute("data-id")).containsExactly(SILENT, FLAPPING);
        assertThat(marks.get(0).getAttribute("class")).isEqualTo("plan-mark silent");
        assertThat(marks.get(1).getAttribute("class")).isEqualTo("plan-mark flapping batteryLow");
        browser.screenshot("console-fleet");
    }

    @Test
    void fleetPage_planMarksAreKeyboardReachable_andEnterMovesToTheDevicesRow() throws Exception {
        // given
        browser.signIn("supervisor", "supervision-demo");
        browser.driver.findElement(By.cssSelector("#nav a[data-route='fleet']")).click();
        browser.await(By.cssSelector("#plan a.plan-mark"));

        // when: tabbing from the top of the page
        browser.driver.findElement(By.id("main")).click();
        String focused = null;
        for (int i = 0; i < 40 && focused == null; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            focused = browser.driver.switchTo().activeElement().getAttribute("data-id");
        }

        // then: the first mark takes the focus, the next TAB the second, and Enter moves to that device's row
        assertThat(focused).isEqualTo(SILENT);
        new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        final WebElement second = browser.driver.switchTo().activeElement();
        assertThat(second.getAttribute("data-id")).isEqualTo(FLAPPING);
        assertThat(second.getAttribute("aria-label")).contains(FLAPPING);
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.waitUntil(d -> "tr".equals(d.switchTo().activeElement().getTagName())
                && FLAPPING.equals(d.switchTo().activeElement().getAttribute("data-id")));
    }

    private List<String> ids(final String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute("data-id"))
                .toList();
    }
}
