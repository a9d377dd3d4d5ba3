package org.mlagateway.tools.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.ReceiptVerifier;
import org.mlagateway.security.SealedEnvelope;
import org.mlagateway.security.TlsContexts;

/**
 * {@code bench large}: one large message with inline documents, sent to a receiving gateway that
 * runs in a child JVM with a small heap ({@code -Xmx512m} by default). The message is built and
 * sealed in this JVM; the receipt is verified.
 */
public final class LargeBenchmark {
    private static final long MB = 1024 * 1024;

    private LargeBenchmark() {}

    /** {@code jdbcUrl}: a PostgreSQL database to store in (in a schema of its own), or null for H2. */
    public static int run(
            long targetBytes,
            String heap,
            List<String> jvmOptions,
            String jdbcUrl,
            PrintStream out,
            PrintStream progress)
            throws Exception {
        BenchDeployment world = BenchDeployment.create();
        Process child = null;
        String pgSchema = null;
        try {
            progress.println(
                    "bench large: building and sealing a message of about " + targetBytes / 1_000_000 + " MB ...");
            Message message = null;
            SealedEnvelope sealed = null;
            int documentBytes = 1 << 20;
            int documents = (int) Math.max(1, targetBytes / 1.80 / documentBytes);
            while (sealed == null || sealed.bytes().length < targetBytes) {
                message = withDocuments(world, documents, documentBytes);
                sealed = world.seal(message);
                documents++;
            }
            int docs = message.getDocuments().getDocument().size();
            GatewayConfig config = world.config("kz-gpo", world.dir.resolve("kz-data"));
            Path yaml = world.keys.resolve("kz-gpo").resolve("gateway.yaml");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    LargeReceiver.class.getName(),
                    yaml.toString(),
                    world.dir.resolve("kz-data").toString()));
            if (jdbcUrl != null) {
                pgSchema =
                        "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                ExchangeBenchmark.execute(jdbcUrl, "CREATE SCHEMA " + pgSchema);
                command.add(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + pgSchema);
            }
            String flags = String.join(" ", command.subList(1, command.indexOf("-cp")));
            progress.println("bench large: starting the receiving gateway in a child JVM with " + flags + " ...");
            child = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader childOut =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Writer childIn = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            String ready = childOut.readLine();
            while (ready != null && !ready.startsWith("READY ")) {
                ready = childOut.readLine(); // e.g. the JVM's own notices when -XX options print some
            }
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IllegalStateException("the receiving gateway did not start: " + ready);
            }
            String[] parts = ready.split(" ");
            URI url = URI.create(parts[1]);
            long maxHeap = Long.parseLong(parts[2]);
            long start = System.nanoTime();
            LoadClient.Result result;
            try (LoadClient client = new LoadClient(TlsContexts.client(world.senderTls, world.receiverCa))) {
                result = client.closedLoop(url, List.of(sealed.bytes()), 1);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            childIn.write("PEAK\n");
            childIn.flush();
            String peakLine = childOut.readLine();
            long[] peaks = {-1, -1, -1};
            if (peakLine != null && peakLine.startsWith("PEAK ")) {
                String[] fields = peakLine.substring(5).split(" ");
                for (int i = 0; i < Math.min(3, fields.length); i++) {
                    peaks[i] = Long.parseLong(fields[i]);
                }
            }
            String verdict;
            if (result.ok() == 1) {
                KeyMaterial ru =
                        KeyMaterial.load(world.config("ru-gpo", world.dir.resolve("ru-unused")), Clock.systemUTC());
                new ReceiptVerifier(
                                ru.partnerTrust(),
                                AlgorithmPolicy.PROFILE,
                                Clock.systemUTC(),
                                config.limits().clockSkew(),
                                config.limits().maxXmlDepth())
                        .verify(
                                result.sampleAnswers().get(0),
                                message.getHeader().getMessageId(),
                                sealed,
                                BenchDeployment.RECEIVER);
                verdict = "ACCEPTED, receipt verified";
            } else {
                verdict = "NOT ACCEPTED: " + result.firstFailure();
            }
            out.printf(
                    Locale.ROOT,
                    "large message: %.1f MB envelope, %d inline documents of %d KB%n",
                    sealed.bytes().length / 1e6,
                    docs,
                    documentBytes / 1024);
            out.printf(
                    Locale.ROOT,
                    "receiving gateway (%s) in a child JVM with %s (max heap %d MB): %s in %.1f s%n",
                    jdbcUrl == null ? "H2" : "PostgreSQL",
                    flags,
                    maxHeap / (1024 * 1024),
                    verdict,
                    seconds);
            out.printf(
                    Locale.ROOT,
                    "heap of the receiving gateway: at most %d MB in use when a collection started,"
                            + " at most %d MB live after one (sum of the pools' separate peaks: %d MB)%n",
                    peaks[1] / MB,
                    peaks[2] / MB,
                    peaks[0] / MB);
            return result.ok() == 1 ? 0 : 1;
        } finally {
            if (child != null) {
                child.getOutputStream().close();
                if (!child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    child.destroy();
                }
            }
            if (pgSchema != null) {
                ExchangeBenchmark.execute(jdbcUrl, "DROP SCHEMA " + pgSchema + " CASCADE");
            }
            TempDirectories.delete(world.dir);
        }
    }

    private static Message withDocuments(BenchDeployment world, int documents, int documentBytes) throws Exception {
        Message message = new ExampleMessages(world.codec())
                .request("mla-request.xml", BenchDeployment.SENDER, BenchDeployment.RECEIVER);
        MessageDocument template = message.getDocuments().getDocument().get(0);
        Random random = new Random(documents);
        for (int i = 0; i < documents; i++) {
            byte[] content = new byte[documentBytes];
            random.nextBytes(content);
            MessageDocument d = new MessageDocument();
            d.setDocumentId("annex-" + (i + 1));
            d.setDocumentType(template.getDocumentType());
            d.setTitle(template.getTitle());
            d.setMediaType("application/pdf");
            d.setLanguage(template.getLanguage());
            d.setOriginal(template.getOriginal());
            d.setSha256(HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            d.setSize(content.length);
            d.setContent(content);
            message.getDocuments().getDocument().add(d);
        }
        world.codec().verify(message);
        return message;
    }
}
