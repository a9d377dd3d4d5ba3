/**
 * Health and metrics on the internal listener, and the inventory of certificates the gateway relies on.
 *
 * <p>Entry types: {@link org.mlagateway.observability.Health} and {@link
 * org.mlagateway.observability.GatewayMetrics}.
 *
 * <p>May use {@code store}, {@code security}, {@code config}, {@code error}, and the exchange's event
 * interface it listens on.
 */
package org.mlagateway.observability;
