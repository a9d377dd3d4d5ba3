package org.mlagateway.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.mlagateway.config.KeyStoreConfig;
import org.mlagateway.config.Secret;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.LogCheckpointing;

/**
 * The process {@link CrashContract} kills. It accepts messages with a 20 KB document from two
 * threads and claims and acks queue items from a third, printing {@code ACK <message id>} and
 * {@code DONE <item id>} only after the commit has returned. On start it verifies the chain the
 * previous run left and prints {@code VERIFY OK <entries>} or {@code VERIFY BAD <problem>}. It
 * stops by itself after a minute in case nobody kills it.
 *
 * <p>Arguments: data directory, JDBC URL or "-", PKCS#12 signing key file, its password.
 */
public final class CrashChild {
    private static final PrintStream OUT = System.out;

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        String url = "-".equals(args[1]) ? null : args[1];
        StorageConfig storage = new StorageConfig(Path.of(args[0]), url, null, null, 4);
        ChainSigner signer =
                KeyStoreChainSigner.load(new KeyStoreConfig(Path.of(args[2]), new Secret(null, null, args[3]), null));
        Store store =
                Store.open(storage, Clock.systemUTC(), LogCheckpointing.of(25, Duration.ofHours(1), signer, null));
        VerifyReport report = store.verify(1, ProgressListener.NONE);
        print(
                report.ok()
                        ? "VERIFY OK " + report.entriesChecked()
                        : "VERIFY BAD " + report.problem().orElseThrow());
        Instant stop = Instant.now().plus(Duration.ofMinutes(1));
        Thread[] threads = {
            new Thread(() -> write(store, stop)),
            new Thread(() -> write(store, stop)),
            new Thread(() -> claim(store, stop))
        };
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        store.close();
    }

    private static void write(Store store, Instant stop) {
        while (Instant.now().isBefore(stop)) {
            String id = Samples.newId();
            store.accept(Samples.incoming(id, "v1", Routing.to(Queue.FORWARDING, "KZ-MVD", 5), 20 * 1024));
            print("ACK " + id);
        }
    }

    private static void claim(Store store, Instant stop) {
        while (Instant.now().isBefore(stop)) {
            for (QueueItem item : store.claim(Queue.FORWARDING, null, "child", 2, Duration.ofMinutes(10))) {
                store.ack(item.id(), "child");
                print("DONE " + item.id());
            }
        }
    }

    private static synchronized void print(String line) {
        OUT.println(line);
        OUT.flush();
    }
}
