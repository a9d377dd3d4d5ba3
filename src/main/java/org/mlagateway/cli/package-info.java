/**
 * The {@code gateway} commands (picocli): run, demo, log, keys, stats, config, bench. Commands only: what
 * they run lives in the capability packages and in {@code tools}.
 *
 * <p>Entry type: {@link org.mlagateway.cli.Main}.
 *
 * <p>May use everything; nothing uses it.
 */
package org.mlagateway.cli;
