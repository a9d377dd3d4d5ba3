package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.internal.SchemaLoader;
import org.xml.sax.SAXException;

class SchemaValidationTest {

    private static final String STATUS = Fixtures.example("status-update.xml");

    private static GatewayException rejected(String xml) {
        return assertThrows(GatewayException.class, () -> Fixtures.CODEC.read(Fixtures.utf8(xml)));
    }

    @ParameterizedTest(name = "without msg:{0}")
    @ValueSource(
            strings = {
                "MessageId",
                "ConversationId",
                "CreatedAt",
                "Sender",
                "Recipient",
                "MessageKind",
                "RequestType",
                "LegalBasis",
                "Channel",
                "Language"
            })
    void missingRequiredHeaderElement_isSchemaInvalidNamingIt(String name) {
        GatewayException e = rejected(Fixtures.withoutHeaderElement(STATUS, name));

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertTrue(e.getMessage().matches("line \\d+, column \\d+: in 'msg:Header': .*"), e.getMessage());
        assertTrue(e.getMessage().contains("'msg:" + name + "'"), e.getMessage());
    }

    @Test
    void missingConversationId_saysItIsRequiredAndWhatWasFoundInstead() {
        String xml = Fixtures.withoutHeaderElement(STATUS, "ConversationId");
        int line = Fixtures.lineOf(xml, "<msg:InReplyTo>");

        assertEquals(
                "line " + line + ", column 20: in 'msg:Header': element 'msg:ConversationId' is required here,"
                        + " found 'msg:InReplyTo' (cvc-complex-type.2.4.a)",
                rejected(xml).getMessage());
    }

    @Test
    void afterAnInvalidAndAHalfReadMessage_theSameThreadReadsValidOnesAndNamesErrorsAsBefore() {
        String missing = Fixtures.withoutHeaderElement(STATUS, "ConversationId");
        String first = rejected(missing).getMessage();
        assertEquals(
                ErrorCode.MALFORMED_MESSAGE,
                rejected(STATUS.substring(0, STATUS.length() / 2)).code());
        for (int i = 0; i < 3; i++) {
            assertDoesNotThrow(() -> Fixtures.CODEC.read(Fixtures.utf8(STATUS)), "the validator is reused");
        }
        assertEquals(first, rejected(missing).getMessage(), "a reused validator reports the same detail");
    }

    @Test
    void unknownMessageKind_isSchemaInvalid() {
        String xml = Fixtures.withFirstValue(STATUS, "MessageKind", "FOO");
        GatewayException e = rejected(xml);

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertEquals(
                "line " + Fixtures.lineOf(xml, "<msg:MessageKind>") + ", column 43: element 'msg:MessageKind':"
                        + " value is not one of the allowed codes (cvc-enumeration-valid)",
                e.getMessage());
    }

    @Test
    void unknownMeasureType_isSchemaInvalid() {
        String xml = Fixtures.withFirstValue(Fixtures.example("mla-request.xml"), "MeasureType", "MIND_READING");
        GatewayException e = rejected(xml);

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertTrue(
                e.getMessage()
                        .endsWith("element 'msg:MeasureType': value is not one of the allowed codes"
                                + " (cvc-enumeration-valid)"),
                e.getMessage());
    }

    @Test
    void unknownCountryCode_isSchemaInvalid() {
        GatewayException e = rejected(Fixtures.withFirstValue(STATUS, "Country", "XX"));

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertTrue(
                e.getMessage()
                        .endsWith("element 'msg:Country': value is not one of the allowed codes"
                                + " (cvc-enumeration-valid)"),
                e.getMessage());
    }

    @Test
    void historicalCountryCode_isRejectedOutsideBirthPlace() {
        String nationality = "<msg:Nationality>\n        <msg:Country>KZ</msg:Country>\n        <msg:Since>";
        String xml = Fixtures.replaceOnce(
                Fixtures.example("extradition-request-enforcement.xml"),
                nationality,
                nationality.replace("KZ", "SUHH"));

        GatewayException e = rejected(xml);
        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertTrue(
                e.getMessage().contains("element 'msg:Country': value is not one of the allowed codes"),
                e.getMessage());
        assertEquals(
                ErrorCode.SCHEMA_INVALID,
                rejected(Fixtures.withFirstValue(STATUS, "Country", "SUHH")).code());
    }

    @Test
    void historicalCountryCode_isAcceptedOnlyAsHistoricalBirthCountry() {
        String example = Fixtures.example("extradition-request-enforcement.xml");
        assertDoesNotThrow(() -> Fixtures.CODEC.read(Fixtures.utf8(example)));

        String currentCodeAsHistorical = Fixtures.withFirstValue(example, "HistoricalCountry", "KZ");
        assertEquals(ErrorCode.SCHEMA_INVALID, rejected(currentCodeAsHistorical).code());
        String historicalAsCurrent = Fixtures.withFirstValue(example, "Country", "YUCS");
        assertEquals(ErrorCode.SCHEMA_INVALID, rejected(historicalAsCurrent).code());
    }

    @Test
    void createdAtWithoutOffset_isSchemaInvalid() {
        GatewayException e = rejected(Fixtures.withFirstValue(STATUS, "CreatedAt", "2026-04-10T16:45:00"));

        assertTrue(
                e.getMessage()
                        .endsWith("element 'msg:CreatedAt': value does not have the required form"
                                + " (cvc-pattern-valid)"),
                e.getMessage());
    }

    @Test
    void schemaValidTimeThatJavaCannotRepresent_isSchemaInvalidNamingTheElement() {
        // XSD 1.0 allows 24:00:00 (end of day); java.time does not.
        String xml = Fixtures.withFirstValue(STATUS, "CreatedAt", "2026-04-10T24:00:00Z");
        GatewayException e = rejected(xml);

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertTrue(
                e.getMessage().endsWith("a value could not be converted to its type (near element 'msg:CreatedAt')"),
                e.getMessage());
    }

    @Test
    void uppercaseUuid_isSchemaInvalid() {
        String id = "2EEBCC8F-EB29-4EEB-8700-AD9C0BC5FEEA";
        assertEquals(
                ErrorCode.SCHEMA_INVALID,
                rejected(Fixtures.withFirstValue(STATUS, "MessageId", id)).code());
    }

    @Test
    void freeTextWithoutLanguageTag_isSchemaInvalid() {
        GatewayException e = rejected(STATUS.replaceFirst(" xml:lang=\"en\"", ""));

        assertTrue(
                e.getMessage()
                        .endsWith("element 'msg:Name': required attribute 'xml:lang' is missing"
                                + " (cvc-complex-type.4)"),
                e.getMessage());
    }

    @Test
    void detail_neverEchoesTheOffendingValue() {
        String secret = "Өмірзақова-SECRET";
        for (String element : new String[] {"MessageKind", "MessageId", "Since", "Country"}) {
            GatewayException e = rejected(Fixtures.withFirstValue(STATUS, element, secret));
            assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        }
        GatewayException foreign =
                rejected(STATUS.replaceFirst("<msg:Header>", "<msg:Header><x:Secret xmlns:x='urn:x'/>"));
        assertFalse(foreign.getMessage().contains("Secret"), foreign.getMessage());
    }

    @Test
    void wrongRootElement_isSchemaInvalid() {
        GatewayException e = rejected("<msg:Header xmlns:msg=\"urn:mla-gateway:message:1\"/>");

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertEquals("line 1, column 52: the root element must be 'msg:Message' (cvc-elt.1.a)", e.getMessage());
    }

    @Test
    void payloadMissing_isSchemaInvalid() {
        String xml = STATUS.replaceAll("(?s)<msg:StatusUpdate>.*</msg:StatusUpdate>", "");
        GatewayException e = rejected(xml);

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertTrue(
                e.getMessage().contains("in 'msg:Message': content is incomplete, expected one of 'msg:MlaRequest',"),
                e.getMessage());
    }

    @Test
    void receiptExample_isValidAgainstExchangeSchema() throws IOException, SAXException {
        var validator = SchemaLoader.load("/schemas/exchange.xsd").newValidator();
        Path receipt = Path.of("schemas", "examples", "exchange", "receipt-duplicate.xml");

        validator.validate(new StreamSource(Files.newInputStream(receipt)));
        String broken = Files.readString(receipt).replace("<exc:Status>DUPLICATE", "<exc:Status>MAYBE");
        assertThrows(SAXException.class, () -> validator.validate(new StreamSource(new java.io.StringReader(broken))));
    }
}
