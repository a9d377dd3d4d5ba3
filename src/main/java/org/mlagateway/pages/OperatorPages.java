package org.mlagateway.pages;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.alerts.DeadlineAlerts;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.config.OpsConfig;
import org.mlagateway.evidence.Evidence;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.observability.Certificates;
import org.mlagateway.register.Register;
import org.mlagateway.statistics.Statistics;
import org.mlagateway.store.LogCheckpoints;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.OperatorReads;
import org.mlagateway.store.OutboxStore;
import org.mlagateway.store.QueueStore;
import org.mlagateway.store.SearchStore;

/**
 * The operator pages, served under {@link #PATH} on the internal listener: server-rendered HTML
 * (no script, no external asset) for the message log and its search, one message's detail with
 * downloads, verification and evidence export, verification of the whole log, queues with their
 * actions, deadlines, the yearly statistics, and the certificates about to expire.
 *
 * <p>Guarantees: every page but the login form and the style sheet needs a session, which only an
 * API client with the operator role (or admin), the auditor or the register role gets by logging in with its
 * token; an auditor reads every page with person fields masked and may not act on queues or messages (403); a
 * client with only the register role reads the register and no other page (403); every POST needs
 * the session's CSRF token; every action is written to the message log with the operator's client
 * name as actor; every value shown is HTML-escaped. Failed logins are throttled per address and per
 * client, and counted into the message log, through the listener's {@link InternalAccess}. Sessions live in this
 * process's memory
 * ({@link Sessions}).
 */
public final class OperatorPages {
    /** Where the pages live on the internal listener. */
    public static final String PATH = "/ops";
    /** A lease held longer than this is listed as stuck even before it runs out. */
    public static final Duration STUCK_AFTER = Duration.ofHours(1);

    private final List<Object> resources;
    private final List<Object> providers;

    private OperatorPages(List<Object> resources, List<Object> providers) {
        this.resources = resources;
        this.providers = providers;
    }

    /**
     * {@code clients} are the API clients ({@code api.clients}); {@code partners} the partner ids for
     * the log's partner filter;
     * {@code evidence} verifies and exports a stored message; {@code statistics} makes the year report;
     * {@code certificates} is the inventory {@code /health} and {@code /metrics} report; {@code ops}
     * the pages' default language, when neither the operator nor the browser picks one, and the zone of times;
     * {@code extra}, when given, adds the case view, the register of citizens abroad and the deadline dashboard.
     */
    public static <
                    S extends
                            MessageReads & MessageLog & OutboxStore & QueueStore & SearchStore & OperatorReads
                                    & LogCheckpoints>
            OperatorPages create(
                    S store,
                    List<ApiClientConfig> clients,
                    List<String> partners,
                    Evidence evidence,
                    Statistics statistics,
                    Certificates certificates,
                    Clock clock,
                    InternalAccess access,
                    OpsConfig ops,
                    Extra extra) {
        Sessions sessions = new Sessions(clock);
        Layout layout = new Layout(true, new Languages(ops.defaultLanguage(), ops.zone()));
        LoginPages login = new LoginPages(sessions, new Logins(clients), layout, store, access);
        List<Object> resources = List.of(
                login,
                new LanguagePages(sessions),
                new LogPages(store, layout, partners, clock),
                new LogVerifyPages(store, layout),
                new MessagePages(store, layout, clock, evidence),
                new QueuePages(store, layout, clock, STUCK_AFTER),
                new StatisticsPages(statistics, layout, clock),
                new CertificatePages(certificates, layout, clock),
                new StaticAssets());
        if (extra != null) {
            resources = new java.util.ArrayList<>(resources);
            resources.add(new CasePages(new Cases(store, extra.codec()), layout, clock));
            resources.add(new RegisterPages(extra.register(), clients, layout));
            resources.add(new DashboardPages(extra.alerts(), layout));
            resources = List.copyOf(resources);
        }
        List<Object> providers = List.of(new SessionFilter(sessions, login), new PageErrors(layout, access));
        return new OperatorPages(resources, providers);
    }

    /** What the case view, the register and the deadline dashboard need beside the store. */
    public record Extra(MessageCodec codec, Register register, DeadlineAlerts alerts) {}

    /** The JAX-RS resources, to publish at {@link #PATH}. */
    public List<Object> resources() {
        return resources;
    }

    /** The JAX-RS providers (session filter, error pages) that go with them. */
    public List<Object> providers() {
        return providers;
    }
}
