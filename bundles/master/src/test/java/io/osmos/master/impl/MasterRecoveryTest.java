package io.osmos.master.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentMaintenance;
import io.osmos.proto.internal.RegisteredAgent;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.DrainConfig;
import io.osmos.proto.v1.DrainInfo;
import io.osmos.proto.v1.DrainState;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.WeightInfo;
import io.osmos.proto.v1.quota.QuotaConfig;

import org.junit.After;
import org.junit.Test;

public class MasterRecoveryTest {

    private Master master;

    @After
    public void stop() {
        if (master != null) {
            master.stop();
        }
    }

    private static AgentInfo agent(String id) {
        return AgentInfo.newBuilder().setHostname(id + ".example").setPort(5051)
                .setId(AgentID.newBuilder().setValue(id)).addAllResources(Resources.parse("cpus:2;mem:1024").toList())
                .build();
    }

    private static RegistryState state() {
        return RegistryState.newBuilder()
                .addAgents(RegisteredAgent.newBuilder().setInfo(agent("a1")).setVersion("0.1.0").setEndpoint("h1:5051"))
                .addAgents(RegisteredAgent.newBuilder().setInfo(agent("a2")).setVersion("0.1.0").setEndpoint("h2:5051"))
                .addWeights(WeightInfo.newBuilder().setRole("dev").setWeight(2.5))
                .addQuotaConfigs(QuotaConfig.newBuilder().setRole("dev")
                        .putGuarantees("cpus", Value.Scalar.newBuilder().setValue(1).build()))
                .addMaintenance(AgentMaintenance.newBuilder().setAgentId("a1").setDeactivated(true)
                        .setDrainInfo(DrainInfo.newBuilder().setState(DrainState.DRAINING)
                                .setConfig(DrainConfig.newBuilder().setMarkGone(false))))
                .addMaintenance(AgentMaintenance.newBuilder().setAgentId("gone1").setGone(true))
                .build();
    }

    private <T> T onLoop(Callable<T> change) throws Exception {
        return master.loop().submit(change).get(5, TimeUnit.SECONDS);
    }

    private void awaitRecovered() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!master.recovered() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue("recovered", master.recovered());
    }

    @Test
    public void recoversWeightsQuotaMaintenanceAndAgents() throws Exception {
        master = BenchmarkCluster.master();
        master.bindRegistry(new MemoryRegistry(state()).recovering());
        awaitRecovered();
        assertEquals(Map.of("dev", 2.5), onLoop(() -> Map.copyOf(master.cluster().roles().weights())));
        assertEquals(1.0, onLoop(() -> master.cluster().roles().quotas().get("dev")).getGuaranteesMap().get("cpus")
                .getValue(), 0);
        assertTrue(onLoop(() -> master.maintenance().isDeactivated("a1")));
        assertEquals(DrainState.DRAINING, onLoop(() -> master.maintenance().drainInfo("a1")).getState());
        assertTrue(onLoop(() -> master.maintenance().isGone("gone1")));
        assertEquals(List.of("a1", "a2"), master.recovery().recoveredAgents().stream()
                .map(a -> a.getId().getValue()).sorted().toList());
        // GET_AGENTS lists them as recovered_agents until they re-register.
        byte[] agents = master.reads().read("t", view -> io.osmos.http.codec.DirectSerializer.encode(
                io.osmos.http.codec.MediaType.JSON, view.agents())).get(5, TimeUnit.SECONDS);
        assertTrue(new String(agents, java.nio.charset.StandardCharsets.UTF_8).contains("\"recovered_agents\""));
    }

    @Test
    public void readsWaitForRecovery() throws Exception {
        master = BenchmarkCluster.master();
        assertFalse("no registry bound yet", master.recovered());
        MemoryRegistry registry = new MemoryRegistry(state());
        master.bindRegistry(registry);
        Thread.sleep(100);
        assertFalse("registry still recovering", master.recovered());
        assertFalse("the Operator API answers 503", new OperatorGateway(master).recovered());
        assertFalse("the Scheduler API answers 503", new SchedulerGateway(master).recovered());
        assertEquals("503 Master has not finished recovery", answer(new V0Routes(master).routes().get(0), "GET"));
        registry.recovery.complete(registry.state());
        awaitRecovered();
        assertTrue(new OperatorGateway(master).recovered());
        assertTrue(new SchedulerGateway(master).recovered());
        assertEquals("the state is served once recovered", 200,
                Integer.parseInt(answer(new V0Routes(master).routes().get(0), "GET").split(" ")[0]));
    }

    /** Status and body of a route's answer to a request without a body. */
    private static String answer(io.osmos.http.api.Route route, String method) throws Exception {
        int[] status = {200};
        CompletableFuture<String> body = new CompletableFuture<>();
        io.vertx.core.http.HttpServerResponse[] response = new io.vertx.core.http.HttpServerResponse[1];
        response[0] = proxy(io.vertx.core.http.HttpServerResponse.class, (name, args) -> {
            switch (name) {
                case "setStatusCode" -> status[0] = (Integer) args[0];
                case "end" -> body.complete(args == null || args.length == 0 ? "" : String.valueOf(args[0]));
                case "ended", "closed" -> {
                    return false;
                }
                default -> {
                }
            }
            return response[0];
        });
        io.vertx.core.http.HttpServerRequest request = proxy(io.vertx.core.http.HttpServerRequest.class,
                (name, args) -> switch (name) {
                    case "response" -> response[0];
                    case "method" -> io.vertx.core.http.HttpMethod.valueOf(method);
                    case "getHeader", "getParam" -> null;
                    default -> null;
                });
        route.handler().handle(request, io.vertx.core.buffer.Buffer.buffer());
        String text = body.get(5, TimeUnit.SECONDS);
        return status[0] + " " + (text.startsWith("{") ? "json" : text);
    }

    private interface Handler {
        Object call(String name, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    Object result = handler.call(method.getName(), args);
                    Class<?> returned = method.getReturnType();
                    if (returned == void.class) {
                        return null;
                    }
                    if (returned.isPrimitive()) {
                        return result != null ? result : returned == boolean.class ? Boolean.FALSE : 0;
                    }
                    return returned.isInstance(result) ? result : null;
                });
    }

    @Test
    public void agentsNotReregisteringInTimeAreMarkedUnreachable() throws Exception {
        master = BenchmarkCluster.master(Map.of("agent_reregister_timeout", 0.5));
        MemoryRegistry registry = new MemoryRegistry(state()).recovering();
        master.bindRegistry(registry);
        awaitRecovered();
        // a2 comes back in time; a1 does not.
        onLoop(() -> {
            AgentRecord record = master.agents().subscribe(agent("a2"), List.of(), "0.1.0", "h2:5051", "s", 1);
            master.agentLifecycle().subscribed(record, false, AgentCall.Subscribe.newBuilder()
                    .setAgentInfo(record.info()).build());
            return master.recovery().admitted(record);
        }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("a1"), master.recovery().recoveredAgents().stream().map(a -> a.getId().getValue())
                .toList());
        // A framework that re-subscribed asks about a task on a1: no answer while a1 may still come back.
        CapturedStream<Event> events = new CapturedStream<>(Event.getDefaultInstance());
        FrameworkRecord framework = onLoop(() -> master.subscriptions().subscribe(FrameworkInfo.newBuilder()
                .setUser("root").setName("fw").setId(FrameworkID.newBuilder().setValue("old-fw"))
                .addCapabilities(FrameworkInfo.Capability.newBuilder()
                        .setType(FrameworkInfo.Capability.Type.PARTITION_AWARE)).build(), List.of(),
                new SchedulerStream("fw", events.stream())));
        assertEquals("old-fw", framework.id());
        Call.Reconcile reconcile = Call.Reconcile.newBuilder().addTasks(Call.Reconcile.Task.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue("t1")).setAgentId(AgentID.newBuilder().setValue("a1"))).build();
        onLoop(() -> {
            master.calls().handle(framework, Call.newBuilder().setType(Call.Type.RECONCILE)
                    .setFrameworkId(framework.id).setReconcile(reconcile).build());
            return null;
        });
        long deadline = System.currentTimeMillis() + 5000;
        while (registry.state().getUnreachableCount() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        RegistryState after = registry.state();
        assertEquals(1, after.getUnreachableCount());
        assertEquals("a1", after.getUnreachable(0).getId().getValue());
        assertEquals(List.of("a2"), after.getAgentsList().stream().map(a -> a.getInfo().getId().getValue()).toList());
        assertTrue(master.recovery().recoveredAgents().isEmpty());
        assertTrue("no answer for a task on a recovered agent", events.events().stream()
                .noneMatch(e -> e.getType() == Event.Type.UPDATE));
        onLoop(() -> {
            master.calls().handle(framework, Call.newBuilder().setType(Call.Type.RECONCILE)
                    .setFrameworkId(framework.id).setReconcile(reconcile).build());
            return null;
        });
        TaskStatus status = events.await(e -> e.getType() == Event.Type.UPDATE).getUpdate().getStatus();
        assertEquals(TaskState.TASK_UNREACHABLE, status.getState());
        assertEquals("Reconciliation: Task is unreachable", status.getMessage());
    }

    @Test
    public void changesAreAcknowledgedAfterTheRegistryHasThem() throws Exception {
        master = BenchmarkCluster.master();
        MemoryRegistry registry = new MemoryRegistry(RegistryState.getDefaultInstance()).recovering();
        master.bindRegistry(registry);
        awaitRecovered();
        registry.hold();
        CompletableFuture<Void> durable = onLoop(() -> {
            master.registry().write(RegistryOperation.newBuilder().setUpdateWeights(RegistryOperation.UpdateWeights
                    .newBuilder().addWeights(WeightInfo.newBuilder().setRole("r").setWeight(3))).build());
            return master.registry().barrier();
        });
        Thread.sleep(100);
        assertFalse("not acknowledged before it is durable", durable.isDone());
        registry.release();
        durable.get(5, TimeUnit.SECONDS);
        assertEquals(3.0, registry.state().getWeights(0).getWeight(), 0);
    }

    @Test
    public void writesWaitForASwappedRegistrysSuccessor() throws Exception {
        master = BenchmarkCluster.master();
        MemoryRegistry first = new MemoryRegistry(RegistryState.getDefaultInstance()).recovering();
        master.bindRegistry(first);
        awaitRecovered();
        master.unbindRegistry(first);
        CompletableFuture<Void> durable = onLoop(() -> {
            master.maintenance().restore(List.of());
            master.registry().write(RegistryOperation.newBuilder().setSetMaintenance(AgentMaintenance.newBuilder()
                    .setAgentId("x").setDeactivated(true)).build());
            return master.registry().barrier();
        });
        Thread.sleep(100);
        assertFalse(durable.isDone());
        MemoryRegistry second = new MemoryRegistry(RegistryState.getDefaultInstance()).recovering();
        master.bindRegistry(second);
        durable.get(5, TimeUnit.SECONDS);
        assertEquals(1, second.operations().size());
        assertTrue("the master recovered once, not again from the successor", master.recovered());
    }
}
