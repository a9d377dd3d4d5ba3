package org.mlagateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a parsed YAML tree against the shape of the configuration records before binding, so that
 * every unknown and every missing key is reported at once, each with its full path. Unknown keys are
 * removed from the tree as they are reported, so that the rest can still be bound and checked.
 */
final class ConfigStructure {
    private ConfigStructure() {}

    static void check(JsonNode node, Type type, String path, List<String> problems) {
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            checkRecord(node, raw, path, problems);
        } else if (List.class.isAssignableFrom(raw)) {
            if (!node.isArray()) {
                problems.add(at(path) + "expected a list");
                return;
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), element, path + "[" + i + "]", problems);
            }
        }
    }

    private static void checkRecord(JsonNode node, Class<?> recordClass, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at(path) + "expected a mapping of keys");
            return;
        }
        Set<String> known = new LinkedHashSet<>();
        for (RecordComponent component : recordClass.getRecordComponents()) {
            String name = component.getName();
            known.add(name);
            JsonNode child = node.get(name);
            if (child == null || child.isNull()) {
                if (!component.isAnnotationPresent(OptionalKey.class)) {
                    problems.add("missing required key '" + join(path, name) + "'");
                }
            } else {
                check(child, component.getGenericType(), join(path, name), problems);
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add("unknown key '" + join(path, name) + "' (expected one of " + known + ")");
                // Reported once; left out, so that the rest can still be bound and checked in the same pass.
                names.remove();
            }
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : "'" + path + "': ";
    }
}
