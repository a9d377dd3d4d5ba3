package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * The file store of large documents beside the database: a document is written from a stream,
 * checked against its stated size and SHA-256, named in the accept transaction, read back whole or
 * by range; a failed write leaves no file, and a file no committed row names is swept.
 */
abstract class DocumentFilesContract extends StoreContract {
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    private static byte[] content() {
        byte[] bytes = new byte[SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7 + (i >> 12));
        }
        return bytes;
    }

    private IncomingMessage withFile(String id, DocumentFiles.Written file) {
        IncomingMessage sample = Samples.incoming(id);
        return IncomingMessage.received(
                Samples.summary(id),
                Samples.SENDER,
                sample.envelope(),
                sample.messageXml(),
                List.of(new DocumentData("doc-1", "request", "ru", "application/pdf", null, null, file)),
                Routing.to(Queue.FORWARDING, "KZ-MVD", 5));
    }

    private DocumentFiles.Written write(String id, byte[] bytes, long size, String sha256) {
        return store.documentFiles()
                .write(Direction.IN, Samples.SENDER, id, "doc-1", new ByteArrayInputStream(bytes), size, sha256);
    }

    @Test
    void aDocumentWrittenFromAStream_isNamedInTheAccept_andReadBackWholeOrByRange() throws IOException {
        byte[] bytes = content();
        String id = Samples.newId();
        DocumentFiles.Written file = write(id, bytes, bytes.length, LogHash.sha256Hex(bytes));
        assertEquals(LogHash.sha256Hex(bytes), file.sha256());

        long pk = store.accept(withFile(id, file)).messagePk();

        StoredDocument doc = store.documents(pk).get(0);
        assertTrue(doc.inFile());
        assertEquals(SIZE, doc.size());
        assertEquals(LogHash.sha256Hex(bytes), doc.sha256());
        try (InputStream in = store.openDocument(pk, "doc-1", 0, -1)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        try (InputStream in = store.openDocument(pk, "doc-1", 1_000_000, 70_000)) {
            assertArrayEquals(Arrays.copyOfRange(bytes, 1_000_000, 1_070_000), in.readAllBytes());
        }
        try (InputStream in = reopen().openDocument(pk, "doc-1", SIZE - 5, -1)) {
            assertArrayEquals(Arrays.copyOfRange(bytes, SIZE - 5, SIZE), in.readAllBytes());
        }
    }

    @Test
    void aContentThatDoesNotMatchItsStatedDigestOrSize_leavesNoFile() throws IOException {
        byte[] bytes = content();
        String id = Samples.newId();
        String sha = LogHash.sha256Hex(bytes);
        byte[] changed = bytes.clone();
        changed[SIZE / 2] ^= 1;

        GatewayException digest = assertThrows(GatewayException.class, () -> write(id, changed, SIZE, sha));
        GatewayException shorter = assertThrows(GatewayException.class, () -> write(id, bytes, SIZE + 1L, sha));
        GatewayException longer = assertThrows(GatewayException.class, () -> write(id, bytes, SIZE - 1L, sha));

        assertEquals(ErrorCode.DOCUMENT_DIGEST_MISMATCH, digest.code());
        assertEquals(ErrorCode.DOCUMENT_DIGEST_MISMATCH, shorter.code());
        assertEquals(ErrorCode.DOCUMENT_DIGEST_MISMATCH, longer.code());
        assertEquals(List.of(), files());
    }

    @Test
    void aFileNoCommittedRowNames_isSweptOnceOlderThanAnyAccept_andAnAcceptedOneStays() throws IOException {
        byte[] bytes = content();
        String accepted = Samples.newId();
        DocumentFiles.Written kept = write(accepted, bytes, SIZE, LogHash.sha256Hex(bytes));
        store.accept(withFile(accepted, kept));
        byte[] other = Arrays.copyOf(bytes, 1000);
        DocumentFiles.Written orphan = write(Samples.newId(), other, other.length, LogHash.sha256Hex(other));
        assertEquals(2, files().size());

        assertEquals(0, store.sweepDocumentFiles(), "a young file may belong to an accept under way");
        for (Path f : files()) {
            Files.setLastModifiedTime(f, FileTime.from(START.minusSeconds(7200)));
        }

        assertEquals(1, store.sweepDocumentFiles());
        assertEquals(
                List.of(kept.file()),
                files().stream().map(f -> f.getFileName().toString()).toList());
        assertTrue(!orphan.file().equals(kept.file()));
    }

    @Test
    void aFileStoreShortOfSpace_answersTemporarilyUnavailable_beforeWritingAnything() throws IOException {
        DocumentFiles full = new DocumentFiles(tmp.resolve("full-store"), () -> Sealing.NONE, Long.MAX_VALUE / 4);
        byte[] bytes = content();

        GatewayException e = assertThrows(
                GatewayException.class,
                () -> full.write(
                        Direction.IN,
                        Samples.SENDER,
                        Samples.newId(),
                        "doc-1",
                        new ByteArrayInputStream(bytes),
                        SIZE,
                        LogHash.sha256Hex(bytes)));

        assertEquals(ErrorCode.TEMPORARILY_UNAVAILABLE, e.code());
        try (Stream<Path> left = Files.walk(tmp.resolve("full-store"))) {
            assertEquals(0, left.filter(Files::isRegularFile).count());
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(db.config().dataDir().resolve("documents"))) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
