package io.osmos.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;

/** A small v1 Operator API client over the JDK HTTP client, used from inside the framework. */
final class OperatorClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    OperatorClient(String port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** POSTs a call in protobuf and decodes the protobuf response; throws unless 200. */
    Response call(Call.Type type) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = post("/api/v1", "application/x-protobuf", "application/x-protobuf",
                Call.newBuilder().setType(type).build().toByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(type + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return Response.parseFrom(response.body());
    }

    /**
     * Polls GET_AGENTS (the master may be restarting meanwhile) until exactly {@code count} agents are
     * listed; fails after {@code seconds}, with the last answer.
     */
    Response.GetAgents awaitAgents(int count, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                Response.GetAgents agents = call(Call.Type.GET_AGENTS).getGetAgents();
                if (agents.getAgentsCount() == count) {
                    return agents;
                }
                last = agents.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not " + count + " agents within " + seconds + " s; last: " + last);
    }

    HttpResponse<byte[]> post(String path, String contentType, String accept, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    int get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
