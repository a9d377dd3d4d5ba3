package org.mlagateway.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.LimitsConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.EnvelopeSealer;
import org.mlagateway.security.PartDigest;
import org.mlagateway.security.SealedEnvelope;
import org.mlagateway.security.SealedParts;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.tools.sample.SampleDeployment;

/**
 * The benchmarks' world: a freshly generated sample deployment in a temporary directory, the
 * receiving authority KZ-GPO, and RU-GPO's keys for the load client, which seals realistic
 * messages from {@code schemas/examples/} exactly as a partner would.
 */
final class BenchDeployment {
    static final String RECEIVER = "KZ-GPO";
    static final String SENDER = "RU-GPO";
    /** Realistic request kinds, MLA and extradition, about 20 KB once sealed. */
    static final List<String> KINDS =
            List.of("mla-request.xml", "extradition-request-prosecution.xml", "extradition-request-enforcement.xml");

    /** One sealed message of the corpus. */
    record Item(String messageId, SealedEnvelope sealed) {}

    final Path dir;
    final Path keys;
    final IssuedKey senderSigning;
    final IssuedKey senderTls;
    final X509Certificate receiverEncryption;
    final List<X509Certificate> receiverCa;
    final IssuedKey receiverSigning;
    final IssuedKey receiverDecryption;
    final IssuedKey receiverTls;
    final List<X509Certificate> senderCa;
    /** The sample deployments configure no limits, so the sender side here uses the same defaults. */
    private static final LimitsConfig LIMITS = LimitsConfig.defaults();

    private final MessageCodec codec = MessageCodec.create(
            new MessageCodec.Limits(LIMITS.maxEnvelopeBytes(), LIMITS.maxXmlDepth(), LIMITS.maxDocuments()));
    private final EnvelopeSealer sealer;

    private BenchDeployment(Path dir) {
        this.dir = dir;
        this.keys = dir.resolve("keys");
        new SampleDeployment(new SecureRandom(), Instant.now()).writeTo(keys);
        try {
            Path ru = keys.resolve("ru-gpo");
            Path kz = keys.resolve("kz-gpo");
            senderSigning = key(ru, "signing");
            senderTls = key(ru, "tls");
            receiverEncryption = PkiFiles.readCertificates(ru.resolve("partners/kz-gpo/encryption.pem"))
                    .get(0);
            receiverCa = PkiFiles.readCertificates(ru.resolve("partners/kz-gpo/ca.pem"));
            receiverSigning = key(kz, "signing");
            receiverDecryption = key(kz, "encryption");
            receiverTls = key(kz, "tls");
            senderCa = PkiFiles.readCertificates(kz.resolve("partners/ru-gpo/ca.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        sealer = new EnvelopeSealer(senderSigning, AlgorithmPolicy.PROFILE, Clock.systemUTC(), LIMITS.maxXmlDepth());
    }

    static BenchDeployment create() throws IOException {
        return new BenchDeployment(Files.createTempDirectory("mla-bench-"));
    }

    private static IssuedKey key(Path authority, String name) throws IOException, GeneralSecurityException {
        char[] password = Files.readString(authority.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        return PkiFiles.readKey(PkiFiles.openPkcs12(authority.resolve(name + ".p12"), password), name, password);
    }

    /** One authority's sample configuration on free loopback ports with its store in {@code dataDir}. */
    GatewayConfig config(String authorityDir, Path dataDir) {
        return new ConfigLoader()
                .load(keys.resolve(authorityDir).resolve("gateway.yaml"))
                .onFreePorts(dataDir);
    }

    MessageCodec codec() {
        return codec;
    }

    /**
     * {@code count} unique messages from RU-GPO to KZ-GPO, each with a fresh id, conversation and
     * timestamp, signed and encrypted; generated on every core before any timing starts.
     */
    List<Item> corpus(int count) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Item>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String kind = KINDS.get(i % KINDS.size());
                futures.add(pool.submit(() -> item(kind)));
            }
            List<Item> items = new ArrayList<>(count);
            for (Future<Item> f : futures) {
                items.add(f.get());
            }
            return items;
        } finally {
            pool.shutdown();
        }
    }

    private Item item(String kind) {
        Message message = new ExampleMessages(codec).request(kind, SENDER, RECEIVER);
        return new Item(message.getHeader().getMessageId(), seal(message));
    }

    SealedEnvelope seal(Message message) {
        return sealer.seal(codec.toDocument(message).getDocumentElement(), receiverEncryption);
    }

    /** Seals a message whose documents travel as the attachment parts {@code parts}. */
    SealedParts seal(Message message, List<PartDigest> parts) {
        return sealer.seal(codec.toDocument(message).getDocumentElement(), receiverEncryption, parts);
    }

    static String uniqueName() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
