package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shell examples of docs/message-log.md, run as written with /bin/sh: the v1 and v2 examples
 * print the documented vectors, and the psql loop passes a PostgreSQL store holding both encodings
 * and names each altered row.
 */
class LogDocsTest {
    private static final Path DOC = Path.of("docs/message-log.md");
    private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @BeforeAll
    static void tools() {
        boolean present = Files.isExecutable(Path.of("/bin/sh")) && run("command -v sha256sum", Map.of()).code == 0;
        if (!present) {
            System.out.println("NOTICE: sh or sha256sum not installed: the documented shell examples are not run");
        }
        Assumptions.assumeTrue(present, "sh and sha256sum are needed");
    }

    private record Run(int code, String out) {}

    private static Run run(String script, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(p.waitFor(), out);
        } catch (IOException e) {
            return new Run(127, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(130, e.toString());
        }
    }

    /** The one fenced sh block of the document that contains {@code marker}. */
    private static String block(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                found.add(m.group(1));
            }
        }
        assertEquals(1, found.size(), "blocks with " + marker);
        return found.get(0);
    }

    @Test
    void theV2Example_printsTheDocumentedDigestAndHash() throws IOException {
        Run r = run(block("0123456789abcdef0123456789abcdef | sha256sum"), Map.of());

        assertEquals(new Run(0, LogEncodingTest.DIGEST + "\n" + LogEncodingTest.HASH + "  -\n"), r);
        assertTrue(Files.readString(DOC)
                .contains("digest of this first entry is\n`" + LogEncodingTest.DIGEST + "` and its hash\n`"
                        + LogEncodingTest.HASH + "`"));
    }

    @Test
    void theV1Example_printsTheDocumentedHash() throws IOException {
        String hash = LogHash.hash(
                1,
                1772355600123456L,
                "received",
                LogEncodingTest.MESSAGE_ID,
                "conv-1",
                "RU-GPO",
                LogEncodingTest.DETAILS,
                LogHash.GENESIS);

        String example = block("mla-gateway-log-v1\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n' 1 ");
        assertEquals(new Run(0, hash + "  -\n"), run(example, Map.of()));
        assertTrue(Files.readString(DOC).contains("this prints `" + hash + "`"));
    }

    /** The psql loop on a PostgreSQL store with v1 entries, upgraded, then v2 entries. */
    @Test
    void thePsqlLoop_passesBothEncodings_andNamesEachAlteredRow() throws Exception {
        TestDatabase.announcePostgres(LogDocsTest.class);
        boolean psql = run("command -v psql", Map.of()).code == 0;
        if (!psql) {
            System.out.println("NOTICE: psql not installed: the documented psql loop is not run");
        }
        Assumptions.assumeTrue(psql, "psql is needed");
        try (TestDatabase db = TestDatabase.postgres()) {
            V1Entries.write(db, 4);
            try (Store store = Store.open(db.config(), Clock.systemUTC())) {
                for (int n = 5; n <= 9; n++) {
                    store.append(List.of(MessageLogContract.event(n)));
                }
                assertEquals(5, store.logV2FromSeq());
            }
            URI url = URI.create(System.getenv(TestDatabase.POSTGRES_ENV).substring("jdbc:".length()));
            Map<String, String> env = Map.of(
                    "PGHOST",
                    url.getHost(),
                    "PGPORT",
                    Integer.toString(url.getPort()),
                    "PGDATABASE",
                    url.getPath().substring(1),
                    "PGUSER",
                    query(url, "user", "postgres"),
                    "PGPASSWORD",
                    query(url, "password", ""),
                    "PGOPTIONS",
                    "-c search_path=" + db.schema());
            String loop = block("# check: every row's hash");

            assertEquals(new Run(0, ""), run(loop, env));
            try (var c = db.connect();
                    var s = c.createStatement()) {
                s.executeUpdate("UPDATE message_log SET actor = 'mallory' WHERE seq IN (2, 7)");
            }
            assertEquals(new Run(0, "seq 2: hash does not match\nseq 7: hash does not match\n"), run(loop, env));
        }
    }

    private static String query(URI url, String name, String otherwise) {
        if (url.getQuery() != null) {
            for (String pair : url.getQuery().split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return otherwise;
    }
}
