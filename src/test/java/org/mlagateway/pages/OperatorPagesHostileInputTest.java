package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.observability.Certificates;
import org.mlagateway.statistics.Statistics;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.DefaultLimits;
import org.mlagateway.testing.HostileValues;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.JaxRsRoutes;
import org.mlagateway.testing.JaxRsRoutes.Param;
import org.mlagateway.testing.JaxRsRoutes.Route;
import org.mlagateway.testing.JaxRsRoutes.Source;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * Every operator page, read from the pages' resources, gets a corpus of hostile values in each of
 * its parameters (path, query, the log's filters, form fields, cookies), one at a time with the
 * others valid, with a logged-in session and its CSRF token. No answer may be a 5xx: the reported
 * {@code /ops/log?from=+999999999-12-31T00:00:00Z} among them.
 */
class OperatorPagesHostileInputTest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @TempDir
    static Path dir;

    private static Gateway kz;
    private static URI base;
    private static String session;
    private static String csrf;
    private static long pk;
    private static long itemId;
    private static List<Route> routes;

    @BeforeAll
    static void start() {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), Clock.systemUTC());
        PartnerClient ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        Message m = new ExampleMessages(kz.codec()).request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
        HttpResponse<String> r =
                ru.post(kz.exchangeUrl(), ru.forge().build(new String(kz.codec().write(m), StandardCharsets.UTF_8)));
        assertEquals(200, r.statusCode(), r.body());
        pk = kz.store().messagesById(m.getHeader().getMessageId()).get(0).pk();
        itemId = kz.store().queueItemsOf(pk).get(0).id();

        PageClient operator = new PageClient(kz.opsUrl());
        assertEquals(
                303,
                operator.login("operator", ApiClient.token(deployment, "kz-gpo", "operator"))
                        .statusCode());
        session = operator.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(Cookies.SESSION))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
        csrf = PageClient.csrf(operator.get(OperatorPages.PATH + "/log").body());
        base = URI.create(kz.opsUrl().toString().replaceAll("/ops$", ""));
        routes = JaxRsRoutes.of(java.util.stream.Stream.concat(
                        OperatorPages.create(
                                        kz.store(),
                                        kz.config().api().clients(),
                                        kz.config().partners().stream()
                                                .map(PartnerConfig::id)
                                                .toList(),
                                        kz.evidence(),
                                        new Statistics(kz.store(), Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH),
                                        new Certificates(List.of()),
                                        Clock.systemUTC(),
                                        kz.access(),
                                        kz.config().ops(),
                                        null)
                                .resources()
                                .stream()
                                .<Class<?>>map(Object::getClass),
                        // the case view, the register and the deadline dashboard (issue 19)
                        java.util.stream.Stream.of(CasePages.class, RegisterPages.class, DashboardPages.class))
                .toList());
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    private static String valid(String name) {
        return switch (name) {
            case "pk" -> String.valueOf(pk);
            case "n" -> "1";
            case "id" -> String.valueOf(itemId);
            case "documentId" -> "doc-1";
            default -> throw new AssertionError("no valid value for {" + name + "}");
        };
    }

    private record Call(String method, String path, Map<String, String> form, Map<String, String> cookies) {}

    private static HttpResponse<String> send(Call c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(c.path()));
        if (!c.cookies().isEmpty()) {
            StringBuilder cookie = new StringBuilder();
            c.cookies().forEach((k, v) -> cookie.append(cookie.length() == 0 ? "" : "; ")
                    .append(k)
                    .append('=')
                    .append(v));
            b.header("Cookie", cookie.toString());
        }
        if (c.method().equals("POST")) {
            StringBuilder form = new StringBuilder();
            c.form().forEach((k, v) -> form.append(form.length() == 0 ? "" : "&")
                    .append(k)
                    .append('=')
                    .append(HostileValues.encode(v)));
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        } else {
            b.GET();
        }
        return Http.text(HTTP, b.build());
    }

    /** The query parameters a route reads: its own, and for the log page the filters it reads itself. */
    private static List<String> queryNames(Route route) {
        List<String> names =
                new ArrayList<>(route.of(Source.QUERY).stream().map(Param::name).toList());
        if (route.template().equals("/log")) {
            names.addAll(LogFilters.NAMES);
            names.add("after");
        }
        return names;
    }

    /** For the login POST: a fresh form's cookie and CSRF field, with a wrong token. */
    private static Call loginCall() {
        HttpResponse<String> form = send(new Call("GET", OperatorPages.PATH + "/login", Map.of(), Map.of()));
        String cookie = form.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Cookies.LOGIN + "="))
                .findFirst()
                .orElseThrow()
                .split(";")[0]
                .substring(Cookies.LOGIN.length() + 1);
        Map<String, String> fields = new LinkedHashMap<>(
                Map.of("client", "operator", "token", "wrong", "csrf", PageClient.csrf(form.body())));
        return new Call(
                "POST", OperatorPages.PATH + "/login", fields, new LinkedHashMap<>(Map.of(Cookies.LOGIN, cookie)));
    }

    private static List<Call> calls(Route route) {
        List<Call> out = new ArrayList<>();
        boolean login = route.template().equals("/login") && route.method().equals("POST");
        Map<String, String> cookies = Map.of(Cookies.SESSION, session);
        Map<String, String> form = new LinkedHashMap<>();
        route.of(Source.FORM).forEach(p -> form.put(p.name(), p.name().equals("csrf") ? csrf : "valid"));
        String validPath = OperatorPages.PATH + route.path(OperatorPagesHostileInputTest::valid);
        for (String name : route.pathNames()) {
            for (String v : HostileValues.text()) {
                out.add(new Call(
                        route.method(),
                        OperatorPages.PATH + route.path(n -> n.equals(name) ? HostileValues.encode(v) : valid(n)),
                        form,
                        cookies));
            }
        }
        for (String name : queryNames(route)) {
            for (String v : HostileValues.text()) {
                out.add(new Call(
                        route.method(), validPath + "?" + name + "=" + HostileValues.encode(v), form, cookies));
            }
        }
        // Logout is walked too: only its CSRF field varies, and no hostile value is the session's token.
        for (Param field : route.of(Source.FORM)) {
            for (String v : HostileValues.text()) {
                Call c = login ? loginCall() : new Call(route.method(), validPath, new LinkedHashMap<>(form), cookies);
                c.form().put(field.name(), v);
                out.add(c);
            }
        }
        for (Param cookie : route.of(Source.COOKIE)) {
            for (String v : HostileValues.header()) {
                if (v.contains(";") || v.isBlank()) {
                    continue;
                }
                Call c = login ? loginCall() : new Call(route.method(), validPath, form, new LinkedHashMap<>(cookies));
                c.cookies().put(cookie.name(), HostileValues.encode(v));
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void everyPage_givenHostileValuesInEveryParameter_neverAnswers5xx() {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : routes) {
            for (Call c : calls(route)) {
                HttpResponse<String> r = send(c);
                sent++;
                if (r.statusCode() >= 500) {
                    failures.add(
                            route + " " + (c.path().length() > 200 ? c.path().substring(0, 200) + "…" : c.path())
                                    + " form=" + c.form().keySet() + " -> " + r.statusCode());
                }
            }
        }
        assertTrue(sent > 500, "sent " + sent);
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + sent + " calls answered 5xx:\n"
                        + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        assertEquals(
                200,
                send(new Call("GET", OperatorPages.PATH + "/log", Map.of(), Map.of(Cookies.SESSION, session)))
                        .statusCode(),
                "the session outlived it all");
    }

    /**
     * Without a session no spelling of a page (matrix parameters, encoded slashes, dot segments,
     * extra segments) is served: 401 with the login form. Only the exact login and style-sheet
     * paths are open.
     */
    @Test
    void everyPageInEverySpelling_withoutASession_is401() {
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            String path = OperatorPages.PATH + route.path(OperatorPagesHostileInputTest::valid);
            List<String> spellings = new ArrayList<>(List.of(
                    path + ";",
                    path + ";x=login",
                    path + "/.",
                    path + "/extra",
                    path + "%2F",
                    path + "%2f",
                    path + "/..;/login",
                    OperatorPages.PATH + "/static/..%2F" + path.substring(5),
                    OperatorPages.PATH + "/static/x/../.." + path.substring(4),
                    OperatorPages.PATH + "/login;/.." + path.substring(4)));
            if (!SessionFilter.OPEN.contains(path)) {
                spellings.add(path);
            }
            for (String spelling : spellings) {
                HttpResponse<String> r =
                        send(new Call(route.method(), spelling, new LinkedHashMap<>(Map.of("csrf", csrf)), Map.of()));
                if (r.statusCode() != 401 || !r.body().contains("name=\"token\"")) {
                    failures.add(route.method() + " " + spelling + " -> " + r.statusCode());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(
                200,
                send(new Call("GET", OperatorPages.PATH + "/login", Map.of(), Map.of()))
                        .statusCode());
        assertEquals(
                200,
                send(new Call("GET", OperatorPages.PATH + "/static/ops.css", Map.of(), Map.of()))
                        .statusCode());
    }

    @Test
    void theReportedOverflow_isABadRequestPage() {
        HttpResponse<String> r = send(new Call(
                "GET",
                OperatorPages.PATH + "/log?from=" + HostileValues.encode("+999999999-12-31T00:00:00Z"),
                Map.of(),
                Map.of(Cookies.SESSION, session)));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("Invalid from"), r.body());
    }
}
