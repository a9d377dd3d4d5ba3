package org.mlagateway.pages;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlagateway.testing.Http;

/** A browser-like client of the operator pages: keeps cookies, does not follow redirects. */
final class PageClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final URI base;
    private final String language;

    /** An English-speaking browser: the tests that read the pages' wording read it in English. */
    PageClient(URI opsUrl) {
        this(opsUrl, "en");
    }

    /** A browser that asks for {@code language} (an Accept-Language value), or for none when null. */
    PageClient(URI opsUrl, String language) {
        this.base = URI.create(opsUrl.toString().replaceAll("/ops$", ""));
        this.language = language;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        return language == null ? b : b.header("Accept-Language", language);
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** A GET from a browser that asks for {@code acceptLanguage}. */
    HttpResponse<String> get(String path, String acceptLanguage) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Accept-Language", acceptLanguage)
                .GET()
                .build());
    }

    HttpResponse<byte[]> download(String path) {
        return Http.send(http, request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a form; {@code fields} are name, value pairs. */
    HttpResponse<String> post(String path, String... fields) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build());
    }

    /** Loads the login form and logs in; returns the answer to the login POST. */
    HttpResponse<String> login(String client, String token) {
        String csrf = csrf(get("/ops/login").body());
        return post("/ops/login", "client", client, "token", token, "csrf", csrf);
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page");
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Http.text(http, request);
    }
}
