package io.osmos.agent.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AgentStateTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theAgentIdSurvivesAndIsReplacedWhole() {
        AgentIdStore store = new AgentIdStore(folder.getRoot().toPath());
        assertEquals(Optional.empty(), store.load());
        store.store("m-S0");
        assertEquals(Optional.of("m-S0"), new AgentIdStore(folder.getRoot().toPath()).load());
        store.store("m-S1");
        assertEquals(Optional.of("m-S1"), store.load());
    }

    @Test
    public void backoffGrowsToItsMaximumAndResets() {
        Backoff backoff = new Backoff(100, 400);
        for (int attempt = 0; attempt < 20; attempt++) {
            long delay = backoff.nextDelayMillis();
            assertTrue("delay " + delay, delay >= 0 && delay <= 400);
        }
        backoff.reset();
        assertTrue(backoff.nextDelayMillis() <= 100);
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
    }
}
