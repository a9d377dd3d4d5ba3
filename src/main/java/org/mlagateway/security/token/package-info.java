/**
 * Keys in PKCS#11 tokens through the JDK's SunPKCS11 provider (docs/pkcs11.md): one provider
 * instance per token, logged in once, serving the keys named by alias; a live probe of each key for
 * {@code /health}; and RSA-OAEP decryption as raw RSA on the token with the OAEP decoding in
 * software, since SunPKCS11 has no OAEP.
 *
 * <p>Entry type: {@link org.mlagateway.security.token.Tokens}. Part of the {@code security} capability.
 */
package org.mlagateway.security.token;
