package org.mlagateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class As4ConfigTest {
    private static final String BASE = """
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
              - id: TR-MOJ
                country: TR
                endpoint: https://tr.example/as4
                signingAnchors: [partners/tr/ca.pem]
                encryptionCertificate: partners/tr/enc.pem
            %s
            routing:
              bodies: [MVD-INVESTIGATION]
              rules:
                - { name: default, target: MVD-INVESTIGATION }
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private GatewayConfig parse(String as4Lines) {
        return loader.parse(BASE.formatted(as4Lines), dir);
    }

    @Test
    void partnerWithoutProtocol_speaksOurSoapProfile() {
        GatewayConfig config = parse("");
        PartnerConfig ru = config.partners().get(0);
        assertEquals(PartnerConfig.MLA_SOAP, ru.protocol());
        assertFalse(ru.speaksAs4());
        assertEquals(null, ru.as4());
        assertEquals(URI.create("https://ru.example/exchange/v1"), ru.deliveryEndpoint());
    }

    @Test
    void as4Partner_takesTheDocumentedDefaults() {
        PartnerConfig tr = parse("""
                    protocol: as4
                    as4: { partyId: TR-MOJ-AP }
                """).partners().get(1);
        assertTrue(tr.speaksAs4());
        As4Config as4 = tr.as4();
        assertEquals(As4Config.EDELIVERY_1, as4.profile());
        assertEquals(As4Config.DEFAULT_PARTY_ID_TYPE, as4.partyIdType());
        assertEquals(As4Config.DEFAULT_SERVICE, as4.service());
        assertEquals("MLA_REQUEST", as4.action("MLA_REQUEST"));
        assertEquals(URI.create("https://tr.example/as4"), tr.deliveryEndpoint());
    }

    @Test
    void as4Partner_mapsKindsToActions_andBack() {
        PartnerConfig tr = parse("""
                    protocol: as4
                    as4:
                      partyId: TR-MOJ-AP
                      partyIdType: urn:oasis:names:tc:ebcore:partyid-type:iso6523:0088
                      service: urn:e-codex:services:mla
                      actions: { MLA_REQUEST: SubmitMlaRequest, REFUSAL: Refuse }
                      endpoint: https://ap.tr.example/as4
                """).partners().get(1);
        As4Config as4 = tr.as4();
        assertEquals("SubmitMlaRequest", as4.action("MLA_REQUEST"));
        assertEquals("STATUS_UPDATE", as4.action("STATUS_UPDATE"));
        assertEquals("REFUSAL", as4.kindOf("Refuse", List.of("MLA_REQUEST", "REFUSAL")));
        assertEquals(null, as4.kindOf("REFUSAL", List.of("MLA_REQUEST", "REFUSAL")));
        assertEquals(URI.create("https://ap.tr.example/as4"), tr.deliveryEndpoint());
    }

    @Test
    void as4ProtocolWithoutSection_isRejectedWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("    protocol: as4"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).contains("partners[1]"), e.problems().toString());
        assertTrue(
                e.problems().get(0).contains("needs an 'as4' section"),
                e.problems().toString());
    }

    @Test
    void unknownProtocolProfileOrKey_areRejectedWithTheirPaths() {
        assertTrue(assertThrows(ConfigException.class, () -> parse("    protocol: ebxml"))
                .problems()
                .get(0)
                .contains("protocol must be mla-soap or as4"));
        assertTrue(assertThrows(
                        ConfigException.class,
                        () -> parse("    protocol: as4\n    as4: { partyId: X, profile: edelivery-3 }"))
                .problems()
                .get(0)
                .contains("profile must be edelivery-1 or edelivery-2"));
        assertEquals(
                List.of(
                        "missing required key 'partners[1].as4.partyId'",
                        "unknown key 'partners[1].as4.party' (expected one of [profile, partyId, partyIdType,"
                                + " service, actions, endpoint])"),
                assertThrows(ConfigException.class, () -> parse("    protocol: as4\n    as4: { party: X }"))
                        .problems());
        assertTrue(assertThrows(
                        ConfigException.class,
                        () -> parse("    protocol: as4\n    as4: { partyId: X, endpoint: 'http://tr.example/as4' }"))
                .problems()
                .get(0)
                .contains("as4.endpoint must be an https:// URL"));
    }

    @Test
    void crossPartnerRules_areCheckedTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                    as4:
                      partyId: KZ-GPO
                      profile: edelivery-2
                      actions: { MLA_REQUEST: Submit, REFUSAL: Submit }
                """));
        List<String> problems = e.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("'partners[1].as4': partner TR-MOJ has an as4 section but protocol"));
        assertTrue(problems.get(1).startsWith("'partners[1].as4.partyId': party id KZ-GPO is used"));
        assertTrue(problems.get(2).startsWith("'partners[1].as4.profile': edelivery-2 is not implemented"));
        assertTrue(problems.get(3).contains("is mapped from two message kinds"));
    }
}
