package io.osmos.master.impl;

import java.lang.reflect.Proxy;
import java.util.List;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Label;
import io.osmos.proto.v1.Labels;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

/**
 * A master outside OSGi holding the model of Mesos' {@code MasterStateQuery_BENCHMARK_Test}: per agent,
 * {@code frameworksPerAgent} frameworks with {@code tasksPerFramework} running tasks each and as many
 * completed ones ({@code cpus:0.1;mem:5}, 10 labels each). Mesos keeps the completed tasks in completed
 * frameworks; here they sit in the frameworks' completed lists, since the master keeps only 50
 * completed frameworks, so the task counts and bytes match the benchmark's.
 */
final class BenchmarkCluster {

    private BenchmarkCluster() {
    }

    static Master master() {
        return master(java.util.Map.of());
    }

    /** A master whose configuration has these values (by attribute name), else the defaults. */
    static Master master(java.util.Map<String, Object> values) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> method.getName().equals("getVersion") ? new Version(0, 1, 0) : null);
        BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> method.getName().equals("getBundle") ? bundle : null);
        Master.Config config = (Master.Config) Proxy.newProxyInstance(Master.Config.class.getClassLoader(),
                new Class<?>[] {Master.Config.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
        return new Master(context, config);
    }

    /** Binds the real DRF allocator, with its default configuration, on the master's loop. */
    static void bindDrfAllocator(Master master) throws Exception {
        io.osmos.allocator.drf.HierarchicalDrfAllocator.Config config =
                (io.osmos.allocator.drf.HierarchicalDrfAllocator.Config) Proxy.newProxyInstance(
                        io.osmos.allocator.drf.HierarchicalDrfAllocator.Config.class.getClassLoader(),
                        new Class<?>[] {io.osmos.allocator.drf.HierarchicalDrfAllocator.Config.class},
                        (proxy, method, args) -> method.getDefaultValue());
        master.loop().submit(() -> {
            master.cluster().allocator().bind(new io.osmos.allocator.drf.HierarchicalDrfAllocator(config));
            return null;
        }).get();
    }

    /** Fills the master's model; call before anything else uses the master. */
    static void populate(Master master, int agents, int frameworksPerAgent, int tasksPerFramework) throws Exception {
        master.loop().submit(() -> {
            fill(master, agents, frameworksPerAgent, tasksPerFramework);
            return null;
        }).get();
    }

    private static void fill(Master master, int agents, int frameworksPerAgent, int tasksPerFramework) {
        long now = System.currentTimeMillis() * 1_000_000L;
        Labels labels = labels();
        // As launched tasks hold them: allocated to the framework's role.
        List<Resource> taskResources = Resources.parse("cpus:0.1;mem:5").allocatedTo("*").toList();
        AgentInfo.Builder agentInfo = AgentInfo.newBuilder().setPort(5051)
                .addAllResources(Resources.parse("cpus:64;mem:262144;disk:1048576;ports:[31000-32000]").toList());
        for (int a = 0; a < agents; a++) {
            AgentRecord agent = master.agents().subscribe(agentInfo.setHostname("agent-" + a).build(),
                    List.of(AgentInfo.Capability.newBuilder().setType(AgentInfo.Capability.Type.MULTI_ROLE).build()),
                    "1.10.0", "10.0." + (a / 250) + "." + (a % 250) + ":5051", "stream-" + a, now);
            for (int f = 0; f < frameworksPerAgent; f++) {
                String id = "framework-" + a + "-" + f;
                FrameworkRecord framework = new FrameworkRecord(FrameworkID.newBuilder().setValue(id).build(),
                        FrameworkInfo.newBuilder().setUser("root").setName(id).addRoles("*")
                                .setId(FrameworkID.newBuilder().setValue(id)).build(), now);
                framework.active = true;
                for (int t = 0; t < tasksPerFramework; t++) {
                    add(framework, agent, id + "-task-" + t, TaskState.TASK_RUNNING, taskResources, labels, now, false);
                    add(framework, agent, id + "-done-" + t, TaskState.TASK_FINISHED, taskResources, labels, now, true);
                }
                master.cluster().add(framework);
            }
        }
    }

    private static void add(FrameworkRecord framework, AgentRecord agent, String taskId, TaskState state,
            List<Resource> resources, Labels labels, long nowNanos, boolean completed) {
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId)).setState(state)
                .setTimestamp(nowNanos / 1e9).setAgentId(agent.info().getId()).build();
        TaskInfo info = TaskInfo.newBuilder().setName(taskId).setTaskId(status.getTaskId())
                .setAgentId(agent.info().getId()).addAllResources(resources).setLabels(labels).build();
        Task task = Task.newBuilder().setName(taskId).setTaskId(status.getTaskId()).setFrameworkId(framework.id)
                .setAgentId(agent.info().getId()).setState(state).addAllResources(resources).addStatuses(status)
                .setLabels(labels).build();
        TaskRecord record = new TaskRecord(info, "*", Resources.of(resources), task);
        (completed ? framework.completed : framework.tasks).put(taskId, record);
    }

    private static Labels labels() {
        Labels.Builder labels = Labels.newBuilder();
        for (int i = 0; i < 10; i++) {
            labels.addLabels(Label.newBuilder().setKey("key" + i).setValue("value" + i));
        }
        return labels.build();
    }
}
