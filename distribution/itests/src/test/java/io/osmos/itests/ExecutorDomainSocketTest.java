package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Executors reach their agent over a Unix domain socket (Mesos 1.10's executor domain sockets). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExecutorDomainSocketTest {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return OsmosOptions.feature("local", Map.of("master_port", OsmosOptions.freePort(), "agent_port",
                OsmosOptions.freePort(), "resources", "cpus:4;mem:4096", "http_executor_domain_sockets", "true"));
    }

    private static Path socket() {
        return Path.of(System.getProperty("osmos.test.domain_socket_location"));
    }

    private static TestScheduler scheduler() {
        return new TestScheduler(System.getProperty("osmos.test.master_port"), MediaType.PROTOBUF);
    }

    private static FrameworkInfo checkpointing(String name) {
        return Tasks.framework(name, name).toBuilder().setCheckpoint(true).build();
    }

    @Test
    public void onlyTheExecutorAndAgentApisAreServedOnASocketOfMode0600() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
        assertEquals(403, UnixSocketHttp.request(socket(), "GET", "/health", null, null));
        assertEquals(403, UnixSocketHttp.request(socket(), "POST", "/api/v1/executor", "application/json", "{}"));
        assertEquals(200, UnixSocketHttp.request(socket(), "POST", "/slave(1)/api/v1", "application/json",
                "{\"type\":\"GET_HEALTH\"}"));
        assertEquals("the executor API answers (a bad call is a 400, not a 403)", 400,
                UnixSocketHttp.request(socket(), "POST", "/slave(1)/api/v1/executor", "application/json", "{}"));
    }

    @Test
    public void aTaskWhoseExecutorHasNoTcpRouteRunsAndFinishesOverTheSocket() throws Exception {
        Bundle tcp = Bundles.find(context, "io.osmos.transport.tcp");
        tcp.stop();
        try (TestScheduler scheduler = scheduler()) {
            String frameworkId = scheduler.subscribe(checkpointing("socket-only")).getValue();
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            scheduler.send(Tasks.launch(offer, Tasks.command("via-socket", offer,
                    "echo tcp=${MESOS_AGENT_ENDPOINT:-none} uds=$MESOS_DOMAIN_SOCKET", "socket-only")));
            scheduler.awaitState("via-socket", TaskState.TASK_FINISHED, 30);
            String stdout = Files.readString(sandbox(offer, frameworkId, "via-socket").resolve("stdout"));
            assertTrue(stdout, stdout.contains("tcp=none uds=" + socket()));
        } finally {
            tcp.start();
        }
    }

    @Test
    public void updatingTheSocketBundleMidTaskKeepsTheTaskAndDeliversItsLaterUpdates() throws Exception {
        Bundle tcp = Bundles.find(context, "io.osmos.transport.tcp");
        tcp.stop();
        try (TestScheduler scheduler = scheduler()) {
            String frameworkId = scheduler.subscribe(checkpointing("socket-update")).getValue();
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            scheduler.send(Tasks.launch(offer, Tasks.command("outlives", offer, "sleep 5", "socket-update")));
            scheduler.awaitState("outlives", TaskState.TASK_RUNNING, 30);

            Bundles.find(context, "io.osmos.transport.uds").update();

            TaskStatus finished = scheduler.awaitState("outlives", TaskState.TASK_FINISHED, 40);
            assertEquals("finished normally, not killed or failed", TaskStatus.Source.SOURCE_EXECUTOR,
                    finished.getSource());
            // The acknowledgement reaches the executor and it ends at once: well before its own 10 s
            // acknowledgement timeout, and before the agent stops with the test (a checkpointing
            // executor whose agent is gone waits 15 minutes for it).
            Path sandbox = sandbox(offer, frameworkId, "outlives").toRealPath();
            long deadline = System.currentTimeMillis() + 5_000;
            while (!Leftovers.runningIn(sandbox).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("the executor ended after its task's last update was acknowledged", List.of(),
                    Leftovers.runningIn(sandbox));
        } finally {
            tcp.start();
        }
    }

    @Test
    public void aThirdPartyExecutorSpeakingPlainHttpOverTheSocketSubscribes() throws Exception {
        // A custom executor in shell: curl subscribes over the socket, then reports the task finished.
        String executor = "S=$MESOS_DOMAIN_SOCKET; U='http://agent/slave(1)/api/v1/executor';"
                + " ID='\"executor_id\":{\"value\":\"'$MESOS_EXECUTOR_ID'\"},\"framework_id\":{\"value\":\"'$MESOS_FRAMEWORK_ID'\"}';"
                + " curl -sN --unix-socket $S -X POST $U -H 'Content-Type: application/json'"
                + " -d '{\"type\":\"SUBSCRIBE\",'\"$ID\"',\"subscribe\":{}}' > events &"
                + " for i in $(seq 50); do grep -q '\"LAUNCH\"' events && break; sleep 0.2; done;"
                + " T=$(grep -o '\"task_id\":{\"value\":\"[^\"]*\"' events | head -1 | cut -d'\"' -f6);"
                + " curl -s --unix-socket $S -X POST $U -H 'Content-Type: application/json'"
                + " -d '{\"type\":\"UPDATE\",'\"$ID\"',\"update\":{\"status\":{\"task_id\":{\"value\":\"'$T'\"},"
                + "\"state\":\"TASK_FINISHED\",\"source\":\"SOURCE_EXECUTOR\",\"uuid\":\"AAECAwQFBgcICQoLDA0ODw==\"}}}';"
                + " sleep 2";
        try (TestScheduler scheduler = scheduler()) {
            scheduler.subscribe(checkpointing("curl-executor"));
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            TaskInfo task = Tasks.command("by-curl", offer, "unused", "curl-executor").toBuilder().clearCommand()
                    .setExecutor(ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("curl"))
                            .setCommand(CommandInfo.newBuilder().setValue(executor))
                            .addResources(Tasks.scalar("cpus", 0.1, "curl-executor"))
                            .addResources(Tasks.scalar("mem", 32, "curl-executor")))
                    .build();
            scheduler.send(Tasks.launch(offer, task));
            TaskStatus finished = scheduler.awaitState("by-curl", TaskState.TASK_FINISHED, 30);
            assertEquals("curl", finished.getExecutorId().getValue());
        }
    }

    private static Path sandbox(Offer offer, String frameworkId, String executorId) {
        return Path.of(System.getProperty("osmos.test.work_dir"), "agent", "slaves", offer.getAgentId().getValue(),
                "frameworks", frameworkId, "executors", executorId, "runs", "latest");
    }

}
