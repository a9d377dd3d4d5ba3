package org.mlagateway.message.internal;

import java.util.ArrayList;
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

    private record Payload(String element, Function<Message, Object> getter) {
    }

    private static final Map<MessageKind, Payload> BY_KIND = new EnumMap<>(MessageKind.class);
    private static final Map<MessageKind, Set<RequestType>> REQUEST_TYPES = new EnumMap<>(MessageKind.class);

    static {
        BY_KIND.put(MessageKind.MLA_REQUEST, new Payload("MlaRequest", Message::getMlaRequest));
        BY_KIND.put(MessageKind.EXTRADITION_REQUEST, new Payload("ExtraditionRequest", Message::getExtraditionRequest));
        BY_KIND.put(MessageKind.PROVISIONAL_ARREST_REQUEST,
                new Payload("ProvisionalArrestRequest", Message::getProvisionalArrestRequest));
        BY_KIND.put(MessageKind.TRANSIT_REQUEST, new Payload("TransitRequest", Message::getTransitRequest));
        BY_KIND.put(MessageKind.TRANSFER_OF_SENTENCED_PERSON_REQUEST,
                new Payload("TransferOfSentencedPersonRequest", Message::getTransferOfSentencedPersonRequest));
        BY_KIND.put(MessageKind.TRANSFER_OF_PROCEEDINGS_REQUEST,
                new Payload("TransferOfProceedingsRequest", Message::getTransferOfProceedingsRequest));
        BY_KIND.put(MessageKind.ACKNOWLEDGEMENT, new Payload("Acknowledgement", Message::getAcknowledgement));
        BY_KIND.put(MessageKind.STATUS_UPDATE, new Payload("StatusUpdate", Message::getStatusUpdate));
        BY_KIND.put(MessageKind.ADDITIONAL_INFORMATION_REQUEST,
                new Payload("AdditionalInformationRequest", Message::getAdditionalInformationRequest));
        BY_KIND.put(MessageKind.ADDITIONAL_INFORMATION_RESPONSE,
                new Payload("AdditionalInformationResponse", Message::getAdditionalInformationResponse));
        BY_KIND.put(MessageKind.EXECUTION_REPORT, new Payload("ExecutionReport", Message::getExecutionReport));
        BY_KIND.put(MessageKind.REFUSAL, new Payload("Refusal", Message::getRefusal));
        BY_KIND.put(MessageKind.WITHDRAWAL, new Payload("Withdrawal", Message::getWithdrawal));

        REQUEST_TYPES.put(MessageKind.MLA_REQUEST, EnumSet.of(RequestType.MLA, RequestType.MLA_SERVICE_OF_DOCUMENTS,
                RequestType.MLA_TEMPORARY_TRANSFER_DETAINED, RequestType.SPONTANEOUS_INFORMATION,
                RequestType.SEARCH_FOR_PERSON));
        REQUEST_TYPES.put(MessageKind.EXTRADITION_REQUEST, EnumSet.of(RequestType.EXTRADITION_PROSECUTION,
                RequestType.EXTRADITION_ENFORCEMENT, RequestType.SPECIALITY_CONSENT,
                RequestType.RE_EXTRADITION_CONSENT, RequestType.TEMPORARY_SURRENDER));
        REQUEST_TYPES.put(MessageKind.PROVISIONAL_ARREST_REQUEST,
                EnumSet.of(RequestType.PROVISIONAL_ARREST, RequestType.SEARCH_FOR_PERSON));
        REQUEST_TYPES.put(MessageKind.TRANSIT_REQUEST, EnumSet.of(RequestType.TRANSIT));
        REQUEST_TYPES.put(MessageKind.TRANSFER_OF_SENTENCED_PERSON_REQUEST,
                EnumSet.of(RequestType.TRANSFER_SENTENCED_PERSON, RequestType.ENFORCEMENT_OF_SENTENCE));
        REQUEST_TYPES.put(MessageKind.TRANSFER_OF_PROCEEDINGS_REQUEST, EnumSet.of(RequestType.TRANSFER_PROCEEDINGS));
    }

    private Payloads() {
    }

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
