/**
 * The schema-bound message model: hardened parsing, validation against {@code schemas/}, cross-field rules,
 * document and content digests, the message summary.
 *
 * <p>Entry type: {@link org.mlagateway.message.MessageCodec}.
 *
 * <p>May use {@code error}; its implementation lives in {@code message.internal}.
 */
package org.mlagateway.message;
