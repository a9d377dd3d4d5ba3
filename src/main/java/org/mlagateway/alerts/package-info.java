/**
 * Deadline alerts (docs/operations.md#deadline-alerts): the dashboard of overdue and soon-due clocks per
 * domestic body and per partner, the overdue gauge by message kind, and notifications by webhook and by
 * e-mail when a clock crosses a configured threshold, each sent once per clock, threshold and channel.
 * Uses {@code store}, {@code config} and {@code error}; the entry type is {@link
 * org.mlagateway.alerts.DeadlineAlerts}.
 */
package org.mlagateway.alerts;
