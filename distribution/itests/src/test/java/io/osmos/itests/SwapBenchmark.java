package io.osmos.itests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pause of each module swap, as an operator makes it: a local cluster (master and agent in one
 * Felix, a separate process) runs 100 long tasks while a framework launches short task groups on
 * every offer; each module is then updated {@code rounds} times from its own jar through
 * {@code POST /modules/update}, and the {@code pause_ms} the module manager measures (old revision
 * stopping → bundle active with every component that was up before up again) is collected. Prints a
 * Markdown row per module: median, 90th percentile and worst, beside the target. At the end no task
 * may be lost or killed. Run: {@code bash distribution/itests/swap-benchmark.sh [rounds]}.
 */
public final class SwapBenchmark {

    private static final List<String> MODULES = List.of("io.osmos.allocator.drf", "io.osmos.master.scheduler",
            "io.osmos.master.operator", "io.osmos.isolator.cgroups.cpu", "io.osmos.isolator.cgroups.memory",
            "io.osmos.transport.tcp", "io.osmos.transport.uds", "io.osmos.agent");
    private static final Pattern PAUSE = Pattern.compile("\"pause_ms\":([0-9.]+)");

    private SwapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String masterPort = OsmosOptions.freePort();
        Path dir = Files.createTempDirectory("osmos-swaps-");
        String root = "osmos-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (OsmosProcess cluster = new OsmosProcess(dir, "local", "--master_port=" + masterPort,
                "--agent_port=" + OsmosOptions.freePort(), "--resources=cpus:16;mem:16384", "--cgroups_root=" + root)) {
            new OperatorClient(masterPort).awaitAgents(1, 120);
            Map<String, List<Double>> pauses;
            try (LoadFramework load = new LoadFramework(masterPort)) {
                load.startLongTasks(100);
                load.launching(true);
                CompletableFuture<Map<String, List<Double>>> swaps = CompletableFuture.supplyAsync(
                        () -> swapAll(masterPort, rounds));
                while (!swaps.isDone()) {
                    load.pump(200);
                }
                pauses = swaps.join();
                load.drainShortTasks(120_000);
                load.assertNothingLost();
                load.assertEveryCallTaken();
                System.err.println(load.shortTasksLaunched() + " short tasks launched during the swaps, none lost");
            }
            print(pauses, rounds);
        } finally {
            Leftovers.endProcessesUnder(dir);
            Leftovers.removeCgroups(root);
        }
        System.exit(0);
    }

    private static Map<String, List<Double>> swapAll(String masterPort, int rounds) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, List<Double>> pauses = new LinkedHashMap<>();
        try {
            for (String module : MODULES) {
                Path jar = OsmosOptions.home().resolve("bundle").resolve(module + ".jar");
                for (int round = 0; round < rounds; round++) {
                    HttpRequest update = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterPort
                            + "/modules/update")).timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers
                            .ofString("{\"bundle\":\"" + module + "\",\"location\":\"" + jar + "\"}")).build();
                    HttpResponse<String> answer = http.send(update, HttpResponse.BodyHandlers.ofString());
                    Matcher pause = PAUSE.matcher(answer.body());
                    if (answer.statusCode() != 200 || !pause.find()) {
                        throw new IllegalStateException(module + ": " + answer.statusCode() + " " + answer.body());
                    }
                    pauses.computeIfAbsent(module, m -> new ArrayList<>()).add(Double.parseDouble(pause.group(1)));
                    Thread.sleep(500);
                }
                System.err.println(module + ": " + pauses.get(module));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return pauses;
    }

    private static void print(Map<String, List<Double>> pauses, int rounds) {
        System.out.println("| module | swaps | median | p90 | worst | target |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Double>> module : pauses.entrySet()) {
            List<Double> sorted = new ArrayList<>(module.getValue());
            Collections.sort(sorted);
            String target = module.getKey().equals("io.osmos.agent") ? "< 1 s" : "< 100 ms";
            System.out.printf("| `%s` | %d | %.0f ms | %.0f ms | %.0f ms | %s |%n", module.getKey(), rounds,
                    percentile(sorted, 0.5), percentile(sorted, 0.9), sorted.get(sorted.size() - 1), target);
        }
    }

    private static double percentile(List<Double> sorted, double fraction) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1));
    }
}
