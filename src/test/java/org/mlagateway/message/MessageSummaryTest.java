package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlagateway.message.MessageSummary.LegalBasisSummary;
import org.mlagateway.message.xml.ExtraditionDecision;
import org.mlagateway.message.xml.LegalBasisKind;
import org.mlagateway.message.xml.MeasureType;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.message.xml.OffenceCategory;
import org.mlagateway.message.xml.RefusalGround;
import org.mlagateway.message.xml.RequestType;
import org.mlagateway.message.xml.Status;
import org.mlagateway.message.xml.TimeLimitRule;
import org.mlagateway.message.xml.UrgencyLevel;

class MessageSummaryTest {

    private static MessageSummary summary(String example) {
        return Fixtures.CODEC.summarize(Fixtures.CODEC.read(Fixtures.utf8(Fixtures.example(example))));
    }

    @Test
    void withIdentity_changesTheIdsAndTimeOnly() {
        MessageSummary s = summary("mla-request.xml");
        UUID id = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.parse("2027-01-02T03:04:05Z");

        MessageSummary stamped = s.withIdentity(id, conversation, request, at);

        assertEquals(
                new MessageSummary(
                        id,
                        conversation,
                        request,
                        at,
                        s.senderId(),
                        s.senderCountry(),
                        s.recipientId(),
                        s.recipientCountry(),
                        s.kind(),
                        s.requestType(),
                        s.legalBases(),
                        s.language(),
                        s.documentLanguages(),
                        s.respondBy(),
                        s.urgency(),
                        s.subject(),
                        s.measureTypes(),
                        s.offenceCategories(),
                        s.provisionalArrestRule(),
                        s.arrestDate(),
                        s.extraditionDecision(),
                        s.refusalGrounds(),
                        s.status()),
                stamped);
        assertThrows(NullPointerException.class, () -> s.withIdentity(null, conversation, null, at));
    }

    @Test
    void mlaRequest_summaryCarriesRoutingAndStatisticsFacts() {
        MessageSummary s = summary("mla-request.xml");

        assertEquals(MessageKind.MLA_REQUEST, s.kind());
        assertEquals(RequestType.MLA, s.requestType());
        assertEquals("KZ-GPO", s.senderId());
        assertEquals("KZ", s.senderCountry());
        assertEquals("TR-MOJ", s.recipientId());
        assertEquals("TR", s.recipientCountry());
        assertEquals(OffsetDateTime.parse("2026-03-02T10:15:00+05:00"), s.createdAt());
        assertNull(s.inReplyTo());
        assertEquals(
                List.of(
                        new LegalBasisSummary(
                                LegalBasisKind.BILATERAL_TREATY, "BILAT:KZ-TR-1995-05-15-LEGAL_ASSISTANCE", false),
                        new LegalBasisSummary(LegalBasisKind.MULTILATERAL_CONVENTION, "UN-UNTOC-2000", false)),
                s.legalBases());
        assertEquals("kk", s.language());
        assertEquals(List.of("kk", "tr", "ru"), s.documentLanguages());
        assertEquals(UrgencyLevel.URGENT, s.urgency());
        assertEquals(LocalDate.of(2026, 6, 1), s.respondBy());
        assertEquals(List.of(MeasureType.BANK_ACCOUNT_INFORMATION, MeasureType.HEARING_WITNESS), s.measureTypes());
        assertEquals(List.of(OffenceCategory.FRAUD), s.offenceCategories());
        assertNull(s.status());
    }

    @Test
    void extraditionAndProvisionalArrest_summariesCarryCategoriesAndArrestFacts() {
        MessageSummary enforcement = summary("extradition-request-enforcement.xml");
        assertEquals(
                List.of(OffenceCategory.EMBEZZLEMENT, OffenceCategory.CORRUPTION), enforcement.offenceCategories());
        assertEquals(LocalDate.of(2026, 2, 9), enforcement.arrestDate());
        assertEquals(List.of("kk", "ru", "zxx"), enforcement.documentLanguages());
        assertEquals(List.of(), enforcement.measureTypes());

        MessageSummary prosecution = summary("extradition-request-prosecution.xml");
        assertTrue(prosecution
                .legalBases()
                .contains(new LegalBasisSummary(LegalBasisKind.RECIPROCITY, "RECIPROCITY", true)));

        MessageSummary arrest = summary("provisional-arrest-request.xml");
        assertEquals(TimeLimitRule.BILATERAL, arrest.provisionalArrestRule());
        assertEquals(UrgencyLevel.VERY_URGENT, arrest.urgency());
        assertEquals(
                List.of(OffenceCategory.DRUG_TRAFFICKING, OffenceCategory.ORGANISED_CRIME), arrest.offenceCategories());
    }

    @Test
    void responses_summariesCarryOutcomes() {
        MessageSummary refusal = summary("refusal.xml");
        MessageSummary request = summary("extradition-request-prosecution.xml");

        assertEquals(List.of(RefusalGround.NO_DUAL_CRIMINALITY), refusal.refusalGrounds());
        assertEquals(request.messageId(), refusal.inReplyTo());
        assertEquals(request.conversationId(), refusal.conversationId());
        assertEquals(Status.IN_EXECUTION, summary("status-update.xml").status());
        assertNull(summary("execution-report.xml").extraditionDecision());
    }

    @Test
    void extraditionDecision_isTakenFromTheExecutionReport() {
        String outcome = "<msg:ExtraditionOutcome>\n<msg:Decision>PARTLY_GRANTED</msg:Decision>\n"
                + "<msg:DecidedOn>2026-05-01</msg:DecidedOn>\n</msg:ExtraditionOutcome>\n"
                + "<msg:DocumentRef>doc-1</msg:DocumentRef>";
        String xml = Fixtures.replaceOnce(
                Fixtures.example("execution-report.xml"), "<msg:DocumentRef>doc-1</msg:DocumentRef>", outcome);

        MessageSummary s = Fixtures.CODEC.summarize(Fixtures.CODEC.read(Fixtures.utf8(xml)));
        assertEquals(ExtraditionDecision.PARTLY_GRANTED, s.extraditionDecision());
    }

    @Test
    void everyResponseExample_repliesToARequestExampleInTheSameConversation() throws IOException {
        Map<UUID, MessageSummary> byId = new HashMap<>();
        List<MessageSummary> all = new ArrayList<>();
        for (Path file : Fixtures.exampleFiles()) {
            MessageSummary s = Fixtures.CODEC.summarize(Fixtures.CODEC.read(Files.readAllBytes(file)));
            byId.put(s.messageId(), s);
            all.add(s);
        }
        for (MessageSummary s : all) {
            if (s.inReplyTo() != null) {
                MessageSummary original = byId.get(s.inReplyTo());
                assertNotNull(original, s.kind() + " replies to an unknown message");
                assertEquals(original.conversationId(), s.conversationId());
                assertEquals(original.requestType(), s.requestType());
            }
        }
    }

    @Test
    void compactConstructor_rejectsMissingFactsWithClearMessages() {
        MessageSummary s = summary("status-update.xml");
        var noId = assertThrows(
                NullPointerException.class,
                () -> new MessageSummary(
                        null,
                        s.conversationId(),
                        null,
                        s.createdAt(),
                        s.senderId(),
                        s.senderCountry(),
                        s.recipientId(),
                        s.recipientCountry(),
                        s.kind(),
                        s.requestType(),
                        s.legalBases(),
                        s.language(),
                        List.of(),
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        null,
                        List.of(),
                        null));
        assertEquals("messageId is required", noId.getMessage());

        var noBasis = assertThrows(
                IllegalArgumentException.class,
                () -> new MessageSummary(
                        s.messageId(),
                        s.conversationId(),
                        null,
                        s.createdAt(),
                        s.senderId(),
                        s.senderCountry(),
                        s.recipientId(),
                        s.recipientCountry(),
                        s.kind(),
                        s.requestType(),
                        List.of(),
                        s.language(),
                        List.of(),
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        null,
                        List.of(),
                        null));
        assertEquals("legalBases must not be empty: every message cites at least one basis", noBasis.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> s.legalBases().clear());
    }
}
