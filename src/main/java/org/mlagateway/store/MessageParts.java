package org.mlagateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;

/** The documents of a schema-valid message, in the form the store keeps them. */
public final class MessageParts {
    private MessageParts() {}

    /** The documents of a message whose documents are all inline. */
    public static List<DocumentData> documents(Message message) {
        return documents(message, Map.of());
    }

    /**
     * The documents of a message, inline ones with their content and those that travelled as parts
     * with the file they were stored in ({@code files}, by document id). A part without its file
     * is a caller's error.
     */
    public static List<DocumentData> documents(Message message, Map<String, DocumentFiles.Written> files) {
        List<DocumentData> out = new ArrayList<>();
        if (message.getDocuments() == null) {
            return out;
        }
        for (MessageDocument d : message.getDocuments().getDocument()) {
            String translationOf =
                    d.getTranslationOf() == null ? null : d.getTranslationOf().getOriginalSha256();
            DocumentFiles.Written file = d.getAttachment() == null ? null : files.get(d.getDocumentId());
            if (d.getAttachment() != null && file == null) {
                throw new IllegalArgumentException("document " + d.getDocumentId() + " has no stored part");
            }
            out.add(new DocumentData(
                    d.getDocumentId(),
                    d.getDocumentType().value(),
                    d.getLanguage(),
                    d.getMediaType(),
                    file != null ? null : d.getContent() == null ? new byte[0] : d.getContent(),
                    translationOf,
                    file));
        }
        return out;
    }
}
