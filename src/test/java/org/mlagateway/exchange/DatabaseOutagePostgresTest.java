package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TcpProxy;
import org.mlagateway.testing.TwoGateways;

/**
 * Losing PostgreSQL costs nothing: KZ-GPO stores on PostgreSQL through a TCP proxy that the test
 * cuts (other tests share the server, so the server itself is never restarted here). While it is
 * cut, KZ-GPO answers RU-GPO's deliveries with {@code TemporarilyUnavailable} and issues no receipt;
 * once it is back, KZ-GPO's pool reconnects by itself, and every message is delivered and stored once.
 */
class DatabaseOutagePostgresTest {
    private static final String POSTGRES_ENV = "MLA_TEST_POSTGRES_URL";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @BeforeAll
    static void announce() {
        if (System.getenv(POSTGRES_ENV) == null) {
            System.out.println(
                    "NOTICE: " + POSTGRES_ENV + " not set: PostgreSQL tests skipped (DatabaseOutagePostgresTest)");
        }
    }

    @Test
    void databaseCutWhileMessagesArrive_theyAreRefusedTemporarily_thenAllDeliveredOnce() throws Exception {
        String url = System.getenv(POSTGRES_ENV);
        Assumptions.assumeTrue(url != null, POSTGRES_ENV + " not set");
        URI server = URI.create(url.substring("jdbc:".length()));
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        GatewayConfig kzBase = TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz-data"));
        try (TcpProxy proxy = new TcpProxy(server.getPort() < 0 ? 5432 : server.getPort())) {
            String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getRawPath()
                    + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
            GatewayConfig kzConfig = kzBase.withStorage(new StorageConfig(
                    dir.resolve("kz-data"),
                    proxied,
                    null,
                    null,
                    4,
                    kzBase.storage().kek(),
                    schema));
            try (Gateway ru = Gateway.start(
                            TwoGateways.config(deployment, "ru-gpo", dir.resolve("ru-data")), Clock.systemUTC());
                    Gateway kz = Gateway.start(kzConfig, Clock.systemUTC())) {
                ru.useEndpoint("KZ-GPO", kz.exchangeUrl());
                proxy.cut();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Message m = new ExampleMessages(ru.codec())
                            .request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
                    ru.submissions()
                            .submit(
                                    ru.codec().write(m),
                                    "test",
                                    UUID.randomUUID().toString());
                    ids.add(m.getHeader().getMessageId());
                }
                TwoGateways.await("KZ-GPO to refuse a delivery while its database is away", DEADLINE, () -> ids.stream()
                        .anyMatch(id -> attempts(ru, id).stream()
                                .anyMatch(a -> "TemporarilyUnavailable".equals(a.errorCode()))));
                for (String id : ids) {
                    assertTrue(
                            attempts(ru, id).stream().noneMatch(a -> a.outcome() == DeliveryAttempt.Outcome.DELIVERED),
                            "no receipt while the database is away");
                }
                proxy.restore();
                for (String id : ids) {
                    TwoGateways.await(
                            id + " delivered after the database came back",
                            DEADLINE,
                            () -> message(ru, id).status() == MessageStatus.DELIVERED);
                    assertEquals(1, kz.store().messagesById(id).size(), "stored once at KZ-GPO");
                }
                assertTrue(kz.store().verify(1, null).ok());
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static StoredMessage message(Gateway ru, String id) {
        return ru.store().message(Direction.OUT, "KZ-GPO", id).orElseThrow();
    }

    private static List<DeliveryAttempt> attempts(Gateway ru, String id) {
        return ru.store().attempts(message(ru, id).pk());
    }
}
