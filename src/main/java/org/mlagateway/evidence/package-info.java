/**
 * Evidence about one stored message: re-verification and the evidence bundle that public tools can check.
 *
 * <p>Entry type: {@link org.mlagateway.evidence.Evidence}.
 *
 * <p>May use {@code security}, {@code store}, {@code message}, {@code config}, {@code error}.
 */
package org.mlagateway.evidence;
