package org.mlagateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.message.xml.RequestType;
import org.mlagateway.security.token.Tokens;
import org.mlagateway.store.LogPage;
import org.mlagateway.store.LogQuery;
import org.mlagateway.store.LogRow;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gateway log search}: the operator pages' message-log search on the command line, with the
 * same filters (one {@link LogQuery}). Prints a table, or with {@code --json} one JSON object with
 * the rows and the cursor of the next page.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = "Search the message log: messages and rejected attempts matching every filter, newest first."
                + " Free text matches the subject and summary fields (Kazakh and Russian Cyrillic, any case).")
final class LogSearch implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The gateway.yaml whose store to search.")
    Path config;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--direction", description = "IN or OUT.")
    String direction;

    @Option(names = "--partner", description = "Partner authority id, e.g. RU-GPO.")
    String partner;

    @Option(names = "--kind", description = "Message kind, e.g. EXTRADITION_REQUEST.")
    String kind;

    @Option(names = "--request-type", description = "Request type, e.g. PROVISIONAL_ARREST.")
    String requestType;

    @Option(names = "--status", description = "RECEIVED, QUEUED, RETRYING, DELIVERED, FAILED or REJECTED.")
    String status;

    @Option(names = "--conversation", description = "Conversation id.")
    String conversationId;

    @Option(names = "--message-id", description = "Message id.")
    String messageId;

    @Option(names = "--correlation-id", description = "Correlation id of a rejected attempt.")
    String correlationId;

    @Option(
            names = "--error-code",
            description = "Error code of a rejection or a delivery attempt, e.g. SignatureInvalid.")
    String errorCode;

    @Option(names = "--from", description = "From this date (2025-03-01) or instant (2025-03-01T10:00:00Z), inclusive.")
    String from;

    @Option(names = "--to", description = "Up to the end of this date, or to this instant (exclusive).")
    String to;

    @Option(names = "--flagged", description = "Only messages flagged for review.")
    boolean flagged;

    @Option(names = "--overdue", description = "Only messages with an open clock that has run out.")
    boolean overdue;

    @Option(names = "--limit", defaultValue = "50", description = "Rows per page, 1-500 (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--after", description = "The cursor printed after the previous page.")
    String after;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Free text: every word must occur.")
    List<String> text = new ArrayList<>();

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        LogQuery query;
        try {
            validate();
            query = LogQuery.builder()
                    .direction(direction)
                    .partner(partner)
                    .kind(kind == null ? null : kind.strip().toUpperCase(Locale.ROOT))
                    .requestType(
                            requestType == null ? null : requestType.strip().toUpperCase(Locale.ROOT))
                    .status(status)
                    .conversationId(conversationId)
                    .messageId(messageId)
                    .correlationId(correlationId)
                    .errorCode(errorCode)
                    .from(from)
                    .to(to)
                    .flagged(flagged)
                    .overdue(overdue)
                    .text(String.join(" ", text))
                    .after(after)
                    .limit(limit)
                    .build();
        } catch (IllegalArgumentException e) {
            out.println("log search: " + e.getMessage());
            return 2;
        }
        GatewayConfig loaded = storeOptions.load(config, "log search", out);
        if (loaded == null) {
            return 1;
        }
        try (Tokens tokens = new Tokens();
                Store store = Store.open(
                        loaded.storage(),
                        Clock.systemUTC(),
                        null,
                        AtRest.sealing(loaded.storage(), Clock.systemUTC(), tokens),
                        Store.Access.JOIN)) {
            LogPage page = store.search(query);
            out.println(json ? json(page) : table(page));
            return 0;
        } catch (StoreException e) {
            out.println("log search: " + e.getMessage());
            return 1;
        }
    }

    /** The filters with a fixed set of values are one of them, not a search that silently matches nothing. */
    private void validate() {
        oneOf("--kind", kind, MessageKind.class);
        oneOf("--request-type", requestType, RequestType.class);
        if (errorCode != null && !errorCode.isBlank()) {
            List<String> codes =
                    Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList();
            if (!codes.contains(errorCode.strip())) {
                throw new IllegalArgumentException(
                        "unknown --error-code '" + errorCode + "'; one of " + String.join(", ", codes));
            }
        }
    }

    private static <E extends Enum<E>> void oneOf(String option, String value, Class<E> values) {
        if (value == null || value.isBlank()) {
            return;
        }
        List<String> names =
                Arrays.stream(values.getEnumConstants()).map(Enum::name).toList();
        if (!names.contains(value.strip().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "unknown " + option + " '" + value + "'; one of " + String.join(", ", names));
        }
    }

    static String table(LogPage page) {
        if (page.rows().isEmpty()) {
            return "log search: no match";
        }
        StringBuilder b = new StringBuilder(String.format(
                "%-27s %-3s %-10s %-36s %-30s %-10s %s%n",
                "time", "dir", "partner", "message id", "kind / error code", "status", "subject / correlation id"));
        for (LogRow r : page.rows()) {
            b.append(String.format(
                    "%-27s %-3s %-10s %-36s %-30s %-10s %s%n",
                    r.at(),
                    r.direction(),
                    dash(r.partner()),
                    dash(r.messageId()),
                    r.isRejection() ? r.errorCode() : r.kind(),
                    r.status(),
                    r.isRejection() ? "correlation " + dash(r.correlationId()) : dash(r.subject())));
        }
        b.append(page.rows().size()).append(page.rows().size() == 1 ? " row" : " rows");
        if (page.next() != null) {
            b.append("; more with --after ").append(page.next());
        }
        return b.toString();
    }

    static String json(LogPage page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LogRow r : page.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", r.type().name());
            row.put("at", r.at().toString());
            row.put("direction", r.direction().name());
            row.put("partner", r.partner());
            row.put("messageId", r.messageId());
            row.put("status", r.status());
            if (r.isRejection()) {
                row.put("logSeq", r.key());
                row.put("errorCode", r.errorCode());
                row.put("correlationId", r.correlationId());
            } else {
                row.put("conversationId", r.conversationId());
                row.put("kind", r.kind());
                row.put("requestType", r.requestType());
                row.put("subject", r.subject());
                row.put("flag", r.flag());
                row.put("dueAt", r.dueAt() == null ? null : r.dueAt().toString());
            }
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("next", page.next());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
