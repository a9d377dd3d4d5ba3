package org.mlagateway.exchange;

import java.nio.file.Path;

/**
 * An attachment part as it arrived, spooled to {@code file} still encrypted: its content id
 * (without angle brackets) and its length on the wire.
 */
record ReceivedPart(String contentId, Path file, long length) {}
