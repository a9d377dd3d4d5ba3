package org.mlagateway.atrest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.Sha256;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.Routing;
import org.mlagateway.store.Store;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.tools.demo.Demo;
import org.mlagateway.tools.demo.DemoTsa;

/**
 * Issue 14's check: after the demo, neither the H2 files of its data directory nor a {@code pg_dump}
 * of its PostgreSQL stores contain the example persons' names (Cyrillic and Latin), their IIN or
 * their passport numbers, as the demo's messages carry them.
 */
class DemoAtRestTest {
    private static final Pattern PERSON_FIELD =
            Pattern.compile("<msg:(Surname|GivenNames|Patronymic)>([^<]+)</msg:\\1>");
    private static final Pattern IIN =
            Pattern.compile("<msg:Scheme>KZ-IIN</msg:Scheme>\\s*<msg:Value>([^<]+)</msg:Value>");
    private static final Pattern PASSPORT =
            Pattern.compile("<msg:Type>PASSPORT</msg:Type>\\s*<msg:Number>([^<]+)</msg:Number>");

    @TempDir
    static Path dir;

    static Path keys;
    static Set<String> persons;

    @BeforeAll
    static void setUp() throws IOException {
        keys = SampleDeployments.generate(dir.resolve("sample"));
        persons = personsOfTheDemo();
    }

    /** Every name, IIN and passport number in the example files the demo sends. */
    static Set<String> personsOfTheDemo() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (ExampleMessages.Exchange pair : ExampleMessages.DEMO) {
            for (String file : List.of(pair.request(), pair.response())) {
                String xml;
                try (InputStream in = ExampleMessages.class.getResourceAsStream("/schemas/examples/" + file)) {
                    xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (Pattern p : List.of(PERSON_FIELD, IIN, PASSPORT)) {
                    Matcher m = p.matcher(xml);
                    while (m.find()) {
                        out.add(m.group(m.groupCount()).strip());
                    }
                }
            }
        }
        return out;
    }

    /** The persons found in these bytes, in UTF-8 or UTF-16 (either byte order). */
    static Set<String> found(byte[] bytes) {
        Set<String> hits = new LinkedHashSet<>();
        for (String person : persons) {
            for (java.nio.charset.Charset cs :
                    List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                if (cs.equals(StandardCharsets.UTF_8)
                        ? containsAsAWord(bytes, person.getBytes(cs))
                        : AtRestContract.contains(bytes, person.getBytes(cs))) {
                    hits.add(person);
                }
            }
        }
        return hits;
    }

    /**
     * Whether the needle occurs with no base64 character on either side: a person written anywhere stands
     * between markup, spaces or binary, while base64 (the anchor file's signatures and time-stamps) may
     * spell a short upper-case name by chance.
     */
    static boolean containsAsAWord(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            boolean before = i > 0 && base64(haystack[i - 1]);
            boolean after = i + needle.length < haystack.length && base64(haystack[i + needle.length]);
            if (!before && !after) {
                return true;
            }
        }
        return false;
    }

    private static boolean base64(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/';
    }

    static Map<Path, Set<String>> foundUnder(Path root) throws IOException {
        Map<Path, Set<String>> out = new java.util.LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Set<String> hits = found(Files.readAllBytes(f));
                if (!hits.isEmpty()) {
                    out.put(f, hits);
                }
            }
        }
        return out;
    }

    @Test
    void theExamplesNameThePersons_andAStoreInClearShowsThem() throws IOException {
        assertTrue(
                persons.containsAll(List.of(
                        "Сәрсенбаев",
                        "Сарсенбаев",
                        "SARSENBAYEV",
                        "880228305469",
                        "N12345678",
                        "Жумабеков",
                        "ZHUMABEKOV",
                        "N09876543")),
                persons.toString());
        // The control: the same check finds them in a store without a key-encryption key.
        Path clear = dir.resolve("clear");
        byte[] xml;
        try (InputStream in = ExampleMessages.class.getResourceAsStream("/schemas/examples/mla-request.xml")) {
            xml = in.readAllBytes();
        }
        try (Store store = Store.open(new StorageConfig(clear, null, null, null, 2), Clock.systemUTC())) {
            store.accept(new IncomingMessage(
                    "m-1",
                    "RU-GPO",
                    "MLA_REQUEST",
                    "MLA",
                    "c-1",
                    null,
                    xml,
                    xml,
                    Sha256.of(xml),
                    List.of(),
                    Routing.to(org.mlagateway.store.Queue.FORWARDING, "KZ-MVD", 5),
                    null));
        }
        assertTrue(
                foundUnder(clear).values().stream()
                        .anyMatch(
                                s -> s.contains("Сәрсенбаев") && s.contains("880228305469") && s.contains("N12345678")),
                foundUnder(clear).toString());
    }

    @Test
    void afterTheDemo_theH2FilesOfItsDataDirectory_holdNoPerson() throws IOException {
        Path data = dir.resolve("demo-data");
        Cli.Result result = Cli.run("demo", "--keys", keys.toString(), "--data-dir", data.toString());
        assertEquals(0, result.code(), result.out());
        assertTrue(
                result.out().contains("demo: 16/16 delivered, 16/16 receipts verified, 4 over AS4, logs verified"),
                result.out());
        List<Path> stores;
        try (Stream<Path> walk = Files.walk(data)) {
            stores = walk.filter(p -> p.getFileName().toString().endsWith(".mv.db"))
                    .toList();
        }
        assertEquals(3, stores.size(), stores.toString());
        assertTrue(Files.size(stores.get(0)) > 100_000, "the stores hold the demo's messages");
        assertEquals(Map.of(), foundUnder(data));
    }

    @Test
    void afterTheDemoOnPostgres_aDumpOfItsStores_holdsNoPerson() throws Exception {
        String url = System.getenv(AtRestDatabase.POSTGRES_ENV);
        Assumptions.assumeTrue(url != null, AtRestDatabase.POSTGRES_ENV + " not set: PostgreSQL demo skipped");
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/pg_dump")) || onPath("pg_dump"), "pg_dump not installed");
        AtRestDatabase kz = AtRestDatabase.postgres();
        AtRestDatabase ru = AtRestDatabase.postgres();
        AtRestDatabase tr = AtRestDatabase.postgres();
        try (DemoTsa tsa = DemoTsa.ofSample(keys)) {
            Map<String, AtRestDatabase> schemas = Map.of("kz-gpo", kz, "ru-gpo", ru, "tr-moj", tr);
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Demo.Result result = new Demo(
                            keys,
                            quiet,
                            tsa,
                            (authority, embedded) -> new StorageConfig(
                                    embedded.dataDir(),
                                    schemas.get(authority).jdbcUrl(),
                                    null,
                                    null,
                                    10,
                                    embedded.kek()))
                    .run(dir.resolve("pg-work"));
            result.close();
            assertTrue(result.success());
            for (AtRestDatabase db : List.of(kz, ru, tr)) {
                byte[] dump = pgDump(url, db.schema());
                assertTrue(
                        new String(dump, StandardCharsets.UTF_8).contains(result.firstMessageId()),
                        "the dump holds the demo's messages");
                assertEquals(Set.of(), found(dump), "pg_dump of schema " + db.schema());
            }
        } finally {
            kz.close();
            ru.close();
            tr.close();
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    /** pg_dump of one schema, as plain SQL (COPY rows included), connecting as the test URL says. */
    static byte[] pgDump(String jdbcUrl, String schema) throws Exception {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(
                "pg_dump",
                "-h",
                uri.getHost(),
                "-p",
                String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-n",
                schema,
                "--no-owner"));
        String user = null;
        String password = null;
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                String[] p = kv.split("=", 2);
                if (p[0].equals("user")) {
                    user = p[1];
                } else if (p[0].equals("password")) {
                    password = p[1];
                }
            }
        }
        if (user != null) {
            command.addAll(List.of("-U", user));
        }
        command.add(uri.getPath().substring(1));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
        Path out = dir.resolve("dump-" + schema + ".sql");
        pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pg_dump finished");
        assertEquals(0, p.exitValue(), "pg_dump exit code");
        byte[] dump = Files.readAllBytes(out);
        assertFalse(dump.length == 0);
        return dump;
    }
}
