/**
 * Stored documents served over HTTP: the answer to a download, whole or by {@code Range}, decrypted from
 * the store on the way out and handed to the transport as a streamed body, so no document is ever held in
 * the heap. Shared by the internal API and the operator pages. Uses {@code store} and {@code transport}.
 */
package org.mlagateway.download;
