package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.inject.Inject;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.ResourceStatistics;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.agent.Response;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks run under the real cgroups/cpu and cgroups/mem isolators on this machine's kernel (cgroup v1):
 * their cgroup files, CPU bursting and throttling, memory OOM, task groups in nested cgroups, no
 * leaked cgroups, and an isolator bundle updated under a running task.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContainerIsolationTest {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerIsolationTest.class);
    private static final Path CPU = Path.of("/sys/fs/cgroup/cpu");
    private static final Path CPUACCT = Path.of("/sys/fs/cgroup/cpuacct");
    private static final Path MEMORY = Path.of("/sys/fs/cgroup/memory");
    private static final long MB = 1024 * 1024;
    private static final String UNLIMITED_MEMORY = "9223372036854771712";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return OsmosOptions.feature("local", Map.of("master_port", OsmosOptions.freePort(), "agent_port",
                OsmosOptions.freePort(), "resources", "cpus:8;mem:8192", "cgroups_root",
                "osmos-it-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    private static void assumeCgroupV1() {
        boolean present = Files.isWritable(CPU.resolve("cpu.shares")) && Files.isWritable(MEMORY.resolve("memory.limit_in_bytes"));
        if (!present) {
            LOG.warn("Skipping: this kernel has no writable cgroup v1 cpu and memory hierarchies");
        }
        Assume.assumeTrue("cgroup v1 cpu and memory hierarchies", present);
    }

    private static String root() {
        return System.getProperty("osmos.test.cgroups_root");
    }

    private static TestScheduler scheduler() {
        return new TestScheduler(System.getProperty("osmos.test.master_port"), MediaType.PROTOBUF);
    }

    private static Offer offer(TestScheduler scheduler) throws Exception {
        return scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
    }

    private static TaskInfo task(String id, Offer offer, String role, String shell, double cpus, Double cpuLimit,
            double mem, Double memLimit) {
        TaskInfo.Builder task = TaskInfo.newBuilder().setName(id).setTaskId(io.osmos.proto.v1.TaskID.newBuilder().setValue(id))
                .setAgentId(offer.getAgentId()).addResources(Tasks.scalar("cpus", cpus, role))
                .addResources(Tasks.scalar("mem", mem, role))
                .setCommand(io.osmos.proto.v1.CommandInfo.newBuilder().setValue(shell));
        if (cpuLimit != null) {
            task.putLimits("cpus", Value.Scalar.newBuilder().setValue(cpuLimit).build());
        }
        if (memLimit != null) {
            task.putLimits("mem", Value.Scalar.newBuilder().setValue(memLimit).build());
        }
        return task.build();
    }

    @Test
    public void cgroupFilesHoldTheRequestsAndLimits() throws Exception {
        assumeCgroupV1();
        try (TestScheduler scheduler = scheduler()) {
            scheduler.subscribe(Tasks.framework("files", "files"));
            Offer offer = offer(scheduler);
            scheduler.send(Tasks.launch(offer,
                    task("requests", offer, "files", "sleep 60", 0.25, null, 64, null),
                    task("limits", offer, "files", "sleep 60", 0.25, 1.0, 32, 128.0),
                    task("infinity", offer, "files", "sleep 60", 0.25, Double.POSITIVE_INFINITY, 32,
                            Double.POSITIVE_INFINITY)));
            for (String id : List.of("requests", "limits", "infinity")) {
                scheduler.awaitState(id, TaskState.TASK_RUNNING, 30);
            }
            // The command executor adds 0.1 cpus and 32 MB to its task, as Mesos' does.
            Path requests = container("requests");
            assertEquals("358", read(CPU.resolve(requests).resolve("cpu.shares")));
            assertEquals("-1", read(CPU.resolve(requests).resolve("cpu.cfs_quota_us")));
            assertEquals(String.valueOf(96 * MB), read(MEMORY.resolve(requests).resolve("memory.soft_limit_in_bytes")));
            assertEquals(String.valueOf(96 * MB), read(MEMORY.resolve(requests).resolve("memory.limit_in_bytes")));
            Path limits = container("limits");
            assertEquals("358", read(CPU.resolve(limits).resolve("cpu.shares")));
            assertEquals("100000", read(CPU.resolve(limits).resolve("cpu.cfs_period_us")));
            assertEquals("110000", read(CPU.resolve(limits).resolve("cpu.cfs_quota_us")));
            assertEquals(String.valueOf(64 * MB), read(MEMORY.resolve(limits).resolve("memory.soft_limit_in_bytes")));
            assertEquals(String.valueOf(160 * MB), read(MEMORY.resolve(limits).resolve("memory.limit_in_bytes")));
            Path infinity = container("infinity");
            assertEquals("-1", read(CPU.resolve(infinity).resolve("cpu.cfs_quota_us")));
            assertEquals(UNLIMITED_MEMORY, read(MEMORY.resolve(infinity).resolve("memory.limit_in_bytes")));
            long executorPid = Long.parseLong(read(MEMORY.resolve(limits).resolve("cgroup.procs")).lines().findFirst().orElseThrow());
            assertTrue("the executor is in its cgroups from its start",
                    ProcessHandle.of(executorPid).flatMap(p -> p.info().commandLine()).orElse("").contains("java"));
            ResourceStatistics statistics = statistics("limits");
            assertEquals(1.1, statistics.getCpusLimit(), 0.001);
            assertEquals(160 * MB, statistics.getMemLimitBytes());
            assertEquals(64 * MB, statistics.getMemSoftLimitBytes());
            killAll(scheduler, "requests", "limits", "infinity");
        }
    }

    @Test
    public void aBurstableTaskUsesAWholeCpuWhileALimitedOneIsThrottled() throws Exception {
        assumeCgroupV1();
        try (TestScheduler scheduler = scheduler()) {
            scheduler.subscribe(Tasks.framework("burst", "burst"));
            Offer offer = offer(scheduler);
            String loop = "while :; do :; done";
            scheduler.send(Tasks.launch(offer, task("burst", offer, "burst", loop, 0.25, 1.0, 32, null),
                    task("throttled", offer, "burst", loop, 0.25, 0.25, 32, null)));
            scheduler.awaitState("burst", TaskState.TASK_RUNNING, 30);
            scheduler.awaitState("throttled", TaskState.TASK_RUNNING, 30);
            Thread.sleep(1_000);
            Path burst = CPUACCT.resolve(container("burst")).resolve("cpuacct.usage");
            Path throttled = CPUACCT.resolve(container("throttled")).resolve("cpuacct.usage");
            long burst0 = Long.parseLong(read(burst));
            long throttled0 = Long.parseLong(read(throttled));
            long start = System.nanoTime();
            Thread.sleep(3_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            double burstCpus = (Long.parseLong(read(burst)) - burst0) / 1e9 / seconds;
            double throttledCpus = (Long.parseLong(read(throttled)) - throttled0) / 1e9 / seconds;
            LOG.info("Measured CPU use: burstable (request 0.25, limit 1) {} cpus; limited (0.25, limit 0.25) {} cpus",
                    String.format("%.3f", burstCpus), String.format("%.3f", throttledCpus));
            assertTrue("the burstable task uses about one CPU: " + burstCpus, burstCpus > 0.8);
            // Its container's quota is 0.35 cpus: the task's 0.25 and the command executor's 0.1.
            assertTrue("the limited task is throttled: " + throttledCpus, throttledCpus < 0.45 && throttledCpus > 0.15);
            assertTrue("the kernel throttled it", statistics("throttled").getCpusNrThrottled() > 0);
            killAll(scheduler, "burst", "throttled");
        }
    }

    @Test
    public void aTaskOverItsMemoryLimitIsKilledAndReportedAsMesosDoes() throws Exception {
        assumeCgroupV1();
        try (TestScheduler scheduler = scheduler()) {
            scheduler.subscribe(Tasks.framework("oom", "oom"));
            Offer offer = offer(scheduler);
            scheduler.send(Tasks.launch(offer,
                    task("fits", offer, "oom", "dd if=/dev/zero of=/dev/null bs=100M count=20", 0.1, null, 32, 128.0),
                    task("grows", offer, "oom", "dd if=/dev/zero of=/dev/null bs=200M count=20", 0.1, null, 32, 128.0)));
            scheduler.awaitState("fits", TaskState.TASK_FINISHED, 60);
            TaskStatus oom = scheduler.awaitState("grows", TaskState.TASK_FAILED, 60);
            LOG.info("The framework received for the OOM task: {} {} {}: {}", oom.getState(), oom.getReason(),
                    oom.getSource(), oom.getMessage());
            assertEquals(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY, oom.getReason());
            assertTrue(oom.getMessage(), oom.getMessage().startsWith("Memory limit exceeded"));
            assertTrue(oom.getMessage(), oom.getMessage().contains("160"));
        }
    }

    @Test
    public void theMemoryIsolatorCanBeUpdatedUnderARunningTaskAndStillReportsItsOom() throws Exception {
        assumeCgroupV1();
        try (TestScheduler scheduler = scheduler()) {
            scheduler.subscribe(Tasks.framework("swap", "swap"));
            Offer offer = offer(scheduler);
            Path go = Files.createTempFile("osmos-swap", ".go");
            Files.delete(go);
            scheduler.send(Tasks.launch(offer, task("swapped", offer, "swap", "while [ ! -e " + go + " ]; do sleep 0.1; done; "
                    + "dd if=/dev/zero of=/dev/null bs=200M count=20", 0.1, null, 32, 128.0)));
            scheduler.awaitState("swapped", TaskState.TASK_RUNNING, 30);
            Path cgroup = MEMORY.resolve(container("swapped"));
            org.osgi.framework.Bundle isolator = Bundles.find(context, "io.osmos.isolator.cgroups.memory");
            long before = isolator.getLastModified();
            Bundles.updateAndRefresh(context, isolator);
            assertTrue("the bundle was updated", isolator.getLastModified() >= before);
            assertEquals(org.osgi.framework.Bundle.ACTIVE, isolator.getState());
            assertEquals("the limit stays in force", String.valueOf(160 * MB), read(cgroup.resolve("memory.limit_in_bytes")));
            long deadline = System.currentTimeMillis() + 10_000;
            ResourceStatistics statistics = statistics("swapped");
            while (!statistics.hasMemLimitBytes() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                statistics = statistics("swapped");
            }
            assertEquals("the new instance reports usage", 160 * MB, statistics.getMemLimitBytes());
            Files.createFile(go);
            TaskStatus oom = scheduler.awaitState("swapped", TaskState.TASK_FAILED, 60);
            assertEquals(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY, oom.getReason());
            Files.deleteIfExists(go);
            // The executor exits after its task: its cgroups go before the framework (and the test) ends.
            awaitGone(cgroup);
            awaitGone(CPU.resolve(MEMORY.relativize(cgroup)));
        }
    }

    @Test
    public void taskGroupTasksWithoutSharedCgroupsGetNestedCgroupsOfTheirOwn() throws Exception {
        assumeCgroupV1();
        try (TestScheduler scheduler = scheduler()) {
            scheduler.subscribe(Tasks.framework("groups", "groups"));
            java.util.Set<String> used = new java.util.HashSet<>();
            Offer offer = scheduler.unusedOffers(used, 30).get(0);
            scheduler.send(launchGroup(offer, task("small", offer, "groups", "sleep 120", 0.25, 0.5, 32, 64.0),
                    task("large", offer, "groups", "sleep 120", 0.5, 1.0, 64, 256.0)));
            Map<String, TaskStatus> running = scheduler.awaitStates(
                    Map.of("small", TaskState.TASK_RUNNING, "large", TaskState.TASK_RUNNING), 60);
            Path executor = container("default");
            Path small = nestedCgroup(executor, running.get("small"));
            Path large = nestedCgroup(executor, running.get("large"));
            assertEquals("256", read(CPU.resolve(small).resolve("cpu.shares")));
            assertEquals("50000", read(CPU.resolve(small).resolve("cpu.cfs_quota_us")));
            assertEquals(String.valueOf(32 * MB), read(MEMORY.resolve(small).resolve("memory.soft_limit_in_bytes")));
            assertEquals(String.valueOf(64 * MB), read(MEMORY.resolve(small).resolve("memory.limit_in_bytes")));
            assertEquals("512", read(CPU.resolve(large).resolve("cpu.shares")));
            assertEquals("100000", read(CPU.resolve(large).resolve("cpu.cfs_quota_us")));
            assertEquals(String.valueOf(256 * MB), read(MEMORY.resolve(large).resolve("memory.limit_in_bytes")));
            assertTrue("the task's sleep runs in its own cgroup", read(CPU.resolve(small).resolve("cgroup.procs")).lines()
                    .map(pid -> ProcessHandle.of(Long.parseLong(pid)).flatMap(p -> p.info().commandLine()).orElse(""))
                    .anyMatch(command -> command.contains("sleep 120")));
            // The executor's cgroup holds the executor's 0.1 cpus and 32 MB plus every task's.
            assertEquals("870", read(CPU.resolve(executor).resolve("cpu.shares")));
            assertEquals(String.valueOf(352 * MB), read(MEMORY.resolve(executor).resolve("memory.limit_in_bytes")));
            assertEquals("the executor and both task containers are listed", 3, containers(true).stream()
                    .filter(c -> c.getExecutorId().getValue().equals("default")).count());

            Offer more = scheduler.unusedOffers(used, 30).get(0);
            scheduler.send(launchGroup(more, task("extra", more, "groups", "sleep 120", 0.25, null, 32, null)));
            TaskStatus extra = scheduler.awaitState("extra", TaskState.TASK_RUNNING, 60);
            assertEquals("a second group joins the same executor", executor.getFileName().toString(),
                    extra.getContainerStatus().getContainerId().getParent().getValue());
            assertEquals("the executor's cgroup grows with the group", "1126",
                    read(CPU.resolve(executor).resolve("cpu.shares")));

            for (String id : List.of("small", "large", "extra")) {
                scheduler.send(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
                        .setTaskId(io.osmos.proto.v1.TaskID.newBuilder().setValue(id))));
            }
            scheduler.awaitStates(Map.of("small", TaskState.TASK_KILLED, "large", TaskState.TASK_KILLED, "extra",
                    TaskState.TASK_KILLED), 60);
            for (Path cgroup : List.of(small, large, executor)) {
                awaitGone(CPU.resolve(cgroup));
                awaitGone(MEMORY.resolve(cgroup));
            }
        }
    }

    private static Call.Builder launchGroup(Offer offer, TaskInfo... tasks) {
        io.osmos.proto.v1.ExecutorInfo executor = io.osmos.proto.v1.ExecutorInfo.newBuilder()
                .setType(io.osmos.proto.v1.ExecutorInfo.Type.DEFAULT)
                .setExecutorId(io.osmos.proto.v1.ExecutorID.newBuilder().setValue("default"))
                .addResources(Tasks.scalar("cpus", 0.1, "groups")).addResources(Tasks.scalar("mem", 32, "groups")).build();
        io.osmos.proto.v1.TaskGroupInfo.Builder group = io.osmos.proto.v1.TaskGroupInfo.newBuilder();
        for (TaskInfo task : tasks) {
            group.addTasks(task.toBuilder().setContainer(io.osmos.proto.v1.ContainerInfo.newBuilder()
                    .setType(io.osmos.proto.v1.ContainerInfo.Type.MESOS)
                    .setLinuxInfo(io.osmos.proto.v1.LinuxInfo.newBuilder().setShareCgroups(false))));
        }
        return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
                .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
                        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor)
                                .setTaskGroup(group))));
    }

    /** {@code <executor cgroup>/mesos/<task container>}, the task's container named in its status. */
    private static Path nestedCgroup(Path executor, TaskStatus status) {
        io.osmos.proto.v1.ContainerID id = status.getContainerStatus().getContainerId();
        assertEquals("the task runs in a container nested in the executor's", executor.getFileName().toString(),
                id.getParent().getValue());
        return executor.resolve("mesos").resolve(id.getValue());
    }

    @Test
    public void noCgroupIsLeftAfterFiftyLaunches() throws Exception {
        assumeCgroupV1();
        try (TestScheduler scheduler = scheduler()) {
            scheduler.subscribe(Tasks.framework("leaks", "leaks"));
            java.util.Set<String> used = new java.util.HashSet<>();
            for (int round = 0; round < 5; round++) {
                List<Offer> offers = scheduler.unusedOffers(used, 30);
                Offer offer = offers.get(0);
                List<TaskInfo> tasks = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    tasks.add(task("t" + round + "-" + i, offer, "leaks", "true", 0.1, null, 16, 64.0));
                }
                Call.Builder launch = Tasks.launch(offer, tasks.toArray(TaskInfo[]::new));
                offers.subList(1, offers.size()).forEach(o -> launch.getAcceptBuilder().addOfferIds(o.getId()));
                scheduler.send(launch);
                for (TaskInfo task : tasks) {
                    scheduler.acknowledge(scheduler.awaitState(task.getTaskId().getValue(), TaskState.TASK_FINISHED, 60));
                }
            }
        }
        for (Path hierarchy : List.of(CPU, CPUACCT, MEMORY)) {
            awaitNoChildren(hierarchy.resolve(root()));
        }
    }

    private void killAll(TestScheduler scheduler, String... ids) throws Exception {
        for (String id : ids) {
            scheduler.send(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
                    .setTaskId(io.osmos.proto.v1.TaskID.newBuilder().setValue(id))));
        }
        for (String id : ids) {
            scheduler.awaitState(id, TaskState.TASK_KILLED, 30);
        }
    }

    /** The cgroup (relative to a hierarchy) of the container of the executor with this id. */
    static Path container(String executorId) throws Exception {
        for (Response.GetContainers.Container container : containers()) {
            if (container.getExecutorId().getValue().equals(executorId)) {
                return Path.of(root(), container.getContainerId().getValue());
            }
        }
        throw new AssertionError("No container for executor " + executorId + " in " + containers());
    }

    static ResourceStatistics statistics(String executorId) throws Exception {
        for (Response.GetContainers.Container container : containers()) {
            if (container.getExecutorId().getValue().equals(executorId)) {
                return container.getResourceStatistics();
            }
        }
        throw new AssertionError("No container for executor " + executorId);
    }

    static List<Response.GetContainers.Container> containers() throws Exception {
        return containers(false);
    }

    static List<Response.GetContainers.Container> containers(boolean showNested) throws Exception {
        var response = new OperatorClient(System.getProperty("osmos.test.agent_port")).post("/api/v1",
                "application/x-protobuf", "application/x-protobuf", io.osmos.proto.v1.agent.Call.newBuilder()
                        .setType(io.osmos.proto.v1.agent.Call.Type.GET_CONTAINERS).setGetContainers(io.osmos.proto.v1.agent.Call
                        .GetContainers.newBuilder().setShowNested(showNested)).build().toByteArray());
        assertEquals(new String(response.body()), 200, response.statusCode());
        return Response.parseFrom(response.body()).getGetContainers().getContainersList();
    }

    static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    static void awaitGone(Path cgroup) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (Files.exists(cgroup) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue("removed: " + cgroup, !Files.exists(cgroup));
    }

    static void awaitNoChildren(Path root) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        List<Path> children = children(root);
        while (!children.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            children = children(root);
        }
        assertEquals("cgroups left under " + root, List.of(), children);
    }

    private static List<Path> children(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(Files::isDirectory).toList();
        }
    }
}
