package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.Filters;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OfferID;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Call;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ACCEPT and DECLINE: validates the offers, launches valid tasks, and returns what is left. Loop-confined. */
final class Launches {

    private static final Logger LOG = LoggerFactory.getLogger(Launches.class);

    private final Cluster cluster;
    private final TaskUpdates updates;
    private final OfferOperations operations;

    Launches(Cluster cluster, TaskUpdates updates) {
        this.cluster = cluster;
        this.updates = updates;
        this.operations = new OfferOperations(cluster);
    }

    void decline(FrameworkRecord framework, List<OfferID> offerIds, Filters filters) {
        for (OfferID id : offerIds) {
            OfferRecord offer = cluster.offers().get(id.getValue());
            if (offer != null && offer.frameworkId().equals(framework.id())) {
                cluster.offers().remove(id.getValue());
                cluster.allocator().recoverResources(framework.id, offer.offer().getAgentId(), offer.resources(),
                        filters);
            }
        }
    }

    void accept(FrameworkRecord framework, Call.Accept accept) {
        List<OfferRecord> offers = new ArrayList<>();
        String problem = takeOffers(framework, accept.getOfferIdsList(), offers);
        if (problem != null) {
            for (OfferRecord offer : offers) {
                cluster.allocator().recoverResources(framework.id, offer.offer().getAgentId(), offer.resources(), null);
            }
            dropTasks(framework, accept, problem);
            return;
        }
        OfferRecord first = offers.get(0);
        Resources available = Resources.EMPTY;
        for (OfferRecord offer : offers) {
            available = available.plus(offer.resources());
        }
        for (Offer.Operation operation : accept.getOperationsList()) {
            available = apply(framework, first, operation, available);
        }
        Filters filters = accept.hasFilters() ? accept.getFilters() : Filters.getDefaultInstance();
        cluster.allocator().recoverResources(framework.id, first.offer().getAgentId(), available, filters);
    }

    private Resources apply(FrameworkRecord framework, OfferRecord offer, Offer.Operation operation, Resources available) {
        switch (operation.getType()) {
            case LAUNCH -> {
                for (TaskInfo task : operation.getLaunch().getTaskInfosList()) {
                    available = launch(framework, offer, task, available);
                }
            }
            case LAUNCH_GROUP -> available = launchGroup(framework, offer, operation.getLaunchGroup(), available);
            default -> available = operations.apply(framework, offer, operation, available);
        }
        return available;
    }

    private Resources launch(FrameworkRecord framework, OfferRecord offer, TaskInfo submitted, Resources available) {
        TaskInfo task = withAllocationRole(submitted, offer.role());
        AgentRecord agent = cluster.agents().get(offer.agentId()).orElse(null);
        String problem = TaskValidator.validate(task, framework, offer.agentId(), available, agent);
        if (problem == null) {
            problem = ResourceLimits.validateShareCgroupsForLaunch(task);
        }
        if (problem != null) {
            updates.error(framework, task, TaskStatus.Reason.REASON_TASK_INVALID, "Task validation failed: " + problem);
            return available;
        }
        Resources used = Resources.of(task.getResourcesList());
        TaskRecord record = track(framework, offer, task, used, task.hasExecutor() ? task.getExecutor().getExecutorId()
                : io.osmos.proto.v1.ExecutorID.newBuilder().setValue(task.getTaskId().getValue()).build());
        record.launch = AgentEvent.newBuilder().setType(AgentEvent.Type.RUN_TASK)
                .setRunTask(AgentEvent.RunTask.newBuilder().setFrameworkInfo(framework.info).setTask(task)).build();
        cluster.sendToAgent(offer.agentId(), record.launch);
        LOG.info("Launching task {} of framework {} on agent {} with {}", task.getTaskId().getValue(), framework.id(),
                offer.agentId(), used);
        return available.minus(used);
    }

    private Resources launchGroup(FrameworkRecord framework, OfferRecord offer, Offer.Operation.LaunchGroup submitted,
            Resources available) {
        Offer.Operation.LaunchGroup launch = withAllocationRole(submitted, offer.role(), framework);
        AgentRecord agent = cluster.agents().get(offer.agentId()).orElse(null);
        boolean executorRunning = TaskGroups.executorRunning(framework, offer.agentId(), launch.getExecutor());
        String problem = TaskGroups.validate(launch, framework, offer.agentId(), available, agent, executorRunning);
        if (problem != null) {
            for (TaskInfo task : launch.getTaskGroup().getTasksList()) {
                updates.error(framework, task, TaskStatus.Reason.REASON_TASK_GROUP_INVALID,
                        "Task group validation failed: " + problem);
            }
            return available;
        }
        AgentEvent run = AgentEvent.newBuilder().setType(AgentEvent.Type.RUN_TASK_GROUP)
                .setRunTaskGroup(AgentEvent.RunTaskGroup.newBuilder().setFrameworkInfo(framework.info)
                        .setExecutor(launch.getExecutor()).setTaskGroup(launch.getTaskGroup()))
                .build();
        Resources total = Resources.EMPTY;
        for (TaskInfo task : launch.getTaskGroup().getTasksList()) {
            Resources used = Resources.of(task.getResourcesList());
            if (total.equals(Resources.EMPTY) && !executorRunning) {
                // The executor's own resources travel with its first task, so they come back in the end.
                used = used.plus(Resources.of(launch.getExecutor().getResourcesList()));
            }
            TaskRecord record = track(framework, offer, task, used, launch.getExecutor().getExecutorId());
            record.groupExecutor = launch.getExecutor();
            record.launch = run;
            total = total.plus(used);
        }
        cluster.sendToAgent(offer.agentId(), run);
        LOG.info("Launching a group of {} task(s) of framework {} under executor {} on agent {} with {}",
                launch.getTaskGroup().getTasksCount(), framework.id(), launch.getExecutor().getExecutorId().getValue(),
                offer.agentId(), total);
        return available.minus(total);
    }

    private static Offer.Operation.LaunchGroup withAllocationRole(Offer.Operation.LaunchGroup launch, String role,
            FrameworkRecord framework) {
        ExecutorInfo.Builder executor = launch.getExecutor().toBuilder().clearResources()
                .addAllResources(allocated(launch.getExecutor().getResourcesList(), role));
        if (!executor.hasFrameworkId()) {
            executor.setFrameworkId(framework.id);
        }
        io.osmos.proto.v1.TaskGroupInfo.Builder group = io.osmos.proto.v1.TaskGroupInfo.newBuilder();
        for (TaskInfo task : launch.getTaskGroup().getTasksList()) {
            group.addTasks(withAllocationRole(task, role));
        }
        return launch.toBuilder().setExecutor(executor).setTaskGroup(group).build();
    }

    /** The master now knows the task, in TASK_STAGING, with its resources counted. */
    private TaskRecord track(FrameworkRecord framework, OfferRecord offer, TaskInfo task, Resources used,
            io.osmos.proto.v1.ExecutorID executorId) {
        Task model = Task.newBuilder().setName(task.getName()).setTaskId(task.getTaskId()).setFrameworkId(framework.id)
                .setAgentId(task.getAgentId()).setState(TaskState.TASK_STAGING).addAllResources(task.getResourcesList())
                .putAllLimits(task.getLimitsMap())
                .setExecutorId(executorId).build();
        if (task.hasLabels()) {
            model = model.toBuilder().setLabels(task.getLabels()).build();
        }
        TaskRecord record = new TaskRecord(task, offer.role(), used, model);
        framework.tasks.put(task.getTaskId().getValue(), record);
        cluster.events().taskAdded(model);
        return record;
    }

    /** Frameworks that are not MULTI_ROLE leave allocation_info out; Mesos fills it in from the offer. */
    private static TaskInfo withAllocationRole(TaskInfo task, String role) {
        TaskInfo.Builder builder = task.toBuilder().clearResources().addAllResources(allocated(task.getResourcesList(), role));
        if (task.hasExecutor()) {
            builder.setExecutor(task.getExecutor().toBuilder().clearResources()
                    .addAllResources(allocated(task.getExecutor().getResourcesList(), role)));
        }
        return builder.build();
    }

    /** Also moves reservations in the pre-refinement format ({@code role}, {@code reservation}) to {@code reservations}. */
    private static List<Resource> allocated(List<Resource> resources, String role) {
        List<Resource> result = new ArrayList<>();
        for (Resource submitted : resources) {
            Resource resource = upgraded(submitted);
            result.add(resource.hasAllocationInfo() ? resource
                    : resource.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role)).build());
        }
        return result;
    }

    private static Resource upgraded(Resource resource) {
        try {
            return io.osmos.api.resources.Reservations.upgrade(resource);
        } catch (IllegalArgumentException e) {
            return resource;
        }
    }

    private String takeOffers(FrameworkRecord framework, List<OfferID> ids, List<OfferRecord> taken) {
        if (ids.isEmpty()) {
            return "No offers specified";
        }
        Set<String> seen = new LinkedHashSet<>();
        String problem = null;
        for (OfferID id : ids) {
            OfferRecord offer = cluster.offers().get(id.getValue());
            if (!seen.add(id.getValue())) {
                problem = "Duplicate offer " + id.getValue() + " in ACCEPT";
            } else if (offer == null || !offer.frameworkId().equals(framework.id())) {
                problem = problem != null ? problem : "Offer " + id.getValue() + " is no longer valid";
            } else {
                cluster.offers().remove(id.getValue());
                taken.add(offer);
                if (!offer.agentId().equals(taken.get(0).agentId())) {
                    problem = "Aggregated offers must belong to one single agent";
                }
            }
        }
        return problem;
    }

    private void dropTasks(FrameworkRecord framework, Call.Accept accept, String problem) {
        LOG.warn("Framework {}: ACCEPT rejected: {}", framework.id(), problem);
        for (Offer.Operation operation : accept.getOperationsList()) {
            if (operation.getType() != Offer.Operation.Type.LAUNCH
                    && operation.getType() != Offer.Operation.Type.LAUNCH_GROUP) {
                operations.drop(framework, null, operation, problem);
                continue;
            }
            List<TaskInfo> tasks = operation.getType() == Offer.Operation.Type.LAUNCH
                    ? operation.getLaunch().getTaskInfosList()
                    : operation.getLaunchGroup().getTaskGroup().getTasksList();
            for (TaskInfo task : tasks) {
                updates.dropped(framework, task, problem);
            }
        }
    }
}
