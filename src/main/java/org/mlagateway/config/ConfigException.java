package org.mlagateway.config;

import java.util.List;

/** The configuration cannot be used. Each problem names the key path it is about. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;
    /** The configuration as far as it could be read despite the problems, or null. */
    private final transient GatewayConfig loaded;

    public ConfigException(List<String> problems) {
        this(problems, null);
    }

    public ConfigException(List<String> problems, GatewayConfig loaded) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.loaded = loaded;
    }

    /**
     * The configuration with the problems left out (unknown keys) or as they are (broken rules), when
     * it could still be bound: {@code config check} goes on to check its keys and store; null otherwise.
     */
    public GatewayConfig loaded() {
        return loaded;
    }

    public List<String> problems() {
        return problems;
    }
}
