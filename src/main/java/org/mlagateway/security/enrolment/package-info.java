/**
 * Real keys for a deployment: three RSA key pairs (signing, encryption, TLS) with PKCS#10 certificate
 * requests for the national CA, and the import of the certificates it issues into the PKCS#12 key
 * stores the gateway reads, each certificate checked against its key, its role's key usage and its chain.
 *
 * <p>Entry types: {@link org.mlagateway.security.enrolment.KeyRequest} and
 * {@link org.mlagateway.security.enrolment.KeyImport}.
 *
 * <p>Part of {@code security}: may use {@code config} and {@code error}.
 */
package org.mlagateway.security.enrolment;
