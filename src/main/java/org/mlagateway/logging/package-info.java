/**
 * How the application log is written: logback converters that keep every line one line, whatever
 * the logged values hold. Configured in {@code logback.xml}; knows nothing of the gateway.
 */
package org.mlagateway.logging;
