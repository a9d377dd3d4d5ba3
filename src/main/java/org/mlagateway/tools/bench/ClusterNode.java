package org.mlagateway.tools.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.ListenerConfig;
import org.mlagateway.config.ListenersConfig;
import org.mlagateway.config.SendingConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;

/**
 * One node of {@code bench cluster}, run in a child JVM: a gateway from a sample configuration,
 * storing in a PostgreSQL schema under a given node id, its external listener on a given port (0:
 * any). It prints {@code READY <exchange url>}. With a peer URL it is the sending RU-GPO, delivering
 * to KZ-GPO at that URL (the benchmark's balancer), and on each line {@code SUBMIT <n>} read from
 * standard input submits n messages, printing {@code SUBMITTED <message id>} after each commit. It
 * stops when its standard input closes, or when it is killed, which is the point.
 */
public final class ClusterNode {
    /** Fast retries, so that a message refused during an outage is delivered soon after it. */
    static final SendingConfig SENDING = new SendingConfig(
            Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofHours(48), 4, Duration.ofSeconds(10), null, null);

    private ClusterNode() {}

    /** Arguments: yaml, data dir, JDBC URL, schema, node id, external port, [peer URL]. */
    public static void main(String[] args) throws Exception {
        GatewayConfig loaded = new ConfigLoader().load(Path.of(args[0])).onFreePorts(Path.of(args[1]));
        StorageConfig storage = new StorageConfig(
                Path.of(args[1]), args[2], null, null, 6, loaded.storage().kek(), args[3]);
        ListenersConfig listeners = new ListenersConfig(
                new ListenerConfig(
                        ListenerConfig.DEFAULT_HOST,
                        Integer.parseInt(args[5]),
                        loaded.listeners().external().limits()),
                loaded.listeners().internal());
        GatewayConfig config = loaded.withStorage(storage)
                .withListeners(listeners)
                .withSending(SENDING)
                .withNodeId(args[4]);
        Gateway gateway = Gateway.start(config, Clock.systemUTC());
        try {
            if (args.length > 6) {
                gateway.useEndpoint("KZ-GPO", URI.create(args[6]));
            }
            System.out.println("READY " + gateway.exchangeUrl());
            System.out.flush();
            ExampleMessages examples = new ExampleMessages(gateway.codec());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("SUBMIT ")) {
                    int n = Integer.parseInt(line.substring(7).trim());
                    for (int i = 0; i < n; i++) {
                        // Requests in Russian, which KZ-GPO reads: none waits for a translator.
                        List<String> kinds = ExchangeBenchmark.OUTBOUND_KINDS;
                        String kind = kinds.get(i % kinds.size());
                        Message m = examples.request(kind, BenchDeployment.SENDER, BenchDeployment.RECEIVER);
                        gateway.submissions()
                                .submit(
                                        gateway.codec().write(m),
                                        "bench",
                                        UUID.randomUUID().toString());
                        System.out.println("SUBMITTED " + m.getHeader().getMessageId());
                        System.out.flush();
                    }
                }
            }
        } finally {
            gateway.close();
        }
        System.exit(0);
    }
}
