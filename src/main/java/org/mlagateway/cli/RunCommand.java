package org.mlagateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.StorageConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gateway run}: one gateway in the foreground until it is stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run one gateway in the foreground.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The gateway.yaml to run.")
    Path config;

    @Mixin
    LogOptions log = new LogOptions();

    @Override
    public Integer call() throws InterruptedException {
        if (!log.apply("run")) {
            return 2;
        }
        GatewayConfig loaded = Configs.loadOrReport(config, "run", System.err);
        if (loaded == null) {
            return 1;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(loaded, Clock.systemUTC());
        } catch (ConfigException e) {
            // Key material is checked at start: an expired key, a wrong password or a key store that others
            // may read stops it here. One problem is said in one line.
            if (e.problems().size() == 1) {
                System.err.println("run: not started: " + e.problems().get(0));
                return 1;
            }
            e.problems().forEach(p -> System.err.println("problem: " + p));
            System.err.println("run: " + e.problems().size() + " problem(s) in the key material; not started");
            return 1;
        } catch (Exception e) { // checked ones too: a library may throw them undeclared
            // A port in use, a locked or unreachable store: one line naming the cause, the trace on request.
            System.err.println("run: not started: " + StartFailures.describe(e)
                    + (log.debug ? "" : " (--debug shows the stack trace)"));
            if (log.debug) {
                e.printStackTrace();
            }
            return 1;
        }
        String id = gateway.config().authority().id();
        System.out.println(id + " exchange endpoint: " + gateway.exchangeUrl());
        System.out.println("WSDL: " + gateway.exchangeUrl() + "?wsdl");
        System.out.println(id + " data: " + where(gateway.config().storage()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            System.out.println(id + " stopped");
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Where the store is: the embedded store's directory, or the database's URL without credentials. */
    static String where(StorageConfig storage) {
        return storage.jdbcUrl() == null
                ? storage.dataDir().toAbsolutePath() + " (embedded H2 store)"
                : StartFailures.redacted(storage.jdbcUrl()) + " ("
                        + storage.dataDir().toAbsolutePath() + " for spool files)";
    }
}
