package org.mlagateway.store;

import java.util.ArrayList;
import java.util.List;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;

/** The documents of a schema-valid message, in the form the store keeps them. */
public final class MessageParts {
    private MessageParts() {}

    public static List<DocumentData> documents(Message message) {
        List<DocumentData> out = new ArrayList<>();
        if (message.getDocuments() == null) {
            return out;
        }
        for (MessageDocument d : message.getDocuments().getDocument()) {
            String translationOf =
                    d.getTranslationOf() == null ? null : d.getTranslationOf().getOriginalSha256();
            out.add(new DocumentData(
                    d.getDocumentId(),
                    d.getDocumentType().value(),
                    d.getLanguage(),
                    d.getMediaType(),
                    d.getContent(),
                    translationOf));
        }
        return out;
    }
}
