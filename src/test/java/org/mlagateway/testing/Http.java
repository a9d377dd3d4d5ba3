package org.mlagateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** One request with the JDK client, for the tests' HTTP clients: failures unchecked, interrupts kept. */
public final class Http {
    private Http() {}

    public static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    /** The answer as UTF-8 text. */
    public static HttpResponse<String> text(HttpClient http, HttpRequest request) {
        return send(http, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
