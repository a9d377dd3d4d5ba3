package org.mlagateway.tools.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.config.TsaConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.VerifyReport;

/**
 * The demo: KZ-GPO and RU-GPO in one process on free loopback ports, with the sample keys and
 * embedded stores in a temporary directory. KZ sends one message of every request kind, RU answers
 * each, every delivery must end {@code DELIVERED} with its receipt verified, and both message logs
 * must verify.
 */
public final class Demo {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private final Path keys;
    private final PrintStream out;
    private final DemoTsa tsa;
    private final BiFunction<String, StorageConfig, StorageConfig> storage;

    /** One message of the demo: who sent it, and what became of it. */
    private record Row(String messageId, String kind, Gateway from, String direction, String partner) {}

    /** {@code tsa}: the sample time-stamping authority that stamps both gateways' checkpoints. */
    public Demo(Path keys, PrintStream out, DemoTsa tsa) {
        this(keys, out, tsa, (authority, embedded) -> embedded);
    }

    /**
     * {@code storage}: given an authority's directory name and its embedded store (in the work
     * directory, with the sample's key-encryption key), the store it runs on, e.g. a PostgreSQL schema.
     */
    public Demo(Path keys, PrintStream out, DemoTsa tsa, BiFunction<String, StorageConfig, StorageConfig> storage) {
        this.keys = keys;
        this.out = out;
        this.tsa = tsa;
        this.storage = storage;
    }

    /** Runs the demo; returns the gateways, still running, and whether everything succeeded. */
    public Result run(Path work) {
        Gateway ru = Gateway.start(config("ru-gpo", work.resolve("ru-gpo")), Clock.systemUTC());
        Gateway kz;
        try {
            kz = Gateway.start(config("kz-gpo", work.resolve("kz-gpo")), Clock.systemUTC());
        } catch (RuntimeException e) {
            ru.close();
            throw e;
        }
        kz.useEndpoint("RU-GPO", ru.exchangeUrl());
        ru.useEndpoint("KZ-GPO", kz.exchangeUrl());
        out.println("KZ-GPO listens on " + kz.exchangeUrl() + ", RU-GPO on " + ru.exchangeUrl());

        ExampleMessages examples = new ExampleMessages(kz.codec());
        List<Row> rows = new ArrayList<>();
        List<Message> requests = new ArrayList<>();
        for (ExampleMessages.Exchange pair : ExampleMessages.DEMO) {
            Message request = examples.request(pair.request(), "KZ-GPO", "RU-GPO");
            requests.add(request);
            rows.add(submit(kz, request, "KZ-GPO -> RU-GPO", "RU-GPO"));
        }
        awaitSettled(rows);
        for (int i = 0; i < requests.size(); i++) {
            Message response = examples.response(ExampleMessages.DEMO.get(i).response(), requests.get(i));
            rows.add(submit(ru, response, "RU-GPO -> KZ-GPO", "KZ-GPO"));
        }
        awaitSettled(rows);
        return report(rows, kz, ru);
    }

    /** The gateways, the verdict, and the id of the first message KZ-GPO sent. */
    public record Result(Gateway kz, Gateway ru, boolean success, String firstMessageId) {}

    private Row submit(Gateway from, Message message, String direction, String partner) {
        from.submissions()
                .submit(from.codec().write(message), "demo", UUID.randomUUID().toString());
        return new Row(
                message.getHeader().getMessageId(),
                message.getHeader().getMessageKind().value(),
                from,
                direction,
                partner);
    }

    private void awaitSettled(List<Row> rows) {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end) && !rows.stream().allMatch(this::settled)) {
            rows.stream().map(Row::from).distinct().forEach(DemoTranslator::translatePending);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Delivered or failed, and the send item acked: nothing more will be logged about it, so the
     * final checkpoints cover every entry of the demo's messages.
     */
    private boolean settled(Row row) {
        return status(row).filter(MessageStatus::isFinal).isPresent()
                && row.from().store().timeline(row.messageId()).stream().anyMatch(e -> "acked".equals(e.event()));
    }

    private static Optional<MessageStatus> status(Row row) {
        return row.from()
                .store()
                .message(Direction.OUT, row.partner(), row.messageId())
                .map(StoredMessage::status);
    }

    private static boolean receiptVerified(Row row) {
        return row.from().store().timeline(row.messageId()).stream()
                .map(LogEntry::event)
                .anyMatch("receipt-received"::equals);
    }

    private Result report(List<Row> rows, Gateway kz, Gateway ru) {
        out.printf(
                "%n%-3s %-36s %-37s %-17s %-10s %s%n",
                "#", "message id", "kind", "direction", "status", "receipt verified");
        int delivered = 0;
        int verified = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Optional<MessageStatus> status = status(row);
            boolean receipt = receiptVerified(row);
            delivered += status.filter(MessageStatus.DELIVERED::equals).isPresent() ? 1 : 0;
            verified += receipt ? 1 : 0;
            out.printf(
                    "%-3d %-36s %-37s %-17s %-10s %s%n",
                    i + 1,
                    row.messageId(),
                    row.kind(),
                    row.direction(),
                    status.map(MessageStatus::dbName).orElse("ABSENT"),
                    receipt ? "yes" : "NO");
        }
        routed(rows, kz, ru);
        boolean logs = verifyLog("KZ-GPO", kz) & verifyLog("RU-GPO", ru);
        out.printf(
                "%ndemo: %d/%d delivered, %d/%d receipts verified, %s%n",
                delivered, rows.size(), verified, rows.size(), logs ? "logs verified" : "LOG VERIFICATION FAILED");
        return new Result(
                kz,
                ru,
                delivered == rows.size() && verified == rows.size() && logs,
                rows.get(0).messageId());
    }

    /** Where each message went at its receiver: the queue and the domestic body, and any flag. */
    private void routed(List<Row> rows, Gateway kz, Gateway ru) {
        out.printf(
                "%n%-3s %-37s %-8s %-13s %-18s %-10s %s%n", "#", "kind", "at", "queue", "body", "translated", "flag");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Gateway receiver = row.from() == kz ? ru : kz;
            String sender = row.from() == kz ? "KZ-GPO" : "RU-GPO";
            receiver.store().message(Direction.IN, sender, row.messageId()).ifPresent(m -> {
                boolean translated = row.from().store().timeline(row.messageId()).stream()
                        .anyMatch(e -> "translated".equals(e.event()));
                for (QueueItem item : receiver.store().queueItemsOf(m.pk())) {
                    out.printf(
                            "%-3d %-37s %-8s %-13s %-18s %-10s %s%n",
                            rows.indexOf(row) + 1,
                            row.kind(),
                            row.partner(),
                            item.queue().dbName(),
                            item.target(),
                            translated ? "before" : "-",
                            item.flagReason() == null ? "-" : item.flagReason());
                }
            });
        }
    }

    private boolean verifyLog(String name, Gateway gateway) {
        gateway.store().checkpoint();
        VerifyReport report = gateway.store().verify(1, ProgressListener.NONE);
        out.println("log verify " + name + ": " + report.entriesChecked() + " entries, "
                + report.checkpointsChecked() + " checkpoints, "
                + report.problem()
                        .map(p -> "problem at " + p.seq() + ": " + p.kind() + " " + p.detail())
                        .orElse("OK"));
        return report.ok();
    }

    private GatewayConfig config(String authority, Path dataDir) {
        Path yaml = keys.resolve(authority).resolve("gateway.yaml");
        if (!Files.isRegularFile(yaml)) {
            throw new UncheckedIOException(new IOException(
                    "no sample configuration at " + yaml + " (run from the repository, or pass --keys)"));
        }
        GatewayConfig c = new ConfigLoader().load(yaml).onFreePorts(dataDir);
        MessageLogConfig log = c.log().withTsa(List.of(new TsaConfig(tsa.url(), keys.resolve("tsa/tsa.pem"), null)));
        return new GatewayConfig(
                c.authority(),
                c.keys(),
                c.listeners(),
                storage.apply(authority, c.storage()),
                c.partners(),
                c.routing(),
                c.limits(),
                c.sending(),
                log,
                c.api());
    }
}
