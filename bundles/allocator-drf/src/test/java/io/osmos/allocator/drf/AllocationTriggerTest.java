package io.osmos.allocator.drf;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;

public class AllocationTriggerTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    /** Each run: "all" or the agents' ids, sorted. */
    private final List<String> runs = new ArrayList<>();
    private final AllocationTrigger trigger = new AllocationTrigger(scheduler,
            agents -> runs.add(agents == null ? "all" : new TreeSet<>(agents).toString()));

    @Test
    public void agentEventsCoalesceIntoOneRunOverTheirAgents() {
        trigger.agent("a2");
        trigger.agent("a1");
        trigger.agent("a2");
        scheduler.runPending();
        assertEquals(List.of("[a1, a2]"), runs);
    }

    @Test
    public void anAllAgentsEventCoversAgentEvents() {
        trigger.agent("a1");
        trigger.allAgents();
        trigger.agent("a2");
        scheduler.runPending();
        assertEquals(List.of("all"), runs);
        trigger.agent("a3");
        scheduler.runPending();
        assertEquals(List.of("all", "[a3]"), runs);
    }

    @Test
    public void aRunHappeningNowCoversWhatIsPending() {
        trigger.allAgents();
        trigger.coveredNow();
        scheduler.runPending();
        assertEquals(List.of(), runs);
    }

    @Test
    public void periodicRunsFollowTheIntervalAndCoverPendingEvents() {
        trigger.startPeriodic(0.5);
        scheduler.advance(1_200);
        assertEquals(List.of("all", "all"), runs);
        trigger.agent("a1");
        scheduler.advance(300);
        assertEquals("the event ran at once, before the periodic run at 1.5 s", List.of("all", "all", "[a1]", "all"),
                runs);
    }

    @Test
    public void aFailingRunIsLoggedAndTheNextOneRuns() {
        int[] calls = {0};
        AllocationTrigger failing = new AllocationTrigger(scheduler, agents -> {
            calls[0]++;
            throw new IllegalStateException("boom");
        });
        failing.startPeriodic(1);
        failing.allAgents();
        scheduler.advance(3_000);
        assertEquals(4, calls[0]);
    }

    @Test
    public void closeStopsEverything() {
        trigger.startPeriodic(1);
        trigger.allAgents();
        trigger.close();
        trigger.agent("a1");
        scheduler.advance(5_000);
        assertEquals(List.of(), runs);
        assertEquals(0, scheduler.pending());
        assertEquals(Set.of(), Set.copyOf(runs));
    }
}
