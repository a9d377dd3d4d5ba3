package org.mlagateway.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlagateway.config.WebhookConfig;

/**
 * Posts an alert as JSON ({@code application/json}) to the configured URL; any 2xx answer is acceptance.
 * The body names the clock by ids, codes, body, partner and times, never a person:
 * <pre>{"event":"deadline","threshold":"PT24H","overdue":false,"at":"...","dueAt":"...","queue":"forwarding",
 * "target":"MVD-INVESTIGATION","partner":"RU-GPO","direction":"IN","kind":"EXTRADITION_REQUEST",
 * "messageId":"...","conversationId":"...","itemId":42}</pre>
 */
final class WebhookNotifier implements Notifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebhookConfig config;
    private final HttpClient http;

    WebhookNotifier(WebhookConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String channel() {
        return "webhook";
    }

    static byte[] body(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "deadline");
        m.put("threshold", a.thresholdName());
        m.put("overdue", a.overdue());
        m.put("at", a.at().toString());
        m.put("dueAt", a.clock().dueAt().toString());
        m.put("queue", a.clock().queue().dbName());
        m.put("target", a.clock().target());
        m.put("partner", a.clock().partner());
        m.put("direction", a.clock().direction().name());
        m.put("kind", a.clock().kind());
        m.put("messageId", a.clock().messageId());
        m.put("conversationId", a.clock().conversationId());
        m.put("itemId", a.clock().itemId());
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void send(Alert alert) throws AlertNotSent {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(alert)));
        if (config.token() != null) {
            request.header(
                    "Authorization", "Bearer " + new String(config.token().reveal()));
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new AlertNotSent("webhook unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertNotSent("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AlertNotSent("webhook answered HTTP " + response.statusCode(), null);
        }
    }
}
