/**
 * The yearly statistics report by state, type, direction and outcome, its CSV/JSON/table formats and chart,
 * and the synthetic year.
 *
 * <p>Entry type: {@link org.mlagateway.statistics.Statistics}.
 *
 * <p>May use {@code store}, {@code message}, {@code config}, {@code error}.
 */
package org.mlagateway.statistics;
