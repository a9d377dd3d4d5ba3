package org.mlagateway.statistics;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlagateway.message.xml.MessageKind;

/**
 * The rows of the yearly report: one per request kind, in the order the Prosecutor General's
 * Office reports them (docs/domain.md). A request belongs to the category of its {@code MessageKind};
 * the request type (e.g. extradition for prosecution or for enforcement) is a detail within it.
 */
public enum Category {
    MLA(MessageKind.MLA_REQUEST, "mutual legal assistance"),
    EXTRADITION(MessageKind.EXTRADITION_REQUEST, "extradition"),
    PROVISIONAL_ARREST(MessageKind.PROVISIONAL_ARREST_REQUEST, "provisional arrest"),
    TRANSIT(MessageKind.TRANSIT_REQUEST, "transit"),
    TRANSFER_OF_SENTENCED_PERSONS(MessageKind.TRANSFER_OF_SENTENCED_PERSON_REQUEST, "transfer of sentenced persons"),
    TRANSFER_OF_PROCEEDINGS(MessageKind.TRANSFER_OF_PROCEEDINGS_REQUEST, "transfer of proceedings");

    private final MessageKind kind;
    private final String label;

    Category(MessageKind kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    /** The message kind of this category's requests, as stored. */
    public String kind() {
        return kind.value();
    }

    /** How the report names the category. */
    public String label() {
        return label;
    }

    static Optional<Category> ofKind(String storedKind) {
        return Arrays.stream(values()).filter(c -> c.kind().equals(storedKind)).findFirst();
    }

    static Set<String> kinds() {
        return Arrays.stream(values()).map(Category::kind).collect(Collectors.toUnmodifiableSet());
    }
}
