package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.internal.Payloads;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageKind;

class CrossFieldRulesTest {

    private static List<String> violations(String xml) {
        Message message = Fixtures.CODEC.read(Fixtures.utf8(xml));
        return Fixtures.CODEC.checkRules(message);
    }

    private static List<String> violationsOf(String example) {
        return violations(Fixtures.example(example));
    }

    // (1) MessageKind matches the payload element

    @Test
    void kindMatchingPayload_passes() {
        assertEquals(List.of(), violationsOf("status-update.xml"));
    }

    @Test
    void kindNotMatchingPayload_isReported() {
        String xml = Fixtures.withFirstValue(Fixtures.example("status-update.xml"), "MessageKind", "ACKNOWLEDGEMENT");

        assertEquals(
                List.of("MessageKind ACKNOWLEDGEMENT requires payload msg:Acknowledgement, found msg:StatusUpdate"),
                violations(xml));
    }

    @Test
    void messageBuiltWithoutPayload_isReported() {
        Message message = Fixtures.CODEC.read(Fixtures.utf8(Fixtures.example("status-update.xml")));
        message.setStatusUpdate(null);

        assertEquals(
                List.of("MessageKind STATUS_UPDATE requires payload msg:StatusUpdate, found no payload"),
                Fixtures.CODEC.checkRules(message));
    }

    @Test
    void everyMessageKind_namesThePayloadElementOfTheSameName() {
        for (MessageKind kind : MessageKind.values()) {
            StringBuilder pascal = new StringBuilder();
            for (String word : kind.value().split("_")) {
                pascal.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            assertEquals(pascal.toString(), Payloads.elementFor(kind));
        }
    }

    // (2) extradition for enforcement needs a final judgment

    @Test
    void enforcementWithFinalJudgment_passes() {
        assertEquals(List.of(), violationsOf("extradition-request-enforcement.xml"));
    }

    @Test
    void enforcementWithoutFinalJudgment_isReported() {
        String example = Fixtures.example("extradition-request-enforcement.xml");
        String notFinal = Fixtures.withFirstValue(example, "Final", "false");
        String warrant =
                Fixtures.replaceOnce(example, "<msg:Type>JUDGMENT</msg:Type>", "<msg:Type>ARREST_WARRANT</msg:Type>");
        String expected = "ExtraditionRequest: purpose ENFORCEMENT requires a final judgment"
                + " (JudicialDecision with Type JUDGMENT and Final true)";

        assertEquals(List.of(expected), violations(notFinal));
        assertEquals(List.of(expected), violations(warrant));
    }

    // (3) every refusal ground cites its legal basis

    @Test
    void refusalGroundWithLegalReference_passes() {
        assertEquals(List.of(), violationsOf("refusal.xml"));
    }

    @Test
    void refusalGroundWithoutLegalReference_isReported() {
        String xml =
                Fixtures.example("refusal.xml").replaceAll("(?s)\\s*<msg:LegalReference>.*</msg:LegalReference>", "");

        assertEquals(
                List.of("Refusal: ground 1 (NO_DUAL_CRIMINALITY) has no LegalReference;"
                        + " every refusal ground must cite the article relied on"),
                violations(xml));
    }

    // (4) a translation points at its original in the same message

    @Test
    void translationOfADocumentInTheMessage_passes() {
        assertEquals(List.of(), violationsOf("mla-request.xml"));
    }

    @Test
    void translationOfAnAbsentDocument_isReported() {
        String xml = Fixtures.withFirstValue(Fixtures.example("mla-request.xml"), "OriginalSha256", "0".repeat(64));

        assertEquals(
                List.of("Document doc-2: TranslationOf names an original (by OriginalSha256)"
                        + " that is not another document in this message"),
                violations(xml));
    }

    @Test
    void translationOfItself_isReported() {
        String example = Fixtures.example("mla-request.xml");
        String ownDigest = "daaa305f0699d0ed577dde965b7004b0b80a4f53f5d19da0c72c28ff0ead8f54";
        String xml = Fixtures.withFirstValue(example, "OriginalSha256", ownDigest);

        assertEquals(
                List.of("Document doc-2: TranslationOf names an original (by OriginalSha256)"
                        + " that is not another document in this message"),
                violations(xml));
    }

    // (5) DocumentIds are unique

    @Test
    void duplicateDocumentId_isReported() {
        String xml = Fixtures.replaceOnce(
                Fixtures.example("execution-report.xml"),
                "<msg:DocumentId>doc-2</msg:DocumentId>",
                "<msg:DocumentId>doc-1</msg:DocumentId>");

        assertEquals(
                List.of(
                        "DocumentId doc-1 is used by 2 documents; DocumentIds must be unique within a message",
                        "DocumentRef doc-2 does not name a document in this message"),
                violations(xml));
    }

    // (6) DocumentRefs resolve, wherever the schema allows them

    @Test
    void danglingDocumentRef_isReported() {
        String report = Fixtures.replaceOnce(
                Fixtures.example("execution-report.xml"),
                "<msg:DocumentRef>doc-2</msg:DocumentRef>",
                "<msg:DocumentRef>doc-9</msg:DocumentRef>");
        String biometric = Fixtures.replaceOnce(
                Fixtures.example("extradition-request-enforcement.xml"),
                "<msg:DocumentRef>doc-3</msg:DocumentRef>",
                "<msg:DocumentRef>photo-7</msg:DocumentRef>");

        assertEquals(List.of("DocumentRef doc-9 does not name a document in this message"), violations(report));
        assertEquals(List.of("DocumentRef photo-7 does not name a document in this message"), violations(biometric));
    }

    @Test
    void documentRefsToDocumentsInTheMessage_pass() {
        assertEquals(List.of(), violationsOf("transfer-of-sentenced-person-request.xml"));
    }

    // (7) RequestType fits the request kind, and the extradition purpose fits the RequestType

    @Test
    void requestTypeNotFittingKind_isReported() {
        String xml = Fixtures.withFirstValue(Fixtures.example("mla-request.xml"), "RequestType", "TRANSIT");

        assertEquals(
                List.of("RequestType TRANSIT does not fit MessageKind MLA_REQUEST (allowed: MLA,"
                        + " MLA_SERVICE_OF_DOCUMENTS, MLA_TEMPORARY_TRANSFER_DETAINED, SPONTANEOUS_INFORMATION,"
                        + " SEARCH_FOR_PERSON)"),
                violations(xml));
    }

    @Test
    void extraditionPurposeContradictingRequestType_isReported() {
        String xml = Fixtures.withFirstValue(
                Fixtures.example("extradition-request-prosecution.xml"), "RequestType", "EXTRADITION_ENFORCEMENT");

        assertEquals(
                List.of("ExtraditionRequest: RequestType EXTRADITION_ENFORCEMENT requires Purpose ENFORCEMENT,"
                        + " found PROSECUTION"),
                violations(xml));
    }

    @Test
    void responses_mayAnswerAnyRequestType() {
        String xml = Fixtures.withFirstValue(Fixtures.example("acknowledgement.xml"), "RequestType", "TRANSIT");

        assertEquals(List.of(), violations(xml));
    }

    @Test
    void enforceRules_throwsSchemaInvalidListingEveryViolation() {
        String xml = Fixtures.withFirstValue(Fixtures.example("mla-request.xml"), "RequestType", "TRANSIT");
        String both = Fixtures.withFirstValue(xml, "OriginalSha256", "0".repeat(64));
        Message message = Fixtures.CODEC.read(Fixtures.utf8(both));

        GatewayException e = assertThrows(GatewayException.class, () -> Fixtures.CODEC.enforceRules(message));
        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertEquals(String.join("; ", Fixtures.CODEC.checkRules(message)), e.getMessage());
        assertEquals(2, Fixtures.CODEC.checkRules(message).size());
    }
}
