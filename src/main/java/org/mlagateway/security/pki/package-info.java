/**
 * Certificate authorities and key pairs made in code with BouncyCastle: the sample PKI and test PKIs, never
 * production keys.
 *
 * <p>Entry type: {@link org.mlagateway.security.pki.CertificateAuthority}.
 *
 * <p>May use {@code error}.
 */
package org.mlagateway.security.pki;
