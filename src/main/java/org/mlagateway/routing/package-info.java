/**
 * Routing rules (translation or forwarding queue, target body), legal-basis flags, deadlines and the
 * translation workflow.
 *
 * <p>Entry type: {@link org.mlagateway.routing.Router}.
 *
 * <p>May use {@code message}, {@code store}, {@code config}, {@code error}.
 */
package org.mlagateway.routing;
