package org.mlagateway.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.SendingConfig;
import org.mlagateway.config.StorageConfig;

/**
 * KZ-GPO and RU-GPO running in this JVM from a deployment generated in code, on free ports, with
 * real TLS between them and embedded stores under {@code dir}. Retries back off in milliseconds so
 * that resilience tests need no long waits.
 */
public final class TwoGateways implements AutoCloseable {
    public final Path deployment;
    public final Gateway kz;
    public final Gateway ru;

    private TwoGateways(Path deployment, Gateway kz, Gateway ru) {
        this.deployment = deployment;
        this.kz = kz;
        this.ru = ru;
    }

    public static TwoGateways start(Path dir) {
        return start(dir, FAST_RETRIES);
    }

    /** As {@link #start(Path)}, with KZ-GPO sending as {@code kzSending} says. */
    public static TwoGateways start(Path dir, SendingConfig kzSending) {
        return start(dir, kzSending, Clock.systemUTC());
    }

    /** As {@link #start(Path, SendingConfig)}, with KZ-GPO reading {@code kzClock} (a {@link TestClock}). */
    public static TwoGateways start(Path dir, SendingConfig kzSending, Clock kzClock) {
        return start(dir, kzSending, kzClock, true);
    }

    /**
     * As {@link #start(Path)}, with both stores in clear (no {@code storage.kek}): for tests that
     * alter stored values in the database the way an insider holding the key-encryption key could.
     */
    public static TwoGateways inClear(Path dir) {
        return start(dir, FAST_RETRIES, Clock.systemUTC(), false);
    }

    private static TwoGateways start(Path dir, SendingConfig kzSending, Clock kzClock, boolean encryptedAtRest) {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        GatewayConfig ruConfig = config(deployment, "ru-gpo", dir.resolve("ru-data"));
        GatewayConfig kzConfig =
                config(deployment, "kz-gpo", dir.resolve("kz-data")).withSending(kzSending);
        if (!encryptedAtRest) {
            ruConfig = ruConfig.withStorage(new StorageConfig(
                    ruConfig.dataDir(), null, null, null, ruConfig.storage().poolSize()));
            kzConfig = kzConfig.withStorage(new StorageConfig(
                    kzConfig.dataDir(), null, null, null, kzConfig.storage().poolSize()));
        }
        Gateway ru = Gateway.start(ruConfig, Clock.systemUTC());
        Gateway kz = Gateway.start(kzConfig, kzClock);
        kz.useEndpoint("RU-GPO", ru.exchangeUrl());
        ru.useEndpoint("KZ-GPO", kz.exchangeUrl());
        return new TwoGateways(deployment, kz, ru);
    }

    /**
     * KZ-GPO and RU-GPO from a deployment already generated (and perhaps edited) in {@code deployment},
     * both reading {@code clock}: a shared {@link TestClock} keeps their Timestamps within the skew.
     */
    public static TwoGateways start(Path dir, Path deployment, Clock clock) {
        Gateway ru = Gateway.start(config(deployment, "ru-gpo", dir.resolve("ru-data")), clock);
        Gateway kz = Gateway.start(config(deployment, "kz-gpo", dir.resolve("kz-data")), clock);
        kz.useEndpoint("RU-GPO", ru.exchangeUrl());
        ru.useEndpoint("KZ-GPO", kz.exchangeUrl());
        return new TwoGateways(deployment, kz, ru);
    }

    /** One worker, retries in milliseconds. */
    public static final SendingConfig FAST_RETRIES = new SendingConfig(
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(48), 1, Duration.ofSeconds(20), null, null);

    /** The sample configuration of one authority, on free ports, with fast retries. */
    public static GatewayConfig config(Path deployment, String authority, Path dataDir) {
        GatewayConfig loaded =
                new ConfigLoader().load(deployment.resolve(authority).resolve("gateway.yaml"));
        return loaded.onFreePorts(dataDir).withSending(FAST_RETRIES);
    }

    /**
     * Waits for a condition with Awaitility, checking it every 10 ms from the start, failing with
     * {@code what} in the message after the deadline. One place for the polling settings, so that
     * waits stay short without each test repeating them.
     */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(deadline)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        kz.close();
        ru.close();
    }
}
