package org.mlagateway.atrest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.KekConfig;
import org.mlagateway.config.Secret;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.store.DocumentData;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.OutgoingMessage;
import org.mlagateway.store.Routing;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.SubmitResult;
import org.mlagateway.testing.TestClock;

/**
 * Encryption at rest on one database: what is stored is sealed, bound to its row and column, and
 * readable after a key-encryption key rotation; rows from before are sealed at the first start with
 * a key; a wrong key stops the start. The person below is synthetic.
 */
abstract class AtRestContract {
    /** A made-up person: names in both scripts, an IIN-shaped and a passport-shaped number. */
    static final String PERSON = "Тестбаев Синтетик Ұлы TESTBAYEV SYNTETIK 990101300999 N99887766";

    static final char[] PASSWORD = "kek-test-password".toCharArray();

    @TempDir
    Path dir;

    AtRestDatabase db;
    TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));

    abstract AtRestDatabase database();

    @BeforeEach
    void setUp() throws IOException {
        db = database();
        AtRest.writeKeyStore(keystore(), PASSWORD, "kek-1", new SecureRandom());
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    Path keystore() {
        return dir.resolve("kek.p12");
    }

    KekConfig kek(String alias) {
        return new KekConfig(keystore(), new Secret(null, null, new String(PASSWORD)), alias);
    }

    Store open(String alias) {
        StorageConfig storage = db.storage(kek(alias));
        return Store.open(storage, clock, null, AtRest.sealing(storage, clock));
    }

    Store openClear() {
        return Store.open(db.storage(null), clock);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static IncomingMessage incoming(String id, int documentBytes) {
        byte[] xml = utf8("<msg:Message id=\"" + id + "\"><msg:Surname>" + PERSON + "</msg:Surname></msg:Message>");
        byte[] document = new byte[documentBytes];
        byte[] person = utf8(PERSON);
        for (int i = 0; i < document.length; i++) {
            document[i] = person[i % person.length];
        }
        return new IncomingMessage(
                id,
                "RU-GPO",
                "MLA_REQUEST",
                "MLA",
                "conv-" + id,
                null,
                utf8("<soap:Envelope>" + PERSON + "</soap:Envelope>"),
                xml,
                sha256(xml),
                List.of(new DocumentData("doc-1", "REQUEST", "ru", "application/pdf", document, null)),
                Routing.to(org.mlagateway.store.Queue.FORWARDING, "KZ-MVD", 5),
                null);
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every large value as the database holds it: none may contain the person. */
    List<byte[]> rawValues() throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT envelope FROM messages",
                    "SELECT message_xml FROM messages",
                    "SELECT content FROM documents")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        byte[] v = rs.getBytes(1);
                        if (v != null) {
                            out.add(v);
                        }
                    }
                }
            }
        }
        return out;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether any piece of the person (surname in either script, the numbers) is in these bytes. */
    static boolean showsThePerson(byte[] bytes) {
        for (String piece : PERSON.split(" ")) {
            if (contains(bytes, utf8(piece))) {
                return true;
            }
        }
        return false;
    }

    long anyPersonInDatabase() throws SQLException {
        return rawValues().stream().filter(AtRestContract::showsThePerson).count();
    }

    void tamper(String sql, Object... params) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            assertTrue(ps.executeUpdate() > 0, sql);
        }
    }

    static void assertUnreadable(Runnable read) {
        GatewayException e = assertThrows(GatewayException.class, read::run);
        assertEquals(ErrorCode.STORED_DATA_UNREADABLE, e.code(), e.getMessage());
    }

    @Test
    void everyLargeValue_isStoredSealed_andReadsBackAsWritten() throws Exception {
        IncomingMessage in = incoming(UUID.randomUUID().toString(), 200_000);
        long inPk;
        long outPk;
        byte[] translationXml = utf8("<msg:Message>translated " + PERSON + "</msg:Message>");
        byte[] translation = utf8("Перевод: " + PERSON);
        byte[] outXml = utf8("<msg:Message>" + PERSON + "</msg:Message>");
        byte[] sentEnvelope = utf8("<soap:Envelope>sent " + PERSON + "</soap:Envelope>");
        try (Store store = open("kek-1")) {
            inPk = store.accept(in).messagePk();
            store.addTranslations(
                    inPk,
                    List.of(new DocumentData(
                            "doc-1-kk",
                            "REQUEST",
                            "kk",
                            "text/plain",
                            translation,
                            LogHashes.hex(sha256(in.documents().get(0).content())))),
                    translationXml,
                    "translator");
            String outId = UUID.randomUUID().toString();
            SubmitResult submitted = store.submitOutgoing(
                    new OutgoingMessage(
                            outId,
                            "TR-MOJ",
                            "EXTRADITION_REQUEST",
                            null,
                            "conv-" + outId,
                            null,
                            outXml,
                            List.of(),
                            Routing.to(org.mlagateway.store.Queue.SEND, "TR-MOJ", 5)),
                    "client",
                    "key-1",
                    sha256(outXml));
            outPk = submitted.messagePk();
            store.storeSentEnvelope(outPk, sentEnvelope);

            StoredMessage m = store.message(inPk).orElseThrow();
            assertArrayEquals(in.envelope(), m.envelope());
            assertArrayEquals(translationXml, m.messageXml());
            List<StoredDocument> docs = store.documents(inPk);
            assertArrayEquals(in.documents().get(0).content(), docs.get(0).content());
            assertArrayEquals(translation, docs.get(1).content());
            StoredMessage out = store.message(outPk).orElseThrow();
            assertArrayEquals(outXml, out.messageXml());
            assertArrayEquals(sentEnvelope, out.envelope());
        }
        assertEquals(0, anyPersonInDatabase());
    }

    @Test
    void rowsStoredInClearBefore_areSealedAtTheFirstStartWithAKey() throws Exception {
        IncomingMessage in = incoming(UUID.randomUUID().toString(), 1000);
        long pk;
        try (Store store = openClear()) {
            pk = store.accept(in).messagePk();
        }
        assertTrue(anyPersonInDatabase() > 0, "the clear store holds the person in clear: the check can see it");
        try (Store store = open("kek-1")) {
            StoredMessage m = store.message(pk).orElseThrow();
            assertArrayEquals(in.messageXml(), m.messageXml());
            assertArrayEquals(in.envelope(), m.envelope());
            assertArrayEquals(
                    in.documents().get(0).content(), store.documents(pk).get(0).content());
        }
        assertEquals(0, anyPersonInDatabase());
        afterSealingClearRows();
    }

    /** A register person in the store's JSON, named {@code surname}. */
    static byte[] registerPerson(String surname) {
        return ("{\"names\":[{\"script\":\"Cyrl\",\"surname\":\"" + surname
                        + "\",\"givenNames\":\"Динара\"}],\"iin\":\"910702403186\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** How many register rows hold {@code text} in clear in the person column. */
    long registerRowsHolding(String text) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT person FROM register_entries");
                java.sql.ResultSet rs = ps.executeQuery()) {
            long n = 0;
            while (rs.next()) {
                n += new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8).contains(text) ? 1 : 0;
            }
            return n;
        }
    }

    @Test
    void registerEntries_areSealed_alsoThoseStoredInClearBefore() throws Exception {
        org.mlagateway.store.RegisterStore.PersonMerge never = (a, b) -> null;
        try (Store store = openClear()) {
            store.confirmRegister(
                    new org.mlagateway.store.RegisterRecord(
                            "RU", "SENTENCE", "C-1", registerPerson("Ахметова"), "consular-confirmation", null),
                    "consul",
                    "k-1",
                    new byte[32],
                    never);
        }
        assertEquals(1, registerRowsHolding("Ахметова"), "the clear store holds it in clear: the check can see it");
        try (Store store = open("kek-1")) {
            store.confirmRegister(
                    new org.mlagateway.store.RegisterRecord(
                            "RU", "SENTENCE", "C-2", registerPerson("Сейткали"), "consular-confirmation", null),
                    "consul",
                    "k-2",
                    new byte[32],
                    never);
            List<org.mlagateway.store.RegisterEntry> entries = store.registerPage(0, 10);
            assertEquals(2, entries.size());
            assertArrayEquals(registerPerson("Ахметова"), entries.get(0).person());
            assertArrayEquals(registerPerson("Сейткали"), entries.get(1).person());
        }
        assertEquals(0, registerRowsHolding("Ахметова"));
        assertEquals(0, registerRowsHolding("Сейткали"));
        assertEquals(0, registerRowsHolding("910702403186"));
    }

    /** What else a database must show after clear rows were sealed (H2: its files hold no clear copy). */
    void afterSealingClearRows() throws IOException {}

    @Test
    void aStoreEncryptedAtRest_doesNotOpenWithoutItsKey() {
        try (Store store = open("kek-1")) {
            store.accept(incoming(UUID.randomUUID().toString(), 10));
        }
        StoreException e = assertThrows(StoreException.class, this::openClear);
        assertTrue(e.getMessage().contains("storage.kek"), e.getMessage());
    }

    @Test
    void ciphertextsSwappedBetweenRowsOrColumns_areRefused() throws Exception {
        long a;
        long b;
        try (Store store = open("kek-1")) {
            a = store.accept(incoming(UUID.randomUUID().toString(), 100)).messagePk();
            b = store.accept(incoming(UUID.randomUUID().toString(), 100)).messagePk();
        }
        tamper("UPDATE messages SET message_xml = (SELECT message_xml FROM messages WHERE pk = ?) WHERE pk = ?", b, a);
        tamper(
                "UPDATE documents SET content = (SELECT content FROM documents WHERE message_pk = ?)"
                        + " WHERE message_pk = ?",
                a,
                b);
        tamper("UPDATE messages SET envelope = message_xml WHERE pk = ?", b);
        try (Store store = open("kek-1")) {
            assertUnreadable(() -> store.message(a));
            assertUnreadable(() -> store.documents(b));
            assertUnreadable(() -> store.message(b));
            assertArrayEquals(
                    incoming("x", 100).documents().get(0).content(),
                    store.documents(a).get(0).content());
        }
    }

    @Test
    void aChangedByte_isRefused() throws Exception {
        long pk;
        try (Store store = open("kek-1")) {
            pk = store.accept(incoming(UUID.randomUUID().toString(), 100_000)).messagePk();
        }
        byte[] content;
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT content FROM documents WHERE message_pk = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                content = rs.getBytes(1);
            }
        }
        content[content.length - 40] ^= 0x20;
        tamper("UPDATE documents SET content = ? WHERE message_pk = ?", content, pk);
        try (Store store = open("kek-1")) {
            assertUnreadable(() -> store.documents(pk));
            store.message(pk).orElseThrow();
        }
    }

    @Test
    void aClearValuePutIntoTheSealedStore_isRefused() throws Exception {
        long pk;
        try (Store store = open("kek-1")) {
            pk = store.accept(incoming(UUID.randomUUID().toString(), 100)).messagePk();
        }
        tamper(
                "UPDATE messages SET message_xml = ?, envelope = NULL, sealed = FALSE WHERE pk = ?",
                utf8("<msg:Message>forged</msg:Message>"),
                pk);
        try (Store store = open("kek-1")) {
            assertUnreadable(() -> store.message(pk));
        }
    }

    @Test
    void afterRotation_everythingDecrypts_withoutTheOldKey_andNewDataKeysUseTheNewOne() throws Exception {
        List<IncomingMessage> sent = new ArrayList<>();
        List<Long> pks = new ArrayList<>();
        Consumer<Store> readAll = store -> {
            for (int i = 0; i < pks.size(); i++) {
                assertArrayEquals(
                        sent.get(i).messageXml(),
                        store.message(pks.get(i)).orElseThrow().messageXml());
                assertArrayEquals(
                        sent.get(i).documents().get(0).content(),
                        store.documents(pks.get(i)).get(0).content());
            }
        };
        try (Store store = open("kek-1")) {
            for (int day = 0; day < 3; day++) {
                IncomingMessage in = incoming(UUID.randomUUID().toString(), 70_000);
                sent.add(in);
                pks.add(store.accept(in).messagePk());
                clock.advance(Duration.ofDays(1).plusMinutes(1));
            }
            assertEquals(3, store.dataKeys().all().size(), "a data key a day");
            AtRest.writeKeyStore(keystore(), PASSWORD, "kek-2", new SecureRandom());
            assertEquals(3, AtRest.rotate(store.dataKeys(), kek("kek-1"), "kek-2"));
            // The open store keeps reading and writing; its new data key is wrapped by the new key.
            readAll.accept(store);
            IncomingMessage in = incoming(UUID.randomUUID().toString(), 10);
            sent.add(in);
            pks.add(store.accept(in).messagePk());
            assertTrue(
                    store.dataKeys().all().stream().allMatch(k -> k.kekAlias().equals("kek-2")));
        }
        removeEntry("kek-1");
        // A configuration still naming the old alias works: the store says which key wraps its data keys.
        try (Store store = open("kek-1")) {
            readAll.accept(store);
        }
        try (Store store = open("kek-2")) {
            readAll.accept(store);
        }
    }

    @Test
    void aWrongKeyEncryptionKey_stopsTheStartWithAClearMessage() throws Exception {
        try (Store store = open("kek-1")) {
            store.accept(incoming(UUID.randomUUID().toString(), 10));
        }
        Files.delete(keystore());
        AtRest.writeKeyStore(keystore(), PASSWORD, "kek-1", new SecureRandom());
        ConfigException wrong =
                assertThrows(ConfigException.class, () -> open("kek-1").close());
        assertTrue(
                wrong.problems().get(0).contains("does not unwrap the store's data keys"),
                wrong.problems().toString());
        removeEntry("kek-1");
        AtRest.writeKeyStore(keystore(), PASSWORD, "other", new SecureRandom());
        ConfigException missing =
                assertThrows(ConfigException.class, () -> open("kek-1").close());
        assertTrue(
                missing.problems().get(0).contains("'kek-1', which is not an AES-256 secret-key entry"),
                missing.problems().toString());
        KekConfig badPassword = new KekConfig(keystore(), new Secret(null, null, "not-the-password"), "kek-1");
        ConfigException unreadable =
                assertThrows(ConfigException.class, () -> AtRest.sealing(db.storage(badPassword), clock));
        assertTrue(
                unreadable.problems().get(0).contains("cannot read the key store"),
                unreadable.problems().toString());
        assertFalse(unreadable.problems().get(0).contains("not-the-password"));
    }

    void removeEntry(String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore())) {
            ks.load(in, PASSWORD);
        }
        ks.deleteEntry(alias);
        try (OutputStream out = Files.newOutputStream(keystore())) {
            ks.store(out, PASSWORD);
        }
    }

    /** Lower-case hex, as the store writes digests. */
    static final class LogHashes {
        static String hex(byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
    }
}
