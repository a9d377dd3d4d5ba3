package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.StoredReceipt;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestClock;
import org.mlagateway.testing.TwoGateways;
import org.mlagateway.tools.demo.DemoTranslator;

/**
 * The acceptance test of a key rollover (docs/key-rollover.md): KZ-GPO and RU-GPO, over real TLS,
 * each roll their signing and encryption keys to keys from a new CA while messages flow in both
 * directions. A shared clock is moved past KZ-GPO's signing switch, RU-GPO's signing switch, the
 * instant KZ-GPO encrypts to RU-GPO's new certificate, and the instant RU-GPO encrypts to KZ-GPO's.
 * No attempt fails and no receipt is refused; afterwards messages and receipts are signed with, and
 * messages encrypted to, the new keys.
 */
class KeyRolloverExchangeTest {
    private static final int MESSAGES = 60;
    private static final int IN_FLIGHT = 4;
    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Pattern TOKEN = Pattern.compile("BinarySecurityToken[^>]*>([^<]+)<");
    private static final Pattern SERIAL = Pattern.compile("X509SerialNumber>(\\d+)<");

    @TempDir
    static Path dir;

    /** One authority's new keys, issued by its new CA. */
    private record NewKeys(CertificateAuthority ca, IssuedKey signing, IssuedKey encryption) {}

    /** A submitted message: who sent it to whom, and how many clock steps had been taken then. */
    private record Sent(Gateway from, Gateway to, String sender, String recipient, String id, int step) {}

    @Test
    void bothGatewaysRollTheirKeys_whileMessagesFlowBothWays_withoutAFailedMessageOrARefusedReceipt() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        Instant t0 = Instant.now();
        NewKeys kzKeys = roll(deployment, "kz-gpo", "KZ-GPO", "KZ", t0.plus(STEP));
        NewKeys ruKeys = roll(deployment, "ru-gpo", "RU-GPO", "RU", t0.plus(STEP.multipliedBy(2)));
        publish(deployment, "kz-gpo", "ru-gpo", ruKeys, t0.plus(STEP.multipliedBy(3)));
        publish(deployment, "ru-gpo", "kz-gpo", kzKeys, t0.plus(STEP.multipliedBy(4)));
        TestClock clock = TestClock.ticking();
        List<Sent> sent = new CopyOnWriteArrayList<>();
        AtomicInteger steps = new AtomicInteger();
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        try (TwoGateways g = TwoGateways.start(dir, deployment, clock)) {
            Thread sender = new Thread(
                    () -> {
                        try {
                            for (int i = 0; i < MESSAGES; i++) {
                                boolean fromKz = i % 2 == 0;
                                sent.add(submit(fromKz ? g.kz : g.ru, fromKz ? g.ru : g.kz, steps.get()));
                                TwoGateways.await(
                                        "at most " + IN_FLIGHT + " messages in flight",
                                        Duration.ofSeconds(60),
                                        () -> undelivered(g, sent) <= IN_FLIGHT);
                            }
                        } catch (Throwable t) {
                            senderFailure.set(t);
                        }
                    },
                    "rollover-sender");
            sender.start();
            for (int step = 1; step <= 4; step++) {
                int due = step * MESSAGES / 5;
                TwoGateways.await(
                        due + " messages submitted",
                        Duration.ofSeconds(120),
                        () -> sent.size() >= due || senderFailure.get() != null);
                clock.advance(STEP);
                steps.set(step);
            }
            sender.join(Duration.ofMinutes(3).toMillis());
            assertEquals(null, senderFailure.get(), "the sender thread failed: " + senderFailure.get());
            assertEquals(MESSAGES, sent.size());
            TwoGateways.await("every message delivered", Duration.ofSeconds(60), () -> undelivered(g, sent) == 0);

            int failedAttempts = 0;
            int attempts = 0;
            for (Sent s : sent) {
                StoredMessage out = s.from()
                        .store()
                        .message(Direction.OUT, s.recipient(), s.id())
                        .orElseThrow();
                for (DeliveryAttempt a : s.from().store().attempts(out.pk())) {
                    attempts++;
                    if (a.outcome() != DeliveryAttempt.Outcome.DELIVERED) {
                        failedAttempts++;
                    }
                }
                assertEquals(
                        MessageStatus.RECEIVED,
                        s.to().store()
                                .message(Direction.IN, s.sender(), s.id())
                                .orElseThrow()
                                .status());
            }
            assertEquals(0, failedAttempts, "no attempt failed: no message refused, no receipt refused");
            int[] perStep = new int[5];
            sent.forEach(s -> perStep[s.step()]++);
            long kzToRu = sent.stream().filter(s -> s.from() == g.kz).count();
            System.out.println("key rollover: " + sent.size() + " messages (" + kzToRu + " KZ-GPO to RU-GPO), "
                    + attempts + " attempts, " + failedAttempts
                    + " failed; submitted after 0..4 switches: " + java.util.Arrays.toString(perStep));

            X509Certificate kzOld = signingCertificate(deployment, "kz-gpo");
            X509Certificate ruOld = signingCertificate(deployment, "ru-gpo");
            Sent firstFromKz = sent.get(0);
            assertEquals(kzOld, signer(received(firstFromKz)), "before the switch KZ-GPO signs with its old key");
            assertEquals(ruOld, signer(receipt(firstFromKz)), "and RU-GPO's receipts with its old key");
            List<Sent> afterAll = sent.stream().filter(s -> s.step() == 4).toList();
            assertTrue(afterAll.size() >= 2, "messages went both ways after the last switch");
            for (Sent s : afterAll) {
                boolean fromKz = s.from() == g.kz;
                NewKeys senderKeys = fromKz ? kzKeys : ruKeys;
                NewKeys recipientKeys = fromKz ? ruKeys : kzKeys;
                byte[] envelope = received(s);
                assertEquals(senderKeys.signing().certificate(), signer(envelope), "signed with the new key");
                assertEquals(
                        recipientKeys.encryption().certificate().getSerialNumber(),
                        encryptedTo(envelope),
                        "encrypted to the recipient's new certificate");
                assertEquals(recipientKeys.signing().certificate(), signer(receipt(s)), "receipt by the new key");
            }
            assertNotEquals(kzOld, kzKeys.signing().certificate());
        }
    }

    private static Sent submit(Gateway from, Gateway to, int step) {
        String sender = from.config().authority().id();
        String recipient = to.config().authority().id();
        Message message = new ExampleMessages(from.codec()).request("mla-request.xml", sender, recipient);
        from.submissions()
                .submit(from.codec().write(message), "test", UUID.randomUUID().toString());
        return new Sent(from, to, sender, recipient, message.getHeader().getMessageId(), step);
    }

    private static int undelivered(TwoGateways g, List<Sent> sent) {
        DemoTranslator.translatePending(g.kz);
        DemoTranslator.translatePending(g.ru);
        int open = 0;
        for (Sent s : sent) {
            MessageStatus status = s.from()
                    .store()
                    .message(Direction.OUT, s.recipient(), s.id())
                    .map(StoredMessage::status)
                    .orElse(null);
            if (status != MessageStatus.DELIVERED) {
                open++;
            }
        }
        return open;
    }

    private static byte[] received(Sent s) {
        return s.to().store()
                .message(Direction.IN, s.sender(), s.id())
                .orElseThrow()
                .envelope();
    }

    private static byte[] receipt(Sent s) {
        StoredMessage out =
                s.from().store().message(Direction.OUT, s.recipient(), s.id()).orElseThrow();
        return s.from().store().receipts(out.pk()).stream()
                .filter(r -> StoredReceipt.RECEIVED.equals(r.direction()))
                .findFirst()
                .orElseThrow()
                .xml();
    }

    private static X509Certificate signer(byte[] envelope) throws CertificateException {
        Matcher m = TOKEN.matcher(new String(envelope, StandardCharsets.UTF_8));
        assertTrue(m.find(), "the envelope carries its signer's certificate");
        // Line breaks in the Base64 may be written as character references (&#13;).
        byte[] der = Base64.getMimeDecoder()
                .decode(m.group(1).replaceAll("&#[xX]?[0-9a-fA-F]+;", "").strip());
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static BigInteger encryptedTo(byte[] envelope) {
        Matcher m = SERIAL.matcher(new String(envelope, StandardCharsets.UTF_8));
        assertTrue(m.find(), "the EncryptedKey names its certificate by issuer and serial");
        return new BigInteger(m.group(1));
    }

    private static X509Certificate signingCertificate(Path deployment, String authority) throws Exception {
        return PkiFiles.readCertificates(deployment.resolve(authority).resolve("signing.pem"))
                .get(0);
    }

    /** Step 1 and 2 of docs/key-rollover.md: new keys from a new CA, configured as `next`. */
    private static NewKeys roll(Path deployment, String dirName, String id, String country, Instant signingFrom)
            throws IOException {
        Path own = deployment.resolve(dirName);
        Instant start = Instant.now().minus(Duration.ofDays(1));
        String org = ",O=" + id + " (TEST),C=" + country;
        CertificateAuthority ca = CertificateAuthority.createRoot(
                "CN=" + id + " Root CA 2" + org, start, Duration.ofDays(3650), new SecureRandom());
        IssuedKey signing =
                ca.issue("CN=" + id + " message signing 2" + org, KeyUse.SIGNING, start, Duration.ofDays(365));
        IssuedKey encryption =
                ca.issue("CN=" + id + " message encryption 2" + org, KeyUse.ENCRYPTION, start, Duration.ofDays(365));
        char[] password = Files.readString(own.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        PkiFiles.writePkcs12(own.resolve("signing-2.p12"), "signing", signing, password);
        PkiFiles.writePkcs12(own.resolve("encryption-2.p12"), "encryption", encryption, password);
        edit(
                own.resolve("gateway.yaml"),
                List.of(
                        "    alias: signing\n",
                                "    alias: signing\n    next:\n      keystore: signing-2.p12\n"
                                        + "      password: { file: secrets/keystore.password }\n      alias: signing\n"
                                        + "      from: " + signingFrom + "\n",
                        "    alias: encryption\n",
                                "    alias: encryption\n    next:\n      keystore: encryption-2.p12\n"
                                        + "      password: { file: secrets/keystore.password }\n      alias:"
                                        + " encryption\n"));
        return new NewKeys(ca, signing, encryption);
    }

    /** Step 3: the partner's new CA, its CRL and its new encryption certificate with the announced date. */
    private static void publish(Path deployment, String self, String partner, NewKeys theirs, Instant encryptFrom) {
        String dir = "partners/" + partner + "/";
        Path trust = deployment.resolve(self).resolve(dir);
        Instant now = Instant.now();
        PkiFiles.writePem(trust.resolve("ca-2.pem"), theirs.ca().certificate());
        PkiFiles.writePem(
                trust.resolve("ca-2.crl"),
                theirs.ca().crl(List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));
        PkiFiles.writePem(trust.resolve("encryption-2.pem"), theirs.encryption().certificate());
        edit(
                deployment.resolve(self).resolve("gateway.yaml"),
                List.of(
                        "signingAnchors: [" + dir + "ca.pem]",
                                "signingAnchors: [" + dir + "ca.pem, " + dir + "ca-2.pem]",
                        "crls: [" + dir + "ca.crl]", "crls: [" + dir + "ca.crl, " + dir + "ca-2.crl]",
                        "encryptionCertificate: " + dir + "encryption.pem\n",
                                "encryptionCertificate: " + dir
                                        + "encryption.pem\n    nextEncryption: { certificate: " + dir
                                        + "encryption-2.pem, from: "
                                        + encryptFrom + " }\n"));
    }

    /** Replaces each (text, replacement) pair once, failing if the text is not there. */
    private static void edit(Path file, List<String> pairs) {
        try {
            String text = Files.readString(file);
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i += 2) {
                if (!text.contains(pairs.get(i))) {
                    missing.add(pairs.get(i));
                }
                text = text.replace(pairs.get(i), pairs.get(i + 1));
            }
            assertEquals(List.of(), missing, "the sample configuration has these lines");
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
