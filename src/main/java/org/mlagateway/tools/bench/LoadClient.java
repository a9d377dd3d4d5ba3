package org.mlagateway.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * A lightweight load client: replays a prepared corpus of envelopes over at most {@code C}
 * keep-alive HTTP/1.1 TLS connections (the JDK client, one synchronous caller per connection).
 * Closed loop: each caller sends its next envelope as soon as the previous answer arrived. Open
 * loop: envelopes are due at a fixed rate, and latency counts from when each was due, so a slow
 * server cannot hide its queueing. Answers are not verified while timing; a sample is kept.
 */
final class LoadClient implements AutoCloseable {
    static final int SAMPLE = 8;
    private static final String SOAP = "application/soap+xml; charset=UTF-8";

    record Result(
            int sent,
            int ok,
            int failed,
            double seconds,
            double perSecond,
            double p50Ms,
            double p99Ms,
            long peakHeapBytes,
            double cpuMsPerMessage,
            List<byte[]> sampleAnswers,
            List<Integer> sampleIndexes,
            String firstFailure) {}

    private final HttpClient http;
    private final ExecutorService httpExecutor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-http");
        t.setDaemon(true);
        return t;
    });

    LoadClient(SSLContext tls) {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(httpExecutor)
                .build();
    }

    Result closedLoop(URI url, List<byte[]> corpus, int connections) throws Exception {
        return closedLoop(url, corpus, null, connections);
    }

    /** Closed loop with each body's own Content-Type (an AS4 message's names its MIME boundary); null: SOAP. */
    Result closedLoop(URI url, List<byte[]> corpus, List<String> contentTypes, int connections) throws Exception {
        long[] latencies = new long[corpus.size()];
        int[] status = new int[corpus.size()];
        byte[][] answers = new byte[corpus.size()][];
        AtomicInteger next = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(connections);
        resetPeaks();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            futures.add(callers.submit(() -> {
                for (int i = next.getAndIncrement(); i < corpus.size(); i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    String type = contentTypes == null ? SOAP : contentTypes.get(i);
                    call(url, corpus.get(i), type, i, status, answers);
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        cpu = processCpuNanos() - cpu;
        callers.shutdown();
        return result(latencies, status, answers, elapsed, cpu);
    }

    /** Sends at {@code ratePerSecond}, each envelope due at a fixed time, over at most {@code connections}. */
    Result openLoop(URI url, List<byte[]> corpus, double ratePerSecond, int connections) throws Exception {
        long[] latencies = new long[corpus.size()];
        int[] status = new int[corpus.size()];
        byte[][] answers = new byte[corpus.size()][];
        ExecutorService callers = Executors.newFixedThreadPool(connections);
        long period = (long) (1e9 / ratePerSecond);
        resetPeaks();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < corpus.size(); i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            callers.execute(() -> {
                call(url, corpus.get(index), SOAP, index, status, answers);
                latencies[index] = System.nanoTime() - due;
            });
        }
        callers.shutdown();
        if (!callers.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("open-loop run did not finish");
        }
        long elapsed = System.nanoTime() - start;
        return result(latencies, status, answers, elapsed, processCpuNanos() - cpu);
    }

    private void call(URI url, byte[] body, String contentType, int index, int[] status, byte[][] answers) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(url)
                            .header("Content-Type", contentType)
                            .timeout(Duration.ofSeconds(120))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            status[index] = response.statusCode();
            answers[index] = response.body();
        } catch (Exception e) {
            status[index] = -1;
            answers[index] = String.valueOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Result result(long[] latencies, int[] status, byte[][] answers, long elapsedNanos, long cpuNanos) {
        int ok = 0;
        String firstFailure = null;
        List<byte[]> sample = new ArrayList<>();
        List<Integer> sampleIndexes = new ArrayList<>();
        int step = Math.max(1, status.length / SAMPLE);
        for (int i = 0; i < status.length; i++) {
            if (status[i] == 200) {
                ok++;
                if (i % step == 0 && sample.size() < SAMPLE) {
                    sample.add(answers[i]);
                    sampleIndexes.add(i);
                }
            } else if (firstFailure == null) {
                String text = new String(answers[i], java.nio.charset.StandardCharsets.UTF_8);
                firstFailure = "HTTP " + status[i] + ": " + text.substring(0, Math.min(300, text.length()));
            }
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double seconds = elapsedNanos / 1e9;
        return new Result(
                status.length,
                ok,
                status.length - ok,
                seconds,
                ok / seconds,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                peakHeap(),
                cpuNanos / 1e6 / Math.max(1, status.length),
                sample,
                sampleIndexes,
                firstFailure);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** CPU time of the whole process (server, client and JVM), or 0 where the JVM does not say. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    /** Clears the heap pools' peaks (after a GC), so that {@link #peakHeap} covers only what follows. */
    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the peak heap in use. */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        httpExecutor.shutdownNow();
    }
}
