/**
 * The one catalogue of error codes ({@link org.mlagateway.error.ErrorCode}) and the typed exception that
 * carries them.
 *
 * <p>Entry type: {@link org.mlagateway.error.ErrorCode}.
 *
 * <p>May use nothing of the gateway.
 */
package org.mlagateway.error;
