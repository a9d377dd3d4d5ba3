/**
 * The sample deployment: SAMPLE key material and ready configurations for the demo and the docs, never for
 * production.
 *
 * <p>Entry type: {@link org.mlagateway.tools.sample.SampleDeployment}.
 *
 * <p>May use every capability package, never {@code cli}.
 */
package org.mlagateway.tools.sample;
