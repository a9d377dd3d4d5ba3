package org.mlagateway.tools.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.StorageConfig;

/**
 * The receiving gateway of {@code bench large} and {@code bench hostile}, run in a child JVM with
 * a small heap: starts one gateway from a configuration on free ports, prints
 * {@code READY <exchange url> <max heap> <internal API url>}, and on each line {@code PEAK} read
 * from standard input prints {@code PEAK <bytes> <bytes> <bytes>}: the sum of the heap pools' peaks
 * so far, the most heap in use when a collection started, and the most still live after one
 * ({@link HeapWatch}); on {@code DIRECT}, {@code DIRECT <bytes>}: the most direct memory in use,
 * sampled every 100 ms; on {@code CPU}, {@code CPU <nanoseconds>}: the CPU time this process has
 * used so far, all threads; on {@code ENDPOINT <partner id> <url>}, sends to that partner at that url
 * from then on, and prints {@code OK} (the large-document send test runs the sending gateway so).
 * It stops when its standard input closes. A third argument is a JDBC URL to store in instead of H2.
 */
public final class LargeReceiver {
    private LargeReceiver() {}

    public static void main(String[] args) throws Exception {
        GatewayConfig config = new ConfigLoader().load(Path.of(args[0])).onFreePorts(Path.of(args[1]));
        if (args.length > 2) {
            config = new GatewayConfig(
                    config.authority(),
                    config.keys(),
                    config.listeners(),
                    // The document file store lives in the data directory, beside the database.
                    new StorageConfig(
                            Path.of(args[1]),
                            args[2],
                            null,
                            null,
                            config.storage().poolSize()),
                    config.partners(),
                    config.routing(),
                    config.limits(),
                    config.sending(),
                    config.log(),
                    config.api());
        }
        Gateway gateway = Gateway.start(config, Clock.systemUTC());
        try {
            LoadClient.resetPeaks();
            HeapWatch watch = new HeapWatch();
            DirectMemoryWatch direct = new DirectMemoryWatch();
            System.out.println("READY " + gateway.exchangeUrl() + " "
                    + Runtime.getRuntime().maxMemory() + " " + gateway.apiUrl());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("PEAK")) {
                    System.out.println("PEAK " + LoadClient.peakHeap() + " " + watch.peakBeforeGc() + " "
                            + watch.peakLiveAfterGc());
                    System.out.flush();
                } else if (line.equals("CPU")) {
                    System.out.println("CPU "
                            + ((com.sun.management.OperatingSystemMXBean)
                                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                                    .getProcessCpuTime());
                    System.out.flush();
                } else if (line.startsWith("ENDPOINT ")) {
                    String[] f = line.split(" ");
                    gateway.useEndpoint(f[1], java.net.URI.create(f[2]));
                    System.out.println("OK");
                    System.out.flush();
                } else if (line.equals("DIRECT")) {
                    System.out.println("DIRECT " + direct.peak());
                    System.out.flush();
                }
            }
        } finally {
            gateway.close();
        }
        System.exit(0);
    }
}
