package org.mlagateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts:} as {@code config check} and the start-up read it: defaults, strict channels, named keys. */
class AlertsConfigTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    /** The KZ sample configuration of a generated deployment with {@code alerts} appended. */
    private GatewayConfig withAlerts(String alerts) throws Exception {
        Path deployment = dir.resolve("keys");
        if (!Files.exists(deployment)) {
            org.mlagateway.testing.SampleDeployments.generate(deployment);
        }
        Path yaml = deployment.resolve("kz-gpo/gateway.yaml");
        return loader.parse(Files.readString(yaml) + "\n" + alerts, yaml.getParent());
    }

    @Test
    void withoutAlerts_theDefaultsApply_andNothingIsNotified() {
        AlertsConfig a = AlertsConfig.defaults();
        assertEquals(List.of(Duration.ofHours(72), Duration.ofHours(24), Duration.ZERO), a.thresholds());
        assertEquals(Duration.ofMinutes(1), a.checkEvery());
        assertTrue(!a.notifies());
    }

    @Test
    void aFullAlertsSection_parses_withThresholdsWidestFirst() throws Exception {
        GatewayConfig c = withAlerts("""
                alerts:
                  checkEvery: 30s
                  thresholds: [0s, 24h, 72h]
                  webhook: { url: "https://ops.gpo.example.kz/hooks/mla", token: { env: MLA_WEBHOOK_TOKEN } }
                  email:
                    host: smtp.gpo.example.kz
                    username: mla-gateway
                    password: { file: secrets/smtp-password }
                    from: mla-gateway@gpo.example.kz
                    to: [duty@gpo.example.kz]
                """);
        assertEquals(
                List.of(Duration.ofHours(72), Duration.ofHours(24), Duration.ZERO),
                c.alerts().thresholds());
        assertEquals("STARTTLS", c.alerts().email().security());
        assertEquals(587, c.alerts().email().port());
        assertEquals(
                URI.create("https://ops.gpo.example.kz/hooks/mla"),
                c.alerts().webhook().url());
        assertTrue(c.alerts().notifies());
    }

    @Test
    void clearChannelsToRemoteHosts_andBadValues_areRefusedNamingTheKey() {
        assertProblem("alerts: { webhook: { url: \"http://ops.example.kz/hook\" } }", "'alerts.webhook'");
        assertProblem(
                "alerts: { email: { host: smtp.example.kz, security: NONE, from: a@b.kz, to: [c@d.kz] } }",
                "'alerts.email'");
        assertProblem("alerts: { email: { host: smtp.example.kz, from: a@b.kz, to: [] } }", "'alerts.email'");
        assertProblem("alerts: { thresholds: [24h, 24h] }", "'alerts'");
        assertProblem("alerts: { unknown: 1 }", "alerts.unknown");
    }

    private void assertProblem(String yaml, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> withAlerts(yaml));
        assertTrue(
                e.problems().stream().anyMatch(p -> p.contains(key)),
                e.problems().toString());
    }
}
