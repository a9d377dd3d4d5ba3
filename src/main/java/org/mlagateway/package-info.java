/**
 * MLA Gateway: a secure document-exchange gateway between central authorities.
 *
 * <p>Entry type: {@link org.mlagateway.Gateway}, which wires every capability below in reading order and
 * owns their lifecycle.
 *
 * <p>May use every capability package; nothing but {@code cli} and {@code tools} uses it.
 */
package org.mlagateway;
