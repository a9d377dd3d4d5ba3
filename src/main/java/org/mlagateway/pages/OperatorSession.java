package org.mlagateway.pages;

import java.security.Principal;
import java.time.Instant;
import org.mlagateway.config.ApiRole;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * A signed-in operator or auditor: the API client's name (the actor of every action it takes), its
 * CSRF token for POST forms, and when the session ends; {@code auditor} when the client holds the
 * auditor role, which reads with person fields masked and acts on nothing; {@code language} the one
 * picked in the top bar, null until then ({@link Languages}). The session id itself is kept only by
 * {@link Sessions}.
 */
record OperatorSession(String name, boolean auditor, String csrf, Instant created, Instant expires, String language)
        implements Principal {
    OperatorSession(String name, boolean auditor, String csrf, Instant created, Instant expires) {
        this(name, auditor, csrf, created, expires, null);
    }

    /** The same session, idle until {@code expires}. */
    OperatorSession until(Instant expires) {
        return new OperatorSession(name, auditor, csrf, created, expires, language);
    }

    /** The same session, showing the pages in {@code language}. */
    OperatorSession in(String language) {
        return new OperatorSession(name, auditor, csrf, created, expires, language);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The role the session was opened with. */
    ApiRole role() {
        return auditor ? ApiRole.AUDITOR : ApiRole.OPERATOR;
    }

    /** Whether person fields are masked for this reader ({@link ApiRole#masksPersonFields}). */
    boolean masksPersonFields() {
        return ApiRole.masksPersonFields(java.util.List.of(role()));
    }

    /** Refuses (403 Forbidden, logged) an action an auditor may not take, such as working on a queue. */
    void requireMayAct(String action) {
        if (auditor) {
            throw new GatewayException(
                    ErrorCode.FORBIDDEN, "client " + name + " has the auditor role and may not " + action);
        }
    }
}
