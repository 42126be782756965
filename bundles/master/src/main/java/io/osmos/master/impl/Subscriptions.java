package io.osmos.master.impl;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;


import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.scheduler.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framework lifecycle: SUBSCRIBE (new, re-subscription, failover), disconnection with its
 * failover timeout, UPDATE_FRAMEWORK, TEARDOWN, and the heartbeats on every stream. Loop-confined.
 */
final class Subscriptions {

    static final double HEARTBEAT_SECONDS = 15.0;
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final Cluster cluster;
    private final AtomicLong nextFramework = new AtomicLong();

    Subscriptions(Cluster cluster) {
        this.cluster = cluster;
        cluster.loop().every((long) (HEARTBEAT_SECONDS * 1000), TimeUnit.MILLISECONDS, this::heartbeat);
    }

    /** Validates a FrameworkInfo as Mesos does for SUBSCRIBE and UPDATE_FRAMEWORK; null when valid. */
    static String invalid(FrameworkInfo info, List<String> suppressedRoles) {
        boolean multiRole = Roles.multiRole(info);
        if (multiRole && info.hasRole()) {
            return "'FrameworkInfo.role' must not be set when the MULTI_ROLE capability is present";
        }
        if (!multiRole && info.getRolesCount() > 0) {
            return "'FrameworkInfo.roles' is set but the MULTI_ROLE capability is not";
        }
        Set<String> roles = Roles.of(info);
        if (roles.size() != (multiRole ? info.getRolesCount() : 1)) {
            return "'FrameworkInfo.roles' contains duplicate items";
        }
        for (String role : roles) {
            String problem = Roles.invalid(role);
            if (problem != null) {
                return problem;
            }
        }
        for (String suppressed : suppressedRoles) {
            if (!roles.contains(suppressed)) {
                return "Suppressed role '" + suppressed + "' is not contained in the list of roles";
            }
        }
        if (info.hasFailoverTimeout() && !(info.getFailoverTimeout() >= 0)) {
            return "Invalid 'FrameworkInfo.failover_timeout': must be a non-negative number";
        }
        return null;
    }

    /** Subscribes a framework on a new stream; returns its record (already sent SUBSCRIBED). */
    FrameworkRecord subscribe(FrameworkInfo info, List<String> suppressed, SchedulerStream stream) {
        long now = System.currentTimeMillis() * 1_000_000L;
        FrameworkRecord framework = info.hasId() ? cluster.framework(info.getId().getValue()) : null;
        boolean known = framework != null;
        if (!known) {
            FrameworkID id = info.hasId() ? info.getId()
                    : FrameworkID.newBuilder().setValue(cluster.info().getId() + "-" + String.format("%04d",
                            nextFramework.getAndIncrement())).build();
            framework = new FrameworkRecord(id, info.toBuilder().setId(id).build(), now);
            cluster.add(framework);
        } else {
            failOver(framework, info, now);
        }
        framework.suppressedRoles = new LinkedHashSet<>(suppressed);
        framework.stream = stream;
        // Known frameworks are kept in the registry (not waited for: a failed-over master accepts a
        // re-subscription with any id, as Mesos does, and learns the rest from the agents).
        cluster.registry().write(RegistryOperation.newBuilder().setAddFramework(framework.info).build());
        framework.active = true;
        stream.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setFrameworkId(framework.id).setHeartbeatIntervalSeconds(HEARTBEAT_SECONDS)
                .setMasterInfo(cluster.info())).build());
        stream.send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
        if (known) {
            cluster.allocator().get().updateFramework(framework.id, framework.info, framework.suppressedRoles);
            cluster.allocator().get().activateFramework(framework.id);
        } else {
            cluster.allocator().get().addFramework(framework.id, framework.info, java.util.Map.of(), true,
                    framework.suppressedRoles);
        }
        if (known) {
            cluster.events().frameworkUpdated(framework);
        } else {
            cluster.events().frameworkAdded(framework);
        }
        LOG.info("Framework {} ({}) {} with roles {}", framework.id(), info.getName(),
                known ? "re-subscribed" : "subscribed", framework.roles());
        return framework;
    }

    private void failOver(FrameworkRecord framework, FrameworkInfo info, long now) {
        if (framework.failover != null) {
            framework.failover.cancel(false);
            framework.failover = null;
        }
        if (framework.stream != null && framework.stream.isOpen()) {
            framework.stream.send(Event.newBuilder().setType(Event.Type.ERROR)
                    .setError(Event.Error.newBuilder().setMessage("Framework failed over")).build());
            framework.stream.close();
        }
        rescindRemovedRoles(framework, info);
        framework.info = info.toBuilder().setId(framework.id).build();
        framework.reregisteredNanos = now;
    }

    /** The stream of a framework closed: no offers until it comes back, and it is removed after its failover timeout. */
    void disconnected(FrameworkRecord framework, SchedulerStream stream) {
        if (framework.stream != stream || cluster.framework(framework.id()) != framework) {
            return;
        }
        framework.stream = null;
        framework.active = false;
        framework.unregisteredNanos = System.currentTimeMillis() * 1_000_000L;
        cluster.allocator().get().deactivateFramework(framework.id);
        cluster.offers().rescindForFramework(framework.id());
        cluster.events().frameworkUpdated(framework);
        long timeoutMillis = (long) (framework.info.getFailoverTimeout() * 1000);
        LOG.warn("Framework {} disconnected; failover timeout {} ms", framework.id(), timeoutMillis);
        framework.failover = cluster.loop().after(timeoutMillis, TimeUnit.MILLISECONDS, () -> {
            if (framework.stream == null && cluster.framework(framework.id()) == framework) {
                LOG.warn("Framework {} did not fail over in time: tearing it down", framework.id());
                teardown(framework);
            }
        });
    }

    /** UPDATE_FRAMEWORK: fields that may change do; offers of roles it left are rescinded. */
    CallResult update(FrameworkRecord framework, FrameworkInfo info, List<String> suppressed) {
        String problem = invalid(info, suppressed);
        if (problem == null && !info.getId().equals(framework.id)) {
            problem = "'framework_info.id' differs from the framework's id";
        }
        if (problem == null && !info.getUser().equals(framework.info.getUser())) {
            problem = "Updating 'FrameworkInfo.user' is unsupported";
        }
        if (problem == null && !info.getPrincipal().equals(framework.info.getPrincipal())) {
            problem = "Changing framework's principal is not allowed";
        }
        if (problem == null && info.getCheckpoint() != framework.info.getCheckpoint()) {
            problem = "Updating 'FrameworkInfo.checkpoint' is unsupported";
        }
        if (problem != null) {
            return CallResult.badRequest(problem);
        }
        rescindRemovedRoles(framework, info);
        Set<String> wasSuppressed = framework.suppressedRoles;
        framework.info = info;
        framework.suppressedRoles = new LinkedHashSet<>(suppressed);
        cluster.allocator().get().updateFramework(framework.id, info, framework.suppressedRoles);
        Set<String> unsuppressed = new HashSet<>(wasSuppressed);
        unsuppressed.removeAll(framework.suppressedRoles);
        if (!unsuppressed.isEmpty()) {
            cluster.allocator().get().reviveOffers(framework.id, unsuppressed);
        }
        return CallResult.OK;
    }

    private void rescindRemovedRoles(FrameworkRecord framework, FrameworkInfo info) {
        Set<String> kept = Roles.of(info);
        for (OfferRecord offer : cluster.offers().of(framework.id())) {
            if (!kept.contains(offer.role())) {
                cluster.offers().rescind(offer);
            }
        }
    }

    /** TEARDOWN (or failover timeout): its tasks are killed, its resources freed, and it is completed. */
    void teardown(FrameworkRecord framework) {
        cluster.offers().rescindForFramework(framework.id());
        Set<String> agents = new HashSet<>();
        for (TaskRecord task : List.copyOf(framework.tasks.values())) {
            agents.add(task.agentId());
            if (!task.terminal()) {
                cluster.allocator().recoverResources(framework.id, task.info.getAgentId(),
                        task.allocated, null);
                task.latestState = TaskState.TASK_KILLED;
                cluster.taskCounters().ended(TaskState.TASK_KILLED);
                task.task = task.task.toBuilder().setState(TaskState.TASK_KILLED).build();
            }
            framework.tasks.remove(task.id());
            framework.completed.put(task.id(), task);
        }
        for (String agent : agents) {
            cluster.sendToAgent(agent, AgentEvent.newBuilder().setType(AgentEvent.Type.SHUTDOWN_FRAMEWORK)
                    .setShutdownFramework(AgentEvent.ShutdownFramework.newBuilder().setFrameworkId(framework.id))
                    .build());
        }
        cluster.allocator().get().removeFramework(framework.id);
        if (framework.stream != null) {
            framework.stream.close();
            framework.stream = null;
        }
        framework.active = false;
        cluster.complete(framework);
        cluster.registry().write(RegistryOperation.newBuilder().setRemoveFramework(framework.id).build());
        cluster.events().frameworkRemoved(framework);
        LOG.info("Framework {} torn down", framework.id());
    }

    private void heartbeat() {
        Event beat = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
        for (FrameworkRecord framework : cluster.frameworks()) {
            if (framework.connected()) {
                framework.stream.send(beat);
            }
        }
    }

}
