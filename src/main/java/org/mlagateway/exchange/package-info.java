/**
 * The partner binding: the SOAP endpoint that receives, verifies, stores and answers with a receipt, and the
 * outbound sender with retries; maps error codes to faults.
 *
 * <p>Entry types: {@link org.mlagateway.exchange.ExchangeListener} inbound, {@link
 * org.mlagateway.exchange.OutboundSender} outbound.
 *
 * <p>May use {@code security}, {@code message}, {@code store}, {@code transport}, {@code config}, {@code
 * error}.
 */
package org.mlagateway.exchange;
