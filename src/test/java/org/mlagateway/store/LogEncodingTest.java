package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Log encoding v2 is fixed: the vectors of docs/message-log.md were computed with printf and sha256sum. */
class LogEncodingTest {
    static final String DETAILS =
            "{\"direction\":\"IN\",\"kind\":\"MutualLegalAssistanceRequest\",\"partner\":\"RU-GPO\"}";
    static final String MESSAGE_ID = "6f1c1a52-3d0e-4c53-9a8e-0d7c1b2a4e11";
    static final String SALT = "0123456789abcdef0123456789abcdef";
    static final String DIGEST = "268708d55b37d8065148f900ecaf131c55b40ad96b0c20d290cfe1b31827c6eb";
    static final String HASH = "203f3bed31a603706bd559539dadc04cb3590773406cbcc0c8808c26b46ed6aa";

    @Test
    void firstEntry_digestsAndHashesToTheDocumentedVectors() {
        assertEquals(
                DIGEST,
                LogEncoding.digest(1, 1772355600123456L, "received", MESSAGE_ID, "conv-1", "RU-GPO", DETAILS, SALT));
        assertEquals(HASH, LogEncoding.link(LogHash.GENESIS, DIGEST));
        assertEquals(
                HASH,
                LogEncoding.V2.hash(
                        1,
                        1772355600123456L,
                        "received",
                        MESSAGE_ID,
                        "conv-1",
                        "RU-GPO",
                        DETAILS,
                        SALT,
                        LogHash.GENESIS));
    }

    @Test
    void canonicalBytes_areLinesEachEndedByNewline_absentIdsEmpty() {
        assertEquals(
                "mla-gateway-log-v2\n3\n5\nacked\n\n\na\n{}\n" + SALT + "\n",
                new String(
                        LogEncoding.fieldsCanonical(3, 5, "acked", null, null, "a", "{}", SALT),
                        StandardCharsets.UTF_8));
        assertEquals(
                "mla-gateway-log-v2-link\n" + LogHash.GENESIS + "\n" + DIGEST + "\n",
                new String(LogEncoding.linkCanonical(LogHash.GENESIS, DIGEST), StandardCharsets.UTF_8));
        assertEquals(
                new LogEvent("acked", null, null, "a", "{}"),
                new LogEvent("acked", "", "", "a", "{}"),
                "an empty id is stored as none, so the empty line stands for one value");
    }

    @Test
    void everyField_andTheSalt_changeTheDigest() {
        String base = LogEncoding.digest(3, 5, "acked", "m", "c", "a", "{}", SALT);
        Set<String> all = new HashSet<>(Set.of(base));
        all.add(LogEncoding.digest(4, 5, "acked", "m", "c", "a", "{}", SALT));
        all.add(LogEncoding.digest(3, 6, "acked", "m", "c", "a", "{}", SALT));
        all.add(LogEncoding.digest(3, 5, "nacked", "m", "c", "a", "{}", SALT));
        all.add(LogEncoding.digest(3, 5, "acked", "n", "c", "a", "{}", SALT));
        all.add(LogEncoding.digest(3, 5, "acked", "m", "d", "a", "{}", SALT));
        all.add(LogEncoding.digest(3, 5, "acked", "m", "c", "b", "{}", SALT));
        all.add(LogEncoding.digest(3, 5, "acked", "m", "c", "a", "{\"x\":1}", SALT));
        all.add(LogEncoding.digest(3, 5, "acked", "m", "c", "a", "{}", "f" + SALT.substring(1)));
        all.add(LogEncoding.digest(3, 5, "acked", "mc", "", "a", "{}", SALT));
        assertEquals(10, all.size());
    }

    @Test
    void v1AndV2_areChosenBySeq_andV1KeepsItsHash() {
        assertEquals(LogEncoding.V1, LogEncoding.at(6, 7));
        assertEquals(LogEncoding.V2, LogEncoding.at(7, 7));
        assertEquals(
                LogHash.hash(2, 5, "acked", "m", null, "a", "{}", LogHash.GENESIS),
                LogEncoding.V1.hash(2, 5, "acked", "m", null, "a", "{}", null, LogHash.GENESIS));
        assertThrows(
                IllegalArgumentException.class,
                () -> LogEncoding.V1.hash(2, 5, "acked", "m", null, "a", "{}", SALT, LogHash.GENESIS));
    }

    @Test
    void aMissingOrMalformedSalt_orHash_isRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> LogEncoding.digest(1, 1, "acked", null, null, "a", "{}", null));
        assertThrows(
                IllegalArgumentException.class,
                () -> LogEncoding.digest(1, 1, "acked", null, null, "a", "{}", SALT.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> LogEncoding.link(LogHash.GENESIS, "abc"));
    }

    @Test
    void saltsAreFresh128BitValues() {
        SecureRandom random = new SecureRandom();
        String a = LogEncoding.newSalt(random);
        assertEquals(32, a.length());
        assertNotEquals(a, LogEncoding.newSalt(random));
    }

    @Test
    void anEntry_givesItsDigest_onlyInV2() {
        String digest = LogEncoding.digest(9, 5, "acked", "m", null, "a", "{}", SALT);
        LogEntry v2 = new LogEntry(
                9, 5, "acked", "m", null, "a", "{}", SALT, LogHash.GENESIS, LogEncoding.link(LogHash.GENESIS, digest));
        LogEntry v1 = new LogEntry(
                9,
                5,
                "acked",
                "m",
                null,
                "a",
                "{}",
                null,
                LogHash.GENESIS,
                LogHash.hash(9, 5, "acked", "m", null, "a", "{}", LogHash.GENESIS));

        assertEquals(digest, v2.digest());
        assertEquals(v2.hash(), v2.recomputeHash());
        assertEquals(v1.hash(), v1.recomputeHash());
        assertThrows(IllegalStateException.class, v1::digest);
    }

    /** The two printf lines of docs/message-log.md give the same digest and hash as the Java code. */
    @Test
    void theDocumentedShellLines_reproduceDigestAndHash() throws IOException, InterruptedException {
        Path sh = Path.of("/bin/sh");
        Assumptions.assumeTrue(
                Files.isExecutable(sh) && Files.isExecutable(Path.of("/usr/bin/sha256sum")),
                "sh and sha256sum not found: shell line test skipped");
        String script = "d=$(printf 'mla-gateway-log-v2\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n' "
                + "\"$1\" \"$2\" \"$3\" \"$4\" \"$5\" \"$6\" \"$7\" \"$8\" | sha256sum | cut -d' ' -f1)\n"
                + "printf 'mla-gateway-log-v2-link\\n%s\\n%s\\n' \"$9\" \"$d\" | sha256sum | cut -d' ' -f1\n"
                + "echo \"$d\"";
        Process p = new ProcessBuilder(
                        sh.toString(),
                        "-c",
                        script,
                        "sh",
                        "7",
                        "1772355600123456",
                        "routed",
                        "m-7",
                        "",
                        "gateway",
                        DETAILS,
                        SALT,
                        "ab".repeat(32))
                .redirectErrorStream(true)
                .start();
        String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .strip()
                .split("\n");
        p.waitFor(30, TimeUnit.SECONDS);

        String digest = LogEncoding.digest(7, 1772355600123456L, "routed", "m-7", null, "gateway", DETAILS, SALT);
        assertEquals(digest, out[1]);
        assertEquals(LogEncoding.link("ab".repeat(32), digest), out[0]);
    }
}
