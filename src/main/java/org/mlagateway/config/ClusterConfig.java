package org.mlagateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * This node among the gateways that share one PostgreSQL (docs/cluster.md). {@code nodeId} names the
 * node in queue leases, the checkpoint lease and the metrics' {@code node} label. It must be stable
 * across restarts, so that a node coming back reclaims at once what its previous life held, and
 * unique among the nodes. Without it, the host name and the absolute data directory name the node.
 */
public record ClusterConfig(@OptionalKey String nodeId) {
    /** Leaves room in a 128-character lease owner for the worker suffix. */
    public static final int MAX_NODE_ID = 96;

    public ClusterConfig {
        if (nodeId != null && !nodeId.matches("[A-Za-z0-9._:/@-]{1," + MAX_NODE_ID + "}")) {
            throw new IllegalArgumentException(
                    "nodeId must be 1 to " + MAX_NODE_ID + " characters of letters, digits and . _ : / @ -");
        }
    }

    /** The configured node id, or the default one for a node whose data directory is {@code dataDir}. */
    public String nodeId(Path dataDir) {
        return nodeId != null ? nodeId : defaultNodeId(hostName(), dataDir);
    }

    /** {@code host:/absolute/data/dir}, shortened to the host and a digest of the directory when too long. */
    static String defaultNodeId(String host, Path dataDir) {
        String dir = dataDir.toAbsolutePath().normalize().toString();
        String id = host + ":" + dir;
        if (id.length() <= MAX_NODE_ID) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dir.getBytes(StandardCharsets.UTF_8));
            String shortHost = host.length() > 64 ? host.substring(0, 64) : host;
            return shortHost + ":" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env : "localhost";
        }
    }
}
