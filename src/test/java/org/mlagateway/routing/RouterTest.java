package org.mlagateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.xml.LegalBasis;
import org.mlagateway.message.xml.LegalBasisKind;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.OffenceCategory;
import org.mlagateway.message.xml.TimeLimitRule;
import org.mlagateway.store.Queue;
import org.mlagateway.store.Routing;
import org.mlagateway.testing.DefaultLimits;

class RouterTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String HASH = "a".repeat(64);
    private static final String CONFIG = """
            authority: { id: KZ-GPO, country: KZ, name: GPO }
            keys:
              signing: { keystore: s.p12, password: { value: x } }
              encryption: { keystore: e.p12, password: { value: x } }
              tls: { keystore: t.p12, password: { value: x } }
            listeners: { external: { port: 0 }, internal: { port: 0 } }
            partners:
              - id: RU-GPO
                country: RU
                endpoint: https://ru.example/exchange/v1
                signingAnchors: [ru.pem]
                encryptionCertificate: ru-enc.pem
                acceptedLanguages: [ru]
                legalBases: [ { instrument: CIS-MINSK-1993 } ]
              - id: TR-MOJ
                country: TR
                endpoint: https://tr.example/exchange/v1
                signingAnchors: [tr.pem]
                encryptionCertificate: tr-enc.pem
                acceptedLanguages: [tr, en]
                legalBases: [ { instrument: "BILAT:KZ-TR-1995-05-15-LEGAL_ASSISTANCE", requestTypes: [MLA] } ]
            routing:
              bodies: [MVD-INVESTIGATION, ANTI-CORRUPTION, KNB, GPO-SUPERVISION]
              rules:
                - { name: terrorism, match: { offenceCategories: [TERRORISM] }, target: KNB, priority: 9 }
                - { name: arrest, match: { requestTypes: [PROVISIONAL_ARREST, EXTRADITION_PROSECUTION] },
                    target: GPO-SUPERVISION, priority: 8 }
                - { name: from-turkey, match: { partners: [TR-MOJ], kinds: [MLA_REQUEST] }, target: ANTI-CORRUPTION }
                - { name: default, target: MVD-INVESTIGATION }
            """;

    private final MessageCodec codec = DefaultLimits.codec();
    private final ExampleMessages examples = new ExampleMessages(codec);
    private final GatewayConfig config = new ConfigLoader().parse(CONFIG, Path.of("/nowhere"));
    private final Router router = new Router(config, Clock.fixed(NOW, ZoneOffset.UTC));

    private Routing route(Message m, String partner) {
        return router.route(m, codec.summarize(m), partner);
    }

    @Test
    void firstMatchingRuleWins_andTheDefaultTakesTheRest() {
        Message mla = examples.request("mla-request.xml", "TR-MOJ", "KZ-GPO");
        assertEquals("ANTI-CORRUPTION", route(mla, "TR-MOJ").target());
        assertEquals(
                "MVD-INVESTIGATION",
                route(examples.request("mla-request.xml", "RU-GPO", "KZ-GPO"), "RU-GPO")
                        .target());
        assertEquals(
                "GPO-SUPERVISION",
                route(examples.request("provisional-arrest-request.xml", "TR-MOJ", "KZ-GPO"), "TR-MOJ")
                        .target());
    }

    @Test
    void offenceCategoryRule_matchesAnyOffenceOfTheMessage() {
        Message mla = examples.request("mla-request.xml", "RU-GPO", "KZ-GPO");
        mla.getMlaRequest().getOffence().get(0).getCategory().add(OffenceCategory.TERRORISM);
        Routing r = route(mla, "RU-GPO");
        assertEquals("KNB", r.target());
        assertEquals(9, r.priority());
    }

    @Test
    void freeTextOutsideTheWorkingLanguages_goesToTranslationFirst_carryingItsBody() {
        Message ru = examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
        assertEquals(Queue.FORWARDING, route(ru, "RU-GPO").queue());
        ru.getHeader().setLanguage("en");
        Routing r = route(ru, "RU-GPO");
        assertEquals(Queue.TRANSLATION, r.queue());
        assertEquals("MVD-INVESTIGATION", r.target());
    }

    @Test
    void documentWithoutATranslationIntoAWorkingLanguage_goesToTranslation() {
        Message m = examples.request("extradition-request-prosecution.xml", "RU-GPO", "KZ-GPO");
        assertEquals(Queue.TRANSLATION, route(m, "RU-GPO").queue(), "doc-3 is English with no translation");
        m.getDocuments().getDocument().remove(2);
        m.getHeader().setLanguage("ru");
        assertEquals(Queue.FORWARDING, route(m, "RU-GPO").queue(), "doc-2 is English but translates doc-1");
    }

    @Test
    void basisThatDoesNotCoverThePartner_isFlagged_butStillRouted() {
        Message m = examples.request("transfer-of-proceedings-request.xml", "TR-MOJ", "KZ-GPO");
        Routing r = route(m, "TR-MOJ");
        assertEquals(Queue.FORWARDING, r.queue());
        assertEquals("REVIEW", r.flag());
        assertTrue(
                r.flagReason().contains("no declared legal basis covers TRANSFER_PROCEEDINGS with TR-MOJ"),
                r.flagReason());
        assertNull(
                route(examples.request("mla-request.xml", "TR-MOJ", "KZ-GPO"), "TR-MOJ")
                        .flag(),
                "the bilateral treaty covers MLA with Türkiye");
    }

    @Test
    void reciprocityWithoutAssurance_isFlagged() {
        Message m = examples.request("mla-request.xml", "RU-GPO", "KZ-GPO");
        m.getHeader().getLegalBasis().clear();
        LegalBasis reciprocity = new LegalBasis();
        reciprocity.setKind(LegalBasisKind.RECIPROCITY);
        reciprocity.setInstrumentId("RECIPROCITY");
        m.getHeader().getLegalBasis().add(reciprocity);
        Routing r = route(m, "RU-GPO");
        assertTrue(r.flagReason().contains("reciprocity is declared without an assurance"), r.flagReason());
    }

    @Test
    void provisionalArrest_getsItsClockFromTheArrestDate() {
        Message m = examples.request("provisional-arrest-request.xml", "RU-GPO", "KZ-GPO");
        m.getHeader().setUrgency(null);
        m.getProvisionalArrestRequest().getTimeLimits().setFormalRequestDueDays(null);
        m.getProvisionalArrestRequest().getTimeLimits().setArrestDate(LocalDate.of(2026, 11, 20));
        m.getProvisionalArrestRequest().getTimeLimits().setApplicableRule(TimeLimitRule.ETS_24_ART_16);
        assertEquals(Instant.parse("2026-12-08T00:00:00Z"), route(m, "RU-GPO").dueAt(), "ETS 24 Art. 16: 18 days");
        m.getProvisionalArrestRequest().getTimeLimits().setApplicableRule(TimeLimitRule.CIS);
        assertEquals(Instant.parse("2026-12-30T00:00:00Z"), route(m, "RU-GPO").dueAt(), "CIS: 40 days");
        m.getProvisionalArrestRequest().getTimeLimits().setFormalRequestDueDays(30);
        assertEquals(Instant.parse("2026-12-20T00:00:00Z"), route(m, "RU-GPO").dueAt(), "the request's own days");
    }

    @Test
    void respondByDate_givesAClock_andTheEarliestClockWins() {
        Message m = examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
        assertNull(route(m, "RU-GPO").dueAt());
        org.mlagateway.message.xml.Urgency urgency = new org.mlagateway.message.xml.Urgency();
        urgency.setLevel(org.mlagateway.message.xml.UrgencyLevel.URGENT);
        urgency.setRespondBy(LocalDate.of(2026, 12, 1));
        m.getHeader().setUrgency(urgency);
        assertEquals(Instant.parse("2026-12-02T00:00:00Z"), route(m, "RU-GPO").dueAt(), "end of the respond-by day");
    }

    @Test
    void outgoingMessage_waitsForTranslationWhenThePartnerCannotReadADocument() {
        Message toRu = examples.request("mla-request.xml", "KZ-GPO", "RU-GPO");
        Routing r = router.outbound(toRu, codec.summarize(toRu), "RU-GPO");
        assertEquals(Queue.TRANSLATION_OUTBOUND, r.queue(), "doc-1 is Kazakh, with a Turkish translation only");
        assertEquals("RU-GPO", r.target());
        Message russian = examples.request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        assertEquals(
                Queue.SEND,
                router.outbound(russian, codec.summarize(russian), "RU-GPO").queue());
    }
}
