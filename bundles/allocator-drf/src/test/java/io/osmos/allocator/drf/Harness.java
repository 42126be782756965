package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import io.osmos.api.allocator.AllocatorContext;
import io.osmos.api.allocator.OfferSink;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Filters;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;

/** An allocator on a manual clock, with a sink that records every offer in the order made. */
final class Harness {

    /** One offer: a framework, for a role, on an agent. */
    record Offer(String framework, String role, String agent, Resources resources) {
        @Override
        public String toString() {
            return framework + "/" + role + "@" + agent + "=" + resources;
        }
    }

    /** Visits agents in the order they were added: Collections.shuffle swaps each element with itself. */
    static final class InOrder extends Random {
        @Override
        public int nextInt(int bound) {
            return bound - 1;
        }
    }

    static final List<AgentInfo.Capability> AGENT_CAPABILITIES = List.of(
            agentCapability(AgentInfo.Capability.Type.MULTI_ROLE),
            agentCapability(AgentInfo.Capability.Type.HIERARCHICAL_ROLE),
            agentCapability(AgentInfo.Capability.Type.RESERVATION_REFINEMENT));

    final ManualScheduler scheduler = new ManualScheduler();
    final List<Offer> offers = new ArrayList<>();
    /** How many times the sink was called. */
    int sinkCalls;
    final DrfAllocator allocator;

    Harness() {
        this(Settings.DEFAULT, new InOrder(), 1.0);
    }

    Harness(Settings settings, Random random, double intervalSeconds) {
        allocator = new DrfAllocator(settings, random);
        OfferSink sink = (framework, byRole) -> {
            sinkCalls++;
            byRole.forEach((role, byAgent) -> byAgent.forEach((agent, resources) ->
                    offers.add(new Offer(framework.getValue(), role, agent.getValue(), resources))));
        };
        allocator.initialize(new AllocatorContext() {
            @Override
            public OfferSink offers() {
                return sink;
            }

            @Override
            public ScheduledExecutorService scheduler() {
                return scheduler;
            }

            @Override
            public double allocationIntervalSeconds() {
                return intervalSeconds;
            }
        });
    }

    static AgentInfo.Capability agentCapability(AgentInfo.Capability.Type type) {
        return AgentInfo.Capability.newBuilder().setType(type).build();
    }

    static AgentID agent(String id) {
        return AgentID.newBuilder().setValue(id).build();
    }

    static FrameworkID framework(String id) {
        return FrameworkID.newBuilder().setValue(id).build();
    }

    static FrameworkInfo.Builder multiRole(String... roles) {
        return FrameworkInfo.newBuilder().setUser("u").setName("f").addAllRoles(List.of(roles))
                .addCapabilities(capability(FrameworkInfo.Capability.Type.MULTI_ROLE));
    }

    static FrameworkInfo.Capability capability(FrameworkInfo.Capability.Type type) {
        return FrameworkInfo.Capability.newBuilder().setType(type).build();
    }

    static Filters refuse(double seconds) {
        return Filters.newBuilder().setRefuseSeconds(seconds).build();
    }

    void addAgent(String id, String resources) {
        addAgent(id, resources, Map.of());
    }

    void addAgent(String id, String resources, Map<FrameworkID, Resources> used) {
        allocator.addAgent(agent(id), AgentInfo.newBuilder().setHostname(id).build(), AGENT_CAPABILITIES,
                Resources.parse(resources), used);
    }

    /** Agents a0, a1, ... */
    void addAgents(int count, String resources) {
        for (int i = 0; i < count; i++) {
            addAgent("a" + i, resources);
        }
    }

    void addFramework(String id, String... roles) {
        addFramework(id, multiRole(roles).build());
    }

    void addFramework(String id, FrameworkInfo info) {
        allocator.addFramework(framework(id), info, Map.of(), true, Set.of());
    }

    void decline(Offer offer, Filters filters) {
        allocator.recoverResources(framework(offer.framework()), agent(offer.agent()), offer.resources(), filters);
    }

    /** Returns everything offered so far without a filter and forgets the offers. */
    void declineAll() {
        offers.forEach(offer -> decline(offer, null));
        offers.clear();
    }

    List<Offer> takeOffers() {
        List<Offer> taken = new ArrayList<>(offers);
        offers.clear();
        return taken;
    }

    /** Which framework got each agent, in the order offered: "a0=f1". */
    List<String> winners() {
        List<String> winners = new ArrayList<>();
        offers.forEach(o -> winners.add(o.agent() + "=" + o.framework()));
        return winners;
    }

    Map<String, Integer> offerCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        offers.forEach(o -> counts.merge(o.framework(), 1, Integer::sum));
        return counts;
    }

    static Offer offer(String framework, String role, String agent, String resources) {
        return new Offer(framework, role, agent, Resources.parse(resources).allocatedTo(role));
    }
}
