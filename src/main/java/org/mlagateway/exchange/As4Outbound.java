package org.mlagateway.exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlagateway.config.As4Config;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.security.As4Mime;
import org.mlagateway.security.As4Payload;
import org.mlagateway.security.As4Profile;
import org.mlagateway.security.As4Sealer;
import org.mlagateway.security.As4Signals;
import org.mlagateway.security.As4UserMessage;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;

/**
 * One delivery attempt to a partner that speaks AS4 (docs/as4.md#outbound): the stored message as the compressed first
 * part of a UserMessage from our party to the partner's, under its service and the action of the message's kind, each
 * document kept as a file as a further compressed part, read from the store for each attempt (docs/as4.md#documents),
 * all signed and encrypted afresh; the partner's answer verified as a signed Receipt that refers to our message and
 * repeats every digest we signed. The ebMS MessageId derives from our message id, so a retry is the same message to the
 * partner's duplicate detection.
 */
public final class As4Outbound {
    private final String ownAuthorityId;
    private final As4Sealer sealer;
    private final As4Signals signals;
    private final Clock clock;

    public As4Outbound(String ownAuthorityId, As4Sealer sealer, As4Signals signals, Clock clock) {
        this.ownAuthorityId = ownAuthorityId;
        this.sealer = sealer;
        this.signals = signals;
        this.clock = clock;
    }

    /** What one attempt puts on the wire, and what the receipt must prove. */
    record Attempt(As4Sealer.Sealed sealed, String ebmsMessageId, As4Profile profile) {}

    Attempt seal(StoredMessage message, As4Config as4, PartnerEndpoint partner, StoredParts documents) {
        String ebmsId = message.messageId() + "@" + ownAuthorityId;
        String partId = "message@" + ownAuthorityId;
        List<As4Mime.Part> parts = new ArrayList<>();
        List<As4UserMessage.PartInfo> infos = new ArrayList<>();
        parts.add(As4Payload.part(partId, message.messageXml()));
        infos.add(As4Payload.partInfo(partId));
        for (int i = 0; i < documents.parts().size(); i++) {
            PartsRequest.Part part = documents.parts().get(i);
            StoredDocument document = documents.documents().get(i);
            parts.add(As4Payload.documentPart(part.contentId(), part.content().get()));
            infos.add(As4Payload.documentPartInfo(part.contentId(), document.mediaType(), document.documentId()));
        }
        As4UserMessage header = new As4UserMessage(
                ebmsId,
                clock.instant(),
                new As4UserMessage.Party(ownAuthorityId, as4.partyIdType(), As4Profile.INITIATOR),
                new As4UserMessage.Party(as4.partyId(), as4.partyIdType(), As4Profile.RESPONDER),
                as4.service(),
                as4.action(message.kind()),
                message.conversationId(),
                Map.of(As4Payload.ORIGINAL_SENDER, ownAuthorityId, As4Payload.FINAL_RECIPIENT, message.partner()),
                infos);
        As4Profile profile = As4Profile.named(as4.profile());
        As4Sealer.Sealed sealed = sealer.seal(header, parts, partner.encryptionCertificate(clock.instant()), profile);
        return new Attempt(sealed, ebmsId, profile);
    }

    /** The receipt check; a failure is the step's code, which the sender records as ReceiptInvalid. */
    void verify(byte[] answer, Attempt attempt, String partnerId) {
        try {
            signals.verifyReceipt(
                    answer, attempt.ebmsMessageId(), attempt.sealed().references(), partnerId, attempt.profile());
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GatewayException(ErrorCode.RECEIPT_INVALID, "the receipt cannot be read");
        }
    }
}
