package org.mlagateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Properties;
import org.h2.engine.SysProperties;
import org.h2.tools.Server;
import org.mlagateway.config.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the operator's commands ({@code log verify}, {@code log search}, {@code stats}, {@code keys
 * rotate-kek}, ...) use the embedded store while a gateway runs on it. H2 locks its file to the process
 * that opened it, so the gateway serves its open database on loopback, and a command on the same
 * machine connects to it there instead of opening the file.
 *
 * <p>What guards it: the server binds only a loopback address (H2's {@code h2.bindAddress}, which
 * {@code Main} sets to 127.0.0.1; the server is not started on any other) and accepts local connections
 * only; it serves this one database and only to a client that names it by a random 256-bit key; the key
 * and port are in {@link #ENDPOINT_FILE}, 0600 in the 0700 data directory, so only the gateway's own
 * user (who can read the database file anyway) can connect; the client then logs in with the store's
 * credentials as well. Nothing about the file changes: the content sealed at rest stays sealed, and a
 * command reads it with its own key-encryption key.
 *
 * <p>Every session runs in the gateway's one H2 engine, so the row lock on {@code log_head} serialises
 * log appends from both processes ({@link LogAppender}). What the gateway's in-process write lock adds
 * on H2 ({@link Dialect#serialisesWrites()}) does not extend to a command's writes: those are few (a
 * checkpoint before an evidence export, the re-wrapped data keys of {@code keys rotate-kek}).
 */
final class EmbeddedServer implements AutoCloseable {
    /** Beside the database file: where a running gateway's store is served, and the key to it. */
    static final String ENDPOINT_FILE = "gateway.endpoint";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final SecureRandom KEYS = new SecureRandom();

    private final Server server;
    private final Path endpoint;

    private EmbeddedServer(Server server, Path endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Where a command connects, read from the endpoint file. */
    record Endpoint(InetAddress host, int port, String key) {
        String jdbcUrl() {
            String address = host.getHostAddress();
            return "jdbc:h2:tcp://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port + "/" + key;
        }
    }

    /**
     * Serves the open database in {@code dataDir} on loopback, or returns null (and says why in the log)
     * when H2 would bind a non-loopback address.
     */
    static EmbeddedServer start(Path dataDir) {
        String bind = SysProperties.BIND_ADDRESS;
        if (!isLoopback(bind)) {
            LOG.warn(
                    "store: operator commands cannot run beside this gateway: its store would be served on"
                            + " h2.bindAddress={}, not a loopback address",
                    bind == null ? "(every address)" : bind);
            return null;
        }
        byte[] secret = new byte[32];
        KEYS.nextBytes(secret);
        String key = HexFormat.of().formatHex(secret);
        Path database = dataDir.toAbsolutePath().resolve(Dialect.H2_FILE);
        Server server;
        try {
            server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-key", key, database.toString())
                    .start();
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot serve the embedded store on " + bind + " (SQLState " + e.getSQLState() + ")", e);
        }
        Path endpoint = dataDir.toAbsolutePath().resolve(ENDPOINT_FILE);
        Properties p = new Properties();
        p.setProperty("host", bind);
        p.setProperty("port", Integer.toString(server.getPort()));
        p.setProperty("key", key);
        try (OutputStream out = OwnerOnly.newOutputStream(endpoint)) {
            p.store(out, "where the running gateway serves this store to operator commands; secret");
        } catch (IOException e) {
            server.stop();
            throw new UncheckedIOException("cannot write " + endpoint, e);
        }
        return new EmbeddedServer(server, endpoint);
    }

    /**
     * The endpoint of the gateway serving the store in {@code dataDir}, or null when none is: no
     * endpoint file, or one left by a gateway that ended without closing (nothing listens there).
     */
    static Endpoint find(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(ENDPOINT_FILE);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int port;
        InetAddress host;
        try {
            port = Integer.parseInt(p.getProperty("port", ""));
            host = isLoopback(p.getProperty("host")) ? InetAddress.getByName(p.getProperty("host")) : null;
        } catch (NumberFormatException | IOException e) {
            return null;
        }
        String key = p.getProperty("key");
        if (host == null || key == null || !key.matches("[0-9a-f]{64}") || port < 1 || port > 65535) {
            return null;
        }
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            return null;
        }
        return new Endpoint(host, port, key);
    }

    private static boolean isLoopback(String bind) {
        if (bind == null || bind.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(endpoint);
        } catch (IOException e) {
            LOG.warn("store: cannot remove {}: {}", endpoint, e.getMessage());
        }
        server.stop();
    }
}
