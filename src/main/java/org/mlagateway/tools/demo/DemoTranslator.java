package org.mlagateway.tools.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlagateway.Gateway;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.message.DocumentLanguages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.routing.Translation;
import org.mlagateway.store.Queue;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredMessage;

/**
 * The demo's translator: it claims outgoing messages waiting in {@code translation-outbound} and
 * posts, for each document the partner cannot read, a short text marked as a demonstration
 * translation into the partner's first language. A real translator does the same through the API.
 */
public final class DemoTranslator {
    static final String NAME = "demo-translator";

    private DemoTranslator() {}

    /** Translates what is waiting; returns how many messages were completed. */
    public static int translatePending(Gateway gateway) {
        int done = 0;
        Duration lease = Duration.ofMinutes(5);
        for (QueueItem item : gateway.store().claim(Queue.TRANSLATION_OUTBOUND, null, NAME, 20, lease)) {
            PartnerConfig partner = gateway.config().partners().stream()
                    .filter(p -> p.id().equals(item.target()))
                    .findFirst()
                    .orElseThrow();
            String language = partner.acceptedLanguages().get(0);
            StoredMessage stored = gateway.store().message(item.messagePk()).orElseThrow();
            Message message = gateway.codec().read(stored.messageXml());
            Set<String> missing = DocumentLanguages.uncovered(message, partner.acceptedLanguages());
            List<Translation> translations = new ArrayList<>();
            for (MessageDocument d : message.getDocuments().getDocument()) {
                if (missing.contains(d.getDocumentId())) {
                    String text = "[" + language + "] demonstration translation of document " + d.getDocumentId();
                    translations.add(new Translation(
                            d.getDocumentId() + "-" + language,
                            d.getSha256(),
                            language,
                            "text/plain",
                            "Translation of " + d.getDocumentId(),
                            text.getBytes(StandardCharsets.UTF_8)));
                }
            }
            gateway.translations().complete(item.id(), NAME, translations);
            done++;
        }
        return done;
    }
}
