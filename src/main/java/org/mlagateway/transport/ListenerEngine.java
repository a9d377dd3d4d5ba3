package org.mlagateway.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.apache.cxf.transport.HttpUriMapper;
import org.apache.cxf.transport.http.netty.server.NettyHttpContextHandler;
import org.apache.cxf.transport.http.netty.server.NettyHttpHandler;
import org.apache.cxf.transport.http.netty.server.NettyHttpServerEngine;

/**
 * One Netty listener for CXF endpoints. Unlike CXF's default engine it is owned by one gateway
 * (not kept in a JVM-wide map keyed by port), so port 0 works and two gateways can share a JVM;
 * it reports the port it bound; and its pipeline routes strictly and admits connections and
 * requests within the listener's {@link ListenerPolicy} ({@link ListenerPipeline}).
 */
public final class ListenerEngine extends NettyHttpServerEngine {
    private final Map<String, NettyHttpContextHandler> servants = new ConcurrentHashMap<>();
    private final Supplier<SSLEngine> tls;
    private final int maxBodyBytes;
    private final boolean exactPaths;
    private final ListenerPolicy policy;
    private final int workerThreads;
    private volatile ListenerPipeline pipeline;
    private volatile StreamedEndpoint streamed;
    private volatile java.util.concurrent.ExecutorService streamWorkers;
    private volatile int boundPort;

    public ListenerEngine(
            String host,
            int port,
            Supplier<SSLEngine> tls,
            int maxBodyBytes,
            boolean exactPaths,
            int workerThreads,
            ListenerPolicy policy) {
        super(host, port, null);
        this.tls = tls;
        this.maxBodyBytes = maxBodyBytes;
        this.exactPaths = exactPaths;
        this.workerThreads = workerThreads;
        this.policy = policy;
        setProtocol(tls == null ? "http" : "https");
        setMaxChunkContentSize(maxBodyBytes);
    }

    /**
     * Lets {@code endpoint} take the requests it streams, past the aggregator and its body limit;
     * set before the first endpoint is published. Its answers are computed on {@code threads}
     * threads of their own.
     */
    public void stream(StreamedEndpoint endpoint, int threads) {
        this.streamed = endpoint;
        this.streamWorkers = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "streamed-" + policy.name());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected Channel startServer() {
        setBossGroup(new NioEventLoopGroup(1));
        setWorkerGroup(new NioEventLoopGroup());
        setApplicationExecutor(new DefaultEventExecutorGroup(workerThreads));
        pipeline = new ListenerPipeline(
                tls,
                maxBodyBytes,
                servants,
                this,
                getApplicationExecutor(),
                exactPaths,
                policy,
                streamed,
                streamWorkers);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(getBossGroup(), getWorkerGroup())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(pipeline.connectionGate())
                .childHandler(pipeline);
        try {
            Channel channel = bootstrap
                    .bind(new InetSocketAddress(getHost(), getPort()))
                    .sync()
                    .channel();
            boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
            return channel;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + getHost() + ":" + getPort(), e);
        }
    }

    @Override
    public void addServant(URL url, NettyHttpHandler handler) {
        super.addServant(url, handler);
        publish(servants, url.getPath(), handler);
    }

    /** Enters {@code handler} in a listener's servants as the endpoint at {@code path}. */
    static void publish(Map<String, NettyHttpContextHandler> servants, String path, NettyHttpHandler handler) {
        NettyHttpContextHandler context = new NettyHttpContextHandler(HttpUriMapper.getContextName(path));
        context.addNettyHttpHandler(handler);
        servants.put(ListenerPipeline.pathOf(path), context);
    }

    @Override
    public void removeServant(URL url) {
        servants.remove(ListenerPipeline.pathOf(url.getPath()));
        super.removeServant(url);
    }

    /** The port actually bound, once the first endpoint is published; useful with port 0. */
    public int boundPort() {
        return boundPort;
    }

    @Override
    public void shutdown() {
        ListenerPipeline current = pipeline;
        if (current != null) {
            current.getAllChannels().close().awaitUninterruptibly();
        }
        super.shutdown();
        if (streamWorkers != null) {
            streamWorkers.shutdownNow();
        }
    }
}
