package io.osmos.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.osmos.http.codec.RecordIOReader;

/** An operator's SUBSCRIBE stream on the master's v1 Operator API (JSON), read on a thread of its own. */
final class OperatorEventStream implements AutoCloseable {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final InputStream body;
    private final Thread reader;

    OperatorEventStream(String masterPort) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterPort + "/api/v1"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}")).build();
        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("SUBSCRIBE answered " + response.statusCode());
        }
        body = response.body();
        RecordIOReader records = new RecordIOReader(64 << 20, record -> events.add(type(record)));
        reader = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try {
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    records.feed(buffer, 0, n);
                }
            } catch (IOException closed) {
                // Closed by close() or by the master: either way the stream has ended.
            } finally {
                ended.set(true);
            }
        }, "operator-events-" + masterPort);
        reader.setDaemon(true);
        reader.start();
    }

    int count() {
        return events.size();
    }

    String type(int index) {
        return events.get(index);
    }

    boolean ended() {
        return ended.get();
    }

    private static String type(byte[] record) {
        String json = new String(record, 0, Math.min(record.length, 64), StandardCharsets.UTF_8);
        int start = json.indexOf("\"type\":\"") + 8;
        return start < 8 ? "?" : json.substring(start, json.indexOf('"', start));
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
