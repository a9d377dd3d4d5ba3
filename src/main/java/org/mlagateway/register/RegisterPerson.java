package org.mlagateway.register;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * The person of a register entry: the name in every spelling known (Kazakh and Russian Cyrillic,
 * Latin, ...), the IIN when known, and the birth date as far as known ({@code 1991}, {@code 1991-07} or
 * {@code 1991-07-02}). Stored as JSON, sealed at rest with the entry.
 *
 * <p>Two records are one person ({@link #merge}) when both carry an IIN and it is the same; or, when
 * at most one carries an IIN, when they share a spelling (script, surname and given names, folded) and
 * their birth dates do not contradict each other.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisterPerson(List<Name> names, String iin, String birthDate) {
    static final int MAX_NAMES = 16;
    static final int MAX_PART = 100;
    private static final Pattern SCRIPT = Pattern.compile("[A-Z][a-z]{3}");
    private static final Pattern PARTIAL_DATE = Pattern.compile("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?");
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One spelling: ISO 15924 script, the language tag it was given in (may be null), and its parts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Name(String script, String lang, String surname, String givenNames, String patronymic) {
        public Name {
            if (script == null || !SCRIPT.matcher(script).matches()) {
                throw invalid("a name's script is an ISO 15924 code such as Cyrl or Latn");
            }
            surname = part("surname", surname, true);
            givenNames = part("givenNames", givenNames, true);
            patronymic = part("patronymic", patronymic, false);
            if (lang != null && (lang.isBlank() || lang.length() > 16)) {
                throw invalid("a name's lang is a language tag of at most 16 characters");
            }
        }

        /** Surname, given names and patronymic as one line. */
        public String full() {
            return surname + " " + givenNames + (patronymic == null ? "" : " " + patronymic);
        }

        String key() {
            return script + "|" + fold(surname) + "|" + fold(givenNames);
        }
    }

    public RegisterPerson {
        names = List.copyOf(Objects.requireNonNullElse(names, List.of()));
        if (names.isEmpty() || names.size() > MAX_NAMES) {
            throw invalid("a person has 1 to " + MAX_NAMES + " names");
        }
        if (iin != null) {
            iin = new Iin(iin.strip()).value();
        }
        if (birthDate != null && !PARTIAL_DATE.matcher(birthDate).matches()) {
            throw invalid("birthDate is YYYY, YYYY-MM or YYYY-MM-DD");
        }
    }

    /**
     * Folds text for matching names: Unicode NFKC, lower case, ё as е, and the font damage Kazakh text
     * often carries ({@code ӛ}, U+04DB, where {@code ө}, U+04E9, belongs) undone, so either spelling finds
     * the other.
     */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replace('ё', 'е')
                .replace('ӛ', 'ө')
                .replaceAll("\\s+", " ")
                .strip();
    }

    /** Whether every word of {@code query} (folded) occurs in one of the person's names. */
    boolean matchesName(String query) {
        String[] words = fold(query).split(" ");
        List<String> spellings = names.stream().map(n -> fold(n.full())).toList();
        for (String word : words) {
            if (!word.isEmpty() && spellings.stream().noneMatch(s -> s.contains(word))) {
                return false;
            }
        }
        return true;
    }

    /** The two as one person with every spelling of both, or null when they are different people. */
    RegisterPerson merge(RegisterPerson other) {
        if (iin != null && other.iin != null) {
            if (!iin.equals(other.iin)) {
                return null;
            }
        } else if (names.stream()
                        .map(Name::key)
                        .noneMatch(k -> other.names.stream().map(Name::key).anyMatch(k::equals))
                || !compatible(birthDate, other.birthDate)) {
            return null;
        }
        Map<String, Name> all = new LinkedHashMap<>();
        for (Name n : names) {
            all.putIfAbsent(n.key() + "|" + fold(Objects.toString(n.patronymic(), "")), n);
        }
        for (Name n : other.names) {
            all.putIfAbsent(n.key() + "|" + fold(Objects.toString(n.patronymic(), "")), n);
        }
        List<Name> merged = new ArrayList<>(all.values());
        return new RegisterPerson(
                merged.subList(0, Math.min(MAX_NAMES, merged.size())),
                iin != null ? iin : other.iin,
                longer(birthDate, other.birthDate));
    }

    private static boolean compatible(String a, String b) {
        return a == null || b == null || a.startsWith(b) || b.startsWith(a);
    }

    private static String longer(String a, String b) {
        return a == null ? b : b == null || a.length() >= b.length() ? a : b;
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RegisterPerson fromJson(byte[] json) {
        try {
            return JSON.readValue(json, RegisterPerson.class);
        } catch (IOException e) {
            throw new IllegalStateException("a register entry's person does not parse", e);
        }
    }

    /** The store's merge of two stored persons ({@link org.mlagateway.store.RegisterStore.PersonMerge}). */
    static byte[] mergeJson(byte[] existing, byte[] incoming) {
        RegisterPerson merged = fromJson(existing).merge(fromJson(incoming));
        return merged == null ? null : merged.toJson();
    }

    private static String part(String name, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw invalid("a name's " + name + " is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > MAX_PART || v.chars().anyMatch(Character::isISOControl)) {
            throw invalid("a name's " + name + " is at most " + MAX_PART + " characters, without control characters");
        }
        return v;
    }

    static GatewayException invalid(String message) {
        return new GatewayException(ErrorCode.INVALID_REQUEST, message);
    }
}
