package org.mlagateway.atrest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestClock;
import org.mlagateway.testing.TwoGateways;

/**
 * {@code ./gateway keys rotate-kek} against the PostgreSQL store of a running gateway: readers in
 * the gateway never fail while the data keys are re-wrapped, the gateway keeps storing, and it reads
 * a data key another node made after the rotation, under the new key-encryption key.
 */
class RotateKekWhileRunningTest {
    @TempDir
    Path dir;

    AtRestDatabase db;
    Gateway gateway;

    @AfterEach
    void tearDown() {
        if (gateway != null) {
            gateway.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void rotateKek_whileTheGatewayRunsAndReads_failsNoRead() throws Exception {
        db = AtRestDatabase.postgres();
        Path keys = SampleDeployments.generate(dir.resolve("keys"));
        Path yaml = keys.resolve("kz-gpo/gateway.yaml");
        String text = Files.readString(yaml);
        String embedded = "  dataDir: data        # embedded H2; set jdbcUrl for PostgreSQL\n";
        assertTrue(text.contains(embedded));
        Files.writeString(yaml, text.replace(embedded, "  jdbcUrl: \"" + db.jdbcUrl() + "\"\n"));
        GatewayConfig loaded = new ConfigLoader().load(yaml);
        gateway = Gateway.start(
                loaded.onFreePorts(dir.resolve("unused")).withStorage(loaded.storage()), Clock.systemUTC());

        ExampleMessages examples = new ExampleMessages(gateway.codec());
        List<String> ids = new ArrayList<>();
        for (String file : List.of(
                "mla-request.xml", "extradition-request-prosecution.xml", "transfer-of-sentenced-person-request.xml")) {
            Message m = examples.request(file, "KZ-GPO", "RU-GPO");
            gateway.submissions()
                    .submit(gateway.codec().write(m), "test", UUID.randomUUID().toString());
            ids.add(m.getHeader().getMessageId());
        }
        List<byte[]> expected =
                ids.stream().map(id -> read(gateway.store(), id).messageXml()).toList();

        AtomicLong reads = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted() && failure.get() == null) {
                        try {
                            for (int i = 0; i < ids.size(); i++) {
                                StoredMessage m = read(gateway.store(), ids.get(i));
                                assertArrayEquals(expected.get(i), m.messageXml());
                                List<StoredDocument> docs = gateway.store().documents(m.pk());
                                docs.forEach(d -> assertEquals(d.size(), d.content().length));
                                reads.incrementAndGet();
                            }
                        } catch (Throwable t) {
                            failure.set(t);
                        }
                    }
                },
                "reader");
        reader.start();
        TwoGateways.await("reads before the rotation", Duration.ofSeconds(30), () -> reads.get() > 5);

        AtRest.writeKeyStore(keys.resolve("kz-gpo/kek.p12"), password(keys), "kek-2", new SecureRandom());
        long before = reads.get();
        Cli.Result rotated = Cli.run("keys", "rotate-kek", "--config", yaml.toString(), "--new-alias", "kek-2");
        assertEquals(0, rotated.code(), rotated.out());
        assertTrue(rotated.out().contains("re-wrapped 1 data key(s) from 'kek-1' to 'kek-2'"), rotated.out());
        TwoGateways.await("reads after the rotation", Duration.ofSeconds(30), () -> reads.get() > before + 5);

        // Another node, a day later, makes a new data key: wrapped by kek-2, which the running gateway then reads.
        TestClock later = new TestClock(Clock.systemUTC().instant().plus(Duration.ofDays(2)));
        String lateId;
        StorageConfig storage = loaded.storage();
        try (Store other = Store.open(storage, later, null, AtRest.sealing(storage, later))) {
            Message m = examples.request("transit-request.xml", "KZ-GPO", "RU-GPO");
            lateId = m.getHeader().getMessageId();
            byte[] xml = gateway.codec().write(m);
            other.submitOutgoing(
                    new org.mlagateway.store.OutgoingMessage(
                            lateId,
                            "RU-GPO",
                            "TRANSIT_REQUEST",
                            null,
                            m.getHeader().getConversationId(),
                            null,
                            xml,
                            List.of(),
                            org.mlagateway.store.Routing.to(org.mlagateway.store.Queue.SEND, "RU-GPO", 5)),
                    "other-node",
                    "k-1",
                    org.mlagateway.message.Sha256.of(xml));
            assertEquals(2, other.dataKeys().all().size());
            assertTrue(
                    other.dataKeys().all().stream().allMatch(k -> k.kekAlias().equals("kek-2")));
        }
        assertTrue(read(gateway.store(), lateId).messageXml().length > 0);
        // And the running gateway keeps storing.
        Message after = examples.request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        gateway.submissions()
                .submit(gateway.codec().write(after), "test", UUID.randomUUID().toString());
        assertTrue(read(gateway.store(), after.getHeader().getMessageId()).messageXml().length > 0);

        reader.interrupt();
        reader.join(10_000);
        if (failure.get() != null) {
            throw new AssertionError("a read failed during the rotation", failure.get());
        }
    }

    @Test
    void rotateKek_onTheEmbeddedStoreOfAStoppedGateway_thenItStartsAndReadsWithTheNewKeyOnly() throws Exception {
        Path keys = SampleDeployments.generate(dir.resolve("keys"));
        Path yaml = keys.resolve("kz-gpo/gateway.yaml");
        GatewayConfig config = new ConfigLoader().load(yaml);
        gateway = Gateway.start(config.onFreePorts(config.dataDir()), Clock.systemUTC());
        Message m = new ExampleMessages(gateway.codec()).request("mla-request.xml", "KZ-GPO", "RU-GPO");
        gateway.submissions()
                .submit(gateway.codec().write(m), "test", UUID.randomUUID().toString());
        byte[] xml = read(gateway.store(), m.getHeader().getMessageId()).messageXml();
        gateway.close();
        gateway = null;

        Cli.Result missing = Cli.run("keys", "rotate-kek", "--config", yaml.toString(), "--new-alias", "kek-2");
        assertEquals(1, missing.code(), missing.out());
        assertTrue(missing.out().contains("'kek-2' is not an AES-256 secret-key entry"), missing.out());

        Path p12 = keys.resolve("kz-gpo/kek.p12");
        AtRest.writeKeyStore(p12, password(keys), "kek-2", new SecureRandom());
        Cli.Result rotated = Cli.run("keys", "rotate-kek", "--config", yaml.toString(), "--new-alias", "kek-2");
        assertEquals(0, rotated.code(), rotated.out());
        // Only the new key is left in the key store; the configuration still names the old one.
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(p12)) {
            ks.load(in, password(keys));
        }
        ks.deleteEntry("kek-1");
        try (java.io.OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, password(keys));
        }
        gateway = Gateway.start(config.onFreePorts(config.dataDir()), Clock.systemUTC());
        assertArrayEquals(
                xml, read(gateway.store(), m.getHeader().getMessageId()).messageXml());
    }

    private static StoredMessage read(Store store, String id) {
        return store.message(Direction.OUT, "RU-GPO", id).orElseThrow();
    }

    private static char[] password(Path keys) throws java.io.IOException {
        return Files.readString(keys.resolve("kz-gpo/secrets/keystore.password"))
                .strip()
                .toCharArray();
    }
}
