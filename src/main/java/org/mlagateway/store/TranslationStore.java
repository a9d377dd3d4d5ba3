package org.mlagateway.store;

import java.util.List;

/** The one change a stored message allows after it is stored: adding translations. {@link Store} implements it. */
public interface TranslationStore {
    /**
     * Adds translated documents to a message and logs {@code translated}, in one transaction. For an
     * outgoing message, {@code replacementXml} is its message XML with the translations included
     * (what will be sent); for an incoming one it is null, since the received message stays as it was.
     */
    void addTranslations(long messagePk, List<DocumentData> translations, byte[] replacementXml, String actor);
}
