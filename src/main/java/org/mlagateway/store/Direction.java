package org.mlagateway.store;

/** Which way a message went: received from a partner, or sent to one. */
public enum Direction {
    IN,
    OUT
}
