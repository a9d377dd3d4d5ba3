package org.mlagateway.pages;

import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** The check every POST of a signed-in operator passes: the form's token must be the session's. */
final class Csrf {
    private Csrf() {}

    static void require(OperatorSession session, String presented) {
        if (!Sessions.sameToken(session.csrf(), presented)) {
            throw new GatewayException(
                    ErrorCode.FORBIDDEN,
                    "the form's CSRF token is missing or wrong;" + " reload the page and try again");
        }
    }
}
