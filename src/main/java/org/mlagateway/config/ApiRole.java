package org.mlagateway.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A role of an internal API client, as written in {@code api.clients[].roles}: {@code translator},
 * {@code operator}, {@code auditor}, {@code admin} (which holds every role but sees like an operator),
 * {@code consular} and {@code register} (docs/register.md),
 * or {@code domestic-system:<BODY>}, the system of one domestic body. The text form is parsed here
 * once; nothing else reads role strings.
 */
public sealed interface ApiRole permits ApiRole.Named, ApiRole.DomesticSystem {
    /** Works the translation queue. */
    ApiRole TRANSLATOR = Named.TRANSLATOR;
    /** Sees every message and queue; may log in to the operator pages. */
    ApiRole OPERATOR = Named.OPERATOR;
    /**
     * Reads what an operator reads (messages, log verification, evidence export, statistics), with
     * person fields masked, and acts on nothing. A role of its own: {@link ApiClientConfig} refuses
     * it beside any other.
     */
    ApiRole AUDITOR = Named.AUDITOR;
    /** Holds every role. */
    ApiRole ADMIN = Named.ADMIN;
    /**
     * Enters consular confirmations into the register of citizens prosecuted or serving sentences abroad
     * ({@code POST /api/v1/register/confirmations}), and nothing else.
     */
    ApiRole CONSULAR = Named.CONSULAR;
    /** Reads the register of citizens prosecuted or serving sentences abroad (API, page and CSV); each read is logged. */
    ApiRole REGISTER = Named.REGISTER;

    /** The role as written in {@code gateway.yaml}. */
    String text();

    /**
     * Whether a client with these roles sees the person fields of messages masked: an auditor does;
     * operators (and admins), translators and domestic systems, who see only the messages that are
     * theirs to work on, see them in full. The one place where a role decides this.
     */
    static boolean masksPersonFields(java.util.Collection<ApiRole> roles) {
        return roles.contains(AUDITOR) && !roles.contains(OPERATOR) && !roles.contains(ADMIN);
    }

    /**
     * The role a YAML value names.
     *
     * @throws IllegalArgumentException naming the value and the roles there are, when it is none of them
     */
    static ApiRole parse(String text) {
        Objects.requireNonNull(text, "role");
        for (Named named : Named.values()) {
            if (named.text.equals(text)) {
                return named;
            }
        }
        if (text.startsWith(DomesticSystem.PREFIX)) {
            return new DomesticSystem(text.substring(DomesticSystem.PREFIX.length()));
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (expected " + DomesticSystem.PREFIX
                + "<BODY>, translator, operator, auditor, admin, consular or register)");
    }

    /** The roles without a parameter. */
    enum Named implements ApiRole {
        TRANSLATOR("translator"),
        OPERATOR("operator"),
        AUDITOR("auditor"),
        ADMIN("admin"),
        CONSULAR("consular"),
        REGISTER("register");

        private final String text;

        Named(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The system of the domestic body {@code body} (a code of {@code routing.bodies}). */
    record DomesticSystem(String body) implements ApiRole {
        static final String PREFIX = "domestic-system:";
        private static final Pattern BODY = Pattern.compile("[A-Z0-9-]+");

        public DomesticSystem {
            Objects.requireNonNull(body, "body");
            if (!BODY.matcher(body).matches()) {
                throw new IllegalArgumentException(
                        "unknown role '" + PREFIX + body + "' (a body code is upper-case letters, digits and '-')");
            }
        }

        @Override
        public String text() {
            return PREFIX + body;
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
