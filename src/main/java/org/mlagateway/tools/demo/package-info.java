/**
 * The demo: two gateways in one process, the demo translator and a SAMPLE time-stamping authority.
 *
 * <p>Entry type: {@link org.mlagateway.tools.demo.Demo}.
 *
 * <p>May use every capability package, never {@code cli}.
 */
package org.mlagateway.tools.demo;
