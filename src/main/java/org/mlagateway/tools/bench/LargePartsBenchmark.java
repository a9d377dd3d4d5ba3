package org.mlagateway.tools.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.exchange.PartsRequest;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.AttachmentReference;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.PartDigest;
import org.mlagateway.security.ReceiptVerifier;
import org.mlagateway.security.SealedParts;
import org.mlagateway.security.TlsContexts;

/**
 * {@code bench large}: one message with one document of N MB that travels as an attachment part
 * (docs/protocol.md#attachments), sent over TLS to a receiving gateway in a child JVM with a small
 * heap. The document is generated as it is sent, never held; the receipt is verified. Reports the
 * receiving JVM's heap (the most still live after a collection), the end-to-end rate from the
 * first byte sent to the receipt, and that rate as a share of this machine's own single-core
 * AES-GCM plus SHA-256 rate, measured by the same command (the receiver must at least decrypt and
 * hash every byte once, and seal it at rest once more).
 */
public final class LargePartsBenchmark {
    private static final long MB = 1_000_000L;
    private static final long MIB = 1024 * 1024;
    private static final int BLOCK = 1 << 20;

    private LargePartsBenchmark() {}

    /** {@code jdbcUrl}: a PostgreSQL database to store in (in a schema of its own), or null for H2. */
    public static int run(
            long megabytes, String heap, List<String> jvmOptions, String jdbcUrl, PrintStream out, PrintStream progress)
            throws Exception {
        long size = megabytes * MB;
        BenchDeployment world = BenchDeployment.create();
        Process child = null;
        String pgSchema = null;
        try {
            progress.println("bench large: hashing a generated document of " + megabytes + " MB ...");
            byte[] sha256 = sha256(size);
            Message message = withAttachment(world, size, sha256);
            String contentId = "evidence-1@ru-gpo";
            SealedParts sealed = world.seal(message, List.of(new PartDigest(contentId, sha256)));
            PartsRequest request = new PartsRequest(
                    sealed, List.of(new PartsRequest.Part(contentId, size, () -> new Generated(size))));

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
                ready = childOut.readLine();
            }
            if (ready == null) {
                throw new IllegalStateException("the receiving gateway did not start");
            }
            String[] fields = ready.split(" ");
            URI url = URI.create(fields[1]);
            long maxHeap = Long.parseLong(fields[2]);

            long cpuBefore = cpu(childIn, childOut);
            progress.println("bench large: sending ...");
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(TlsContexts.client(world.senderTls, world.receiverCa))
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(
                    HttpRequest.newBuilder(url)
                            .header("Content-Type", request.contentType())
                            .timeout(Duration.ofHours(1))
                            .POST(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(request::body), request.length()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpu(childIn, childOut) - cpuBefore) / 1e9;
            childIn.write("PEAK\n");
            childIn.flush();
            String peakLine = childOut.readLine();
            long[] peaks = {-1, -1, -1};
            if (peakLine != null && peakLine.startsWith("PEAK ")) {
                String[] p = peakLine.substring(5).split(" ");
                for (int i = 0; i < Math.min(3, p.length); i++) {
                    peaks[i] = Long.parseLong(p[i]);
                }
            }
            String verdict;
            boolean ok = answer.statusCode() == 200;
            if (ok) {
                KeyMaterial ru =
                        KeyMaterial.load(world.config("ru-gpo", world.dir.resolve("ru-unused")), Clock.systemUTC());
                new ReceiptVerifier(
                                ru.partnerTrust(),
                                AlgorithmPolicy.PROFILE,
                                Clock.systemUTC(),
                                config.limits().clockSkew(),
                                config.limits().maxXmlDepth())
                        .verify(
                                answer.body(),
                                message.getHeader().getMessageId(),
                                sealed.envelope(),
                                BenchDeployment.RECEIVER);
                verdict = "ACCEPTED, receipt verified";
            } else {
                verdict = "NOT ACCEPTED: HTTP " + answer.statusCode() + " "
                        + new String(answer.body(), StandardCharsets.UTF_8)
                                .replaceAll("(?s).*<env:Text[^>]*>([^<]*)<.*", "$1");
            }
            double rate = megabytes / seconds;
            double floor = cryptoRate();
            out.printf(
                    Locale.ROOT,
                    "bench large: %s, %d MB document as an attachment part, %s, %s in %.1f s; receiver heap"
                            + " at most %d MB live after a collection (max %d MB); %.1f MB/s end to end"
                            + " = %.2f x one core's AES-GCM + SHA-256 (%.0f MB/s); receiver CPU %.1f s%n",
                    jdbcUrl == null ? "H2" : "PostgreSQL",
                    megabytes,
                    flags,
                    verdict,
                    seconds,
                    peaks[2] / MIB,
                    maxHeap / MIB,
                    rate,
                    rate / floor,
                    floor,
                    cpuSeconds);
            return ok ? 0 : 1;
        } finally {
            if (child != null) {
                child.getOutputStream().close();
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroy();
                }
            }
            if (pgSchema != null) {
                ExchangeBenchmark.execute(jdbcUrl, "DROP SCHEMA " + pgSchema + " CASCADE");
            }
            TempDirectories.delete(world.dir);
        }
    }

    /** The receiving JVM's CPU time so far, in nanoseconds, all threads ({@link LargeReceiver}'s {@code CPU}). */
    private static long cpu(Writer childIn, BufferedReader childOut) throws java.io.IOException {
        childIn.write("CPU\n");
        childIn.flush();
        String line = childOut.readLine();
        while (line != null && !line.startsWith("CPU ")) {
            line = childOut.readLine();
        }
        if (line == null) {
            throw new IllegalStateException("the receiving gateway stopped");
        }
        return Long.parseLong(line.substring(4));
    }

    private static Message withAttachment(BenchDeployment world, long size, byte[] sha256) {
        Message message = new ExampleMessages(world.codec())
                .request("mla-request.xml", BenchDeployment.SENDER, BenchDeployment.RECEIVER);
        MessageDocument template = message.getDocuments().getDocument().get(0);
        MessageDocument d = new MessageDocument();
        d.setDocumentId("evidence-1");
        d.setDocumentType(template.getDocumentType());
        d.setTitle(template.getTitle());
        d.setMediaType("video/mp4");
        d.setLanguage(template.getLanguage());
        d.setOriginal(template.getOriginal());
        d.setSha256(java.util.HexFormat.of().formatHex(sha256));
        d.setSize(size);
        AttachmentReference reference = new AttachmentReference();
        reference.setContentId("evidence-1@ru-gpo");
        d.setAttachment(reference);
        message.getDocuments().getDocument().add(d);
        world.codec().verify(message);
        return message;
    }

    private static byte[] sha256(long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new Generated(size)) {
            byte[] buffer = new byte[BLOCK];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /**
     * This machine's single-core rate of what the receiver must do to every byte at least once:
     * AES-GCM (128-bit key, as the profile's default) and SHA-256, in MB/s, over 512 MiB in 1 MiB pieces.
     */
    static double cryptoRate() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        SecretKey key = generator.generateKey();
        byte[] block = new byte[BLOCK];
        new Random(1).nextBytes(block);
        byte[] out = new byte[BLOCK + 16];
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        // Warm-up, so that the intrinsics are compiled, then the measurement.
        for (int round = 0; round < 2; round++) {
            int pieces = round == 0 ? 64 : 512;
            long start = System.nanoTime();
            byte[] iv = new byte[12];
            for (int i = 0; i < pieces; i++) {
                iv[0] = (byte) i;
                iv[1] = (byte) (i >> 8);
                iv[2] = (byte) round;
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                cipher.doFinal(block, 0, BLOCK, out, 0);
                digest.update(block);
            }
            digest.digest();
            if (round == 1) {
                return pieces * (double) BLOCK / MB / ((System.nanoTime() - start) / 1e9);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * A document's content, generated as it is read: a random mebibyte repeated, each repetition
     * marked with its number, so that no two mebibytes are equal. Nothing of size N is ever held.
     */
    static final class Generated extends InputStream {
        private static final byte[] PATTERN = new byte[BLOCK];

        static {
            new Random(17).nextBytes(PATTERN);
        }

        private final long size;
        private long position;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int inBlock = (int) (position % BLOCK);
            int n = (int) Math.min(Math.min(len, BLOCK - inBlock), size - position);
            System.arraycopy(PATTERN, inBlock, b, off, n);
            long blockNumber = position / BLOCK;
            for (int i = 0; i < 8 && inBlock + i < 8 && i < n; i++) {
                b[off + i] ^= (byte) (blockNumber >>> (8 * (inBlock + i)));
            }
            position += n;
            return n;
        }
    }
}
