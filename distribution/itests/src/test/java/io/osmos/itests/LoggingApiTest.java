package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.osmos.http.codec.MesosJson;
import io.osmos.proto.v1.DurationInfo;
import io.osmos.proto.v1.master.Call;

import org.apache.mesos.v1.master.Protos;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * GET_LOGGING_LEVEL and SET_LOGGING_LEVEL on {@code bin/osmos local --log_dir=...}, master and
 * agent, and the log file read back as {@code /master/log} and {@code /slave/log}. Master and agent
 * share one process, hence one level: the tests run in order and each waits for level 0 first.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LoggingApiTest {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final String DEBUG_LINE = "FINE    ReadBatcher - Served a batch of";

    private static Path logDir;
    private static LocalClusterProcess cluster;
    private static OperatorClient master;
    private static OperatorClient agent;

    @BeforeClass
    public static void start() throws Exception {
        logDir = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "logs-");
        cluster = new LocalClusterProcess("--resources=cpus:2;mem:1024", "--log_dir=" + logDir);
        cluster.awaitAgent();
        master = new OperatorClient(cluster.masterPort);
        agent = new OperatorClient(cluster.agentPort);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    public void a_masterLevelIsRaisedForTheDurationAndItsDebugLinesReachMasterLog() throws Exception {
        awaitLevel(master, 0);
        assertEquals("{\"type\":\"GET_LOGGING_LEVEL\",\"get_logging_level\":{\"level\":0}}",
                new String(ok(master.post("/api/v1", JSON, JSON, "{\"type\":\"GET_LOGGING_LEVEL\"}".getBytes(
                        StandardCharsets.UTF_8))), StandardCharsets.UTF_8));
        Protos.Response level = Protos.Response.parseFrom(ok(call(master, Call.newBuilder()
                .setType(Call.Type.GET_LOGGING_LEVEL).build())));
        assertEquals(Protos.Response.Type.GET_LOGGING_LEVEL, level.getType());
        assertEquals(0, level.getGetLoggingLevel().getLevel());

        readState();
        long before = readLog(0).getSize();
        assertFalse("no debug line at level 0", readLog(0).getData().toStringUtf8().contains(DEBUG_LINE));

        HttpResponse<byte[]> set = call(master, setLevel(1, 3_000_000_000L));
        assertEquals(new String(set.body(), StandardCharsets.UTF_8), 200, set.statusCode());
        assertEquals("an empty body", 0, set.body().length);
        long setAt = System.nanoTime();
        assertEquals(1, level(master));
        readState();
        String since = awaitLog(before, DEBUG_LINE);
        assertTrue(since, since.contains("Logging verbosity set to 1"));

        awaitLevel(master, 0);
        assertTrue("reverted after the duration, not before", System.nanoTime() - setAt > 2_500_000_000L);
        long reverted = readLog(0).getSize();
        readState();
        String after = readLog(reverted).getData().toStringUtf8();
        assertFalse(after, after.contains(DEBUG_LINE));
        assertTrue(readLog(0).getData().toStringUtf8().contains("Logging verbosity reverted to 0"));
    }

    @Test
    public void b_masterLogIsListedAndNothingElseCanBeRead() throws Exception {
        Protos.Response listed = Protos.Response.parseFrom(ok(call(master, Call.newBuilder()
                .setType(Call.Type.LIST_FILES).setListFiles(Call.ListFiles.newBuilder().setPath("/master/log"))
                .build())));
        assertEquals(Protos.Response.Type.LIST_FILES, listed.getType());
        assertEquals(1, listed.getListFiles().getFileInfosCount());
        assertEquals("/master/log", listed.getListFiles().getFileInfos(0).getPath());
        assertEquals(Files.size(logDir.resolve("osmos.log")), listed.getListFiles().getFileInfos(0).getSize(),
                4096.0);
        Protos.Response.ReadFile read = readLog(0);
        assertTrue(read.getData().toStringUtf8().contains("Logging to " + logDir.toAbsolutePath().resolve("osmos.log")));

        for (String path : List.of("/master/../etc/passwd", "/etc/passwd", "/master/log/../../etc/passwd",
                logDir.resolve("osmos.log").toString())) {
            HttpResponse<byte[]> denied = call(master, readFile(path, 0));
            assertEquals(path, 404, denied.statusCode());
            assertEquals("File not found", new String(denied.body(), StandardCharsets.UTF_8));
            assertEquals(path, 404, call(master, Call.newBuilder().setType(Call.Type.LIST_FILES)
                    .setListFiles(Call.ListFiles.newBuilder().setPath(path)).build()).statusCode());
        }
    }

    @Test
    public void c_badSetsAre400() throws Exception {
        for (String body : List.of("{\"type\":\"SET_LOGGING_LEVEL\",\"set_logging_level\":{\"level\":1}}",
                "{\"type\":\"SET_LOGGING_LEVEL\"}",
                "{\"type\":\"SET_LOGGING_LEVEL\",\"set_logging_level\":{\"level\":1,\"duration\":{\"nanoseconds\":0}}}")) {
            for (String port : List.of(cluster.masterPort, cluster.agentPort)) {
                HttpResponse<byte[]> refused = new OperatorClient(port).post("/api/v1", JSON, JSON,
                        body.getBytes(StandardCharsets.UTF_8));
                String message = new String(refused.body(), StandardCharsets.UTF_8);
                assertEquals(body + " -> " + message, 400, refused.statusCode());
                assertTrue(message, message.contains("set_logging_level") || message.contains("duration"));
            }
        }
        assertEquals(0, level(master));
    }

    @Test
    public void d_theAgentServesTheSameLevelAndItsLogAsSlaveLog() throws Exception {
        awaitLevel(agent, 0);
        org.apache.mesos.v1.agent.Protos.Response level = org.apache.mesos.v1.agent.Protos.Response.parseFrom(ok(
                agentCall(io.osmos.proto.v1.agent.Call.newBuilder()
                        .setType(io.osmos.proto.v1.agent.Call.Type.GET_LOGGING_LEVEL).build())));
        assertEquals(org.apache.mesos.v1.agent.Protos.Response.Type.GET_LOGGING_LEVEL, level.getType());
        assertEquals(0, level.getGetLoggingLevel().getLevel());

        HttpResponse<byte[]> set = agent.post("/api/v1", JSON, JSON, ("{\"type\":\"SET_LOGGING_LEVEL\","
                + "\"set_logging_level\":{\"level\":2,\"duration\":{\"nanoseconds\":2000000000}}}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(new String(set.body(), StandardCharsets.UTF_8), 200, set.statusCode());
        assertEquals(2, level(agent));
        assertEquals("one process, one level", 2, level(master));
        awaitLevel(agent, 0);

        org.apache.mesos.v1.agent.Protos.Response listed = org.apache.mesos.v1.agent.Protos.Response.parseFrom(ok(
                agentCall(io.osmos.proto.v1.agent.Call.newBuilder()
                        .setType(io.osmos.proto.v1.agent.Call.Type.LIST_FILES)
                        .setListFiles(io.osmos.proto.v1.agent.Call.ListFiles.newBuilder().setPath("/slave/log"))
                        .build())));
        assertEquals("/slave/log", listed.getListFiles().getFileInfos(0).getPath());
        org.apache.mesos.v1.agent.Protos.Response read = org.apache.mesos.v1.agent.Protos.Response.parseFrom(ok(
                agentCall(io.osmos.proto.v1.agent.Call.newBuilder()
                        .setType(io.osmos.proto.v1.agent.Call.Type.READ_FILE)
                        .setReadFile(io.osmos.proto.v1.agent.Call.ReadFile.newBuilder().setPath("/slave/log")
                                .setOffset(0))
                        .build())));
        assertTrue(read.getReadFile().getData().toStringUtf8().contains("Logging verbosity set to 2"));
        assertEquals(404, agentCall(io.osmos.proto.v1.agent.Call.newBuilder()
                .setType(io.osmos.proto.v1.agent.Call.Type.READ_FILE)
                .setReadFile(io.osmos.proto.v1.agent.Call.ReadFile.newBuilder().setPath("/slave/../etc/passwd")
                        .setOffset(0))
                .build()).statusCode());
    }

    private static Call setLevel(int level, long nanos) {
        return Call.newBuilder().setType(Call.Type.SET_LOGGING_LEVEL).setSetLoggingLevel(Call.SetLoggingLevel
                .newBuilder().setLevel(level).setDuration(DurationInfo.newBuilder().setNanoseconds(nanos))).build();
    }

    private static Call readFile(String path, long offset) {
        return Call.newBuilder().setType(Call.Type.READ_FILE).setReadFile(Call.ReadFile.newBuilder().setPath(path)
                .setOffset(offset)).build();
    }

    /** READ_FILE of /master/log from {@code offset}, decoded with Apache Mesos' classes. */
    private static Protos.Response.ReadFile readLog(long offset) throws Exception {
        Protos.Response read = Protos.Response.parseFrom(ok(call(master, readFile("/master/log", offset))));
        assertEquals(Protos.Response.Type.READ_FILE, read.getType());
        return read.getReadFile();
    }

    /** The log from {@code offset} once it has {@code text} (a line is written after its request is answered). */
    private static String awaitLog(long offset, String text) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        String log = readLog(offset).getData().toStringUtf8();
        while (!log.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            log = readLog(offset).getData().toStringUtf8();
        }
        assertTrue(log, log.contains(text));
        return log;
    }

    /** A read through the master's read batches, which logs a debug line for each batch. */
    private static void readState() throws Exception {
        ok(call(master, Call.newBuilder().setType(Call.Type.GET_STATE).build()));
    }

    /** GET_LOGGING_LEVEL in protobuf and JSON, which must agree. */
    private static int level(OperatorClient client) throws Exception {
        boolean isMaster = client == master;
        byte[] json = ok(client.post("/api/v1", JSON, JSON, "{\"type\":\"GET_LOGGING_LEVEL\"}"
                .getBytes(StandardCharsets.UTF_8)));
        int fromProtobuf;
        int fromJson;
        if (isMaster) {
            fromProtobuf = Protos.Response.parseFrom(ok(call(master, Call.newBuilder()
                    .setType(Call.Type.GET_LOGGING_LEVEL).build()))).getGetLoggingLevel().getLevel();
            fromJson = MesosJson.parse(json, io.osmos.proto.v1.master.Response.getDefaultInstance())
                    .getGetLoggingLevel().getLevel();
        } else {
            fromProtobuf = org.apache.mesos.v1.agent.Protos.Response.parseFrom(ok(agentCall(
                    io.osmos.proto.v1.agent.Call.newBuilder()
                            .setType(io.osmos.proto.v1.agent.Call.Type.GET_LOGGING_LEVEL).build())))
                    .getGetLoggingLevel().getLevel();
            fromJson = MesosJson.parse(json, io.osmos.proto.v1.agent.Response.getDefaultInstance())
                    .getGetLoggingLevel().getLevel();
        }
        assertEquals("JSON and protobuf agree", fromProtobuf, fromJson);
        return fromProtobuf;
    }

    private static void awaitLevel(OperatorClient client, int wanted) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        int level;
        while ((level = level(client)) != wanted) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("level still " + level + " after 20 s, not " + wanted);
            }
            Thread.sleep(200);
        }
    }

    private static HttpResponse<byte[]> call(OperatorClient client, Call call) throws Exception {
        return client.post("/api/v1", PROTOBUF, PROTOBUF, call.toByteArray());
    }

    private static HttpResponse<byte[]> agentCall(io.osmos.proto.v1.agent.Call call) throws Exception {
        return agent.post("/api/v1", PROTOBUF, PROTOBUF, call.toByteArray());
    }

    private static byte[] ok(HttpResponse<byte[]> response) throws Exception {
        assertEquals(new String(response.body(), StandardCharsets.UTF_8), 200, response.statusCode());
        return response.body();
    }
}
