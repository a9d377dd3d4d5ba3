package org.mlagateway.transport;

import org.apache.cxf.Bus;
import org.apache.cxf.transport.http.netty.server.NettyHttpServerEngine;
import org.apache.cxf.transport.http.netty.server.NettyHttpServerEngineFactory;

/**
 * Hands one bus's CXF Netty destinations the listener's own engine, whatever port their address
 * names, instead of CXF's JVM-wide engine registry. Each listener has its own bus, so the external
 * and internal listeners can never serve each other's endpoints.
 */
public final class ListenerEngineFactory extends NettyHttpServerEngineFactory {
    private final ListenerEngine engine;

    public ListenerEngineFactory(Bus bus, ListenerEngine engine) {
        this.engine = engine;
        engine.setBus(bus);
        setBus(bus);
    }

    /** A new CXF bus whose HTTP destinations are all served by {@code engine}. */
    public static Bus busFor(ListenerEngine engine) {
        Bus bus = org.apache.cxf.BusFactory.newInstance().createBus();
        new ListenerEngineFactory(bus, engine);
        return bus;
    }

    @Override
    public synchronized NettyHttpServerEngine retrieveNettyHttpServerEngine(int port) {
        return engine;
    }

    @Override
    public synchronized NettyHttpServerEngine createNettyHttpServerEngine(String host, int port, String protocol) {
        return engine;
    }

    @Override
    public void postShutdown() {
        engine.shutdown();
    }
}
