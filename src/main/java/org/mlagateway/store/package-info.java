/**
 * The database: messages, documents, queues with leases, the outbox, delivery attempts, the hash-chained
 * message log and its checkpoints, migrations; H2 embedded or PostgreSQL. No network client and no signing:
 * signers and time-stampers are given to it.
 *
 * <p>Entry type: {@link org.mlagateway.store.Store}.
 *
 * <p>May use {@code message}, {@code config}, {@code error}.
 */
package org.mlagateway.store;
