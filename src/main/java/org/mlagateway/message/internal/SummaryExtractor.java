package org.mlagateway.message.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.MessageSummary.LegalBasisSummary;
import org.mlagateway.message.xml.Header;
import org.mlagateway.message.xml.MeasureType;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.message.xml.Offence;
import org.mlagateway.message.xml.OffenceCategory;
import org.mlagateway.message.xml.RefusalGround;
import org.mlagateway.message.xml.RefusalGroundDetails;

/** Builds a {@link MessageSummary} from a schema-valid message. */
public final class SummaryExtractor {

    private SummaryExtractor() {}

    public static MessageSummary summarize(Message m) {
        Header h = m.getHeader();
        var pa = m.getProvisionalArrestRequest();
        var report = m.getExecutionReport();
        return new MessageSummary(
                UUID.fromString(h.getMessageId()),
                UUID.fromString(h.getConversationId()),
                h.getInReplyTo() == null ? null : UUID.fromString(h.getInReplyTo()),
                h.getCreatedAt(),
                h.getSender().getAuthorityId(),
                h.getSender().getCountry().value(),
                h.getRecipient().getAuthorityId(),
                h.getRecipient().getCountry().value(),
                h.getMessageKind(),
                h.getRequestType(),
                h.getLegalBasis().stream()
                        .map(b -> new LegalBasisSummary(
                                b.getKind(), b.getInstrumentId(), b.getReciprocityAssurance() != null))
                        .toList(),
                h.getLanguage(),
                documents(m).stream().map(MessageDocument::getLanguage).toList(),
                h.getUrgency() == null ? null : h.getUrgency().getRespondBy(),
                h.getUrgency() == null ? null : h.getUrgency().getLevel(),
                h.getSubject() == null ? null : h.getSubject().getValue(),
                measureTypes(m),
                offenceCategories(m),
                pa == null ? null : pa.getTimeLimits().getApplicableRule(),
                arrestDate(m),
                report == null || report.getExtraditionOutcome() == null
                        ? null
                        : report.getExtraditionOutcome().getDecision(),
                refusalGrounds(m),
                m.getStatusUpdate() == null ? null : m.getStatusUpdate().getStatus());
    }

    private static List<MessageDocument> documents(Message m) {
        return m.getDocuments() == null ? List.of() : m.getDocuments().getDocument();
    }

    private static List<MeasureType> measureTypes(Message m) {
        if (m.getMlaRequest() == null) {
            return List.of();
        }
        return m.getMlaRequest().getMeasure().stream()
                .map(x -> x.getMeasureType())
                .toList();
    }

    private static List<OffenceCategory> offenceCategories(Message m) {
        List<Offence> offences = new ArrayList<>();
        if (m.getMlaRequest() != null) {
            offences.addAll(m.getMlaRequest().getOffence());
        }
        if (m.getExtraditionRequest() != null) {
            offences.addAll(m.getExtraditionRequest().getOffence());
        }
        if (m.getProvisionalArrestRequest() != null) {
            offences.addAll(m.getProvisionalArrestRequest().getOffence());
        }
        if (m.getTransferOfProceedingsRequest() != null) {
            offences.addAll(m.getTransferOfProceedingsRequest().getOffence());
        }
        Set<OffenceCategory> categories = new LinkedHashSet<>();
        offences.forEach(o -> categories.addAll(o.getCategory()));
        return List.copyOf(categories);
    }

    private static LocalDate arrestDate(Message m) {
        var pa = m.getProvisionalArrestRequest();
        if (pa != null) {
            return pa.getTimeLimits().getArrestDate();
        }
        var ext = m.getExtraditionRequest();
        if (ext != null && ext.getProvisionalArrest() != null) {
            return ext.getProvisionalArrest().getArrestDate();
        }
        return null;
    }

    private static List<RefusalGround> refusalGrounds(Message m) {
        if (m.getRefusal() == null) {
            return List.of();
        }
        return m.getRefusal().getGround().stream()
                .map(RefusalGroundDetails::getCode)
                .toList();
    }
}
