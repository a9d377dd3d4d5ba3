package org.mlagateway.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.store.Direction;
import org.mlagateway.store.StatisticsRows;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a stored reply decides about the request it answers, read from its message XML (which was
 * schema-valid when it was stored). Only three kinds can decide, and only from the right side:
 * <ul>
 *   <li>a refusal with scope {@code TOTAL}, from the requested state: refused, with its ground codes
 *       (a partial refusal leaves the rest of the request open, UNTOC Art. 18(23));</li>
 *   <li>an execution report from the requested state: the extradition, transfer or proceedings
 *       decision it carries (ETS 24 Art. 18; ETS 112; ETS 73 Art. 16), otherwise its result
 *       ({@code FULL} or {@code PARTIAL}: executed; {@code NONE}: not executed);</li>
 *   <li>a withdrawal with scope {@code TOTAL}, from the requesting state (UNTOC Art. 18(24)).</li>
 * </ul>
 * Acknowledgements, status updates and additional-information messages decide nothing.
 */
final class ReplyDecision {
    /** The ground a negative decision in an execution report is counted under: it names none. */
    static final String GROUND_NOT_STATED = "NOT_STATED";

    static final List<String> DECISIVE_KINDS =
            List.of(MessageKind.REFUSAL.value(), MessageKind.EXECUTION_REPORT.value(), MessageKind.WITHDRAWAL.value());

    /** A decision and, for a refusal, its grounds. */
    record Decision(Outcome outcome, List<String> grounds) {}

    private final SafeXml xml;

    /** {@code maxXmlDepth} is the configured {@code limits.maxXmlDepth}. */
    ReplyDecision(int maxXmlDepth) {
        this.xml = new SafeXml(maxXmlDepth);
    }

    /** The decision of {@code reply} on a request that went in {@code requestDirection}, if it makes one. */
    Optional<Decision> decide(StatisticsRows.Reply reply, Direction requestDirection) {
        boolean fromRequestedState = reply.direction() != requestDirection;
        if (MessageKind.WITHDRAWAL.value().equals(reply.kind())) {
            if (fromRequestedState) {
                return Optional.empty();
            }
            Element w = child(payload(reply), "Withdrawal");
            return "TOTAL".equals(text(w, "Scope"))
                    ? Optional.of(new Decision(Outcome.WITHDRAWN, List.of()))
                    : Optional.empty();
        }
        if (!fromRequestedState) {
            return Optional.empty();
        }
        if (MessageKind.REFUSAL.value().equals(reply.kind())) {
            Element refusal = child(payload(reply), "Refusal");
            if (!"TOTAL".equals(text(refusal, "Scope"))) {
                return Optional.empty();
            }
            List<String> grounds = new ArrayList<>();
            for (Element ground : children(refusal, "Ground")) {
                grounds.add(text(ground, "Code"));
            }
            return Optional.of(new Decision(Outcome.REFUSED, grounds));
        }
        if (MessageKind.EXECUTION_REPORT.value().equals(reply.kind())) {
            return Optional.of(report(child(payload(reply), "ExecutionReport")));
        }
        return Optional.empty();
    }

    private static Decision report(Element report) {
        Element extradition = child(report, "ExtraditionOutcome");
        if (extradition != null) {
            return "REFUSED".equals(text(extradition, "Decision")) ? refusedWithoutGround() : granted();
        }
        Element transfer = child(report, "TransferOutcome");
        if (transfer != null) {
            return "true".equals(text(transfer, "Agreed")) ? granted() : refusedWithoutGround();
        }
        Element proceedings = child(report, "ProceedingsOutcome");
        if (proceedings != null) {
            return "true".equals(text(proceedings, "Accepted")) ? granted() : refusedWithoutGround();
        }
        return "NONE".equals(text(report, "Result")) ? new Decision(Outcome.NOT_EXECUTED, List.of()) : granted();
    }

    private static Decision granted() {
        return new Decision(Outcome.GRANTED, List.of());
    }

    private static Decision refusedWithoutGround() {
        return new Decision(Outcome.REFUSED, List.of(GROUND_NOT_STATED));
    }

    private Element payload(StatisticsRows.Reply reply) {
        return xml.parse(reply.messageXml()).getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Namespaces.MSG.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
