/**
 * Who may knock at the internal listener, and how often: throttling of failed credentials per
 * remote address and per client, and the counted log of denied calls and failed logins. Shared by
 * {@code api} (bearer tokens) and {@code ops} (operator logins); uses {@code store} and
 * {@code error} only. The entry type is {@link org.mlagateway.access.InternalAccess}.
 */
package org.mlagateway.access;
