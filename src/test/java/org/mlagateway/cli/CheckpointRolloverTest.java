package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.store.Store;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestClock;

/**
 * During a signing-key rollover (docs/key-rollover.md) log checkpoints switch to the next key at
 * {@code keys.signing.next.from}, on the gateway's clock, as message signatures do; {@code log verify}
 * accepts the old checkpoints by the old key and the new ones by the next key (from another CA), and
 * {@code log anchor} writes the newest, which {@code log verify --anchor} accepts. A configuration that
 * knows only the old key refuses the new checkpoints: the check can fail.
 */
class CheckpointRolloverTest {
    @TempDir
    Path dir;

    @Test
    void checkpointsSwitchToTheNextKeyAtFrom_andLogVerifyAndAnchorAcceptBoth() throws Exception {
        Path kz = SampleDeployments.generate(dir.resolve("keys")).resolve("kz-gpo");
        Path before = kz.resolve("gateway-old-key-only.yaml");
        Files.copy(kz.resolve("gateway.yaml"), before);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = start.plus(Duration.ofHours(1));
        IssuedKey next = nextSigningKey(kz, from);

        GatewayConfig config = new ConfigLoader().load(kz.resolve("gateway.yaml"));
        TestClock clock = new TestClock(start);
        X509Certificate old;
        try (KeyMaterial keys = KeyMaterial.load(config, clock);
                Store store = Store.open(
                        config.storage(),
                        clock,
                        LogCheckpointing.of(
                                config.log(), config.storage().dataDir(), new KeyStoreChainSigner(keys.signingKeys())),
                        AtRest.sealing(config.storage(), clock))) {
            old = keys.signing().certificate();
            long first = checkpoint(store, 1);
            clock.advance(Duration.ofMinutes(59).plusSeconds(59));
            long second = checkpoint(store, 2);
            clock.advance(Duration.ofSeconds(1)); // exactly at from
            long third = checkpoint(store, 3);
            assertEquals(old, signer(store, first));
            assertEquals(old, signer(store, second), "one second before from: still the old key");
            assertEquals(next.certificate(), signer(store, third), "at from: the next key");
            assertTrue(store.verify(1, ProgressListener.NONE).ok(), "the gateway's own verifier trusts both keys");
        }

        Cli.Result verified =
                Cli.run("log", "verify", "--config", kz.resolve("gateway.yaml").toString());
        assertEquals(0, verified.code(), verified.out());
        assertTrue(verified.out().contains("3 entries checked, 3 checkpoints, OK"), verified.out());

        Path anchor = dir.resolve("anchor.txt");
        Cli.Result anchored =
                Cli.run("log", "anchor", "--config", kz.resolve("gateway.yaml").toString(), "--out", anchor.toString());
        assertEquals(0, anchored.code(), anchored.out());
        assertTrue(anchored.out().contains("checkpoint at seq 3"), anchored.out());
        Cli.Result againstAnchor = Cli.run(
                "log", "verify", "--config", kz.resolve("gateway.yaml").toString(), "--anchor", anchor.toString());
        assertEquals(0, againstAnchor.code(), againstAnchor.out());
        assertTrue(againstAnchor.out().contains("last anchored seq 3"), againstAnchor.out());

        Cli.Result oldOnly = Cli.run("log", "verify", "--config", before.toString());
        assertEquals(1, oldOnly.code(), oldOnly.out());
        assertTrue(oldOnly.out().contains("does not chain to the gateway's trusted root"), oldOnly.out());
    }

    /** Appends one entry and signs a checkpoint of it now; its seq. */
    private static long checkpoint(Store store, int n) {
        store.append(List.of(LogEvent.of("translated", "m-" + n, null, "translator", Map.of("n", n))));
        return store.checkpoint().orElseThrow();
    }

    private static X509Certificate signer(Store store, long seq) throws Exception {
        return store.checkpointAtOrAfter(seq).orElseThrow().signerCertificates().get(0);
    }

    /** Step 1 of docs/key-rollover.md: a next signing key from a new CA, configured with its switch instant. */
    private static IssuedKey nextSigningKey(Path kz, Instant from) throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(1));
        CertificateAuthority ca = CertificateAuthority.createRoot(
                "CN=KZ-GPO Root CA 2,O=KZ-GPO (TEST),C=KZ", start, Duration.ofDays(3650), new SecureRandom());
        IssuedKey signing = ca.issue(
                "CN=KZ-GPO message signing 2,O=KZ-GPO (TEST),C=KZ", KeyUse.SIGNING, start, Duration.ofDays(365));
        char[] password = Files.readString(kz.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        PkiFiles.writePkcs12(kz.resolve("signing-2.p12"), "signing", signing, password);
        Path yaml = kz.resolve("gateway.yaml");
        String text = Files.readString(yaml);
        assertTrue(text.contains("    alias: signing\n"), text);
        Files.writeString(
                yaml,
                text.replace(
                        "    alias: signing\n",
                        "    alias: signing\n    next:\n      keystore: signing-2.p12\n"
                                + "      password: { file: secrets/keystore.password }\n      alias: signing\n"
                                + "      from: " + from + "\n"));
        return signing;
    }
}
