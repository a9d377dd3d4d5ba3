package org.mlagateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads {@code gateway.yaml} into a {@link GatewayConfig}. It fails with a {@link ConfigException}
 * listing every unknown key, every missing required key and every invalid value, each with its
 * path. Relative paths in the file are resolved against the file's directory. Durations are written
 * {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO 8601 ({@code PT10S}); instants in
 * ISO 8601 UTC ({@code 2027-01-01T00:00:00Z}).
 */
public final class ConfigLoader {
    private static final String BASE_DIR = "config.baseDir";
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final ObjectMapper yaml;

    public ConfigLoader() {
        SimpleModule module = new SimpleModule("gateway-config");
        module.addDeserializer(Path.class, new RelativePathDeserializer());
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addDeserializer(Instant.class, new InstantDeserializer());
        module.addDeserializer(ApiRole.class, new ApiRoleDeserializer());
        this.yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public GatewayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(List.of("cannot read " + file + ": not found"));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
        Path baseDir = file.toAbsolutePath().getParent();
        return parse(text, baseDir);
    }

    /** Parses YAML text; relative paths resolve against {@code baseDir}. */
    public GatewayConfig parse(String text, Path baseDir) {
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ConfigException(List.of("the configuration file is empty"));
        }
        List<String> problems = new ArrayList<>();
        upgradeTsa(tree, problems);
        ConfigStructure.check(tree, GatewayConfig.class, "", problems);
        // Unknown keys were left out of the tree: the rest is still bound and checked, for one full report.
        GatewayConfig config;
        try {
            config = yaml.readerFor(GatewayConfig.class)
                    .withAttribute(BASE_DIR, baseDir)
                    .readValue(tree);
        } catch (JsonMappingException e) {
            // With a required key missing binding must fail: the structure check has named the key already.
            if (problems.stream().noneMatch(p -> p.startsWith("missing required key"))) {
                problems.add(describe(e));
            }
            throw new ConfigException(problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        problems.addAll(ConfigRules.check(config));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems, config);
        }
        return config;
    }

    /**
     * {@code log.tsa} was one mapping before it became a list of authorities tried in order: a single
     * mapping still loads, as a list of one. Any other shape is named here, with both accepted forms.
     */
    private static void upgradeTsa(JsonNode tree, List<String> problems) {
        if (!(tree.get("log") instanceof ObjectNode log)
                || !log.has("tsa")
                || log.get("tsa").isNull()) {
            return;
        }
        JsonNode tsa = log.get("tsa");
        if (tsa.isObject()) {
            log.set("tsa", log.arrayNode().add(tsa));
        } else if (!tsa.isArray()) {
            log.remove("tsa");
            problems.add("'log.tsa': expected a list of time-stamping authorities, each a mapping with url,"
                    + " certificate and optionally timeout (one such mapping on its own is also accepted)");
        }
    }

    private static String describe(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String reason = root instanceof JsonMappingException jme ? jme.getOriginalMessage() : root.getMessage();
        return "invalid value at '" + path(e) + "': " + reason;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static final class RelativePathDeserializer extends JsonDeserializer<Path> {
        @Override
        public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Path path = Path.of(parser.getValueAsString());
            Object base = context.getAttribute(BASE_DIR);
            return path.isAbsolute() || base == null
                    ? path
                    : ((Path) base).resolve(path).normalize();
        }
    }

    private static final class ApiRoleDeserializer extends JsonDeserializer<ApiRole> {
        @Override
        public ApiRole deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.currentToken().isScalarValue()) {
                throw new IllegalArgumentException("a role is a single value such as operator");
            }
            return ApiRole.parse(parser.getValueAsString());
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString().trim();
            Matcher m = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration such as 10s, 5m, 1h or PT10S");
            }
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return Instant.parse(text == null ? "" : text.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an instant such as 2027-01-01T00:00:00Z");
            }
        }
    }
}
