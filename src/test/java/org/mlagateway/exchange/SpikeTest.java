package org.mlagateway.exchange;

import jakarta.activation.DataSource;
import jakarta.annotation.Resource;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.http.HTTPBinding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.junit.jupiter.api.Test;
import org.mlagateway.exchange.transport.ListenerEngine;
import org.mlagateway.exchange.transport.ListenerEngineFactory;
import io.netty.handler.codec.http.*;
import io.netty.buffer.Unpooled;

class SpikeTest {
    @WebServiceProvider
    @ServiceMode(jakarta.xml.ws.Service.Mode.MESSAGE)
    @BindingType(HTTPBinding.HTTP_BINDING)
    public static class Echo implements Provider<DataSource> {
        @Resource WebServiceContext ctx;
        public DataSource invoke(DataSource in) {
            MessageContext mc = ctx.getMessageContext();
            String method = (String) mc.get(MessageContext.HTTP_REQUEST_METHOD);
            String query = (String) mc.get(MessageContext.QUERY_STRING);
            byte[] body;
            try { body = in == null ? new byte[0] : in.getInputStream().readAllBytes(); } catch (Exception e) { throw new RuntimeException(e); }
            final String out = "<r  a='1'  >өзара<x></x></r>" + method + " len=" + body.length + " " + new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("<","[");
            mc.put(MessageContext.HTTP_RESPONSE_CODE, 500); mc.put(MessageContext.HTTP_RESPONSE_HEADERS, new java.util.HashMap<>(java.util.Map.of("Content-Type", new java.util.ArrayList<>(java.util.List.of("application/soap+xml; charset=UTF-8")))));
            return new DataSource() {
                public InputStream getInputStream() { return new ByteArrayInputStream(out.getBytes()); }
                public OutputStream getOutputStream() { throw new UnsupportedOperationException(); }
                public String getContentType() { return "application/octet-stream"; }
                public String getName() { return "x"; }
            };
        }
    }

    @Test
    void spike() throws Exception {
        Bus bus = BusFactory.newInstance().createBus();
        ListenerEngine engine = new ListenerEngine("127.0.0.1", 0, null, 1024, true, 4,
            (req, remote) -> new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR, Unpooled.copiedBuffer("TOO BIG".getBytes())));
        new ListenerEngineFactory(bus, engine);
        JaxWsServerFactoryBean sf = new JaxWsServerFactoryBean();
        sf.setBus(bus);
        sf.setServiceBean(new Echo());
        sf.setAddress("http://127.0.0.1:0/exchange/v1");
        sf.getInInterceptors().add(new org.apache.cxf.phase.AbstractPhaseInterceptor<org.apache.cxf.message.Message>(org.apache.cxf.phase.Phase.RECEIVE) {
            public void handleMessage(org.apache.cxf.message.Message m) { m.put("orig.ct", m.get(org.apache.cxf.message.Message.CONTENT_TYPE)); m.put(org.apache.cxf.message.Message.CONTENT_TYPE, "application/octet-stream"); }
        });
        sf.getOutInterceptors().add(new org.apache.cxf.phase.AbstractPhaseInterceptor<org.apache.cxf.message.Message>(org.apache.cxf.phase.Phase.PRE_PROTOCOL) {
            public void handleMessage(org.apache.cxf.message.Message m) { m.put(org.apache.cxf.message.Message.CONTENT_TYPE, "application/soap+xml; charset=UTF-8"); }
        });
        sf.create();
        int port = engine.boundPort();
        System.out.println("port " + port);
        HttpClient c = HttpClient.newHttpClient();
        for (String[] r : new String[][] {{"POST", "/exchange/v1", "<a>hello</a>"}, {"POST", "/exchange/v1", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"}, {"GET", "/exchange/v1?wsdl", null}, {"GET", "/other", null}, {"POST", "/exchange/v1/x", "<a/>"}, {"POST", "/exchange/v1", "x".repeat(5000)}, {"GET", "/exchange", null}}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r[1])).header("Content-Type", "application/soap+xml");
            b = r[2] == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(r[2]));
            try {
                HttpResponse<String> resp = c.send(b.build(), HttpResponse.BodyHandlers.ofString());
                System.out.println(r[0] + " " + r[1] + " -> " + resp.statusCode() + " " + resp.headers().firstValue("content-type").orElse("") + " | " + resp.body().replace("\n", " ").substring(0, Math.min(200, resp.body().length())));
            } catch (Exception e) { System.out.println(r[0] + " " + r[1] + " -> EXC " + e); }
        }
        bus.shutdown(true);
    }
}
