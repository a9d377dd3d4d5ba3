package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The canonical encoding is fixed: these vectors were computed with printf and sha256sum. */
class LogHashTest {
    private static final String DETAILS =
            "{\"direction\":\"IN\",\"kind\":\"MutualLegalAssistanceRequest\",\"partner\":\"RU-GPO\"}";

    @Test
    void firstEntry_hashesToTheDocumentedVector() {
        assertEquals(
                "a5bf57132cc01cfe0a97abff36617be88878287fbf9e711df0f603af64b7030e",
                LogHash.hash(
                        1,
                        1772355600123456L,
                        "received",
                        "6f1c1a52-3d0e-4c53-9a8e-0d7c1b2a4e11",
                        "conv-1",
                        "RU-GPO",
                        DETAILS,
                        LogHash.GENESIS));
    }

    @Test
    void absentIds_areEmptyLines_andEscapedDetailsStayOnOneLine() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("note", "line\nbreak \"q\" ü");
        details.put("code", "SignatureInvalid");
        String json = DetailsJson.write(details);

        assertEquals("{\"code\":\"SignatureInvalid\",\"note\":\"line\\nbreak \\\"q\\\" ü\"}", json);
        assertEquals(
                "436094460b13a987fa67fd81212e912f458ab98185b9201310e851f612534f36",
                LogHash.hash(2, 1772355600123456L, "rejected", null, null, "gateway", json, "1".repeat(64)));
    }

    @Test
    void canonicalBytes_areNineLinesEachEndedByNewline() {
        String text = new String(
                LogHash.canonical(3, 5, "acked", "m", "c", "a", "{}", LogHash.GENESIS), StandardCharsets.UTF_8);

        assertEquals("mla-gateway-log-v1\n3\n5\nacked\nm\nc\na\n{}\n" + LogHash.GENESIS + "\n", text);
    }

    @Test
    void aLineBreakOrControlCharacterInAnyField_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LogEvent("acked", "m\n1", null, "a", "{}"));
        assertThrows(IllegalArgumentException.class, () -> new LogEvent("acked", null, null, "a\rb", "{}"));
        assertThrows(IllegalArgumentException.class, () -> new LogEvent("acked", null, "c\u001fd", "a", "{}"));
        assertThrows(IllegalArgumentException.class, () -> new LogEvent("Acked", null, null, "a", "{}"));
        assertThrows(IllegalArgumentException.class, () -> new LogEvent("acked", null, null, "a", "[]"));
    }

    /** The shell one-liner of docs/message-log.md gives the same hash as the Java code. */
    @Test
    void theDocumentedShellOneLiner_reproducesTheHash() throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(
                Files.isExecutable(bash) && Files.isExecutable(Path.of("/usr/bin/sha256sum")),
                "bash and sha256sum not found: shell one-liner test skipped");
        String script = "printf 'mla-gateway-log-v1\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n' "
                + "\"$1\" \"$2\" \"$3\" \"$4\" \"$5\" \"$6\" \"$7\" \"$8\" | sha256sum | cut -d' ' -f1";
        Process p = new ProcessBuilder(
                        bash.toString(),
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
                        "ab".repeat(32))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);

        assertEquals(
                LogHash.hash(7, 1772355600123456L, "routed", "m-7", null, "gateway", DETAILS, "ab".repeat(32)), out);
    }
}
