package org.mlagateway.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive's {@code conf/gateway.yaml}: its active part is a configuration the loader accepts,
 * and every key of the configuration records appears in it, set or commented out with its default.
 */
class ConfigTemplateTest {
    private static final Path TEMPLATE = Path.of("src/dist/conf/gateway.yaml");

    @TempDir
    Path dir;

    @Test
    void theTemplateLoadsAsItIs() throws IOException {
        String text = Files.readString(TEMPLATE);
        GatewayConfig config = assertDoesNotThrow(() -> new ConfigLoader().parse(text, dir));
        assertEquals("KZ-GPO", config.authority().id());
        assertEquals(dir.resolve("keys/signing.p12"), config.keys().signing().keystore());
    }

    @Test
    void everyConfigurationKeyIsInTheTemplate() throws IOException {
        String text = Files.readString(TEMPLATE);
        Set<String> keys = new LinkedHashSet<>();
        collect(GatewayConfig.class, "", keys);
        List<String> missing = new ArrayList<>();
        for (String path : keys) {
            String name = path.substring(path.lastIndexOf('.') + 1);
            // A key is written "name:" at the start of a line (after indentation, '#' or '- ') or inside a flow map.
            Pattern key = Pattern.compile("(?m)(^[\\s#-]*|[{,]\\s*)" + Pattern.quote(name) + ":");
            if (!key.matcher(text).find()) {
                missing.add(path);
            }
        }
        assertTrue(keys.size() > 80, "the walk found the configuration keys: " + keys.size());
        assertEquals(List.of(), missing, "keys missing from " + TEMPLATE);
    }

    private static void collect(Class<?> type, String prefix, Set<String> keys) {
        for (RecordComponent component : type.getRecordComponents()) {
            String path = prefix + component.getName();
            keys.add(path);
            Class<?> child = elementClass(component.getGenericType());
            if (child.isRecord() && child.getPackage() == GatewayConfig.class.getPackage()) {
                collect(child, path + ".", keys);
            }
        }
    }

    private static Class<?> elementClass(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            return elementClass(arguments[arguments.length - 1]);
        }
        return type instanceof Class<?> c ? c : Object.class;
    }
}
