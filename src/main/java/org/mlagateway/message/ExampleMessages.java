package org.mlagateway.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.mlagateway.message.xml.AuthorityType;
import org.mlagateway.message.xml.Header;
import org.mlagateway.message.xml.Message;

/**
 * Fresh, valid messages made from the realistic examples in {@code schemas/examples/}, addressed
 * between any two authorities that appear in them: the demo's traffic, end-to-end tests and the
 * benchmark corpus. Each gets a new message id and the current time; a response joins its request's
 * conversation and names it in {@code InReplyTo}.
 */
public final class ExampleMessages {
    /** A request kind and the response the demo answers it with. */
    public record Exchange(String request, String response) {}

    /** One message of every request kind, each with a matching response. */
    public static final List<Exchange> DEMO = List.of(
            new Exchange("mla-request.xml", "acknowledgement.xml"),
            new Exchange("extradition-request-prosecution.xml", "refusal.xml"),
            new Exchange("provisional-arrest-request.xml", "status-update.xml"),
            new Exchange("transit-request.xml", "acknowledgement.xml"),
            new Exchange("transfer-of-sentenced-person-request.xml", "additional-information-request.xml"),
            new Exchange("transfer-of-proceedings-request.xml", "execution-report.xml"));

    private final MessageCodec codec;

    public ExampleMessages(MessageCodec codec) {
        this.codec = codec;
    }

    /** The example file as written, validated. */
    public Message example(String file) {
        try (InputStream in = ExampleMessages.class.getResourceAsStream("/schemas/examples/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no example named " + file);
            }
            return codec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sender or recipient block of {@code authorityId} as an example states it. */
    public AuthorityType authority(String authorityId) {
        for (String file : List.of(
                "mla-request.xml",
                "extradition-request-enforcement.xml",
                "extradition-request-prosecution.xml",
                "refusal.xml",
                "acknowledgement.xml")) {
            Header h = example(file).getHeader();
            for (AuthorityType a : List.of(h.getSender(), h.getRecipient())) {
                if (a.getAuthorityId().equals(authorityId)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("no example names authority " + authorityId);
    }

    /** A new request from one authority to another, in a new conversation. */
    public Message request(String file, String from, String to) {
        Message m = example(file);
        address(m, from, to);
        m.getHeader().setConversationId(UUID.randomUUID().toString());
        m.getHeader().setInReplyTo(null);
        codec.verify(m);
        return m;
    }

    /** A new response to {@code request}, from its recipient back to its sender. */
    public Message response(String file, Message request) {
        Message m = example(file);
        Header asked = request.getHeader();
        address(m, asked.getRecipient().getAuthorityId(), asked.getSender().getAuthorityId());
        m.getHeader().setConversationId(asked.getConversationId());
        m.getHeader().setInReplyTo(asked.getMessageId());
        m.getHeader().setRequestType(asked.getRequestType());
        // A response rests on the legal bases of the request it answers.
        m.getHeader().getLegalBasis().clear();
        m.getHeader().getLegalBasis().addAll(asked.getLegalBasis());
        if (m.getAcknowledgement() != null) {
            m.getAcknowledgement().setReceivedMessageId(asked.getMessageId());
        }
        codec.verify(m);
        return m;
    }

    private void address(Message m, String from, String to) {
        Header h = m.getHeader();
        h.setMessageId(UUID.randomUUID().toString());
        h.setCreatedAt(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        h.setSender(authority(from));
        h.setRecipient(authority(to));
    }
}
