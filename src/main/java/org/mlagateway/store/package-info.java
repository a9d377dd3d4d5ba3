/**
 * The database: messages, documents, queues with leases, the outbox, delivery attempts, the hash-chained
 * message log and its checkpoints, migrations; H2 embedded or PostgreSQL. No network client and no signing:
 * signers and time-stampers are given to it.
 *
 * <p>Entry type: {@link org.mlagateway.store.Store}, which owns the lifecycle (open, migrations, close) and
 * implements the role views its users depend on: {@link org.mlagateway.store.InboxStore},
 * {@link org.mlagateway.store.OutboxStore}, {@link org.mlagateway.store.QueueStore},
 * {@link org.mlagateway.store.MessageReads}, {@link org.mlagateway.store.TranslationStore},
 * {@link org.mlagateway.store.MessageLog}, {@link org.mlagateway.store.LogCheckpoints},
 * {@link org.mlagateway.store.SearchStore} and {@link org.mlagateway.store.OperatorReads}. A class that
 * needs several views takes one argument bounded by all of them ({@code <S extends A & B>}).
 *
 * <p>May use {@code message}, {@code config}, {@code error}.
 */
package org.mlagateway.store;
