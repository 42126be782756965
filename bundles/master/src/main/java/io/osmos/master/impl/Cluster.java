package io.osmos.master.impl;

import io.osmos.api.loop.SerialLoop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.MasterInfo;

/**
 * The master's view of frameworks, tasks and offers, with the collaborators that change it.
 * Everything here is confined to the master loop.
 */
final class Cluster {

    static final int MAX_COMPLETED_FRAMEWORKS = 50;
    static final int MAX_COMPLETED_TASKS_PER_FRAMEWORK = 1000;

    private final Master master;
    private final Map<String, FrameworkRecord> frameworks = new LinkedHashMap<>();
    private final Map<String, FrameworkRecord> completedFrameworks = new LinkedHashMap<>();
    private final Offers offers;
    private final AllocatorHost allocator;
    private final RolePolicies roles = new RolePolicies();
    private final TaskCounters taskCounters = new TaskCounters();
    private final AgentOperations operations = new AgentOperations(this);

    Cluster(Master master, double allocationIntervalSeconds) {
        this.master = master;
        this.offers = new Offers(this, master.info().getId());
        this.allocator = new AllocatorHost(this, master.loop().scheduler(), allocationIntervalSeconds);
    }

    TaskCounters taskCounters() {
        return taskCounters;
    }

    MasterInfo info() {
        return master.info();
    }

    SerialLoop loop() {
        return master.loop();
    }

    OperatorEvents events() {
        return master.events();
    }

    AgentRegistry agents() {
        return master.agents();
    }

    /** Where durable changes go (agents admitted, maintenance, weights, quota, frameworks). */
    RegistryLink registry() {
        return master.registry();
    }

    MasterRecovery recovery() {
        return master.recovery();
    }

    Offers offers() {
        return offers;
    }

    RolePolicies roles() {
        return roles;
    }

    AllocatorHost allocator() {
        return allocator;
    }

    /** Reservations and volume operations on their way to agents. */
    AgentOperations operations() {
        return operations;
    }

    FrameworkRecord framework(String id) {
        return frameworks.get(id);
    }

    Collection<FrameworkRecord> frameworks() {
        return List.copyOf(frameworks.values());
    }

    Collection<FrameworkRecord> completedFrameworks() {
        return List.copyOf(completedFrameworks.values());
    }

    void add(FrameworkRecord framework) {
        frameworks.put(framework.id(), framework);
    }

    void complete(FrameworkRecord framework) {
        frameworks.remove(framework.id());
        completedFrameworks.put(framework.id(), framework);
        while (completedFrameworks.size() > MAX_COMPLETED_FRAMEWORKS) {
            completedFrameworks.remove(completedFrameworks.keySet().iterator().next());
        }
    }

    /** Sends an event to an agent; false when the agent has no open stream. */
    boolean sendToAgent(String agentId, AgentEvent event) {
        return master.streams().of(agentId).map(stream -> stream.send(event)).orElse(false);
    }

    /** Ends an agent's event stream (it was marked gone). */
    void closeAgentStream(String agentId) {
        master.streams().of(agentId).ifPresent(AgentStream::close);
    }

    /** Every live task on an agent, across frameworks. */
    List<TaskRecord> tasksOn(String agentId) {
        List<TaskRecord> tasks = new ArrayList<>();
        for (FrameworkRecord framework : frameworks.values()) {
            for (TaskRecord task : framework.tasks.values()) {
                if (task.agentId().equals(agentId)) {
                    tasks.add(task);
                }
            }
        }
        return tasks;
    }
}
