package org.mlagateway.testing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every route of a set of JAX-RS resource classes, read from their annotations, so that tests that
 * walk "every route" cover a route as soon as it is added: its HTTP method, its path template
 * relative to where the resources are published, its parameters and what it consumes.
 */
public final class JaxRsRoutes {
    private static final Pattern TEMPLATE = Pattern.compile("\\{([A-Za-z0-9_]+)(:[^}]*)?}");

    /** Where a parameter comes from. */
    public enum Source {
        PATH,
        QUERY,
        FORM,
        HEADER,
        COOKIE,
        MATRIX,
        BODY
    }

    /** One parameter: its name (null for the body), where it comes from, and its Java type. */
    public record Param(String name, Source source, Type type) {}

    /** One route: e.g. {@code POST /items/{id}/nack}. */
    public record Route(String method, String template, List<Param> params, List<String> consumes, Method javaMethod) {
        public List<Param> of(Source source) {
            return params.stream().filter(p -> p.source() == source).toList();
        }

        /** The names in the path template, in order. */
        public List<String> pathNames() {
            List<String> names = new ArrayList<>();
            Matcher m = TEMPLATE.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** The path with each template name replaced by the (already encoded) value {@code values} gives. */
        public String path(java.util.function.Function<String, String> values) {
            Matcher m = TEMPLATE.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(values.apply(m.group(1))));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private JaxRsRoutes() {}

    public static List<Route> of(List<Class<?>> resources) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = pathOf(resource.getAnnotation(Path.class));
            for (Method m : resource.getMethods()) {
                String verb = httpMethod(m);
                if (verb == null) {
                    continue;
                }
                String template = join(base, pathOf(m.getAnnotation(Path.class)));
                Consumes consumes = m.getAnnotation(Consumes.class);
                routes.add(new Route(
                        verb, template, params(m), consumes == null ? List.of() : List.of(consumes.value()), m));
            }
        }
        routes.sort(Comparator.comparing(Route::template)
                .thenComparing(Route::method)
                .thenComparing(r -> String.join(",", r.consumes())));
        return routes;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static List<Param> params(Method m) {
        List<Param> out = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            Type type = p.getParameterizedType();
            if (p.isAnnotationPresent(Context.class)) {
                continue;
            } else if (p.isAnnotationPresent(PathParam.class)) {
                out.add(new Param(p.getAnnotation(PathParam.class).value(), Source.PATH, type));
            } else if (p.isAnnotationPresent(QueryParam.class)) {
                out.add(new Param(p.getAnnotation(QueryParam.class).value(), Source.QUERY, type));
            } else if (p.isAnnotationPresent(FormParam.class)) {
                out.add(new Param(p.getAnnotation(FormParam.class).value(), Source.FORM, type));
            } else if (p.isAnnotationPresent(HeaderParam.class)) {
                out.add(new Param(p.getAnnotation(HeaderParam.class).value(), Source.HEADER, type));
            } else if (p.isAnnotationPresent(CookieParam.class)) {
                out.add(new Param(p.getAnnotation(CookieParam.class).value(), Source.COOKIE, type));
            } else if (p.isAnnotationPresent(MatrixParam.class)) {
                out.add(new Param(p.getAnnotation(MatrixParam.class).value(), Source.MATRIX, type));
            } else {
                out.add(new Param(null, Source.BODY, type));
            }
        }
        return out;
    }

    private static String pathOf(Path path) {
        if (path == null) {
            return "";
        }
        String p = path.value();
        p = p.startsWith("/") ? p.substring(1) : p;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static String join(String base, String sub) {
        String joined = base.isEmpty() ? sub : sub.isEmpty() ? base : base + "/" + sub;
        return "/" + joined;
    }
}
