/**
 * The operator pages on the internal listener: message log, detail, queues, deadlines, statistics; sessions,
 * CSRF and login throttling.
 *
 * <p>Entry type: {@link org.mlagateway.pages.OperatorPages}.
 *
 * <p>May use {@code store}, {@code evidence}, {@code statistics}, {@code routing}, {@code message}, {@code
 * config}, {@code error}.
 */
package org.mlagateway.pages;
