package io.osmos.transport.uds.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;

/**
 * Executor-to-agent call latency over TCP and over a Unix domain socket, measured the way the
 * command executor calls: one short HTTP/1.1 POST per connection, answered 202 by a Vert.x server
 * on epoll (as the agent runs). Both transports run in the same process and alternate in rounds,
 * so machine noise hits them alike.
 *
 * <pre>
 * cd bundles/transport-uds &amp;&amp; mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.osmos.transport.uds.bench.TransportLatencyBenchmark [-Dexec.args=5000]
 * </pre>
 */
public final class TransportLatencyBenchmark {

    private static final byte[] CALL = ("POST /slave(1)/api/v1/executor HTTP/1.1\r\nHost: agent\r\n"
            + "Content-Type: application/x-protobuf\r\nContent-Length: 32\r\nConnection: close\r\n\r\n"
            + "x".repeat(32)).getBytes(StandardCharsets.US_ASCII);

    private TransportLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        if (!vertx.isNativeTransportEnabled()) {
            throw new IllegalStateException("epoll is not available: " + vertx.unavailableNativeTransportCause());
        }
        Path socket = Files.createTempDirectory("osmos-bench").resolve("agent.sock");
        HttpServer tcp = listen(vertx, io.vertx.core.net.SocketAddress.inetSocketAddress(0, "127.0.0.1"));
        listen(vertx, io.vertx.core.net.SocketAddress.domainSocketAddress(socket.toString()));
        SocketAddress tcpAddress = new InetSocketAddress("127.0.0.1", tcp.actualPort());
        SocketAddress udsAddress = UnixDomainSocketAddress.of(socket);

        measure(tcpAddress, calls / 5, new long[calls / 5]);
        measure(udsAddress, calls / 5, new long[calls / 5]);
        long[] tcpTimes = new long[calls];
        long[] udsTimes = new long[calls];
        int round = calls / 10;
        for (int offset = 0; offset < calls; offset += round) {
            measureInto(tcpAddress, tcpTimes, offset, round);
            measureInto(udsAddress, udsTimes, offset, round);
        }
        report("TCP (127.0.0.1)", tcpTimes);
        report("Unix domain socket", udsTimes);
        System.out.printf("UDS / TCP median ratio: %.2f%n", median(udsTimes) / median(tcpTimes));
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Files.deleteIfExists(socket);
    }

    private static HttpServer listen(Vertx vertx, io.vertx.core.net.SocketAddress address) throws Exception {
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(202).end()))
                .listen(address).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void measure(SocketAddress address, int count, long[] into) throws IOException {
        measureInto(address, into, 0, count);
    }

    private static void measureInto(SocketAddress address, long[] into, int offset, int count) throws IOException {
        ByteBuffer answer = ByteBuffer.allocate(1024);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try (SocketChannel channel = SocketChannel.open(address)) {
                channel.write(ByteBuffer.wrap(CALL));
                answer.clear();
                while (channel.read(answer) >= 0) {
                    // Connection: close ends the answer.
                }
            }
            into[offset + i] = System.nanoTime() - start;
            if (answer.get(9) != '2' || answer.get(10) != '0' || answer.get(11) != '2') {
                throw new IllegalStateException("Expected 202 from " + address);
            }
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1000.0;
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-20s calls %d  median %.0f us  p90 %.0f us  p99 %.0f us  mean %.0f us%n", name,
                sorted.length, sorted[sorted.length / 2] / 1000.0, sorted[sorted.length * 9 / 10] / 1000.0,
                sorted[sorted.length * 99 / 100] / 1000.0, Arrays.stream(sorted).average().orElse(0) / 1000.0);
    }
}
