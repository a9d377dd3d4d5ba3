package org.mlagateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String HASH = "a".repeat(64);
    private static final String VALID = """
            authority: { id: KZ-GPO, country: KZ, name: "General Prosecutor's Office" }
            keys:
              signing: { keystore: keys/signing.p12, password: { file: secrets/pw } }
              encryption: { keystore: keys/encryption.p12, password: { env: ENC_PW } }
              tls: { keystore: /abs/tls.p12, password: { value: inline } }
            listeners:
              external: { host: 0.0.0.0, port: 8443 }
              internal: { port: 8080 }
            partners:
              - id: RU-GPO
                country: RU
                endpoint: https://ru.example/exchange/v1
                signingAnchors: [partners/ru/ca.pem]
                encryptionCertificate: partners/ru/enc.pem
                legalBases: [ { instrument: CIS-MINSK-1993, requestTypes: [MLA] } ]
            routing:
              bodies: [MVD-INVESTIGATION, ANTI-CORRUPTION]
              rules:
                - { name: corruption, match: { offenceCategories: [CORRUPTION] }, target: ANTI-CORRUPTION, priority: 7 }
                - { name: default, target: MVD-INVESTIGATION }
            sending: { initialBackoff: 500ms, maxBackoff: 2h, giveUpAfter: P2D }
            api:
              clients:
                - { name: mvd, tokenSha256: %s, roles: ["domestic-system:MVD-INVESTIGATION"] }
            """.formatted(HASH);

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void validConfig_loadsWithRelativePathsResolvedAgainstTheFile() {
        GatewayConfig config = loader.parse(VALID, dir);
        assertEquals("KZ-GPO", config.authority().id());
        assertEquals(dir.resolve("keys/signing.p12"), config.keys().signing().keystore());
        assertEquals(Path.of("/abs/tls.p12"), config.keys().tls().keystore());
        assertEquals(
                dir.resolve("partners/ru/ca.pem"),
                config.partners().get(0).signingAnchors().get(0));
        assertEquals(List.of("RU-GPO"), config.partners().get(0).authorityIds());
        assertEquals(
                "127.0.0.1", config.listeners().internal().host(), "internal listener binds to loopback by default");
        assertEquals(List.of("kk", "ru"), config.routing().workingLanguages());
        assertTrue(config.routing().rules().get(1).isDefault());
    }

    @Test
    void leftOutOptionalKeys_takeTheirDocumentedDefaults() {
        GatewayConfig config = loader.parse(VALID, dir);
        assertEquals(LimitsConfig.DEFAULT_MAX_ENVELOPE_BYTES, config.limits().maxEnvelopeBytes());
        assertEquals(100, config.limits().maxDocuments());
        assertEquals(Duration.ofSeconds(300), config.limits().clockSkew());
        assertEquals(
                RuleConfig.DEFAULT_PRIORITY, config.routing().rules().get(1).priority());
        assertEquals(1000, config.log().checkpointEveryEntries());
    }

    @Test
    void clusterNodeId_defaultsToHostAndDataDirectory_andStorageSchemaNeedsPostgres() {
        GatewayConfig defaults = loader.parse(VALID, dir);
        assertTrue(
                defaults.nodeId()
                        .endsWith(":" + defaults.dataDir().toAbsolutePath().normalize()),
                defaults.nodeId());
        GatewayConfig set = loader.parse(
                VALID + "cluster: { nodeId: kz-node-2 }\n"
                        + "storage: { jdbcUrl: \"jdbc:postgresql://db/gw\", schema: kz_gateway }\n",
                dir);
        assertEquals("kz-node-2", set.nodeId());
        assertEquals("kz_gateway", set.storage().schema());
        ConfigException e = assertThrows(
                ConfigException.class, () -> loader.parse(VALID + "storage: { schema: kz_gateway }\n", dir));
        assertEquals(List.of("invalid value at 'storage': schema needs a jdbc:postgresql: jdbcUrl"), e.problems());
        assertThrows(
                ConfigException.class,
                () -> loader.parse(
                        VALID + "storage: { jdbcUrl: \"jdbc:postgresql://db/gw\", schema: \"x; DROP\" }\n", dir));
    }

    @Test
    void durations_acceptShortAndIsoForms() {
        SendingConfig sending = loader.parse(VALID, dir).sending();
        assertEquals(Duration.ofMillis(500), sending.initialBackoff());
        assertEquals(Duration.ofHours(2), sending.maxBackoff());
        assertEquals(Duration.ofDays(2), sending.giveUpAfter());
    }

    @Test
    void sendingLimits_defaultToABoundedAttempt_andHalfTheWorkersPerPartner() {
        SendingConfig sending = loader.parse(VALID, dir).sending();
        assertEquals(SendingConfig.DEFAULT_ATTEMPT_TIMEOUT, sending.attemptTimeout());
        assertEquals(SendingConfig.DEFAULT_MAX_RESPONSE_BYTES, sending.maxResponseBytes());
        assertEquals(SendingConfig.DEFAULT_WORKERS / 2, sending.maxInFlightPerPartner());
        SendingConfig set = loader.parse(
                        VALID.replace(
                                "giveUpAfter: P2D }",
                                "giveUpAfter: P2D, workers: 3, attemptTimeout: 5s, maxResponseBytes: 65536 }"),
                        dir)
                .sending();
        assertEquals(Duration.ofSeconds(5), set.attemptTimeout());
        assertEquals(65536, set.maxResponseBytes());
        assertEquals(1, set.maxInFlightPerPartner());
    }

    @Test
    void perPartnerLimitAboveTheWorkers_isRejectedWithItsPath() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(
                        VALID.replace("giveUpAfter: P2D }", "giveUpAfter: P2D, workers: 2, maxInFlightPerPartner: 3 }"),
                        dir));
        assertEquals(
                List.of("invalid value at 'sending': Invalid maxInFlightPerPartner 3; value must be between 1"
                        + " and workers (2)"),
                e.problems());
    }

    @Test
    void rolloverKeys_loadWithTheirSwitchInstants_andASingleKeyConfigHasNone() {
        GatewayConfig single = loader.parse(VALID, dir);
        assertEquals(null, single.keys().signing().next());
        assertEquals(null, single.partners().get(0).nextEncryption());
        GatewayConfig config = loader.parse(
                VALID.replace(
                                "signing: { keystore: keys/signing.p12, password: { file: secrets/pw } }",
                                "signing: { keystore: keys/signing.p12, password: { file: secrets/pw },"
                                        + " next: { keystore: keys/signing-2.p12, password: { file: secrets/pw },"
                                        + " from: \"2027-01-01T00:00:00Z\" } }")
                        .replace(
                                "encryption: { keystore: keys/encryption.p12, password: { env: ENC_PW } }",
                                "encryption: { keystore: keys/encryption.p12, password: { env: ENC_PW },"
                                        + " next: { keystore: keys/encryption-2.p12, password: { env: ENC_PW } } }")
                        .replace(
                                "    encryptionCertificate: partners/ru/enc.pem\n",
                                "    encryptionCertificate: partners/ru/enc.pem\n    nextEncryption:"
                                        + " { certificate: partners/ru/enc-2.pem, from: 2027-02-01T00:00:00Z }\n"),
                dir);
        NextKeyConfig next = config.keys().signing().next();
        assertEquals(dir.resolve("keys/signing-2.p12"), next.key().keystore());
        assertEquals(java.time.Instant.parse("2027-01-01T00:00:00Z"), next.from());
        assertEquals(
                dir.resolve("keys/encryption-2.p12"),
                config.keys().encryption().next().keystore());
        assertEquals(null, config.keys().encryption().next().from());
        NextCertificateConfig partnerNext = config.partners().get(0).nextEncryption();
        assertEquals(dir.resolve("partners/ru/enc-2.pem"), partnerNext.certificate());
        assertEquals(java.time.Instant.parse("2027-02-01T00:00:00Z"), partnerNext.from());
    }

    @Test
    void aNextSigningKeyWithoutItsSwitchInstant_orATlsNextKey_isRefused() {
        String noFrom = VALID.replace(
                "signing: { keystore: keys/signing.p12, password: { file: secrets/pw } }",
                "signing: { keystore: keys/signing.p12, password: { file: secrets/pw },"
                        + " next: { keystore: keys/signing-2.p12, password: { file: secrets/pw } } }");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(noFrom, dir));
        assertTrue(e.getMessage().contains("from"), e.getMessage());
        String badInstant = noFrom.replace(
                "signing-2.p12, password: { file: secrets/pw } }",
                "signing-2.p12, password: { file: secrets/pw }, from: next-tuesday }");
        ConfigException bad = assertThrows(ConfigException.class, () -> loader.parse(badInstant, dir));
        assertTrue(bad.getMessage().contains("next-tuesday"), bad.getMessage());
        String tlsNext = VALID.replace(
                "tls: { keystore: /abs/tls.p12, password: { value: inline } }",
                "tls: { keystore: /abs/tls.p12, password: { value: inline },"
                        + " next: { keystore: /abs/tls-2.p12, password: { value: inline } } }");
        ConfigException tls = assertThrows(ConfigException.class, () -> loader.parse(tlsNext, dir));
        assertTrue(tls.getMessage().contains("TLS"), tls.getMessage());
    }

    @Test
    void tsa_isAListTriedInOrder_withADefaultDeadline() {
        MessageLogConfig log = loader.parse(VALID + """
                log:
                  tsa:
                    - { url: https://tsa-1.example/tsr, certificate: tsa/one.pem, timeout: 3s }
                    - { url: http://tsa-2.example/tsr, certificate: tsa/two.pem }
                  anchorDir: /var/lib/anchor
                  maxUnstampedAge: 30m
                """, dir).log();

        assertEquals(
                List.of(
                        new TsaConfig(
                                URI.create("https://tsa-1.example/tsr"),
                                dir.resolve("tsa/one.pem"),
                                Duration.ofSeconds(3)),
                        new TsaConfig(
                                URI.create("http://tsa-2.example/tsr"),
                                dir.resolve("tsa/two.pem"),
                                TsaConfig.DEFAULT_TIMEOUT)),
                log.tsa());
        assertEquals(Duration.ofMinutes(30), log.maxUnstampedAge());
        assertEquals(MessageLogConfig.DEFAULT_TSA_RETRY, log.tsaRetry());
        assertEquals(List.of(Path.of("/var/lib/anchor/log-anchor.txt")), log.anchorFiles(dir.resolve("data")));
    }

    @Test
    void tsa_asOneMapping_stillLoads_asAListOfOne() {
        MessageLogConfig log = loader.parse(VALID + """
                log:
                  tsa: { url: https://tsa.example/tsr, certificate: tsa.pem }
                """, dir).log();

        assertEquals(
                List.of(new TsaConfig(URI.create("https://tsa.example/tsr"), dir.resolve("tsa.pem"), null)), log.tsa());
        assertEquals(List.of(), loader.parse(VALID, dir).log().tsa());
        assertEquals(
                List.of(dir.resolve("data/log-anchor.txt")),
                loader.parse(VALID, dir).log().anchorFiles(dir.resolve("data")));
    }

    @Test
    void tsa_ofAnotherShape_isRefusedNamingBothForms() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> loader.parse(VALID + "log:\n  tsa: https://tsa.example/tsr\n", dir));

        assertEquals(
                List.of("'log.tsa': expected a list of time-stamping authorities, each a mapping with url,"
                        + " certificate and optionally timeout (one such mapping on its own is also accepted)"),
                e.problems());
        ConfigException unknown = assertThrows(
                ConfigException.class,
                () -> loader.parse(
                        VALID + "log:\n  tsa: { url: https://tsa.example/tsr, certificate: tsa.pem, colour: blue }\n",
                        dir));
        assertTrue(
                unknown.problems().get(0).startsWith("unknown key 'log.tsa[0].colour'"),
                unknown.problems().toString());
    }

    @Test
    void unknownKey_isRejectedWithItsPath() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(VALID.replace("    country: RU", "    country: RU\n    colour: blue"), dir));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(
                e.problems().get(0).startsWith("unknown key 'partners[0].colour'"),
                e.problems().get(0));
    }

    @Test
    void missingRequiredKey_isRejectedWithItsPath() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(VALID.replace("    encryptionCertificate: partners/ru/enc.pem\n", ""), dir));
        assertEquals(List.of("missing required key 'partners[0].encryptionCertificate'"), e.problems());
    }

    @Test
    void everyStructuralProblem_isReportedAtOnce() {
        String broken = VALID.replace("authority:", "authorty:")
                .replace("internal: { port: 8080 }", "internal: { port: 8080, tls: true }");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(broken, dir));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().contains("missing required key 'authority'"));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("unknown key 'authorty'")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("unknown key 'listeners.internal.tls'")));
    }

    @Test
    void invalidValue_namesItsPathAndTheRule() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> loader.parse(VALID.replace("port: 8443", "port: 70000"), dir));
        assertEquals(List.of("invalid value at 'listeners.external': port 70000 is outside 0..65535"), e.problems());
    }

    @Test
    void plainHttpPartnerEndpoint_isRefused() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(VALID.replace("https://ru.example", "http://ru.example"), dir));
        assertTrue(e.problems().get(0).contains("https://"), e.problems().toString());
    }

    @Test
    void ruleNamingUnknownBody_isRejected() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(VALID.replace("target: ANTI-CORRUPTION", "target: TAX-POLICE"), dir));
        assertEquals(
                List.of("'routing.rules[0].target': rule 'corruption' names unknown body TAX-POLICE"
                        + " (not in routing.bodies)"),
                e.problems());
    }

    @Test
    void missingDefaultRule_isRejected() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(
                        VALID.replace(
                                "- { name: default, target: MVD-INVESTIGATION }",
                                "- { name: rest, match: { kinds: [MLA_REQUEST] }, target: MVD-INVESTIGATION }"),
                        dir));
        assertEquals(
                List.of("'routing.rules': a default rule (one without 'match') is required as the last rule"),
                e.problems());
    }

    @Test
    void defaultRuleBeforeOthers_isRejected() {
        String swapped = VALID.replace(
                "    - { name: corruption, match: { offenceCategories: [CORRUPTION] }, target: ANTI-CORRUPTION,"
                        + " priority: 7 }\n"
                        + "    - { name: default, target: MVD-INVESTIGATION }",
                "    - { name: default, target: MVD-INVESTIGATION }\n"
                        + "    - { name: corruption, match: { offenceCategories: [CORRUPTION] }, target:"
                        + " ANTI-CORRUPTION }");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(swapped, dir));
        assertTrue(
                e.problems()
                        .contains("'routing.rules[0]': default rule 'default' must be the last rule,"
                                + " or the rules after it can never match"),
                e.problems().toString());
    }

    @Test
    void partnerWithoutAnchor_isRejected() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(VALID.replace("signingAnchors: [partners/ru/ca.pem]", "signingAnchors: []"), dir));
        assertEquals(
                List.of("'partners[0].signingAnchors': partner RU-GPO has no signing trust anchor,"
                        + " so nothing it sends could be verified"),
                e.problems());
    }

    @Test
    void apiRoles_areReadIntoTheirTypes() {
        String yaml = VALID.replace(
                "roles: [\"domestic-system:MVD-INVESTIGATION\"] }",
                "roles: [\"domestic-system:MVD-INVESTIGATION\", translator, operator, admin] }");
        ApiClientConfig client = loader.parse(yaml, dir).api().clients().get(0);
        assertEquals(
                List.of(
                        new ApiRole.DomesticSystem("MVD-INVESTIGATION"),
                        ApiRole.TRANSLATOR,
                        ApiRole.OPERATOR,
                        ApiRole.ADMIN),
                client.roles());
    }

    @Test
    void unknownApiRole_isRejectedWithItsPath() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(
                        VALID.replace(
                                "roles: [\"domestic-system:MVD-INVESTIGATION\"] }", "roles: [operator, superuser] }"),
                        dir));
        assertEquals(
                List.of("invalid value at 'api.clients[0].roles[1]': unknown role 'superuser' (expected"
                        + " domestic-system:<BODY>, translator, operator, auditor, admin, consular or register)"),
                e.problems());
    }

    @Test
    void auditorBesideAnotherRole_isRejectedNamingTheClient() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(
                        VALID.replace(
                                "roles: [\"domestic-system:MVD-INVESTIGATION\"] }", "roles: [auditor, operator] }"),
                        dir));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(
                e.problems().get(0).contains("the auditor role is held alone"),
                e.problems().get(0));
        assertTrue(e.problems().get(0).contains("api.clients[0]"), e.problems().get(0));
    }

    @Test
    void apiRoleForUnknownBody_isRejected() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(VALID.replace("domestic-system:MVD-INVESTIGATION", "domestic-system:KNB"), dir));
        assertEquals(List.of("'api.clients[0].roles': role domestic-system:KNB names an unknown body"), e.problems());
    }

    @Test
    void sharedPortBetweenListeners_isRejected() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> loader.parse(VALID.replace("port: 8080", "port: 8443"), dir));
        assertTrue(
                e.problems().get(0).contains("must not share port 8443"),
                e.problems().toString());
    }

    @Test
    void secretFromFile_readsFirstLineAndNeverPrintsIt() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/pw"), "s3cret-value\n");
        Secret secret = loader.parse(VALID, dir).keys().signing().password();
        assertEquals("s3cret-value", new String(secret.reveal()));
        assertFalse(secret.toString().contains("s3cret"));
        assertFalse(loader.parse(VALID, dir).keys().tls().password().toString().contains("inline-value"));
    }

    @Test
    void secretFromUnsetEnvironmentVariable_failsNamingTheVariable() {
        Secret secret = loader.parse(VALID.replace("ENC_PW", "MLA_TEST_SURELY_UNSET_VARIABLE"), dir)
                .keys()
                .encryption()
                .password();
        IllegalStateException e = assertThrows(IllegalStateException.class, secret::reveal);
        assertEquals("environment variable MLA_TEST_SURELY_UNSET_VARIABLE is not set", e.getMessage());
    }

    @Test
    void secretWithTwoSources_isRejected() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(VALID.replace("{ env: ENC_PW }", "{ env: ENC_PW, value: x }"), dir));
        assertTrue(
                e.problems().get(0).contains("exactly one of 'env', 'file' or 'value'"),
                e.problems().toString());
    }
}
