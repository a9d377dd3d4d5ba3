package org.mlagateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ops.defaultLanguage}: English when left out, one of the pages' three languages when given; {@code
 * ops.timeZone}: Asia/Almaty when left out, any IANA zone when given, and a name that is no zone refused.
 */
class OpsConfigTest {
    private static final String YAML = """
            authority: { id: KZ-GPO, country: KZ, name: "General Prosecutor's Office" }
            keys:
              signing: { keystore: keys/signing.p12, password: { file: secrets/pw } }
              encryption: { keystore: keys/encryption.p12, password: { file: secrets/pw } }
              tls: { keystore: keys/tls.p12, password: { file: secrets/pw } }
            listeners:
              external: { port: 8443 }
              internal: { port: 8080 }
            partners: []
            routing:
              bodies: [MVD-INVESTIGATION]
              rules:
                - { name: default, target: MVD-INVESTIGATION }
            %s
            """;

    @TempDir
    Path dir;

    private GatewayConfig parse(String ops) {
        return new ConfigLoader().parse(YAML.formatted(ops), dir);
    }

    @Test
    void leftOut_theDefaultLanguageIsEnglish() {
        assertEquals("en", parse("").ops().defaultLanguage());
        assertEquals("en", parse("ops: {}").ops().defaultLanguage());
    }

    @Test
    void given_kazakhOrRussian_isKept() {
        assertEquals("kk", parse("ops: { defaultLanguage: kk }").ops().defaultLanguage());
        assertEquals("ru", parse("ops: { defaultLanguage: ru }").ops().defaultLanguage());
    }

    @Test
    void aLanguageThePagesAreNotWrittenIn_isRefusedWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("ops: { defaultLanguage: de }"));
        assertTrue(e.getMessage().contains("ops") && e.getMessage().contains("defaultLanguage"), e.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> parse("ops: { language: kk }"));
        assertTrue(unknown.getMessage().contains("unknown key 'ops.language'"), unknown.getMessage());
    }

    @Test
    void timeZone_defaultsToAlmaty_takesAnyZone_andRefusesANameThatIsNone() {
        assertEquals("Asia/Almaty", parse("").ops().zone().getId());
        assertEquals(
                "Europe/Istanbul",
                parse("ops: { timeZone: Europe/Istanbul }").ops().zone().getId());
        ConfigException e = assertThrows(ConfigException.class, () -> parse("ops: { timeZone: Almaty/Kazakhstan }"));
        assertTrue(e.getMessage().contains("ops") && e.getMessage().contains("timeZone"), e.getMessage());
    }
}
