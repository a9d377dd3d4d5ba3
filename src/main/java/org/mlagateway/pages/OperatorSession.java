package org.mlagateway.pages;

import java.security.Principal;
import java.time.Instant;
import org.mlagateway.config.ApiRole;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * A signed-in operator, auditor or register reader: the API client's name (the actor of every action it
 * takes), what it signed in as ({@link Access}), its CSRF token for POST forms, and when the session ends;
 * {@code language} the one picked in the top bar, null until then ({@link Languages}). The session id
 * itself is kept only by {@link Sessions}.
 */
record OperatorSession(String name, Access access, String csrf, Instant created, Instant expires, String language)
        implements Principal {
    /**
     * What a session may see. {@code OPERATOR} (the role operator or admin) sees and acts on every page;
     * {@code AUDITOR} reads them with person fields masked and acts on nothing; {@code REGISTER} (a client
     * whose only page-granting role is {@code register}) reads the register and nothing else: not the
     * message log, messages, queues or cases, whose content the register role does not grant.
     */
    enum Access {
        OPERATOR,
        AUDITOR,
        REGISTER
    }

    OperatorSession(String name, Access access, String csrf, Instant created, Instant expires) {
        this(name, access, csrf, created, expires, null);
    }

    /** The same session, idle until {@code expires}. */
    OperatorSession until(Instant expires) {
        return new OperatorSession(name, access, csrf, created, expires, language);
    }

    /** The same session, showing the pages in {@code language}. */
    OperatorSession in(String language) {
        return new OperatorSession(name, access, csrf, created, expires, language);
    }

    @Override
    public String getName() {
        return name;
    }

    /** Whether the session reads as an auditor: person fields masked, no actions. */
    boolean auditor() {
        return access == Access.AUDITOR;
    }

    /** Whether the session reads the register only; the top bar then links nothing else. */
    boolean registerOnly() {
        return access == Access.REGISTER;
    }

    /** Where the session lands after login or when nothing else is asked for. */
    String home() {
        return home(access);
    }

    /** Where a session with {@code access} lands. */
    static String home(Access access) {
        return OperatorPages.PATH + (access == Access.REGISTER ? "/register" : "/log");
    }

    /** The role the session was opened with. */
    ApiRole role() {
        return switch (access) {
            case OPERATOR -> ApiRole.OPERATOR;
            case AUDITOR -> ApiRole.AUDITOR;
            case REGISTER -> ApiRole.REGISTER;
        };
    }

    /** Whether person fields are masked for this reader ({@link ApiRole#masksPersonFields}). */
    boolean masksPersonFields() {
        return ApiRole.masksPersonFields(java.util.List.of(role()));
    }

    /** Refuses (403 Forbidden, logged) an action only an operator may take, such as working on a queue. */
    void requireMayAct(String action) {
        if (access != Access.OPERATOR) {
            throw new GatewayException(
                    ErrorCode.FORBIDDEN,
                    "client " + name + " has the " + role().text() + " role and may not " + action);
        }
    }
}
