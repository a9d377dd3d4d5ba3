/**
 * The benchmarks behind {@code gateway bench}: store, exchange (with its bare CXF+WSS4J baseline), large
 * messages and hostile floods.
 *
 * <p>Entry types: one class per benchmark, e.g. {@link org.mlagateway.tools.bench.ExchangeBenchmark}.
 *
 * <p>May use every capability package and {@code tools.sample}, never {@code cli}.
 */
package org.mlagateway.tools.bench;
