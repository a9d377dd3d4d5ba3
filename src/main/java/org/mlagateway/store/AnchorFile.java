package org.mlagateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed checkpoints kept outside the database, one self-contained text line each, so that a store
 * cut back below a checkpoint (entries, checkpoints and {@code log_head} rewritten together) is still
 * caught: {@code log verify} compares the store with the lines. A line reads
 * <pre>checkpoint-v1 seq=N hash=HEX at=MICROS alg=SHA256withRSA sig=B64 chain=B64 tst=B64|-</pre>
 * where {@code chain} is the signer's PkiPath and {@code tst} the RFC 3161 token (or {@code -} until it
 * arrives; a stamped checkpoint is appended again with its token). Lines starting with {@code #} are
 * comments. The worker's file is append-only and forced to disk after each line; a line that cannot be
 * written is kept and written before the next one.
 */
public final class AnchorFile {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorFile.class);
    static final String TAG = "checkpoint-v1";
    private static final String HEADER =
            "# mla-gateway message-log anchor: signed checkpoints, one a line" + " (docs/message-log.md)";
    private static final List<String> KEYS = List.of("seq", "hash", "at", "alg", "sig", "chain", "tst");
    private static final int MAX_LINE = 64 * 1024;

    /** One checkpoint read from an anchor: where it was found, and what it says. */
    public record Anchor(String source, int line, Checkpoint checkpoint) {}

    /** An anchor line that cannot be read. */
    public static final class BadAnchorException extends Exception {
        private final long lineNumber;

        BadAnchorException(String message, long lineNumber) {
            super(message);
            this.lineNumber = lineNumber;
        }

        public long lineNumber() {
            return lineNumber;
        }
    }

    private final Map<Path, Deque<String>> unwritten = new LinkedHashMap<>();
    /** Files whose failure is already logged at ERROR: logged again only once they recover. */
    private final java.util.Set<Path> failing = new java.util.HashSet<>();

    /** An appender to these files (created with their directories when absent). */
    AnchorFile(List<Path> files) {
        files.forEach(f -> unwritten.put(f, new ArrayDeque<>()));
    }

    boolean configured() {
        return !unwritten.isEmpty();
    }

    /** Appends the checkpoint to every file; true when every file holds every line given so far. */
    synchronized boolean append(Checkpoint cp) {
        String line = line(cp);
        unwritten.values().forEach(q -> q.addLast(line));
        return flush();
    }

    /** Writes what earlier failures left; true when nothing is left. */
    synchronized boolean flush() {
        boolean ok = true;
        for (Map.Entry<Path, Deque<String>> e : unwritten.entrySet()) {
            Deque<String> lines = e.getValue();
            if (lines.isEmpty()) {
                continue;
            }
            try {
                appendAndForce(e.getKey(), String.join("", lines));
                lines.clear();
                if (failing.remove(e.getKey())) {
                    LOG.info(
                            "message-log anchor file {} written again, nothing waits",
                            e.getKey().getFileName());
                }
            } catch (IOException | RuntimeException ex) {
                ok = false;
                if (failing.add(e.getKey())) {
                    LOG.error(
                            "message-log anchor file {} not written ({} lines wait, tried again each second): {}",
                            e.getKey().getFileName(),
                            lines.size(),
                            ex.toString());
                }
            }
        }
        return ok;
    }

    /** True when nothing waits to be written. */
    synchronized boolean ok() {
        return unwritten.values().stream().allMatch(Deque::isEmpty);
    }

    private static void appendAndForce(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes =
                    ByteBuffer.wrap(((ch.size() == 0 ? HEADER + "\n" : "") + text).getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
    }

    /** Writes one checkpoint as a stand-alone anchor file (replacing {@code out}), forced to disk. */
    public static void export(Checkpoint cp, Path out) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        appendAndForce(tmp, line(cp));
        Files.move(
                tmp,
                out,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The anchor line of a checkpoint, ending with a newline. */
    static String line(Checkpoint cp) {
        Base64.Encoder b64 = Base64.getEncoder();
        return TAG + " seq=" + cp.seq() + " hash=" + cp.entryHash() + " at=" + cp.atMicros()
                + " alg=" + cp.signatureAlgorithm() + " sig=" + b64.encodeToString(cp.signature())
                + " chain=" + b64.encodeToString(cp.signerChain())
                + " tst=" + (cp.timestampToken() == null ? "-" : b64.encodeToString(cp.timestampToken())) + "\n";
    }

    /** Every checkpoint in an anchor file, in file order. */
    public static List<Anchor> read(Path file) throws IOException, BadAnchorException {
        List<Anchor> out = new ArrayList<>();
        String source = file.getFileName().toString();
        int n = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            n++;
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            out.add(new Anchor(source, n, parse(text, n)));
        }
        return out;
    }

    static Checkpoint parse(String text, long lineNumber) throws BadAnchorException {
        if (text.length() > MAX_LINE) {
            throw new BadAnchorException(
                    "line " + lineNumber + " is longer than " + MAX_LINE + " characters", lineNumber);
        }
        String[] parts = text.strip().split(" ");
        if (parts.length != KEYS.size() + 1 || !TAG.equals(parts[0])) {
            throw new BadAnchorException("line " + lineNumber + " is not a " + TAG + " line", lineNumber);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            String part = parts[i + 1];
            String key = KEYS.get(i);
            if (!part.startsWith(key + "=")) {
                throw new BadAnchorException(
                        "line " + lineNumber + ": field " + (i + 1) + " is not " + key, lineNumber);
            }
            fields.put(key, part.substring(key.length() + 1));
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            String hash = fields.get("hash");
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("hash is not 64 lower-case hex digits");
            }
            String tst = fields.get("tst");
            return new Checkpoint(
                    Long.parseLong(fields.get("seq")),
                    hash,
                    Long.parseLong(fields.get("at")),
                    fields.get("alg"),
                    b64.decode(fields.get("sig")),
                    b64.decode(fields.get("chain")),
                    "-".equals(tst) ? null : b64.decode(tst));
        } catch (IllegalArgumentException e) {
            throw new BadAnchorException("line " + lineNumber + ": " + e.getMessage(), lineNumber);
        }
    }
}
