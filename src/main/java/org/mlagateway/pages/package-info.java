/**
 * The operator pages on the internal listener: message log, detail, queues, deadlines, statistics,
 * certificates about to expire; sessions, CSRF and login throttling.
 *
 * <p>Entry type: {@link org.mlagateway.pages.OperatorPages}.
 *
 * <p>May use {@code store}, {@code evidence}, {@code statistics}, {@code routing}, {@code access}, {@code
 * message}, {@code config}, {@code error}, and {@code observability}'s certificate inventory.
 */
package org.mlagateway.pages;
