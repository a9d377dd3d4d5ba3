package org.mlagateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.LimitsConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.testing.EnvelopeForge;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * The configured {@code limits.maxXmlDepth} is the one depth limit: a gateway configured with a
 * depth below the old built-in limits (64 in the codec) rejects deeper XML in its message codec and
 * in its envelope parser, and accepts the same structure nested within the configured depth as far
 * as depth goes.
 */
class ConfiguredXmlDepthTest {
    private static final int CONFIGURED_DEPTH = 20;
    private static final String MSG_NS = "urn:mla-gateway:message:1";

    @TempDir
    static Path dir;

    private static Path deployment;
    private static Gateway kz;

    @BeforeAll
    static void start() {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        GatewayConfig c = TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz-data"));
        GatewayConfig shallow = new GatewayConfig(
                c.authority(),
                c.keys(),
                c.listeners(),
                c.storage(),
                c.partners(),
                c.routing(),
                new LimitsConfig(null, null, null, CONFIGURED_DEPTH),
                c.sending(),
                c.log(),
                c.api());
        kz = Gateway.start(shallow, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (kz != null) {
            kz.close();
        }
    }

    @Test
    void codec_appliesTheConfiguredDepth() {
        assertEquals(CONFIGURED_DEPTH, kz.codec().limits().maxElementDepth());
        GatewayException e =
                assertThrows(GatewayException.class, () -> kz.codec().read(nestedMessage(30)));
        assertEquals(ErrorCode.MALFORMED_MESSAGE, e.code());
        assertEquals("element depth exceeds the limit of " + CONFIGURED_DEPTH, e.getMessage());
        // Within the configured depth the same structure fails for another reason (the schema), not depth.
        GatewayException within =
                assertThrows(GatewayException.class, () -> kz.codec().read(nestedMessage(10)));
        assertNotEquals("element depth exceeds the limit of " + CONFIGURED_DEPTH, within.getMessage());
    }

    @Test
    void envelopeParser_appliesTheConfiguredDepth() {
        PartnerClient ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        HttpResponse<String> deep = ru.post(kz.exchangeUrl(), nestedEnvelope(30));
        assertEquals(400, deep.statusCode(), deep.body());
        assertEquals(ErrorCode.MALFORMED_MESSAGE.wireName(), faultCode(deep.body()));
        // The same envelope nested less deeply gets past the parser and is refused for what it lacks.
        HttpResponse<String> shallow = ru.post(kz.exchangeUrl(), nestedEnvelope(10));
        assertNotEquals(ErrorCode.MALFORMED_MESSAGE.wireName(), faultCode(shallow.body()), shallow.body());
    }

    private static byte[] nestedMessage(int depth) {
        String xml = "<msg:Message xmlns:msg='" + MSG_NS + "'>" + "<x>".repeat(depth) + "</x>".repeat(depth)
                + "</msg:Message>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] nestedEnvelope(int depth) {
        String xml = "<soap:Envelope xmlns:soap='" + EnvelopeForge.SOAP12 + "'><soap:Body>" + "<a>".repeat(depth)
                + "</a>".repeat(depth) + "</soap:Body></soap:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String faultCode(String body) {
        Matcher m = Pattern.compile("<[^>]*Subcode>\\s*<[^>]*Value>(?:[a-z]+:)?([A-Za-z]+)</")
                .matcher(body);
        if (m.find()) {
            return m.group(1);
        }
        Matcher any = Pattern.compile("<[^>]*Code>([A-Za-z]+)</").matcher(body);
        return any.find() ? any.group(1) : body;
    }
}
