/**
 * The typed configuration tree loaded from {@code gateway.yaml}: unknown and missing keys fail with their
 * path; secrets come from files or the environment; files the gateway writes are its owner's only.
 *
 * <p>Entry type: {@link org.mlagateway.config.ConfigLoader}, producing a {@link
 * org.mlagateway.config.GatewayConfig}.
 *
 * <p>May use {@code error}.
 */
package org.mlagateway.config;
