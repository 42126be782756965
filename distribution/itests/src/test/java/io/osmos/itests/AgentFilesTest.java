package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.osmos.http.codec.ContentNegotiation;
import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.FileInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.agent.Call;
import io.osmos.proto.v1.agent.Response;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The agent's LIST_FILES and READ_FILE over a finished command task's sandbox, as Mesos' {@code /files}. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgentFilesTest {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";

    @Configuration
    public Option[] config() {
        return OsmosOptions.feature("local", Map.of("master_port", OsmosOptions.freePort(), "agent_port",
                OsmosOptions.freePort(), "resources", "cpus:2;mem:1024"));
    }

    @Test
    public void aTasksSandboxIsListedAndReadAndNothingOutsideIt() throws Exception {
        String sandbox;
        try (TestScheduler scheduler = new TestScheduler(System.getProperty("osmos.test.master_port"),
                MediaType.PROTOBUF)) {
            String frameworkId = scheduler.subscribe(Tasks.framework("files", "files")).getValue();
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            scheduler.send(Tasks.launch(offer, Tasks.command("writer", offer,
                    "printf hello > greeting", "files")));
            scheduler.awaitState("writer", TaskState.TASK_FINISHED, 30);
            sandbox = "/frameworks/" + frameworkId + "/executors/writer/runs/latest";
        }

        Response listed = Response.parseFrom(ok(protobuf("/api/v1", Call.newBuilder().setType(Call.Type.LIST_FILES)
                .setListFiles(Call.ListFiles.newBuilder().setPath(sandbox)).build())));
        assertEquals(Response.Type.LIST_FILES, listed.getType());
        List<String> paths = listed.getListFiles().getFileInfosList().stream().map(FileInfo::getPath).toList();
        assertTrue(paths.toString(), paths.contains(sandbox + "/stdout") && paths.contains(sandbox + "/greeting"));

        Response read = Response.parseFrom(ok(protobuf("/slave(1)/api/v1", readFile(sandbox + "/greeting", 0))));
        assertEquals(Response.Type.READ_FILE, read.getType());
        assertEquals(5, read.getReadFile().getSize());
        assertEquals("hello", read.getReadFile().getData().toStringUtf8());

        byte[] json = ok(client().post("/api/v1", JSON, JSON, ("{\"type\":\"READ_FILE\",\"read_file\":{\"path\":\""
                + sandbox + "/greeting\",\"offset\":1,\"length\":3}}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(new String(json, StandardCharsets.UTF_8), new String(json, StandardCharsets.UTF_8)
                .contains("\"data\":\"ZWxs\""));
        Response fromJson = ContentNegotiation.decode(MediaType.JSON, json, Response.getDefaultInstance());
        assertEquals("ell", fromJson.getReadFile().getData().toStringUtf8());
        assertEquals(5, fromJson.getReadFile().getSize());

        for (String outside : List.of(sandbox + "/../../../../../../../../../../etc/passwd", "/etc/passwd")) {
            HttpResponse<byte[]> denied = protobuf("/api/v1", readFile(outside, 0));
            assertEquals(outside, 404, denied.statusCode());
            assertEquals(404, protobuf("/api/v1", Call.newBuilder().setType(Call.Type.LIST_FILES)
                    .setListFiles(Call.ListFiles.newBuilder().setPath(outside)).build()).statusCode());
        }
        HttpResponse<byte[]> missing = client().post("/api/v1", JSON, JSON,
                "{\"type\":\"READ_FILE\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, missing.statusCode());
        assertTrue(new String(missing.body(), StandardCharsets.UTF_8).contains("'read_file'"));
    }

    private static Call readFile(String path, long offset) {
        return Call.newBuilder().setType(Call.Type.READ_FILE)
                .setReadFile(Call.ReadFile.newBuilder().setPath(path).setOffset(offset)).build();
    }

    private static OperatorClient client() {
        return new OperatorClient(System.getProperty("osmos.test.agent_port"));
    }

    private static HttpResponse<byte[]> protobuf(String path, Call call) throws Exception {
        return client().post(path, PROTOBUF, PROTOBUF, call.toByteArray());
    }

    private static byte[] ok(HttpResponse<byte[]> response) {
        assertEquals(new String(response.body(), StandardCharsets.UTF_8), 200, response.statusCode());
        return response.body();
    }
}
