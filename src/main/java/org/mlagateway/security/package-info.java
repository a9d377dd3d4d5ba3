/**
 * Key material, partner trust (anchors, CRLs, the sender binding), the WS-Security profile (seal, verify,
 * decrypt), receipts, TLS contexts and time-stamping clients.
 *
 * <p>Entry types: {@link org.mlagateway.security.InboundVerifier} for what arrives, {@link
 * org.mlagateway.security.EnvelopeSealer} for what leaves.
 *
 * <p>May use {@code message}, {@code config}, {@code error}, and the interfaces {@code store} asks its
 * signers to implement.
 */
package org.mlagateway.security;
