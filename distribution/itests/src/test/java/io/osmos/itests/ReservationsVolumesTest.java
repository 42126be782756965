package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.osmos.http.codec.MediaType;
import io.osmos.http.codec.MesosJson;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OfferID;
import io.osmos.proto.v1.OperationID;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.Volume;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.After;
import org.junit.Test;

/**
 * Issue 7 end to end on {@code bin/osmos local}: an operator reserves for role {@code eng}, a
 * framework of {@code eng} creates a persistent volume in an ACCEPT and a task writes into it, the
 * operator moves the volume to {@code ops} with RESERVE and {@code source} (Mesos 1.10 reservation
 * update), a framework of {@code ops} reads the same file, the whole process restarts and the volume is
 * still there, then the ops framework destroys and unreserves it. Operator calls in JSON and protobuf,
 * one framework on protobuf, the other on JSON.
 */
public class ReservationsVolumesTest {

    private static final String JSON = "application/json";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String PRINCIPAL = "ops-admin";

    private LocalClusterProcess cluster;
    private TestScheduler eng;
    private TestScheduler ops;

    @After
    public void stop() throws Exception {
        for (TestScheduler scheduler : new TestScheduler[] {eng, ops}) {
            if (scheduler != null) {
                scheduler.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    public void volumeIsReservedCreatedMovedToAnotherRoleSurvivesARestartAndIsDestroyed() throws Exception {
        cluster = new LocalClusterProcess("--resources=cpus:2;mem:2048;disk:1024");
        cluster.awaitAgent();
        OperatorClient operator = new OperatorClient(cluster.masterPort);
        AgentID agent = agents(operator).getAgents(0).getAgentInfo().getId();

        List<Resource> engShare = List.of(reserved(scalar("cpus", 0.5), "eng"), reserved(scalar("mem", 128), "eng"),
                reserved(scalar("disk", 256), "eng"));
        assertEquals("more disk than the agent has", 409, post(operator, JSON, reserve(agent,
                List.of(reserved(scalar("disk", 4096), "eng")), List.of())).statusCode());
        assertEquals("role * cannot be reserved", 400, post(operator, JSON, reserve(agent,
                List.of(reserved(scalar("cpus", 0.1), "*")), List.of())).statusCode());
        assertEquals(202, post(operator, JSON, reserve(agent, engShare, List.of())).statusCode());

        eng = new TestScheduler(cluster.masterPort, MediaType.PROTOBUF);
        eng.subscribe(framework("eng-fw", "eng"));
        ops = new TestScheduler(cluster.masterPort, MediaType.JSON);
        ops.subscribe(framework("ops-fw", "ops"));
        Offer engOffer = offerWith(eng, r -> isReservedTo(r, "eng") && r.getName().equals("disk"));

        Resource engDisk = allocated(reserved(scalar("disk", 256), "eng"), "eng");
        Resource engVolume = volume(engDisk, "pv1");
        TaskInfo writer = withVolume(Tasks.command("writer", engOffer, "echo hello-from-eng > data/file", "eng"),
                engVolume);
        eng.send(io.osmos.proto.v1.scheduler.Call.newBuilder().setType(io.osmos.proto.v1.scheduler.Call.Type.ACCEPT)
                .setAccept(io.osmos.proto.v1.scheduler.Call.Accept.newBuilder().addOfferIds(engOffer.getId())
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE)
                                .setId(OperationID.newBuilder().setValue("create-pv1"))
                                .setCreate(Offer.Operation.Create.newBuilder().addVolumes(engVolume)))
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(writer)))));
        assertOperation(eng, "create-pv1", OperationState.OPERATION_FINISHED);
        eng.awaitState("writer", TaskState.TASK_FINISHED, 60);
        // The agent keeps the volume in use until the writer's container has ended, not just its task.
        awaitNoContainers(cluster.agentPort);
        Path volumeDir = volumeDirectory(cluster.workDir, "pv1").orElseThrow();
        assertEquals("hello-from-eng", Files.readString(volumeDir.resolve("file")).trim());
        assertTrue(volumeDir.toString().contains("/roles/eng/"));

        Resource volumeAtEng = unallocated(engVolume);
        Resource volumeAtOps = unallocated(volume(allocated(reserved(scalar("disk", 256), "ops"), "ops"), "pv1"));
        HttpResponse<byte[]> absent = post(operator, PROTOBUF, reserve(agent,
                List.of(volume(reserved(scalar("disk", 256), "ops"), "ghost")),
                List.of(volume(reserved(scalar("disk", 256), "eng"), "ghost"))));
        assertEquals("a source that is not there: " + text(absent), 409, absent.statusCode());
        HttpResponse<byte[]> resized = post(operator, PROTOBUF, reserve(agent,
                List.of(unallocated(volume(allocated(reserved(scalar("disk", 128), "ops"), "ops"), "pv1"))),
                List.of(volumeAtEng)));
        assertEquals(400, resized.statusCode());
        assertTrue(text(resized), text(resized).contains("identical resource quantities"));
        assertEquals("the move", 202, post(operator, PROTOBUF, reserve(agent, List.of(volumeAtOps),
                List.of(volumeAtEng))).statusCode());
        // Offers made before the agent confirmed the move are rescinded when its total arrives.
        awaitOperationsSettled(operator);

        String reader = launchReader(ops);
        ops.awaitState(reader, TaskState.TASK_FINISHED, 60);
        Path movedDir = volumeDirectory(cluster.workDir, "pv1").orElseThrow();
        assertTrue("renamed to the new role: " + movedDir, movedDir.toString().contains("/roles/ops/"));

        ops.close();
        eng.close();
        cluster.restart();
        cluster.awaitAgent();
        List<Resource> total = agents(operator).getAgents(0).getTotalResourcesList();
        assertTrue("the volume is back after the restart: " + total, total.stream()
                .anyMatch(r -> r.hasDisk() && r.getDisk().getPersistence().getId().equals("pv1")
                        && isReservedTo(r, "ops")));
        assertEquals("hello-from-eng", Files.readString(movedDir.resolve("file")).trim());

        ops = new TestScheduler(cluster.masterPort, MediaType.JSON);
        ops.subscribe(framework("ops-fw-2", "ops"));
        Offer again = offerWith(ops, r -> r.hasDisk() && r.getDisk().getPersistence().getId().equals("pv1"));
        Resource offeredVolume = again.getResourcesList().stream().filter(r -> r.hasDisk()).findFirst().orElseThrow();
        ops.send(io.osmos.proto.v1.scheduler.Call.newBuilder().setType(io.osmos.proto.v1.scheduler.Call.Type.ACCEPT)
                .setAccept(io.osmos.proto.v1.scheduler.Call.Accept.newBuilder().addOfferIds(again.getId())
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.DESTROY)
                                .setId(OperationID.newBuilder().setValue("destroy-pv1"))
                                .setDestroy(Offer.Operation.Destroy.newBuilder().addVolumes(offeredVolume)))
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
                                .setId(OperationID.newBuilder().setValue("unreserve-disk"))
                                .setUnreserve(Offer.Operation.Unreserve.newBuilder()
                                        .addResources(plainDisk(offeredVolume))))));
        assertOperation(ops, "destroy-pv1", OperationState.OPERATION_FINISHED);
        assertOperation(ops, "unreserve-disk", OperationState.OPERATION_FINISHED);
        assertFalse("the volume directory is gone", Files.exists(movedDir));

        assertEquals(202, post(operator, JSON, unreserve(agent, List.of(reserved(scalar("cpus", 0.5), "eng"),
                reserved(scalar("mem", 128), "eng")))).statusCode());
        List<Resource> after = agents(operator).getAgents(0).getTotalResourcesList();
        assertTrue("nothing reserved is left: " + after, after.stream().allMatch(r -> r.getReservationsCount() == 0));
        assertEquals(Map.of("cpus", 2.0, "mem", 2048.0, "disk", 1024.0), io.osmos.api.resources.Resources.of(after)
                .scalars());
    }

    @Test
    public void staticReservationsOfferOperationsAndOperatorVolumeCalls() throws Exception {
        cluster = new LocalClusterProcess("--resources=cpus(web):1;cpus:1;mem:1024;disk:512");
        cluster.awaitAgent();
        OperatorClient operator = new OperatorClient(cluster.masterPort);
        AgentID agent = agents(operator).getAgents(0).getAgentInfo().getId();

        eng = new TestScheduler(cluster.masterPort, MediaType.JSON);
        eng.subscribe(framework("web-fw", "web"));
        Offer web = offerMatching(eng, offer -> offer.getResourcesList().stream().anyMatch(r -> isReservedTo(r, "web")
                && r.getName().equals("cpus") && r.getReservations(0).getType() == Resource.ReservationInfo.Type.STATIC)
                && offer.getResourcesList().stream().anyMatch(r -> r.getName().equals("mem")
                        && r.getReservationsCount() == 0));
        ops = new TestScheduler(cluster.masterPort, MediaType.PROTOBUF);
        ops.subscribe(framework("other-fw", "other"));
        ops.assertNone(e -> e.getType() == Event.Type.OFFERS && e.getOffers().getOffersList().stream()
                .flatMap(o -> o.getResourcesList().stream()).anyMatch(r -> r.getReservationsCount() > 0), 2,
                "static reservations of web are not offered to other");

        Resource webMem = allocated(reserved(scalar("mem", 64), "web"), "web");
        eng.send(io.osmos.proto.v1.scheduler.Call.newBuilder().setType(io.osmos.proto.v1.scheduler.Call.Type.ACCEPT)
                .setAccept(io.osmos.proto.v1.scheduler.Call.Accept.newBuilder().addOfferIds(web.getId())
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                                .setId(OperationID.newBuilder().setValue("reserve-mem"))
                                .setReserve(Offer.Operation.Reserve.newBuilder().addResources(webMem)))));
        assertOperation(eng, "reserve-mem", OperationState.OPERATION_FINISHED);
        awaitTotal(operator, r -> r.getName().equals("mem") && isReservedTo(r, "web"), "the framework's reservation");

        assertEquals(202, post(operator, JSON, reserve(agent, List.of(reserved(scalar("disk", 128), "web")),
                List.of())).statusCode());
        Resource volume = volume(reserved(scalar("disk", 128), "web"), "pv-op");
        assertEquals(202, post(operator, JSON, Call.newBuilder().setType(Call.Type.CREATE_VOLUMES)
                .setCreateVolumes(Call.CreateVolumes.newBuilder().setAgentId(agent).addVolumes(volume)).build())
                .statusCode());
        awaitTotal(operator, r -> r.hasDisk() && r.getDisk().getPersistence().getId().equals("pv-op"), "the volume");
        Path volumeDir = awaitVolumeDirectory("pv-op", true);
        assertEquals("a volume id used twice", 400, post(operator, PROTOBUF, Call.newBuilder()
                .setType(Call.Type.CREATE_VOLUMES).setCreateVolumes(Call.CreateVolumes.newBuilder().setAgentId(agent)
                        .addVolumes(volume)).build()).statusCode());
        assertEquals(202, post(operator, PROTOBUF, Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES)
                .setDestroyVolumes(Call.DestroyVolumes.newBuilder().setAgentId(agent).addVolumes(volume)).build())
                .statusCode());
        awaitVolumeDirectory("pv-op", false);
        assertFalse(Files.exists(volumeDir));
        assertEquals("a static reservation cannot be unreserved", 400, post(operator, JSON, unreserve(agent,
                List.of(staticReservation(scalar("cpus", 1), "web")))).statusCode());
    }

    /**
     * Launches the task that reads the moved volume on an offer holding it; an offer that was
     * rescinded meanwhile (TASK_LOST "no longer valid") is simply followed by the next one.
     */
    private static String launchReader(TestScheduler scheduler) throws Exception {
        Set<String> seen = new HashSet<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            Offer offer = offerMatching(scheduler, seen, o -> o.getResourcesList().stream()
                    .anyMatch(r -> r.hasDisk() && r.getDisk().getPersistence().getId().equals("pv1")));
            Resource volume = offer.getResourcesList().stream().filter(Resource::hasDisk).findFirst().orElseThrow();
            assertEquals("ops", volume.getReservations(0).getRole());
            String id = "reader-" + attempt;
            scheduler.send(Tasks.launch(offer, withVolume(Tasks.command(id, offer,
                    "test \"$(cat data/file)\" = hello-from-eng", "ops"), volume)));
            TaskStatus first = scheduler.nextUpdate(id, 60);
            if (first.getState() != TaskState.TASK_LOST || !first.getMessage().contains("no longer valid")) {
                return id;
            }
        }
        throw new AssertionError("Every offer of the volume was rescinded before the launch");
    }

    /** Until the agent's GET_CONTAINERS lists none: every executor has exited and its volumes are released. */
    private static void awaitNoContainers(String agentPort) throws Exception {
        OperatorClient agent = new OperatorClient(agentPort);
        byte[] call = io.osmos.proto.v1.agent.Call.newBuilder()
                .setType(io.osmos.proto.v1.agent.Call.Type.GET_CONTAINERS).build().toByteArray();
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            HttpResponse<byte[]> answer = agent.post("/api/v1", PROTOBUF, PROTOBUF, call);
            if (answer.statusCode() == 200 && io.osmos.proto.v1.agent.Response.parseFrom(answer.body())
                    .getGetContainers().getContainersCount() == 0) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Containers still running on the agent after 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Until GET_OPERATIONS lists nothing pending: the agent has answered every operation. */
    private static void awaitOperationsSettled(OperatorClient operator) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (operator.call(Call.Type.GET_OPERATIONS).getGetOperations().getOperationsCount() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Operations still pending after 30 s");
            }
            Thread.sleep(100);
        }
    }

    private void awaitTotal(OperatorClient operator, Predicate<Resource> wanted, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        List<Resource> total = List.of();
        while (System.currentTimeMillis() < deadline) {
            total = agents(operator).getAgents(0).getTotalResourcesList();
            if (total.stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + what + " in the agent's total within 30 s: " + total);
    }

    private Path awaitVolumeDirectory(String id, boolean present) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<Path> dir = volumeDirectory(cluster.workDir, id);
            if (dir.isPresent() == present) {
                return dir.orElse(null);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The directory of volume " + id + (present ? " never appeared" : " is still there"));
    }

    private static Resource staticReservation(Resource resource, String role) {
        return resource.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.STATIC).setRole(role)).build();
    }

    /** Frameworks that read reservations as a stack (Mesos' post-refinement format). */
    private static io.osmos.proto.v1.FrameworkInfo framework(String name, String role) {
        return Tasks.framework(name, role).toBuilder().addCapabilities(io.osmos.proto.v1.FrameworkInfo.Capability
                .newBuilder().setType(io.osmos.proto.v1.FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT)).build();
    }

    private static Offer offerWith(TestScheduler scheduler, Predicate<Resource> wanted) throws InterruptedException {
        return offerMatching(scheduler, offer -> offer.getResourcesList().stream().anyMatch(wanted));
    }

    /** The first offer that matches; the others are declined so that their resources come round again. */
    private static Offer offerMatching(TestScheduler scheduler, Predicate<Offer> wanted) throws InterruptedException {
        return offerMatching(scheduler, new HashSet<>(), wanted);
    }

    /** {@code seen}: offers already taken or declined, which are not returned again. */
    private static Offer offerMatching(TestScheduler scheduler, Set<String> seen, Predicate<Offer> wanted)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (Offer offer : scheduler.unusedOffers(seen, 60)) {
                if (wanted.test(offer)) {
                    return offer;
                }
                decline(scheduler, offer.getId());
            }
        }
        throw new AssertionError("No offer with the wanted resource in 60 s; saw " + scheduler.summary());
    }

    private static void decline(TestScheduler scheduler, OfferID offer) {
        try {
            scheduler.send(io.osmos.proto.v1.scheduler.Call.newBuilder()
                    .setType(io.osmos.proto.v1.scheduler.Call.Type.DECLINE)
                    .setDecline(io.osmos.proto.v1.scheduler.Call.Decline.newBuilder().addOfferIds(offer)
                            .setFilters(io.osmos.proto.v1.Filters.newBuilder().setRefuseSeconds(0))));
        } catch (Exception e) {
            throw new AssertionError("DECLINE failed", e);
        }
    }

    private static void assertOperation(TestScheduler scheduler, String id, OperationState state)
            throws InterruptedException {
        Event update = scheduler.await(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
                && e.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(id), 60);
        assertEquals(update.toString(), state, update.getUpdateOperationStatus().getStatus().getState());
    }

    private static Response.GetAgents agents(OperatorClient operator) throws Exception {
        return operator.call(Call.Type.GET_AGENTS).getGetAgents();
    }

    private static HttpResponse<byte[]> post(OperatorClient operator, String encoding, Call call) throws Exception {
        byte[] body = encoding.equals(PROTOBUF) ? call.toByteArray() : MesosJson.toJson(call);
        return operator.post("/api/v1", encoding, encoding, body);
    }

    private static Call reserve(AgentID agent, List<Resource> resources, List<Resource> source) {
        return Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES).setReserveResources(
                Call.ReserveResources.newBuilder().setAgentId(agent).addAllResources(resources).addAllSource(source))
                .build();
    }

    private static Call unreserve(AgentID agent, List<Resource> resources) {
        return Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES).setUnreserveResources(
                Call.UnreserveResources.newBuilder().setAgentId(agent).addAllResources(resources)).build();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static Resource reserved(Resource resource, String role) {
        return resource.toBuilder().clearReservations().addReservations(Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(role).setPrincipal(PRINCIPAL)).build();
    }

    private static Resource allocated(Resource resource, String role) {
        return resource.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role)).build();
    }

    private static Resource unallocated(Resource resource) {
        return resource.toBuilder().clearAllocationInfo().build();
    }

    private static Resource volume(Resource disk, String id) {
        return disk.toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(id).setPrincipal(PRINCIPAL))
                .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW))).build();
    }

    private static Resource plainDisk(Resource volume) {
        return volume.toBuilder().clearDisk().build();
    }

    private static boolean isReservedTo(Resource resource, String role) {
        int count = resource.getReservationsCount();
        return count > 0 && resource.getReservations(count - 1).getRole().equals(role);
    }

    private static TaskInfo withVolume(TaskInfo task, Resource volume) {
        return task.toBuilder().addResources(volume).build();
    }

    /** Where the agent keeps the volume: {@code <work_dir>/agent/volumes/roles/<role>/<id>}. */
    private static Optional<Path> volumeDirectory(Path workDir, String id) throws IOException {
        try (Stream<Path> paths = Files.walk(workDir)) {
            return paths.filter(p -> p.getFileName().toString().equals(id) && Files.isDirectory(p)
                    && p.toString().contains("/volumes/roles/")).findFirst();
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
