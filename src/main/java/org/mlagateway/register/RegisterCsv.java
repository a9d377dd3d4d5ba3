package org.mlagateway.register;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.mlagateway.store.RegisterSource;

/**
 * The register as CSV (RFC 4180, CRLF line ends), one line per entry. Every spelling of the name is in
 * one field, separated by {@code " | "}; the sources are {@code event date ref} triples separated by
 * semicolons. A field starting with a formula character is prefixed with {@code '} so that a
 * spreadsheet shows it rather than running it (names and case references come from partners).
 */
final class RegisterCsv {
    static final String HEADER =
            "entry_id,names,iin,birth_date,state,basis,case_reference,first_date,last_date," + "sources,updated_at";

    private RegisterCsv() {}

    static String write(List<Register.Entry> entries) {
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Register.Entry e : entries) {
            List<RegisterSource> sources = e.stored().sources();
            List<String> dates = sources.stream()
                    .filter(s -> s.date() != null)
                    .map(s -> s.date().toString())
                    .sorted()
                    .toList();
            rows.add(String.join(
                    ",",
                    e.stored().entryId(),
                    field(e.person().names().stream()
                            .map(RegisterPerson.Name::full)
                            .collect(Collectors.joining(" | "))),
                    field(e.person().iin()),
                    field(e.person().birthDate()),
                    e.stored().state(),
                    e.stored().basis(),
                    field(e.stored().caseRef()),
                    dates.isEmpty() ? "" : dates.get(0),
                    dates.isEmpty() ? "" : dates.get(dates.size() - 1),
                    field(sources.stream()
                            .map(s -> s.event() + " " + (s.date() == null ? "-" : s.date()) + " "
                                    + (s.messageId() != null ? s.messageId() : s.ref()))
                            .collect(Collectors.joining(";"))),
                    e.stored().updatedAt().toString()));
        }
        return String.join("\r\n", rows) + "\r\n";
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }
}
