package io.osmos.master.impl;

import java.util.EnumMap;
import java.util.Map;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.TaskState;

/**
 * The numbers behind the {@code master/*} metrics, taken on the master loop in one pass and read by
 * any thread afterwards: gauges are read on HTTP event loops and must not touch loop-confined state.
 */
record MasterStats(int agentsActive, int agentsConnected, int agentsTotal, int frameworksActive,
        int frameworksConnected, int frameworksTotal, Map<TaskState, Integer> tasks, int outstandingOffers,
        Resources total, Resources used, Resources offered) {

    static final MasterStats EMPTY = new MasterStats(0, 0, 0, 0, 0, 0, Map.of(), 0, Resources.EMPTY, Resources.EMPTY,
            Resources.EMPTY);

    /** Loop only. */
    static MasterStats of(Cluster cluster) {
        int agentsActive = 0;
        int agentsConnected = 0;
        Resources total = Resources.EMPTY;
        for (AgentRecord agent : cluster.agents().all()) {
            agentsActive += agent.active() ? 1 : 0;
            agentsConnected += agent.streamId() != null ? 1 : 0;
            total = total.plus(agent.total());
        }
        int frameworksActive = 0;
        int frameworksConnected = 0;
        Map<TaskState, Integer> tasks = new EnumMap<>(TaskState.class);
        Resources used = Resources.EMPTY;
        for (FrameworkRecord framework : cluster.frameworks()) {
            frameworksActive += framework.active ? 1 : 0;
            frameworksConnected += framework.connected() ? 1 : 0;
            for (TaskRecord task : framework.tasks.values()) {
                tasks.merge(task.latestState, 1, Integer::sum);
                if (!task.terminal()) {
                    used = used.plus(task.allocated);
                }
            }
        }
        Resources offered = Resources.EMPTY;
        int offers = 0;
        for (OfferRecord offer : cluster.offers().all()) {
            offered = offered.plus(offer.resources());
            offers++;
        }
        return new MasterStats(agentsActive, agentsConnected, cluster.agents().all().size(), frameworksActive,
                frameworksConnected, cluster.frameworks().size(), Map.copyOf(tasks), offers,
                total.withoutAllocationInfo(), used.withoutAllocationInfo(), offered.withoutAllocationInfo());
    }

    int tasksIn(TaskState state) {
        return tasks.getOrDefault(state, 0);
    }
}
