/**
 * The message codec's implementation: the XML pipeline, schema loading, canonicalisation and rules. Nothing
 * outside {@code message} uses it.
 *
 * <p>No entry type: reached through {@link org.mlagateway.message.MessageCodec}.
 *
 * <p>May use {@code error}.
 */
package org.mlagateway.message.internal;
