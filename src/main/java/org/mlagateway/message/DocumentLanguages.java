package org.mlagateway.message;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;

/**
 * Which documents a partner can read: an original is covered when it, or a translation of it in the
 * same message, is in a language the partner accepts (docs/domain.md#languages-and-translation.
 * Documents without linguistic content ({@code zxx}, e.g. a photograph) are always covered.
 */
public final class DocumentLanguages {
    private DocumentLanguages() {}

    /** The documents, by id, that no accepted-language version covers. */
    public static Set<String> uncovered(Message message, Collection<String> accepted) {
        Set<String> out = new LinkedHashSet<>();
        if (message.getDocuments() == null) {
            return out;
        }
        List<MessageDocument> docs = message.getDocuments().getDocument();
        for (MessageDocument d : docs) {
            if (d.getTranslationOf() != null || readable(d, accepted)) {
                continue;
            }
            boolean translated = docs.stream()
                    .anyMatch(t -> t.getTranslationOf() != null
                            && t.getTranslationOf().getOriginalSha256().equals(d.getSha256())
                            && readable(t, accepted));
            if (!translated) {
                out.add(d.getDocumentId());
            }
        }
        return out;
    }

    private static boolean readable(MessageDocument d, Collection<String> accepted) {
        String primary = MessageSummary.primaryLanguage(d.getLanguage());
        return primary.equals("zxx") || accepted.contains(primary);
    }
}
