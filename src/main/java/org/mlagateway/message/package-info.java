/**
 * The schema-bound message model: hardened parsing, validation against {@code schemas/}, cross-field rules,
 * document and content digests, the message summary. It also holds what every layer above shares about
 * XML: the one hardened parser factory ({@link org.mlagateway.message.SafeXml}, DTDs refused, depth limited)
 * and the namespace URIs ({@link org.mlagateway.message.Namespaces}).
 *
 * <p>Entry type: {@link org.mlagateway.message.MessageCodec}.
 *
 * <p>May use {@code error}; its implementation lives in {@code message.internal}.
 */
package org.mlagateway.message;
