package org.mlagateway.register;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.xml.CaseReferences;
import org.mlagateway.message.xml.ExecutionReport;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.NationalIdNumber;
import org.mlagateway.message.xml.Nationality;
import org.mlagateway.message.xml.Person;
import org.mlagateway.message.xml.PersonName;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.RegisterRecord;
import org.mlagateway.store.StoredMessage;

/**
 * What a stored message says for the register (docs/register.md#feeds), for persons of the state's own
 * nationality ({@code authority.country}):
 * <ul>
 *   <li>a transfer-of-sentenced-person request, either way: the person serves a sentence in the partner
 *       state; basis {@code TRANSFER}, dated by the judgment;</li>
 *   <li>an execution report in the conversation of such a request with the transfer agreed: the same,
 *       dated by the transfer;</li>
 *   <li>an execution report granting (wholly or partly) a partner's extradition request: the person is
 *       surrendered to the partner for prosecution ({@code PROSECUTION}) or to serve a sentence
 *       ({@code SENTENCE});</li>
 *   <li>an execution report accepting our transfer of proceedings: the person is prosecuted in the
 *       partner state ({@code PROSECUTION}).</li>
 * </ul>
 * The person, and the case reference (requesting case number, else requested, else court case, else the
 * conversation id), come from the request of the conversation.
 */
final class RegisterFeed {
    static final String TSP = "TRANSFER_OF_SENTENCED_PERSON_REQUEST";
    static final String REPORT = "EXECUTION_REPORT";
    static final Set<String> KINDS = Set.of(TSP, REPORT);

    private final MessageReads reads;
    private final MessageCodec codec;
    private final String ownState;

    RegisterFeed(MessageReads reads, MessageCodec codec, String ownState) {
        this.reads = reads;
        this.codec = codec;
        this.ownState = ownState;
    }

    List<RegisterRecord> records(StoredMessage m) {
        Message msg = codec.read(m.messageXml());
        if (msg.getTransferOfSentencedPersonRequest() != null) {
            var tsp = msg.getTransferOfSentencedPersonRequest();
            LocalDate judged =
                    tsp.getJudgment() == null ? null : tsp.getJudgment().getDate();
            return record(m, msg, tsp.getPerson(), "TRANSFER", "transfer-request", judged);
        }
        ExecutionReport report = msg.getExecutionReport();
        if (report == null || m.conversationId() == null) {
            return List.of();
        }
        if (report.getTransferOutcome() != null && report.getTransferOutcome().isAgreed()) {
            return request(m, TSP, null)
                    .map(r -> record(
                            r.stored,
                            r.message,
                            r.message.getTransferOfSentencedPersonRequest().getPerson(),
                            "TRANSFER",
                            "transfer-agreed",
                            report.getTransferOutcome().getTransferDate()))
                    .orElse(List.of());
        }
        var extradition = report.getExtraditionOutcome();
        if (extradition != null && !"REFUSED".equals(extradition.getDecision().value())) {
            return request(m, "EXTRADITION_REQUEST", Direction.IN)
                    .map(r -> record(
                            r.stored,
                            r.message,
                            r.message.getExtraditionRequest().getPerson(),
                            "ENFORCEMENT"
                                            .equals(r.message
                                                    .getExtraditionRequest()
                                                    .getPurpose()
                                                    .value())
                                    ? "SENTENCE"
                                    : "PROSECUTION",
                            "extradition-granted",
                            extradition.getDecidedOn()))
                    .orElse(List.of());
        }
        var proceedings = report.getProceedingsOutcome();
        if (proceedings != null && proceedings.isAccepted()) {
            return request(m, "TRANSFER_OF_PROCEEDINGS_REQUEST", Direction.OUT)
                    .map(r -> record(
                            r.stored,
                            r.message,
                            r.message.getTransferOfProceedingsRequest().getSuspect(),
                            "PROSECUTION",
                            "proceedings-accepted",
                            proceedings.getDecidedOn()))
                    .orElse(List.of());
        }
        return List.of();
    }

    private record Request(StoredMessage stored, Message message) {}

    /** The conversation's request of {@code kind} with the report's partner (in {@code direction} when given). */
    private Optional<Request> request(StoredMessage report, String kind, Direction direction) {
        return reads.conversation(report.conversationId()).stream()
                .filter(s -> s.kind().equals(kind) && s.partner().equals(report.partner()))
                .filter(s -> direction == null || s.direction() == direction)
                .findFirst()
                .map(s -> new Request(s, codec.read(s.messageXml())));
    }

    private List<RegisterRecord> record(
            StoredMessage m, Message msg, Person p, String basis, String event, LocalDate date) {
        if (p == null || !ownNational(p)) {
            return List.of();
        }
        String state = msg.getHeader().getSender().getCountry().value().equals(ownState)
                ? msg.getHeader().getRecipient().getCountry().value()
                : msg.getHeader().getSender().getCountry().value();
        return List.of(
                new RegisterRecord(state, basis, caseRef(m, msg), person(p).toJson(), event, date));
    }

    private boolean ownNational(Person p) {
        for (Nationality n : p.getNationality()) {
            if (n.getCountry() != null && ownState.equals(n.getCountry().value())) {
                return true;
            }
        }
        return false;
    }

    private RegisterPerson person(Person p) {
        List<RegisterPerson.Name> names = new ArrayList<>();
        for (PersonName n : p.getName()) {
            if (names.size() < RegisterPerson.MAX_NAMES) {
                names.add(new RegisterPerson.Name(
                        n.getScript(), n.getLang(), n.getSurname(), n.getGivenNames(), n.getPatronymic()));
            }
        }
        String iin = null;
        for (NationalIdNumber id : p.getNationalIdNumber()) {
            if (id.getCountry() != null
                    && ownState.equals(id.getCountry().value())
                    && "KZ-IIN".equals(id.getScheme())
                    && Iin.valid(id.getValue())) {
                iin = id.getValue();
            }
        }
        String born = p.getBirthDate() == null ? null : p.getBirthDate().getValue();
        return new RegisterPerson(names, iin, born);
    }

    private static String caseRef(StoredMessage m, Message msg) {
        CaseReferences refs = msg.getHeader().getCaseReferences();
        if (refs != null) {
            for (String ref :
                    new String[] {refs.getRequestingCaseNo(), refs.getRequestedCaseNo(), refs.getCourtCaseNo()}) {
                if (ref != null && !ref.isBlank()) {
                    return ref.strip();
                }
            }
        }
        return m.conversationId();
    }
}
