package org.mlagateway.exchange;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A domestic submission whose documents come as parts (docs/protocol.md#attachments): a
 * {@code multipart/related} body whose root part is the message XML and whose other parts are the
 * documents' plain content, each named by the {@code Content-ID} its document's {@code Attachment}
 * gives. It is fed as it arrives and holds only the XML in memory: each document part is spooled to
 * a file of the document store's spool directory, encrypted as it is written with AES-CTR under a
 * key that lives only in this object, so that no plain document ever rests on disk outside the
 * store. {@link OutboundSubmissions#submit(SubmissionUpload, String, String,
 * OutboundSubmissions.SubmissionCheck)} then stores each part in one pass. The integrity of a part
 * is the SHA-256 its document states, checked as it is stored. Not thread-safe: one request's.
 */
public final class SubmissionUpload implements MultipartReader.Parts {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionUpload.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BUFFER = 64 * 1024;

    private final Path spool;
    private final int maxXmlBytes;
    private final long maxPartBytes;
    private final long maxBodyBytes;
    private final MultipartReader reader;
    private final SecretKey key;
    private final Map<String, Spooled> parts = new LinkedHashMap<>();
    private ByteArrayOutputStream xml;
    private byte[] root;
    private Spooled current;
    private FileChannel file;
    private Cipher cipher;
    private byte[] encrypted = new byte[0];
    private long total;

    /** A document part, spooled: its file, the IV it was encrypted under, and its length. */
    private record Spooled(Path file, byte[] iv, long[] length) {}

    /**
     * For a body of {@code contentType} (its boundary), with the message XML up to {@code maxXmlBytes},
     * each document up to {@code maxDocumentBytes} and the whole body up to {@code maxBodyBytes}.
     */
    public SubmissionUpload(Path spool, String contentType, int maxXmlBytes, long maxDocumentBytes, long maxBodyBytes) {
        this.spool = spool;
        this.maxXmlBytes = maxXmlBytes;
        this.maxPartBytes = maxDocumentBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.reader = new MultipartReader(MultipartReader.boundary(contentType), this);
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(128);
            this.key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    /** The boundary parameter of a multipart content type, or null (for checks before a body arrives). */
    public static String boundary(String contentType) {
        return MultipartReader.boundary(contentType);
    }

    /** The next piece of the body; {@code MessageTooLarge} or {@code MalformedMessage} when it cannot be taken. */
    public void feed(byte[] bytes, int offset, int length) {
        total += length;
        if (total > maxBodyBytes) {
            throw new GatewayException(ErrorCode.MESSAGE_TOO_LARGE, "the body is larger than limits.maxMessageBytes");
        }
        reader.feed(bytes, offset, length);
    }

    /** The body is complete: it must have closed its last part and carried the message XML. */
    public void complete() {
        reader.end();
        if (root == null) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "no message part");
        }
    }

    /** The message XML, the root part. */
    byte[] messageXml() {
        return root;
    }

    /** The content ids of the document parts, in order. */
    java.util.Set<String> contentIds() {
        return parts.keySet();
    }

    /** The plain content of the part {@code contentId}, decrypted as it is read; null when there is none. */
    InputStream open(String contentId) {
        Spooled p = parts.get(contentId);
        if (p == null) {
            return null;
        }
        try {
            Cipher decrypt = Cipher.getInstance("AES/CTR/NoPadding");
            decrypt.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(p.iv()));
            return new Decrypting(Files.newInputStream(p.file()), decrypt);
        } catch (IOException e) {
            throw new UncheckedIOException("open a spooled part", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available", e);
        }
    }

    @Override
    public void begin(Map<String, String> headers) {
        String encoding = headers.getOrDefault("content-transfer-encoding", "binary");
        if (!encoding.equalsIgnoreCase("binary") && !encoding.equalsIgnoreCase("8bit")) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "a part is not in binary transfer encoding");
        }
        if (root == null && xml == null) {
            xml = new ByteArrayOutputStream(16 * 1024);
            return;
        }
        String id = headers.get("content-id");
        if (id == null || !id.startsWith("<") || !id.endsWith(">") || id.length() > 256) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "a document part has no Content-ID");
        }
        String contentId = id.substring(1, id.length() - 1);
        if (parts.containsKey(contentId)) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "two parts have the Content-ID " + contentId);
        }
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        iv[15] = 0; // leaves the low counter bytes free, far beyond any document size
        iv[14] = 0;
        iv[13] = 0;
        iv[12] = 0;
        try {
            Files.createDirectories(spool);
            Path path = spool.resolve(UUID.randomUUID() + ".upload");
            current = new Spooled(path, iv, new long[1]);
            parts.put(contentId, current);
            file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.TEMPORARILY_UNAVAILABLE, "cannot spool a part: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available", e);
        }
    }

    @Override
    public void content(byte[] bytes, int offset, int length) {
        if (xml != null) {
            if (xml.size() + length > maxXmlBytes) {
                throw new GatewayException(ErrorCode.MESSAGE_TOO_LARGE, "the message part is too large");
            }
            xml.write(bytes, offset, length);
            return;
        }
        current.length()[0] += length;
        if (current.length()[0] > maxPartBytes) {
            throw new GatewayException(ErrorCode.MESSAGE_TOO_LARGE, "a part is larger than limits.maxDocumentBytes");
        }
        if (encrypted.length < length) {
            encrypted = new byte[Math.max(length, BUFFER)];
        }
        try {
            int n = cipher.update(bytes, offset, length, encrypted, 0);
            ByteBuffer buffer = ByteBuffer.wrap(encrypted, 0, n);
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.TEMPORARILY_UNAVAILABLE, "cannot spool a part: " + e.getMessage());
        }
    }

    @Override
    public void end() {
        if (xml != null) {
            root = xml.toByteArray();
            xml = null;
            return;
        }
        closeFile();
        current = null;
    }

    /** Deletes every spooled file; called whatever the outcome. */
    public void discard() {
        closeFile();
        for (Spooled p : parts.values()) {
            try {
                Files.deleteIfExists(p.file());
            } catch (IOException e) {
                LOG.warn("could not delete a spooled upload part; the document store's sweep removes it");
            }
        }
    }

    private void closeFile() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.TEMPORARILY_UNAVAILABLE, "cannot spool a part: " + e.getMessage());
        } finally {
            file = null;
        }
    }

    /** A spooled part's plain content: counter mode decrypts in place, block by block. */
    private static final class Decrypting extends FilterInputStream {
        private final Cipher cipher;

        Decrypting(InputStream in, Cipher cipher) {
            super(in);
            this.cipher = cipher;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            try {
                int out = cipher.update(b, off, n, b, off);
                if (out != n) {
                    throw new IOException("counter mode returned " + out + " of " + n + " bytes");
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-CTR failed", e);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("a spooled part is read from its start");
        }
    }
}
