/**
 * Encryption at rest (docs/encryption-at-rest.md): the store's large values sealed with AES-256-GCM
 * in segments under data keys, the data keys wrapped by a key-encryption key from a key store, and
 * the re-wrapping of the data keys under a new key-encryption key ({@code keys rotate-kek}). The
 * store sees only {@code store.ContentSealer} and {@code store.DataKeys}; {@code Gateway} and the
 * commands wire this package to it.
 */
package org.mlagateway.atrest;
