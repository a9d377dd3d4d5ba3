package org.mlagateway.statistics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.xml.AuthorityType;
import org.mlagateway.message.xml.ExecutionResult;
import org.mlagateway.message.xml.ExtraditionDecision;
import org.mlagateway.message.xml.ExtraditionOutcome;
import org.mlagateway.message.xml.Header;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.RefusalGround;
import org.mlagateway.message.xml.Scope;
import org.mlagateway.message.xml.TransferOutcome;

/**
 * Valid messages for a synthetic year, made from the examples in {@code schemas/examples/}. Each
 * variant (example, sender, recipient, payload change) is parsed and checked against the schema
 * rules once; every message is then that variant with its own ids and time, written by the codec.
 */
final class SyntheticMessages {
    /**
     * A message ready to store: its ids, header facts and XML. {@code message} is the shared variant it
     * was written from, with placeholder ids; its authorities, type, legal bases and documents are right.
     */
    record Built(
            Message message,
            MessageSummary summary,
            String messageId,
            String conversationId,
            String inReplyTo,
            String kind,
            String requestType,
            byte[] xml) {}

    /** What a response says, beyond its kind. */
    enum Variant {
        PLAIN,
        REFUSAL_TOTAL,
        REFUSAL_PARTIAL,
        EXECUTED,
        EXTRADITION_GRANTED,
        TRANSFER_AGREED
    }

    private final MessageCodec codec;
    private final ExampleMessages examples;
    /** A variant, written once with placeholder ids and time. */
    private record Template(Message message, MessageSummary summary, String xml) {}

    private static final String ID = "00000000-0000-4000-8000-000000000001";
    private static final String CONVERSATION = "00000000-0000-4000-8000-000000000002";
    private static final String REQUEST = "00000000-0000-4000-8000-000000000003";
    private static final OffsetDateTime TIME = OffsetDateTime.parse("2000-01-01T00:00:00Z");

    private final Map<String, Template> templates = new HashMap<>();
    private final Map<String, AuthorityType> authorities = new HashMap<>();

    SyntheticMessages(MessageCodec codec) {
        this.codec = codec;
        this.examples = new ExampleMessages(codec);
    }

    /** A new request from one authority to another, in its own conversation. */
    Built request(String file, String from, String to, Instant at) {
        Template t = templates.computeIfAbsent(file + "|" + from + "|" + to, k -> {
            Message m = examples.example(file);
            m.getHeader().setSender(authority(from));
            m.getHeader().setRecipient(authority(to));
            return template(m, false);
        });
        String id = UUID.randomUUID().toString();
        return write(t, id, id, null, at);
    }

    /**
     * A response to {@code request} from its recipient, with the variant's payload and ground. Like
     * {@link ExampleMessages#response}, it carries the request's type and legal bases.
     */
    Built response(String file, Variant variant, String ground, Built request, Instant at) {
        Header asked = request.message().getHeader();
        String key = String.join(
                "|",
                file,
                variant.name(),
                String.valueOf(ground),
                asked.getSender().getAuthorityId(),
                asked.getRecipient().getAuthorityId(),
                request.kind(),
                asked.getRequestType().value());
        Template t = templates.computeIfAbsent(key, k -> {
            Message m = examples.example(file);
            m.getHeader().setSender(authority(asked.getRecipient().getAuthorityId()));
            m.getHeader().setRecipient(authority(asked.getSender().getAuthorityId()));
            m.getHeader().setRequestType(asked.getRequestType());
            m.getHeader().getLegalBasis().clear();
            m.getHeader().getLegalBasis().addAll(asked.getLegalBasis());
            if (m.getAcknowledgement() != null) {
                m.getAcknowledgement().setReceivedMessageId(REQUEST);
            }
            return template(variant(m, variant, ground), true);
        });
        return write(t, UUID.randomUUID().toString(), request.conversationId(), request.messageId(), at);
    }

    private AuthorityType authority(String id) {
        return authorities.computeIfAbsent(id, examples::authority);
    }

    private Message variant(Message m, Variant variant, String ground) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Consumer<Message> change =
                switch (variant) {
                    case PLAIN -> x -> {};
                    case REFUSAL_TOTAL, REFUSAL_PARTIAL ->
                        x -> {
                            x.getRefusal().setScope(variant == Variant.REFUSAL_TOTAL ? Scope.TOTAL : Scope.PARTIAL);
                            x.getRefusal()
                                    .getGround()
                                    .subList(1, x.getRefusal().getGround().size())
                                    .clear();
                            x.getRefusal().getGround().get(0).setCode(RefusalGround.valueOf(ground));
                        };
                    case EXECUTED -> x -> x.getExecutionReport().setResult(ExecutionResult.FULL);
                    case EXTRADITION_GRANTED ->
                        x -> {
                            ExtraditionOutcome outcome = new ExtraditionOutcome();
                            outcome.setDecision(ExtraditionDecision.GRANTED);
                            outcome.setDecidedOn(day);
                            x.getExecutionReport().setExtraditionOutcome(outcome);
                            x.getExecutionReport().getMeasureOutcome().clear();
                        };
                    case TRANSFER_AGREED ->
                        x -> {
                            TransferOutcome outcome = new TransferOutcome();
                            outcome.setAgreed(true);
                            x.getExecutionReport().setTransferOutcome(outcome);
                            x.getExecutionReport().getMeasureOutcome().clear();
                        };
                };
        change.accept(m);
        codec.verify(m);
        return m;
    }

    /**
     * Checks the variant against the schema rules and writes it once, validated, with placeholder
     * ids and time; every message of the variant is that text with its own values put in. They are
     * of the same lexical types (lowercase UUIDs, a UTC dateTime), so each message stays valid.
     */
    private Template template(Message m, boolean response) {
        Header h = m.getHeader();
        h.setMessageId(ID);
        h.setConversationId(CONVERSATION);
        h.setInReplyTo(response ? REQUEST : null);
        h.setCreatedAt(TIME);
        codec.verify(m);
        String xml = new String(codec.write(m), StandardCharsets.UTF_8);
        String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(TIME);
        if (xml.indexOf(time) != xml.lastIndexOf(time)) {
            throw new IllegalStateException("the example already holds the placeholder time " + time);
        }
        return new Template(m, codec.summarize(m), xml);
    }

    private static Built write(Template t, String id, String conversationId, String inReplyTo, Instant at) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(createdAt);
        String xml = t.xml()
                .replace(ID, id)
                .replace(CONVERSATION, conversationId)
                .replace(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(TIME), time);
        if (inReplyTo != null) {
            xml = xml.replace(REQUEST, inReplyTo);
        }
        Header h = t.message().getHeader();
        MessageSummary summary = t.summary()
                .withIdentity(
                        UUID.fromString(id),
                        UUID.fromString(conversationId),
                        inReplyTo == null ? null : UUID.fromString(inReplyTo),
                        createdAt);
        return new Built(
                t.message(),
                summary,
                id,
                conversationId,
                inReplyTo,
                h.getMessageKind().value(),
                h.getRequestType().value(),
                xml.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> partners() {
        return List.of("RU-GPO", "TR-MOJ", "AE-MOJ");
    }
}
