package org.mlagateway.atrest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.KekConfig;
import org.mlagateway.config.Secret;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.config.TokenConfig;
import org.mlagateway.security.token.Tokens;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestClock;
import org.mlagateway.testing.TestToken;
import org.mlagateway.testing.TwoGateways;

/**
 * The key-encryption key in a SoftHSM2 token: data keys are wrapped inside the token, where the key
 * is sensitive and not extractable; a message is sealed and read back; {@code keys rotate-kek} moves
 * the data keys from a key store's entry to the token and between token keys; {@code config check}
 * logs in and names a missing token or key under {@code storage.kek}; {@code /health} names
 * {@code storage.kek} once the token is gone. Skipped with a NOTICE without SoftHSM2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11KekTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static TestToken token;
    private static TestToken healthToken;

    @BeforeAll
    static void tokens() {
        token = TestToken.createOrSkip(dir.resolve("hsm"), "KEK", Pkcs11KekTest.class);
        // The health test deletes its token: a token of its own, made before the library is first used.
        healthToken = token.another("KEKH");
        try (Tokens tokens = new Tokens()) {
            tokens.token(token.key("any")).generateKeyEncryptionKey("token-kek-1");
            tokens.token(token.key("any")).generateKeyEncryptionKey("token-kek-2");
            tokens.token(healthToken.key("any")).generateKeyEncryptionKey("token-kek-1");
        }
    }

    private static TokenConfig inToken(TestToken t) {
        return new TokenConfig(t.library, t.label, null, new Secret(null, t.pinFile, null));
    }

    @Test
    void aMessage_isSealedInTheTokenKek_readsBack_andMovesBetweenTokenKeys() throws Exception {
        TestClock clock = new TestClock(java.time.Instant.parse("2026-03-01T10:00:00Z"));
        StorageConfig storage = new StorageConfig(
                dir.resolve("a"), null, null, null, 4, KekConfig.inToken(inToken(token), "token-kek-1"));
        IncomingMessage in = AtRestContract.incoming(UUID.randomUUID().toString(), 50_000);
        long pk;
        try (Tokens tokens = new Tokens();
                Store store = Store.open(storage, clock, null, AtRest.sealing(storage, clock, tokens))) {
            pk = store.accept(in).messagePk();
            StoredMessage m = store.message(pk).orElseThrow();
            assertArrayEquals(in.envelope(), m.envelope());
            assertArrayEquals(in.messageXml(), m.messageXml());
            assertArrayEquals(
                    in.documents().get(0).content(), store.documents(pk).get(0).content());
            assertEquals("token-kek-1", store.dataKeys().newest().orElseThrow().kekAlias());
            assertEquals(1, AtRest.rotate(store.dataKeys(), storage.kek(), "token-kek-2", tokens));
            assertArrayEquals(in.messageXml(), store.message(pk).orElseThrow().messageXml());
            ConfigException unknown = assertThrows(
                    ConfigException.class, () -> AtRest.rotate(store.dataKeys(), storage.kek(), "token-kek-9", tokens));
            assertTrue(
                    unknown.problems()
                            .get(0)
                            .contains("'token-kek-9' is not an AES-256 secret-key entry of token 'KEK'"),
                    unknown.problems().toString());
        }
        assertNoPersonIn(dir.resolve("a"));
        // A fresh process: the configuration still names token-kek-1, the store says token-kek-2 wraps its keys.
        try (Tokens tokens = new Tokens();
                Store store = Store.open(storage, clock, null, AtRest.sealing(storage, clock, tokens))) {
            assertArrayEquals(in.messageXml(), store.message(pk).orElseThrow().messageXml());
            assertTrue(
                    store.dataKeys().all().stream().allMatch(k -> k.kekAlias().equals("token-kek-2")));
        }
    }

    @Test
    void keysRotateKek_movesTheDataKeysFromTheKeyStoreIntoTheToken() throws Exception {
        Path kz = SampleDeployments.generate(dir.resolve("rotate")).resolve("kz-gpo");
        Path yaml = kz.resolve("gateway.yaml");
        String text = Files.readString(yaml);
        IncomingMessage in = AtRestContract.incoming(UUID.randomUUID().toString(), 5_000);
        long pk;
        StorageConfig fileKek = new ConfigLoader().load(yaml).storage();
        try (Store store = Store.open(fileKek, Clock.systemUTC(), null, AtRest.sealing(fileKek, Clock.systemUTC()))) {
            pk = store.accept(in).messagePk();
        }
        // Both beside each other while moving: the key store's kek-1 wraps the data keys today.
        Path both = kz.resolve("both.yaml");
        Files.writeString(both, text.replace(KEY_STORE_KEK, KEY_STORE_KEK + tokenLine(token)));
        Cli.Result rotated = Cli.run("keys", "rotate-kek", "--config", both.toString(), "--new-alias", "token-kek-1");
        assertEquals(0, rotated.code(), rotated.out());
        assertTrue(rotated.out().contains("re-wrapped 1 data key(s) from 'kek-1' to 'token-kek-1'"), rotated.out());

        // Then the token alone: the key store is gone. A new key is made in the token, and the data keys move to it.
        Files.delete(kz.resolve("kek.p12"));
        Path tokenOnly = kz.resolve("token.yaml");
        Files.writeString(tokenOnly, text.replace(KEY_STORE_KEK, tokenLine(token) + "    alias: token-kek-1\n"));
        Cli.Result generated =
                Cli.run("keys", "generate-kek", "--config", tokenOnly.toString(), "--alias", "token-kek-3");
        assertEquals(0, generated.code(), generated.out());
        assertTrue(
                generated
                        .out()
                        .contains("generated AES-256 key 'token-kek-3' in token 'KEK' (sensitive, not extractable)"),
                generated.out());
        Cli.Result again = Cli.run("keys", "generate-kek", "--config", tokenOnly.toString(), "--alias", "token-kek-3");
        assertEquals(1, again.code(), again.out());
        Cli.Result tokenToToken =
                Cli.run("keys", "rotate-kek", "--config", tokenOnly.toString(), "--new-alias", "token-kek-3");
        assertEquals(0, tokenToToken.code(), tokenToToken.out());
        assertTrue(
                tokenToToken.out().contains("re-wrapped 1 data key(s) from 'token-kek-1' to 'token-kek-3'"),
                tokenToToken.out());
        StorageConfig tokenKek = new ConfigLoader().load(tokenOnly).storage();
        try (Tokens tokens = new Tokens();
                Store store = Store.open(
                        tokenKek, Clock.systemUTC(), null, AtRest.sealing(tokenKek, Clock.systemUTC(), tokens))) {
            assertArrayEquals(in.messageXml(), store.message(pk).orElseThrow().messageXml());
        }
        Cli.Result check = Cli.run("config", "check", "--config", tokenOnly.toString());
        assertEquals(0, check.code(), check.out());
        assertFalse(check.out().contains("storage.kek"), check.out());
    }

    @Test
    void configCheck_logsIn_andNamesAMissingTokenOrKeyUnderStorageKek() throws Exception {
        Path kz = SampleDeployments.generate(dir.resolve("check")).resolve("kz-gpo");
        String text = Files.readString(kz.resolve("gateway.yaml"));
        Path missingKey = kz.resolve("missing-key.yaml");
        Files.writeString(missingKey, text.replace(KEY_STORE_KEK, tokenLine(token) + "    alias: token-kek-9\n"));
        Cli.Result noKey = Cli.run("config", "check", "--config", missingKey.toString());
        assertEquals(1, noKey.code(), noKey.out());
        assertTrue(
                noKey.out().contains("problem: storage.kek: no key with alias 'token-kek-9' in token 'KEK'"),
                noKey.out());

        Path missingToken = kz.resolve("missing-token.yaml");
        Files.writeString(
                missingToken,
                text.replace(
                        KEY_STORE_KEK,
                        tokenLine(token).replace("\"KEK\"", "\"KEK-GONE\"") + "    alias: token-kek-1\n"));
        Cli.Result noToken = Cli.run("config", "check", "--config", missingToken.toString());
        assertEquals(1, noToken.code(), noToken.out());
        assertTrue(
                noToken.out().contains("problem: storage.kek: no token 'KEK-GONE' in libsofthsm2.so"), noToken.out());
    }

    @Test
    void aKeyWhoseValueCouldLeaveTheToken_isRefused() throws Exception {
        try (Tokens tokens = new Tokens()) {
            // SunPKCS11 without generation attributes: a token key that is not sensitive.
            Provider provider = tokens.token(token.key("any")).provider();
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, null);
            store.setEntry("weak-kek", new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        }
        try (Tokens tokens = new Tokens()) {
            assertEquals(
                    Optional.of("key 'weak-kek' in token 'KEK' is not sensitive (CKA_SENSITIVE false)"),
                    AtRest.check(KekConfig.inToken(inToken(token), "weak-kek"), tokens));
            assertEquals(Optional.empty(), AtRest.check(KekConfig.inToken(inToken(token), "token-kek-1"), tokens));
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // SoftHSM2 answers CKR_GENERAL_ERROR for a while after a token is deleted
    void health_namesTheKeyEncryptionKey_whenItsTokenIsGone() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("health"));
        Path kz = deployment.resolve("kz-gpo");
        String text = Files.readString(kz.resolve("gateway.yaml"));
        Files.writeString(
                kz.resolve("gateway.yaml"),
                text.replace(KEY_STORE_KEK, tokenLine(healthToken) + "    alias: token-kek-1\n"));
        GatewayConfig config = TwoGateways.config(deployment, "kz-gpo", dir.resolve("health-data"));
        try (Gateway gateway = Gateway.start(config, Clock.systemUTC())) {
            HttpResponse<String> healthy = health(gateway);
            assertEquals(200, healthy.statusCode(), healthy.body());

            Process delete = new ProcessBuilder("softhsm2-util", "--delete-token", "--token", "KEKH")
                    .redirectErrorStream(true)
                    .start();
            delete.getInputStream().readAllBytes();
            assertTrue(delete.waitFor(60, TimeUnit.SECONDS) && delete.exitValue() == 0, "softhsm2-util --delete-token");
            TwoGateways.await("/health 503 naming storage.kek", Duration.ofSeconds(20), () -> {
                HttpResponse<String> r = health(gateway);
                return r.statusCode() == 503 && r.body().contains("storage.kek: token 'KEKH' not present");
            });
        }
    }

    /** The sample configuration's key-store KEK (tools/sample/SampleYaml). */
    private static final String KEY_STORE_KEK =
            "    keystore: kek.p12\n    password: { file: secrets/keystore.password }\n    alias: kek-1\n";

    private static String tokenLine(TestToken t) {
        return "    pkcs11: { library: \"" + t.library + "\", tokenLabel: \"" + t.label + "\", pin: { file: \""
                + t.pinFile + "\" } }\n";
    }

    private static HttpResponse<String> health(Gateway gateway) {
        URI uri = gateway.apiUrl().resolve("/health");
        return Http.text(
                HTTP,
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build());
    }

    /** No piece of the test person in any file of the embedded store. */
    private static void assertNoPersonIn(Path dataDir) throws IOException {
        try (var files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(AtRestContract.showsThePerson(Files.readAllBytes(f)), f + " holds the person in clear");
            }
        }
    }
}
