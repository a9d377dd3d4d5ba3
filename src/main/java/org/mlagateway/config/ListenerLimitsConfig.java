package org.mlagateway.config;

import java.time.Duration;

/**
 * What one listener admits, so that no single client, and no flood, can exhaust its file
 * descriptors, its (direct) memory or its time. Each listener has a budget of its own: a flood on
 * the external port never starves {@code /health}, the API or the operator pages. Every field has
 * a documented default; sizes are in bytes.
 *
 * <ul>
 *   <li>Connections: at most {@code maxConnections} open, and {@code maxConnectionsPerAddress}
 *       from one remote address. A new connection beyond either limit replaces the oldest idle
 *       connection of the address holding the most (or its own address's), or is closed at once.
 *       Both listeners' totals together must stay well below the process's file-descriptor limit.</li>
 *   <li>Bytes in flight: the request bodies being received or processed. A request is admitted,
 *       from its headers, only if its declared length fits {@code maxBytesInFlight} and
 *       {@code maxBytesInFlightPerAddress} (a lone request from an address always fits the latter);
 *       a body of {@code largeRequestBytes} or more also needs one of {@code maxLargeRequests}
 *       slots and one of {@code maxLargeRequestsPerAddress}. Otherwise the answer is
 *       {@code TemporarilyUnavailable} (HTTP 503, {@code Retry-After}) before the body is read.
 *       Chunked bodies are counted as they arrive and cut when over.</li>
 *   <li>Time: a request (headers and body) must arrive within {@code requestTimeout}, or, when
 *       its declared body is larger than that time carries at {@code timeoutBytesPerSecond},
 *       within its length at that rate (a streamed document of gigabytes); its body never
 *       slower than {@code minUploadBytesPerSecond} over any {@code uploadRateWindow};
 *       a connection with no request in progress is closed after {@code idleTimeout}.</li>
 * </ul>
 */
public record ListenerLimitsConfig(
        @OptionalKey Integer maxConnections,
        @OptionalKey Integer maxConnectionsPerAddress,
        @OptionalKey Long maxBytesInFlight,
        @OptionalKey Long maxBytesInFlightPerAddress,
        @OptionalKey Long largeRequestBytes,
        @OptionalKey Integer maxLargeRequests,
        @OptionalKey Integer maxLargeRequestsPerAddress,
        @OptionalKey Duration requestTimeout,
        @OptionalKey Long minUploadBytesPerSecond,
        @OptionalKey Duration uploadRateWindow,
        @OptionalKey Duration idleTimeout,
        @OptionalKey Long timeoutBytesPerSecond) {

    private static final long MIB = 1024 * 1024;
    /** Both listeners' defaults together (512) leave room under a 1024 file-descriptor limit. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
    /** Four 32 MiB envelopes; bounds the memory that aggregating request bodies can take. */
    public static final long DEFAULT_MAX_BYTES_IN_FLIGHT = 128 * MIB;

    public static final long DEFAULT_MAX_BYTES_IN_FLIGHT_PER_ADDRESS = 64 * MIB;
    public static final long DEFAULT_LARGE_REQUEST_BYTES = MIB;
    /** Processing one 32 MiB envelope takes a few hundred MB of heap (docs/performance.md). */
    public static final int DEFAULT_MAX_LARGE_REQUESTS = 2;

    public static final int DEFAULT_MAX_LARGE_REQUESTS_PER_ADDRESS = 1;
    /** A full 32 MiB envelope at about 110 KB/s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

    public static final long DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND = 16 * 1024;
    public static final Duration DEFAULT_UPLOAD_RATE_WINDOW = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** 1 MiB/s: the 5-minute timeout covers 300 MiB, and a 4 GiB document gets about 68 minutes. */
    public static final long DEFAULT_TIMEOUT_BYTES_PER_SECOND = MIB;

    public ListenerLimitsConfig {
        maxConnections = maxConnections != null ? maxConnections : DEFAULT_MAX_CONNECTIONS;
        maxConnectionsPerAddress = maxConnectionsPerAddress != null
                ? maxConnectionsPerAddress
                : Math.min(maxConnections, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
        maxBytesInFlight = maxBytesInFlight != null ? maxBytesInFlight : DEFAULT_MAX_BYTES_IN_FLIGHT;
        maxBytesInFlightPerAddress = maxBytesInFlightPerAddress != null
                ? maxBytesInFlightPerAddress
                : Math.min(maxBytesInFlight, DEFAULT_MAX_BYTES_IN_FLIGHT_PER_ADDRESS);
        largeRequestBytes = largeRequestBytes != null ? largeRequestBytes : DEFAULT_LARGE_REQUEST_BYTES;
        maxLargeRequests = maxLargeRequests != null ? maxLargeRequests : DEFAULT_MAX_LARGE_REQUESTS;
        maxLargeRequestsPerAddress = maxLargeRequestsPerAddress != null
                ? maxLargeRequestsPerAddress
                : Math.min(maxLargeRequests, DEFAULT_MAX_LARGE_REQUESTS_PER_ADDRESS);
        requestTimeout = requestTimeout != null ? requestTimeout : DEFAULT_REQUEST_TIMEOUT;
        minUploadBytesPerSecond =
                minUploadBytesPerSecond != null ? minUploadBytesPerSecond : DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND;
        uploadRateWindow = uploadRateWindow != null ? uploadRateWindow : DEFAULT_UPLOAD_RATE_WINDOW;
        idleTimeout = idleTimeout != null ? idleTimeout : DEFAULT_IDLE_TIMEOUT;
        timeoutBytesPerSecond =
                timeoutBytesPerSecond != null ? timeoutBytesPerSecond : DEFAULT_TIMEOUT_BYTES_PER_SECOND;
        atLeast("timeoutBytesPerSecond", timeoutBytesPerSecond, 1);
        atLeast("maxConnections", maxConnections, 1);
        between("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, maxConnections);
        atLeast("maxBytesInFlight", maxBytesInFlight, 1024);
        between("maxBytesInFlightPerAddress", maxBytesInFlightPerAddress, 1024, maxBytesInFlight);
        atLeast("largeRequestBytes", largeRequestBytes, 1);
        atLeast("maxLargeRequests", maxLargeRequests, 1);
        between("maxLargeRequestsPerAddress", maxLargeRequestsPerAddress, 1, maxLargeRequests);
        atLeast("minUploadBytesPerSecond", minUploadBytesPerSecond, 0);
        positive("requestTimeout", requestTimeout);
        positive("uploadRateWindow", uploadRateWindow);
        positive("idleTimeout", idleTimeout);
        if (uploadRateWindow.compareTo(requestTimeout) > 0) {
            throw new IllegalArgumentException("uploadRateWindow (" + uploadRateWindow
                    + ") must not be longer than requestTimeout (" + requestTimeout + ")");
        }
    }

    /** As the canonical constructor, with the default {@code timeoutBytesPerSecond}. */
    public ListenerLimitsConfig(
            Integer maxConnections,
            Integer maxConnectionsPerAddress,
            Long maxBytesInFlight,
            Long maxBytesInFlightPerAddress,
            Long largeRequestBytes,
            Integer maxLargeRequests,
            Integer maxLargeRequestsPerAddress,
            Duration requestTimeout,
            Long minUploadBytesPerSecond,
            Duration uploadRateWindow,
            Duration idleTimeout) {
        this(
                maxConnections,
                maxConnectionsPerAddress,
                maxBytesInFlight,
                maxBytesInFlightPerAddress,
                largeRequestBytes,
                maxLargeRequests,
                maxLargeRequestsPerAddress,
                requestTimeout,
                minUploadBytesPerSecond,
                uploadRateWindow,
                idleTimeout,
                null);
    }

    public static ListenerLimitsConfig defaults() {
        return new ListenerLimitsConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The time a request declaring a body of {@code declaredBytes} (negative: unknown, chunked) has
     * to arrive: {@code requestTimeout}, or the body's length at {@code timeoutBytesPerSecond} when
     * that is longer.
     */
    public Duration requestTimeoutFor(long declaredBytes) {
        if (declaredBytes <= 0) {
            return requestTimeout;
        }
        long millis = declaredBytes / timeoutBytesPerSecond * 1000
                + declaredBytes % timeoutBytesPerSecond * 1000 / timeoutBytesPerSecond;
        Duration scaled = Duration.ofMillis(millis);
        return scaled.compareTo(requestTimeout) > 0 ? scaled : requestTimeout;
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", not " + value);
        }
    }

    private static void between(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, not " + value);
        }
    }
}
