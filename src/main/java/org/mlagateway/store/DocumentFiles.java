package org.mlagateway.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Predicate;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * The content-addressed file store of documents, beside the database: each document's content is
 * one file, sealed as the store seals its large values (docs/encryption-at-rest.md), and named by
 * the SHA-256 of the file's own bytes. The database row that names a file ({@code documents.content_file})
 * is committed only after the file is complete and synced, so an accepted document always has its
 * file; a file that no row names is what an accept left behind when it did not commit (a crash, a
 * rejection after the documents were written), and {@link #sweep} deletes it.
 *
 * <p>Writing streams: the content is read once, hashed, sealed and written as it arrives, and is
 * checked against the size and SHA-256 the caller expects (the values the signed message states)
 * before the file gets its name. Whatever fails leaves no file under {@code objects/}. Before a
 * write, the free space of the file system is checked against the sealed size plus a reserve;
 * when it is short the write fails with {@code TemporarilyUnavailable} before writing anything.
 *
 * <p>Layout: {@code incoming/} holds files being written; {@code objects/ab/abcd...} the complete ones.
 * Several nodes on one PostgreSQL must share this directory. Thread-safe.
 */
public final class DocumentFiles {
    /** Space kept free on the file system beyond what a document needs. */
    public static final long DEFAULT_RESERVE_BYTES = 256L * 1024 * 1024;

    private static final int BUFFER = 64 * 1024;
    private static final Duration ORPHAN_AGE = Duration.ofHours(1);

    private final Path incoming;
    private final Path objects;
    private final java.util.function.Supplier<Sealing> sealings;
    private final long reserveBytes;

    /**
     * A complete file: its name in the store, the size and SHA-256 (hex) of the plain content, and
     * whether the file is sealed.
     */
    public record Written(String file, String sha256, long size, boolean sealed) {}

    /** {@code sealings}: how the store seals now (it learns its key after it is opened). */
    DocumentFiles(Path root, java.util.function.Supplier<Sealing> sealings, long reserveBytes) {
        this.incoming = root.resolve("incoming");
        this.objects = root.resolve("objects");
        this.sealings = sealings;
        this.reserveBytes = reserveBytes;
    }

    /**
     * Where a binding spools what arrives before it is stored: files there that outlive their
     * request (a crash) are removed by {@link #sweep}.
     */
    public Path spoolDirectory() {
        return incoming;
    }

    /** The directories are made at the first write: a store that never holds a file needs none. */
    private void createDirectories() {
        try {
            Files.createDirectories(incoming);
            Files.createDirectories(objects);
        } catch (IOException e) {
            throw new StoreException("cannot create the document file store under " + incoming.getParent(), e);
        }
    }

    /**
     * Writes the content of one document, read from {@code plain} to its end, and returns the file
     * once it is complete and synced. The content must hold exactly {@code size} bytes with the
     * SHA-256 {@code sha256} (lower-case hex); otherwise nothing is kept and the write fails with
     * {@code DocumentDigestMismatch}. A failure of {@code plain} itself (a {@code GatewayException}
     * such as {@code DecryptionFailed}, or an I/O error) is passed on, again keeping nothing.
     */
    public Written write(
            Direction direction,
            String partner,
            String messageId,
            String documentId,
            InputStream plain,
            long size,
            String sha256) {
        String binding = Sealing.documentBinding(direction, partner, messageId, documentId);
        Sealing sealing = sealings.get();
        createDirectories();
        requireSpace(size, sealing.on());
        sealing.prepare();
        Path part = incoming.resolve(UUID.randomUUID() + ".part");
        boolean kept = false;
        try {
            MessageDigest plainDigest = sha256();
            MessageDigest fileDigest = sha256();
            ExactLength counted = new ExactLength(plain, size, plainDigest, documentId);
            try (InputStream stored = sealing.sealStream(binding, counted, size);
                    FileChannel channel =
                            FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                byte[] buffer = new byte[BUFFER];
                for (int n = stored.read(buffer); n >= 0; n = stored.read(buffer)) {
                    fileDigest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                counted.requireEnd();
                channel.force(true);
            }
            String actual = HexFormat.of().formatHex(plainDigest.digest());
            if (!actual.equals(sha256)) {
                throw new GatewayException(
                        ErrorCode.DOCUMENT_DIGEST_MISMATCH,
                        "document " + documentId + ": the SHA-256 of its content does not match the signed one");
            }
            String name = HexFormat.of().formatHex(fileDigest.digest());
            Path target = pathOf(name);
            Files.createDirectories(target.getParent());
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // The same sealed bytes twice cannot happen (a fresh salt per value); keep the one there.
                Files.delete(part);
            }
            syncDirectory(target.getParent());
            kept = true;
            return new Written(name, actual, size, sealing.on());
        } catch (IOException e) {
            throw new UncheckedIOException("write document " + documentId, e);
        } finally {
            if (!kept) {
                deleteQuietly(part);
            }
        }
    }

    /**
     * The plain content of a stored file, from {@code offset} for {@code length} bytes (to the end
     * when {@code length} is negative). Verified as it is read when sealed.
     */
    InputStream open(String binding, String file, boolean sealed, long offset, long length) {
        Path path = pathOf(file);
        InputStream raw;
        try {
            raw = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new GatewayException(
                    ErrorCode.STORED_DATA_UNREADABLE, "the stored file of " + binding + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException("open stored file of " + binding, e);
        }
        InputStream plain;
        try {
            // The file's stream skips by moving its position: a range is read from its segment on.
            plain = sealings.get().openStream(binding, new java.io.BufferedInputStream(raw, BUFFER), sealed, offset);
        } catch (RuntimeException e) {
            try {
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        // The sealed stream does not close what it reads: closing the content closes the file.
        InputStream content = new FilterInputStream(plain) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    raw.close();
                }
            }
        };
        return length < 0 ? content : new Bounded(content, length);
    }

    /**
     * Deletes what no committed row names: every file still in {@code incoming/} and every object
     * for which {@code referenced} is false, when older than an hour (a write still under way or
     * not yet committed is younger). Returns how many files were deleted.
     */
    public int sweep(Predicate<String> referenced, Instant now) {
        Instant before = now.minus(ORPHAN_AGE);
        int deleted = 0;
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try {
            deleted += sweepDirectory(incoming, name -> false, before);
            try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(objects)) {
                for (Path prefix : prefixes) {
                    if (Files.isDirectory(prefix)) {
                        deleted += sweepDirectory(prefix, referenced, before);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sweep the document file store", e);
        }
        return deleted;
    }

    private static int sweepDirectory(Path dir, Predicate<String> referenced, Instant before) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!referenced.test(f.getFileName().toString())
                        && Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private void requireSpace(long size, boolean sealed) {
        long needed = sealed ? sealingLength(size) : size;
        long usable;
        try {
            usable = Files.getFileStore(incoming).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("read the free space of the document file store", e);
        }
        if (usable - reserveBytes < needed) {
            throw new GatewayException(
                    ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "the document file store has " + usable / (1024 * 1024) + " MiB free, short of "
                            + (needed + reserveBytes) / (1024 * 1024) + " MiB");
        }
    }

    /** An upper bound of the sealed size: the sealer's own figure is not needed to decide about space. */
    private static long sealingLength(long size) {
        return size + size / 1024 + 4096;
    }

    private Path pathOf(String name) {
        if (!name.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a document file name");
        }
        return objects.resolve(name.substring(0, 2)).resolve(name);
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename durable; not every file system allows opening a directory, and then the
        // file's own sync is what there is.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, see above
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // The sweep removes it later.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The content as the writer reads it: hashed on the way, and cut at the size the sender stated,
     * so that a longer content cannot grow the file and a shorter one is noticed.
     */
    private static final class ExactLength extends FilterInputStream {
        private final long size;
        private final MessageDigest digest;
        private final String documentId;
        private long count;

        ExactLength(InputStream in, long size, MessageDigest digest, String documentId) {
            super(in);
            this.size = size;
            this.digest = digest;
            this.documentId = documentId;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (count == size) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, size - count));
            if (n < 0) {
                throw mismatch("its content is shorter than its stated Size " + size);
            }
            digest.update(b, off, n);
            count += n;
            return n;
        }

        /** After the sealed stream ended: the content must end here as well. */
        void requireEnd() throws IOException {
            if (count != size) {
                throw mismatch("its content is shorter than its stated Size " + size);
            }
            if (in.read() >= 0) {
                throw mismatch("its content is longer than its stated Size " + size);
            }
        }

        private GatewayException mismatch(String what) {
            return new GatewayException(ErrorCode.DOCUMENT_DIGEST_MISMATCH, "document " + documentId + ": " + what);
        }
    }

    /** At most {@code length} bytes of a stream. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
