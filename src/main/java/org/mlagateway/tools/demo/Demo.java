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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.mlagateway.Gateway;
import org.mlagateway.config.As4Config;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.config.TsaConfig;
import org.mlagateway.exchange.As4Inbound;
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
 * The demo: KZ-GPO, RU-GPO and TR-MOJ in one process on free loopback ports, with the sample keys and
 * embedded stores in a temporary directory. KZ sends one message of every request kind to RU, which
 * answers each, in our own profile; KZ and TR-MOJ speak eDelivery AS4 to each other (docs/as4.md),
 * and KZ sends TR-MOJ the requests of {@link #AS4_EXCHANGES}, which TR-MOJ answers. Every delivery must
 * end {@code DELIVERED} with its receipt verified, and every message log must verify.
 */
public final class Demo {
    static final Duration DEADLINE = Duration.ofSeconds(90);
    /** The exchanges of {@link ExampleMessages#DEMO} that KZ-GPO and TR-MOJ also make, over AS4. */
    static final List<Integer> AS4_EXCHANGES = List.of(0, 2);
    /** Which partner each authority of the demo speaks AS4 with, under its authority id as party id. */
    private static final Map<String, String> AS4_PARTNER = Map.of("kz-gpo", "TR-MOJ", "tr-moj", "KZ-GPO");

    private final Path keys;
    private final PrintStream out;
    private final DemoTsa tsa;
    private final BiFunction<String, StorageConfig, StorageConfig> storage;
    private final boolean as4;

    /** One message of the demo: who sent it, and what became of it. */
    private record Row(String messageId, String kind, Gateway from, Gateway to, String partner, boolean as4) {
        String direction() {
            return from.config().authority().id() + " -> " + partner;
        }
    }

    /** {@code tsa}: the sample time-stamping authority that stamps both gateways' checkpoints. */
    public Demo(Path keys, PrintStream out, DemoTsa tsa) {
        this(keys, out, tsa, (authority, embedded) -> embedded);
    }

    /**
     * {@code storage}: given an authority's directory name and its embedded store (in the work
     * directory, with the sample's key-encryption key), the store it runs on, e.g. a PostgreSQL schema.
     */
    public Demo(Path keys, PrintStream out, DemoTsa tsa, BiFunction<String, StorageConfig, StorageConfig> storage) {
        this(keys, out, tsa, storage, true);
    }

    /** {@code as4}: whether TR-MOJ joins, speaking AS4 with KZ-GPO. */
    public Demo(
            Path keys,
            PrintStream out,
            DemoTsa tsa,
            BiFunction<String, StorageConfig, StorageConfig> storage,
            boolean as4) {
        this.keys = keys;
        this.out = out;
        this.tsa = tsa;
        this.storage = storage;
        this.as4 = as4;
    }

    /** Runs the demo; returns the gateways, still running, and whether everything succeeded. */
    public Result run(Path work) {
        List<Gateway> started = new ArrayList<>();
        try {
            for (String authority : as4 ? List.of("ru-gpo", "kz-gpo", "tr-moj") : List.of("ru-gpo", "kz-gpo")) {
                started.add(Gateway.start(config(authority, work.resolve(authority)), Clock.systemUTC()));
            }
        } catch (RuntimeException e) {
            started.forEach(Gateway::close);
            throw e;
        }
        Gateway ru = started.get(0);
        Gateway kz = started.get(1);
        Gateway tr = as4 ? started.get(2) : null;
        kz.useEndpoint("RU-GPO", ru.exchangeUrl());
        ru.useEndpoint("KZ-GPO", kz.exchangeUrl());
        String listening = "KZ-GPO listens on " + kz.exchangeUrl() + ", RU-GPO on " + ru.exchangeUrl();
        if (tr != null) {
            kz.useEndpoint("TR-MOJ", tr.exchangeUrl().resolve(As4Inbound.PATH));
            tr.useEndpoint("KZ-GPO", kz.exchangeUrl().resolve(As4Inbound.PATH));
            listening += ", TR-MOJ (AS4) on " + tr.exchangeUrl().resolve(As4Inbound.PATH);
        }
        out.println(listening);
        List<Integer> as4Exchanges = tr != null ? AS4_EXCHANGES : List.of();

        ExampleMessages examples = new ExampleMessages(kz.codec());
        List<Row> rows = new ArrayList<>();
        List<Message> requests = new ArrayList<>();
        for (ExampleMessages.Exchange pair : ExampleMessages.DEMO) {
            Message request = examples.request(pair.request(), "KZ-GPO", "RU-GPO");
            requests.add(request);
            rows.add(submit(kz, ru, request, "RU-GPO", false));
        }
        List<Message> as4Requests = new ArrayList<>();
        for (int i : as4Exchanges) {
            Message request = examples.request(ExampleMessages.DEMO.get(i).request(), "KZ-GPO", "TR-MOJ");
            as4Requests.add(request);
            rows.add(submit(kz, tr, request, "TR-MOJ", true));
        }
        awaitSettled(rows);
        for (int i = 0; i < requests.size(); i++) {
            Message response = examples.response(ExampleMessages.DEMO.get(i).response(), requests.get(i));
            rows.add(submit(ru, kz, response, "KZ-GPO", false));
        }
        for (int i = 0; i < as4Requests.size(); i++) {
            String response = ExampleMessages.DEMO.get(as4Exchanges.get(i)).response();
            rows.add(submit(tr, kz, examples.response(response, as4Requests.get(i)), "KZ-GPO", true));
        }
        awaitSettled(rows);
        return report(rows, kz, ru, tr);
    }

    /** The gateways ({@code tr} null without AS4), the verdict, and the id of the first message KZ-GPO sent. */
    public record Result(Gateway kz, Gateway ru, Gateway tr, boolean success, String firstMessageId) {
        /** Stops the gateways. */
        public void close() {
            kz.close();
            ru.close();
            if (tr != null) {
                tr.close();
            }
        }
    }

    private Row submit(Gateway from, Gateway to, Message message, String partner, boolean as4) {
        from.submissions()
                .submit(from.codec().write(message), "demo", UUID.randomUUID().toString());
        return new Row(
                message.getHeader().getMessageId(),
                message.getHeader().getMessageKind().value(),
                from,
                to,
                partner,
                as4);
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

    private Result report(List<Row> rows, Gateway kz, Gateway ru, Gateway tr) {
        out.printf(
                "%n%-3s %-36s %-37s %-23s %-10s %s%n",
                "#", "message id", "kind", "direction", "status", "receipt verified");
        int delivered = 0;
        int verified = 0;
        int overAs4 = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Optional<MessageStatus> status = status(row);
            boolean receipt = receiptVerified(row);
            delivered += status.filter(MessageStatus.DELIVERED::equals).isPresent() ? 1 : 0;
            verified += receipt ? 1 : 0;
            overAs4 +=
                    row.as4() && status.filter(MessageStatus.DELIVERED::equals).isPresent() ? 1 : 0;
            out.printf(
                    "%-3d %-36s %-37s %-23s %-10s %s%n",
                    i + 1,
                    row.messageId(),
                    row.kind(),
                    row.direction() + (row.as4() ? " (AS4)" : ""),
                    status.map(MessageStatus::dbName).orElse("ABSENT"),
                    receipt ? "yes" : "NO");
        }
        routed(rows);
        boolean logs = verifyLog("KZ-GPO", kz) & verifyLog("RU-GPO", ru) & (tr == null || verifyLog("TR-MOJ", tr));
        out.printf(
                "%ndemo: %d/%d delivered, %d/%d receipts verified, %s%s%n",
                delivered,
                rows.size(),
                verified,
                rows.size(),
                tr == null ? "" : overAs4 + " over AS4, ",
                logs ? "logs verified" : "LOG VERIFICATION FAILED");
        return new Result(
                kz,
                ru,
                tr,
                delivered == rows.size() && verified == rows.size() && logs,
                rows.get(0).messageId());
    }

    /** Where each message went at its receiver: the queue and the domestic body, and any flag. */
    private void routed(List<Row> rows) {
        out.printf(
                "%n%-3s %-37s %-8s %-13s %-18s %-10s %s%n", "#", "kind", "at", "queue", "body", "translated", "flag");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Gateway receiver = row.to();
            String sender = row.from().config().authority().id();
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

    /** The sample keeps our own profile with every partner; the demo makes {@code partnerId} speak AS4. */
    private static GatewayConfig speakingAs4(GatewayConfig c, String partnerId) {
        return c.withPartners(c.partners().stream()
                .map(p -> p.id().equals(partnerId)
                        ? p.speakingAs4(new As4Config(As4Config.EDELIVERY_1, partnerId, null, null, null, null))
                        : p)
                .toList());
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
        GatewayConfig c = speakingAs4(new ConfigLoader().load(yaml).onFreePorts(dataDir), AS4_PARTNER.get(authority));
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
