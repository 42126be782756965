package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.Filters;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskGroupInfo;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;

/**
 * A framework that keeps an agent busy while modules are swapped: long tasks that must stay running,
 * and short task groups launched on every offer that must each finish exactly once. It records every
 * status update (acknowledging it) so that a test can tell lost, killed and duplicated tasks apart.
 */
final class LoadFramework implements AutoCloseable {

    private static final String ROLE = "load";
    private static final int SHORT_TASKS_PER_GROUP = 2;

    private final TestScheduler scheduler;
    /** Task id → the updates received, in order; a retransmission (same uuid) is recorded once. */
    private final Map<String, List<TaskStatus>> updates = new LinkedHashMap<>();
    private final Set<String> uuids = new HashSet<>();
    private final Set<String> longTasks = new HashSet<>();
    private final Set<String> shortTasks = new HashSet<>();
    /** Calls the master did not take (anything but 202), with its answer. */
    private final List<String> refusedCalls = new ArrayList<>();
    private boolean launching;
    private int groups;

    LoadFramework(String masterPort) throws Exception {
        scheduler = new TestScheduler(masterPort, MediaType.PROTOBUF);
        // Checkpointing, so that its executors ride out an agent or transport swap (Mesos' semantics).
        scheduler.subscribe(Tasks.framework("load", ROLE).toBuilder().setCheckpoint(true).build());
    }

    /** Launches {@code count} long tasks in one group and waits until all run. */
    void startLongTasks(int count) throws Exception {
        Offer offer = nextOffer(60_000);
        TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
        for (int i = 0; i < count; i++) {
            String id = "long-" + i;
            longTasks.add(id);
            group.addTasks(task(id, offer, "sleep 600"));
        }
        launch(offer, "long", group);
        long deadline = System.currentTimeMillis() + 120_000;
        while (running(longTasks) < count && System.currentTimeMillis() < deadline) {
            pump(200);
        }
        assertEquals("long tasks running; saw " + scheduler.summary(), count, running(longTasks));
    }

    void launching(boolean on) {
        launching = on;
    }

    int shortTasksLaunched() {
        return shortTasks.size();
    }

    /** Handles events for this long: offers (used for short groups or declined) and status updates. */
    void pump(long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
            Event event = scheduler.poll(left);
            if (event == null) {
                return;
            }
            if (event.getType() == Event.Type.OFFERS) {
                for (Offer offer : event.getOffers().getOffersList()) {
                    offered(offer);
                }
            } else if (event.getType() == Event.Type.UPDATE) {
                record(event.getUpdate().getStatus());
            }
        }
    }

    /** Stops launching and waits until every short task has ended; fails after {@code millis}. */
    void drainShortTasks(long millis) throws Exception {
        launching = false;
        long deadline = System.currentTimeMillis() + millis;
        while (!allEnded(shortTasks) && System.currentTimeMillis() < deadline) {
            pump(200);
        }
        assertTrue("short tasks still not ended: " + notEnded(shortTasks), allEnded(shortTasks));
    }

    /** No task lost or killed, no update lost, none launched twice. */
    void assertNothingLost() {
        for (String id : longTasks) {
            List<TaskState> states = states(id);
            assertEquals(id + " still runs, and ran once: " + describe(id), TaskState.TASK_RUNNING, states.get(states.size() - 1));
            assertEquals(id + " was launched once: " + states, 1, states.stream().filter(s -> s == TaskState.TASK_RUNNING)
                    .count());
        }
        for (String id : shortTasks) {
            List<TaskState> states = states(id);
            assertTrue(id + " started and finished once: " + describe(id), states.equals(List.of(TaskState.TASK_STARTING,
                    TaskState.TASK_RUNNING, TaskState.TASK_FINISHED)) || states.equals(List.of(TaskState.TASK_RUNNING,
                    TaskState.TASK_FINISHED)));
        }
    }

    /** Every ACCEPT, DECLINE and ACKNOWLEDGE was taken (202), whatever was being swapped meanwhile. */
    void assertEveryCallTaken() {
        assertEquals("calls the master did not take", List.of(), refusedCalls);
    }

    private void call(Call.Builder call) throws Exception {
        java.net.http.HttpResponse<String> answer = scheduler.send(call);
        if (answer.statusCode() != 202) {
            refusedCalls.add(call.getType() + " " + answer.statusCode() + " " + answer.body());
        }
    }

    private void offered(Offer offer) throws Exception {
        if (!launching) {
            call(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                    .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(0.5))));
            return;
        }
        TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
        for (int i = 0; i < SHORT_TASKS_PER_GROUP; i++) {
            String id = "short-" + groups + "-" + i;
            shortTasks.add(id);
            group.addTasks(task(id, offer, "sleep 0.2"));
        }
        // An executor of its own per group: the default executor ends once its tasks have, and a
        // group sent to one that is ending fails (in Mesos too).
        launch(offer, "short-" + groups, group);
        groups++;
    }

    private Offer nextOffer(long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
            Event event = scheduler.poll(left);
            if (event != null && event.getType() == Event.Type.OFFERS) {
                return event.getOffers().getOffers(0);
            }
            if (event != null && event.getType() == Event.Type.UPDATE) {
                record(event.getUpdate().getStatus());
            }
        }
        throw new AssertionError("No offer; saw " + scheduler.summary());
    }

    private void record(TaskStatus status) throws Exception {
        if (status.hasUuid()) {
            call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
                    .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())));
        }
        String key = status.getTaskId().getValue() + "/" + status.getUuid().toStringUtf8() + "/" + status.getState();
        if (!status.hasUuid() || uuids.add(key)) {
            updates.computeIfAbsent(status.getTaskId().getValue(), k -> new ArrayList<>()).add(status);
        }
    }

    private void launch(Offer offer, String executorId, TaskGroupInfo.Builder group) throws Exception {
        ExecutorInfo executor = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue(executorId))
                .addResources(Tasks.scalar("cpus", 0.1, ROLE)).addResources(Tasks.scalar("mem", 32, ROLE)).build();
        call(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(0.2))
                .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
                        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor)
                                .setTaskGroup(group)))));
    }

    private static TaskInfo task(String id, Offer offer, String shell) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(offer.getAgentId()).addResources(Tasks.scalar("cpus", 0.01, ROLE))
                .addResources(Tasks.scalar("mem", 4, ROLE)).setCommand(CommandInfo.newBuilder().setValue(shell))
                .build();
    }

    private String describe(String id) {
        return updates.getOrDefault(id, List.of()).stream()
                .map(s -> s.getState() + (s.hasReason() ? " " + s.getReason() : "") + (s.hasMessage() ? " '"
                        + s.getMessage() + "'" : "")).toList().toString();
    }

    private List<TaskState> states(String id) {
        return updates.getOrDefault(id, List.of()).stream().map(TaskStatus::getState).toList();
    }

    private long running(Set<String> ids) {
        return ids.stream().filter(id -> {
            List<TaskState> states = states(id);
            return !states.isEmpty() && states.get(states.size() - 1) == TaskState.TASK_RUNNING;
        }).count();
    }

    private boolean allEnded(Set<String> ids) {
        return notEnded(ids).isEmpty();
    }

    private Map<String, List<TaskState>> notEnded(Set<String> ids) {
        Map<String, List<TaskState>> open = new HashMap<>();
        for (String id : ids) {
            List<TaskState> states = states(id);
            if (states.isEmpty() || !io.osmos.api.task.TaskStates.terminal(states.get(states.size() - 1))) {
                open.put(id, states);
            }
        }
        return open;
    }

    /**
     * Kills the long tasks and waits for them to end: its executors checkpoint, so they would outlive
     * the agent (and the test) otherwise.
     */
    @Override
    public void close() throws Exception {
        try {
            launching = false;
            for (String id : longTasks) {
                scheduler.send(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue(id))));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (!allEnded(longTasks) && System.currentTimeMillis() < deadline) {
                pump(200);
            }
        } finally {
            scheduler.close();
        }
    }
}
