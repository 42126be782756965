package io.osmos.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskGroupInfo;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.scheduler.Event;

/**
 * Recovery after SIGKILL with many tasks: a master and an agent as separate processes, a checkpointing
 * framework running {@code tasks} sleepers in task groups of 100 under the default executor; the agent
 * is killed and restarted (time until the agent has re-registered with every task still running),
 * then the master (time until the agent has re-registered and the restarted master lists every task).
 * Prints a Markdown row per size. Run: {@code bash distribution/itests/recovery-benchmark.sh 100 1000}.
 */
public final class RecoveryBenchmark {

    private static final int GROUP = 100;

    private RecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| tasks | agent SIGKILL → re-registered, all tasks running | master SIGKILL → all tasks listed running |");
        System.out.println("|---|---|---|");
        for (String arg : args) {
            System.out.println(measure(Integer.parseInt(arg)));
        }
        System.exit(0);
    }

    private static String measure(int tasks) throws Exception {
        String masterPort = OsmosOptions.freePort();
        Path dir = Files.createTempDirectory("osmos-recovery-");
        String root = "osmos-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (OsmosProcess master = new OsmosProcess(dir.resolve("m"), "master", "--master_port=" + masterPort);
                OsmosProcess agent = new OsmosProcess(dir.resolve("a"), "agent", "--agent_port=" + OsmosOptions.freePort(),
                        "--master=127.0.0.1:" + masterPort, "--resources=cpus:64;mem:65536", "--cgroups_root=" + root)) {
            OperatorClient operator = new OperatorClient(masterPort);
            awaitRunning(operator, 0, 120);
            TestScheduler scheduler = new TestScheduler(masterPort, MediaType.PROTOBUF);
            FrameworkInfo framework = Tasks.framework("bench", "bench").toBuilder().setCheckpoint(true)
                    .setFailoverTimeout(3600).build();
            scheduler.subscribe(framework);
            java.util.Map<String, TaskState> running = new java.util.HashMap<>();
            for (int launched = 0; launched < tasks; launched += GROUP) {
                Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 60).getOffers().getOffers(0);
                scheduler.send(group(offer, launched, Math.min(GROUP, tasks - launched)));
                for (int i = launched; i < Math.min(tasks, launched + GROUP); i++) {
                    running.put("t" + i, TaskState.TASK_RUNNING);
                }
            }
            // Acknowledged on the way: an agent sends a task's next update only once the last one is.
            scheduler.awaitStates(running, 600);
            awaitRunning(operator, tasks, 600);
            scheduler.close();

            long registered = registeredNanos(operator);
            long start = System.nanoTime();
            agent.killAndRestart();
            while (registeredNanos(operator) == registered) {
                Thread.sleep(50);
            }
            awaitRunning(operator, tasks, 600);
            double agentSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            master.killAndRestart();
            awaitRunning(operator, tasks, 600);
            double masterSeconds = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT, "| %,d | %.1f s | %.1f s |", tasks, agentSeconds, masterSeconds);
        } finally {
            Leftovers.endProcessesUnder(dir);
            Leftovers.removeCgroups(root);
        }
    }

    private static io.osmos.proto.v1.scheduler.Call.Builder group(Offer offer, int first, int count) {
        ExecutorInfo executor = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue("group-" + first))
                .addResources(Tasks.scalar("cpus", 0.1, "bench")).addResources(Tasks.scalar("mem", 32, "bench")).build();
        TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
        for (int i = first; i < first + count; i++) {
            group.addTasks(TaskInfo.newBuilder().setName("t" + i).setTaskId(TaskID.newBuilder().setValue("t" + i))
                    .setAgentId(offer.getAgentId()).addResources(Tasks.scalar("cpus", 0.01, "bench"))
                    .addResources(Tasks.scalar("mem", 4, "bench")).setCommand(CommandInfo.newBuilder()
                            .setValue("sleep 3600")));
        }
        return io.osmos.proto.v1.scheduler.Call.newBuilder().setType(io.osmos.proto.v1.scheduler.Call.Type.ACCEPT)
                .setAccept(io.osmos.proto.v1.scheduler.Call.Accept.newBuilder().addOfferIds(offer.getId())
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
                                .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor)
                                        .setTaskGroup(group))));
    }

    /** When the master last saw the agent (re-)register; changes when the restarted agent is back. */
    private static long registeredNanos(OperatorClient operator) throws Exception {
        io.osmos.proto.v1.master.Response.GetAgents.Agent agent = operator.call(Call.Type.GET_AGENTS).getGetAgents()
                .getAgents(0);
        return Math.max(agent.getRegisteredTime().getNanoseconds(), agent.getReregisteredTime().getNanoseconds());
    }

    /** Until the master answers and lists {@code count} running tasks (and an agent when 0). */
    private static void awaitRunning(OperatorClient operator, int count, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (count == 0 ? operator.call(Call.Type.GET_AGENTS).getGetAgents().getAgentsCount() > 0
                        : operator.call(Call.Type.GET_TASKS).getGetTasks().getTasksList().stream()
                                .filter(t -> t.getState() == TaskState.TASK_RUNNING).count() >= count) {
                    return;
                }
            } catch (java.io.IOException e) {
                // Restarting: ask again.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not " + count + " running tasks within " + seconds + " s");
    }
}
