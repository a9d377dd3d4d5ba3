package org.mlagateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys.*.pkcs11}: a key in a token, beside keys in key stores, and what a token key may not mix. */
class Pkcs11ConfigTest {
    private static final String CONFIG = """
            authority: { id: KZ-GPO, country: KZ, name: "General Prosecutor's Office" }
            keys:
              signing:
                pkcs11: { library: lib/libpkcs11.so, tokenLabel: KZ-GPO, pin: { file: secrets/pin }, alias: signing }
              encryption:
                pkcs11: { library: /usr/lib/p11.so, slot: 3, pin: { env: TOKEN_PIN }, alias: encryption }
              tls: { keystore: tls.p12, password: { file: secrets/pw } }
            listeners:
              external: { port: 8443 }
              internal: { port: 8080 }
            partners: []
            routing:
              bodies: [MVD-INVESTIGATION]
              rules:
                - { name: default, target: MVD-INVESTIGATION }
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void tokenKeys_loadBesideAKeyStore_withTheLibraryResolvedAgainstTheFile() {
        KeysConfig keys = loader.parse(CONFIG, dir).keys();
        assertTrue(keys.signing().inToken());
        assertNull(keys.signing().keystore());
        assertEquals(dir.resolve("lib/libpkcs11.so"), keys.signing().pkcs11().library());
        assertEquals("KZ-GPO", keys.signing().pkcs11().tokenLabel());
        assertEquals(dir.resolve("secrets/pin"), keys.signing().pkcs11().pin().file());
        assertEquals(3L, keys.encryption().pkcs11().slot());
        assertEquals("TOKEN_PIN", keys.encryption().pkcs11().pin().env());
        assertFalse(keys.tls().inToken());
    }

    @Test
    void aKeyStoreAndATokenAtOnce_isRejectedWithItsPath() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(
                        CONFIG.replace(
                                "tls: { keystore: tls.p12,",
                                "tls: { pkcs11: { library: x.so, slot: 1, pin: { env: P }, alias: t },"
                                        + " keystore: tls.p12,"),
                        dir));
        assertTrue(
                e.problems().get(0).contains("'keys.tls'")
                        && e.problems().get(0).contains("exactly one of"),
                e.problems().toString());
    }

    @Test
    void bothLabelAndSlot_orNeither_isRejected() {
        ConfigException both = assertThrows(
                ConfigException.class,
                () -> loader.parse(CONFIG.replace("tokenLabel: KZ-GPO,", "tokenLabel: KZ-GPO, slot: 2,"), dir));
        assertTrue(
                both.problems().get(0).contains("exactly one of 'tokenLabel' or 'slot'"),
                both.problems().toString());
        ConfigException neither =
                assertThrows(ConfigException.class, () -> loader.parse(CONFIG.replace("tokenLabel: KZ-GPO,", ""), dir));
        assertTrue(
                neither.problems().get(0).contains("exactly one of 'tokenLabel' or 'slot'"),
                neither.problems().toString());
    }

    @Test
    void aTokenKeyWithoutPinOrAlias_isAMissingKey() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse(CONFIG.replace(", pin: { file: secrets/pin }, alias: signing", ""), dir));
        assertTrue(
                e.problems().contains("missing required key 'keys.signing.pkcs11.pin'"),
                e.problems().toString());
        assertTrue(
                e.problems().contains("missing required key 'keys.signing.pkcs11.alias'"),
                e.problems().toString());
    }
}
