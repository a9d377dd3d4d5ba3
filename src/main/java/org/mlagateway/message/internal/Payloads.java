package org.mlagateway.message.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.message.xml.RequestType;

/** Which payload element each message kind carries, and which request types fit a request kind. */
public final class Payloads {

    private record Payload(String element, Function<Message, Object> getter) {}

    private static final Map<MessageKind, Payload> BY_KIND;
    private static final Map<MessageKind, Set<RequestType>> REQUEST_TYPES;

    static {
        Map<MessageKind, Payload> byKind = new EnumMap<>(MessageKind.class);
        Map<MessageKind, Set<RequestType>> requestTypes = new EnumMap<>(MessageKind.class);
        byKind.put(MessageKind.MLA_REQUEST, new Payload("MlaRequest", Message::getMlaRequest));
        byKind.put(MessageKind.EXTRADITION_REQUEST, new Payload("ExtraditionRequest", Message::getExtraditionRequest));
        byKind.put(
                MessageKind.PROVISIONAL_ARREST_REQUEST,
                new Payload("ProvisionalArrestRequest", Message::getProvisionalArrestRequest));
        byKind.put(MessageKind.TRANSIT_REQUEST, new Payload("TransitRequest", Message::getTransitRequest));
        byKind.put(
                MessageKind.TRANSFER_OF_SENTENCED_PERSON_REQUEST,
                new Payload("TransferOfSentencedPersonRequest", Message::getTransferOfSentencedPersonRequest));
        byKind.put(
                MessageKind.TRANSFER_OF_PROCEEDINGS_REQUEST,
                new Payload("TransferOfProceedingsRequest", Message::getTransferOfProceedingsRequest));
        byKind.put(MessageKind.ACKNOWLEDGEMENT, new Payload("Acknowledgement", Message::getAcknowledgement));
        byKind.put(MessageKind.STATUS_UPDATE, new Payload("StatusUpdate", Message::getStatusUpdate));
        byKind.put(
                MessageKind.ADDITIONAL_INFORMATION_REQUEST,
                new Payload("AdditionalInformationRequest", Message::getAdditionalInformationRequest));
        byKind.put(
                MessageKind.ADDITIONAL_INFORMATION_RESPONSE,
                new Payload("AdditionalInformationResponse", Message::getAdditionalInformationResponse));
        byKind.put(MessageKind.EXECUTION_REPORT, new Payload("ExecutionReport", Message::getExecutionReport));
        byKind.put(MessageKind.REFUSAL, new Payload("Refusal", Message::getRefusal));
        byKind.put(MessageKind.WITHDRAWAL, new Payload("Withdrawal", Message::getWithdrawal));

        requestTypes.put(
                MessageKind.MLA_REQUEST,
                EnumSet.of(
                        RequestType.MLA,
                        RequestType.MLA_SERVICE_OF_DOCUMENTS,
                        RequestType.MLA_TEMPORARY_TRANSFER_DETAINED,
                        RequestType.SPONTANEOUS_INFORMATION,
                        RequestType.SEARCH_FOR_PERSON));
        requestTypes.put(
                MessageKind.EXTRADITION_REQUEST,
                EnumSet.of(
                        RequestType.EXTRADITION_PROSECUTION,
                        RequestType.EXTRADITION_ENFORCEMENT,
                        RequestType.SPECIALITY_CONSENT,
                        RequestType.RE_EXTRADITION_CONSENT,
                        RequestType.TEMPORARY_SURRENDER));
        requestTypes.put(
                MessageKind.PROVISIONAL_ARREST_REQUEST,
                EnumSet.of(RequestType.PROVISIONAL_ARREST, RequestType.SEARCH_FOR_PERSON));
        requestTypes.put(MessageKind.TRANSIT_REQUEST, EnumSet.of(RequestType.TRANSIT));
        requestTypes.put(
                MessageKind.TRANSFER_OF_SENTENCED_PERSON_REQUEST,
                EnumSet.of(RequestType.TRANSFER_SENTENCED_PERSON, RequestType.ENFORCEMENT_OF_SENTENCE));
        requestTypes.put(MessageKind.TRANSFER_OF_PROCEEDINGS_REQUEST, EnumSet.of(RequestType.TRANSFER_PROCEEDINGS));
        requestTypes.replaceAll((kind, types) -> Collections.unmodifiableSet(types));
        BY_KIND = Collections.unmodifiableMap(byKind);
        REQUEST_TYPES = Collections.unmodifiableMap(requestTypes);
    }

    private Payloads() {}

    /** The payload element a kind requires, e.g. {@code MlaRequest}. */
    public static String elementFor(MessageKind kind) {
        return BY_KIND.get(kind).element();
    }

    /** The local names of the payload elements present, in schema order. */
    public static List<String> present(Message message) {
        List<String> names = new ArrayList<>();
        for (Payload p : BY_KIND.values()) {
            if (p.getter().apply(message) != null) {
                names.add(p.element());
            }
        }
        return names;
    }

    /** The request types allowed for a request kind; empty for responses, which may answer any request. */
    public static Optional<Set<RequestType>> requestTypesFor(MessageKind kind) {
        return Optional.ofNullable(REQUEST_TYPES.get(kind));
    }
}
