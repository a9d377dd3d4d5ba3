package org.mlagateway.message.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.xml.DecisionType;
import org.mlagateway.message.xml.ExtraditionPurpose;
import org.mlagateway.message.xml.ExtraditionRequest;
import org.mlagateway.message.xml.Header;
import org.mlagateway.message.xml.JudicialDecision;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.message.xml.RefusalGroundDetails;
import org.mlagateway.message.xml.RequestType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The rules XSD 1.0 cannot express (Schematron could state them; plain code
 * keeps the toolchain small). Each rule adds a sentence naming codes and document ids only,
 * never free text.
 */
public final class CrossFieldRules {

    private CrossFieldRules() {}

    /** @param dom the same message as a DOM, used to find every {@code msg:DocumentRef} */
    public static List<String> check(Message message, Document dom) {
        return check(message, documentRefs(dom.getDocumentElement()));
    }

    /** The text of every {@code msg:DocumentRef} under {@code root}, wherever the schema allows one. */
    public static List<String> documentRefs(Element root) {
        List<String> refs = new ArrayList<>();
        NodeList nodes = root.getElementsByTagNameNS(Namespaces.MSG, "DocumentRef");
        for (int i = 0; i < nodes.getLength(); i++) {
            refs.add(nodes.item(i).getTextContent().strip());
        }
        return refs;
    }

    /**
     * @param documentRefs the values of every {@code msg:DocumentRef} in the message, wherever the
     *                     schema allows one
     */
    public static List<String> check(Message message, List<String> documentRefs) {
        List<String> violations = new ArrayList<>();
        Header header = message.getHeader();
        if (header != null && header.getMessageKind() != null) {
            payloadMatchesKind(message, violations);
            requestTypeFitsKind(message, violations);
        }
        extraditionPurpose(message.getExtraditionRequest(), header, violations);
        refusalGroundsCiteLaw(message, violations);
        List<MessageDocument> documents = message.getDocuments() == null
                ? List.of()
                : message.getDocuments().getDocument();
        uniqueDocumentIds(documents, violations);
        translationsPointAtOriginals(documents, violations);
        referencesResolve(documents, documentRefs, violations);
        return violations;
    }

    private static void payloadMatchesKind(Message message, List<String> violations) {
        var kind = message.getHeader().getMessageKind();
        String required = Payloads.elementFor(kind);
        List<String> present = Payloads.present(message);
        if (present.size() == 1 && present.get(0).equals(required)) {
            return;
        }
        String found = present.isEmpty()
                ? "no payload"
                : present.stream().map(p -> "msg:" + p).collect(Collectors.joining(", "));
        violations.add("MessageKind " + kind.value() + " requires payload msg:" + required + ", found " + found);
    }

    private static void requestTypeFitsKind(Message message, List<String> violations) {
        var kind = message.getHeader().getMessageKind();
        RequestType type = message.getHeader().getRequestType();
        Payloads.requestTypesFor(kind).ifPresent(allowed -> {
            if (type == null || !allowed.contains(type)) {
                violations.add("RequestType " + (type == null ? "(missing)" : type.value())
                        + " does not fit MessageKind " + kind.value() + " (allowed: "
                        + allowed.stream().map(RequestType::value).collect(Collectors.joining(", ")) + ")");
            }
        });
    }

    private static void extraditionPurpose(ExtraditionRequest request, Header header, List<String> violations) {
        if (request == null || request.getPurpose() == null) {
            return;
        }
        ExtraditionPurpose purpose = request.getPurpose();
        RequestType type = header == null ? null : header.getRequestType();
        ExtraditionPurpose implied = type == RequestType.EXTRADITION_PROSECUTION
                ? ExtraditionPurpose.PROSECUTION
                : type == RequestType.EXTRADITION_ENFORCEMENT ? ExtraditionPurpose.ENFORCEMENT : null;
        if (implied != null && implied != purpose) {
            violations.add("ExtraditionRequest: RequestType " + type.value() + " requires Purpose " + implied.value()
                    + ", found " + purpose.value());
        }
        // ETS 24 Art. 12(2)(a); Minsk Art. 58: enforcement rests on an enforceable final conviction.
        if (purpose == ExtraditionPurpose.ENFORCEMENT
                && request.getJudicialDecision().stream().noneMatch(CrossFieldRules::isFinalJudgment)) {
            violations.add("ExtraditionRequest: purpose ENFORCEMENT requires a final judgment"
                    + " (JudicialDecision with Type JUDGMENT and Final true)");
        }
    }

    private static boolean isFinalJudgment(JudicialDecision decision) {
        return decision.getType() == DecisionType.JUDGMENT && decision.isFinal();
    }

    private static void refusalGroundsCiteLaw(Message message, List<String> violations) {
        if (message.getRefusal() == null) {
            return;
        }
        // UNTOC Art. 18(23): reasons must be given; a code alone does not say which article applies.
        List<RefusalGroundDetails> grounds = message.getRefusal().getGround();
        for (int i = 0; i < grounds.size(); i++) {
            if (grounds.get(i).getLegalReference() == null) {
                String code = grounds.get(i).getCode() == null
                        ? "no code"
                        : grounds.get(i).getCode().value();
                violations.add("Refusal: ground " + (i + 1) + " (" + code + ") has no LegalReference;"
                        + " every refusal ground must cite the article relied on");
            }
        }
    }

    private static void uniqueDocumentIds(List<MessageDocument> documents, List<String> violations) {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> order = new LinkedHashSet<>();
        for (MessageDocument d : documents) {
            counts.merge(d.getDocumentId(), 1, Integer::sum);
            order.add(d.getDocumentId());
        }
        for (String id : order) {
            if (counts.get(id) > 1) {
                violations.add("DocumentId " + id + " is used by " + counts.get(id)
                        + " documents; DocumentIds must be unique within a message");
            }
        }
    }

    private static void translationsPointAtOriginals(List<MessageDocument> documents, List<String> violations) {
        for (MessageDocument d : documents) {
            if (d.getTranslationOf() == null) {
                continue;
            }
            String original = d.getTranslationOf().getOriginalSha256();
            boolean found = documents.stream()
                    .anyMatch(other -> other != d && original != null && original.equals(other.getSha256()));
            if (!found) {
                violations.add("Document " + d.getDocumentId()
                        + ": TranslationOf names an original (by OriginalSha256) that is not another"
                        + " document in this message");
            }
        }
    }

    private static void referencesResolve(
            List<MessageDocument> documents, List<String> documentRefs, List<String> violations) {
        Set<String> ids = new HashSet<>();
        documents.forEach(d -> ids.add(d.getDocumentId()));
        Set<String> reported = new HashSet<>();
        for (String ref : documentRefs) {
            if (!ids.contains(ref) && reported.add(ref)) {
                violations.add("DocumentRef " + ref + " does not name a document in this message");
            }
        }
    }
}
