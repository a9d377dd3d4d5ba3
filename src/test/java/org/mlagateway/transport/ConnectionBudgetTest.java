package org.mlagateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.ListenerLimitsConfig;
import org.mlagateway.transport.RequestGuard.Activity;

/** Which connection makes room when a listener is full: the policy alone, on in-memory channels. */
class ConnectionBudgetTest {
    private static InetAddress address(int last) throws UnknownHostException {
        return InetAddress.getByName("127.0.0." + last);
    }

    private static Channel channel(Activity activity) {
        Channel channel = new EmbeddedChannel();
        RequestGuard.activity(channel, activity);
        return channel;
    }

    private static ConnectionBudget budget(int max, int perAddress) {
        return new ConnectionBudget(
                new ListenerLimitsConfig(max, perAddress, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void atTheAddressLimit_itsOwnOldestIdleConnectionMakesRoom_neverABusyOne() throws Exception {
        ConnectionBudget budget = budget(10, 3);
        Channel busy = channel(Activity.BUSY);
        Channel idle = channel(Activity.IDLE);
        Channel newer = channel(Activity.IDLE);
        for (Channel c : new Channel[] {busy, idle, newer}) {
            assertTrue(budget.admit(c, address(2)).admitted());
        }
        Channel handshaking = channel(Activity.HANDSHAKING);
        ConnectionBudget.Decision decision = budget.admit(handshaking, address(2));
        assertTrue(decision.admitted());
        assertSame(idle, decision.evicted(), "the oldest idle one, not the busy one");

        RequestGuard.activity(newer, Activity.BUSY);
        assertSame(
                handshaking,
                budget.admit(channel(Activity.BUSY), address(2)).evicted(),
                "with none between requests, one still in its handshake");
        ConnectionBudget.Decision refused = budget.admit(channel(Activity.HANDSHAKING), address(2));
        assertFalse(refused.admitted(), "all three busy");
        assertTrue(refused.refusal().startsWith("maxConnectionsPerAddress (3) reached"), refused.refusal());
        assertTrue(
                budget.admit(channel(Activity.HANDSHAKING), address(3)).admitted(), "another address is not affected");
    }

    @Test
    void whenFull_theAddressHoldingTheMostGivesUpAConnectionBetweenRequestsBeforeAHandshakingOne() throws Exception {
        ConnectionBudget budget = budget(5, 5);
        Channel partner = channel(Activity.IDLE);
        assertTrue(budget.admit(partner, address(1)).admitted());
        Channel floodHandshaking = channel(Activity.HANDSHAKING);
        Channel floodIdle = channel(Activity.IDLE);
        for (Channel c : new Channel[] {floodHandshaking, floodIdle, channel(Activity.BUSY), channel(Activity.BUSY)}) {
            assertTrue(budget.admit(c, address(9)).admitted());
        }
        ConnectionBudget.Decision decision = budget.admit(channel(Activity.HANDSHAKING), address(1));
        assertTrue(decision.admitted());
        assertSame(floodIdle, decision.evicted(), "not the partner's idle connection, and between requests first");
        ConnectionBudget.Decision next = budget.admit(channel(Activity.HANDSHAKING), address(1));
        assertSame(floodHandshaking, next.evicted());
    }

    @Test
    void whenNothingIsIdle_theNewcomerIsRefused() throws Exception {
        ConnectionBudget budget = budget(2, 2);
        assertTrue(budget.admit(channel(Activity.BUSY), address(2)).admitted());
        assertTrue(budget.admit(channel(Activity.BUSY), address(3)).admitted());
        ConnectionBudget.Decision decision = budget.admit(channel(Activity.HANDSHAKING), address(4));
        assertFalse(decision.admitted());
        assertNull(decision.evicted());
        assertTrue(decision.refusal().startsWith("maxConnections (2) reached"), decision.refusal());
        assertEquals(2, budget.open());
    }

    @Test
    void connectionsClosedToMakeRoom_countUntilTheyAreGone() throws Exception {
        ConnectionBudget budget = budget(ConnectionBudget.MAX_CLOSING, ConnectionBudget.MAX_CLOSING);
        Channel[] idle = new Channel[ConnectionBudget.MAX_CLOSING];
        for (int i = 0; i < idle.length; i++) {
            idle[i] = channel(Activity.IDLE);
            assertTrue(budget.admit(idle[i], address(2)).admitted());
        }
        Channel[] newcomers = new Channel[ConnectionBudget.MAX_CLOSING];
        for (int i = 0; i < newcomers.length; i++) {
            newcomers[i] = channel(Activity.BUSY);
            assertSame(idle[i], budget.admit(newcomers[i], address(3)).evicted());
        }
        assertFalse(budget.admit(channel(Activity.HANDSHAKING), address(4)).admitted(), "too many still closing");
        budget.release(idle[0], address(2));
        RequestGuard.activity(newcomers[0], Activity.IDLE);
        assertSame(
                newcomers[0],
                budget.admit(channel(Activity.HANDSHAKING), address(4)).evicted());
    }
}
