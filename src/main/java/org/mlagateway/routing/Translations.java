package org.mlagateway.routing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.DocumentLanguages;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.Sha256;
import org.mlagateway.message.xml.DocumentType;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.message.xml.MessageDocuments;
import org.mlagateway.message.xml.ShortLocalizedText;
import org.mlagateway.message.xml.TranslationOf;
import org.mlagateway.store.DocumentData;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.Queue;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.QueueStore;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.TranslationStore;

/**
 * Completes translations. An incoming item in the {@code translation} queue gets its translated
 * documents stored beside the originals and moves to its body's {@code forwarding} queue. An
 * outgoing message in {@code translation-outbound} gets them added to the message it will send,
 * which moves to the {@code send} queue once the partner's language is covered.
 */
public final class Translations {
    private final MessageReads reads;
    private final QueueStore queues;
    private final TranslationStore translating;
    private final MessageCodec codec;
    private final GatewayConfig config;

    public <S extends MessageReads & QueueStore & TranslationStore> Translations(
            S store, MessageCodec codec, GatewayConfig config) {
        this.reads = store;
        this.queues = store;
        this.translating = store;
        this.codec = codec;
        this.config = config;
    }

    /** Stores the translations of a leased item and moves it on; {@code translator} holds the lease. */
    public QueueItem complete(long itemId, String translator, List<Translation> translations) {
        QueueItem item = queues.queueItem(itemId)
                .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no queue item " + itemId));
        if (!item.queue().needsTranslator()) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "item " + itemId + " is not waiting for translation");
        }
        if (item.state() != QueueItem.State.LEASED || !translator.equals(item.leaseOwner())) {
            throw new GatewayException(ErrorCode.LEASE_LOST, "claim item " + itemId + " before translating it");
        }
        if (translations.isEmpty()) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "post at least one translated document");
        }
        StoredMessage message = reads.message(item.messagePk()).orElseThrow();
        Set<String> originals = reads.documents(message.pk()).stream()
                .map(StoredDocument::sha256)
                .collect(Collectors.toSet());
        for (Translation t : translations) {
            if (!originals.contains(t.originalSha256())) {
                throw new GatewayException(
                        ErrorCode.INVALID_REQUEST,
                        "translation " + t.documentId() + " does not point at a document of this message");
            }
        }
        List<DocumentData> data = translations.stream()
                .map(t -> new DocumentData(
                        t.documentId(), "TRANSLATION", t.language(), t.mediaType(), t.content(), t.originalSha256()))
                .toList();
        if (item.queue() == Queue.TRANSLATION) {
            translating.addTranslations(message.pk(), data, null, translator);
            return queues.move(itemId, Queue.FORWARDING, item.target(), translator);
        }
        List<String> partnerLanguages = config.partners().stream()
                .filter(p -> p.id().equals(item.target()))
                .findFirst()
                .map(PartnerConfig::acceptedLanguages)
                .orElse(List.of());
        Message outgoing = codec.read(message.messageXml());
        translations.forEach(t -> add(outgoing, t));
        codec.verify(outgoing);
        Set<String> missing = DocumentLanguages.uncovered(outgoing, partnerLanguages);
        if (!partnerLanguages.isEmpty() && !missing.isEmpty()) {
            throw new GatewayException(
                    ErrorCode.TRANSLATION_MISSING,
                    "documents " + missing + " still need a translation into one of " + partnerLanguages);
        }
        byte[] canonical = codec.canonicalize(codec.toDocument(outgoing).getDocumentElement());
        translating.addTranslations(message.pk(), data, canonical, translator);
        return queues.move(itemId, Queue.SEND, item.target(), translator);
    }

    private static void add(Message message, Translation t) {
        if (message.getDocuments() == null) {
            message.setDocuments(new MessageDocuments());
        }
        MessageDocument d = new MessageDocument();
        d.setDocumentId(t.documentId());
        d.setDocumentType(DocumentType.TRANSLATION);
        ShortLocalizedText title = new ShortLocalizedText();
        title.setValue(t.title());
        title.setLang(t.language());
        d.setTitle(title);
        d.setMediaType(t.mediaType());
        d.setLanguage(t.language());
        TranslationOf of = new TranslationOf();
        of.setOriginalSha256(t.originalSha256());
        of.setCertified(false);
        d.setTranslationOf(of);
        byte[] content = t.content();
        d.setSha256(Sha256.hex(content));
        d.setSize(content.length);
        d.setContent(content);
        message.getDocuments().getDocument().add(d);
    }
}
