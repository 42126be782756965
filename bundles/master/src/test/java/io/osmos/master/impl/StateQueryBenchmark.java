package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.osmos.http.codec.DirectSerializer;
import io.osmos.http.codec.MesosJson;
import io.osmos.proto.v1.master.Response;

/**
 * Mesos' {@code MasterStateQuery_BENCHMARK_Test} on this master: builds the model in memory for each
 * agent count (5 frameworks per agent × 2 running + 2 completed tasks, 10 labels each) and measures, in
 * one run and one JVM, v0 {@code /state}, GET_STATE in protobuf and JSON (direct serialization through
 * the read batches), the bare serialization of the same bytes from a prebuilt message, and 1, 5 and 20
 * concurrent GET_STATE clients. Prints a Markdown table of medians and the ratios the targets use.
 *
 * <p>Run (from the repository root, after {@code mvn -o install -DskipTests}):
 * {@code bash bundles/master/benchmark.sh [agents...]} (default 1000 10000 20000).
 */
public final class StateQueryBenchmark {

    private static final int RUNS = 5;
    private static final int WARMUP_RUNS = 3;

    private StateQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"1000", "10000", "20000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        System.out.println("| agents | tasks (running + completed) | v0 /state | GET_STATE protobuf | GET_STATE JSON "
                + "| bare protobuf bytes | bare JSON bytes | 1 client | 5 clients | 20 clients | protobuf / v0 "
                + "| JSON / v0 | 20 / 1 client | heap per task | /state size | GET_STATE JSON size |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        // One unreported round first, so the JIT has compiled the paths before anything is timed.
        measure(Math.min(1000, sizes.get(0)));
        for (int agents : sizes) {
            System.out.println(measure(agents));
        }
    }

    private static String measure(int agents) throws Exception {
        long heapBefore = usedHeap();
        Master master = BenchmarkCluster.master();
        try {
            BenchmarkCluster.populate(master, agents, 5, 2);
            long tasks = agents * 5L * 2 * 2;
            long heapAfter = usedHeap();
            double heapPerTask = (heapAfter - heapBefore) / (double) tasks;
            byte[][] v0 = new byte[1][];
            byte[][] v1 = new byte[1][];
            double state = median(() -> v0[0] = read(master, "v0", view -> new V0State(view).state()));
            double protobuf = median(() -> read(master, "pb", view -> DirectSerializer.protobuf(view.state())));
            double json = median(() -> v1[0] = read(master, "json", view -> DirectSerializer.json(view.state())));
            Response built = Response.parseFrom(read(master, "pb", view -> DirectSerializer.protobuf(view.state())));
            built.toByteArray();
            double bareProtobuf = median(built::toByteArray);
            double bareJson = median(() -> MesosJson.toJson(built));
            double one = median(() -> clients(master, 1));
            double five = median(() -> clients(master, 5));
            double twenty = median(() -> clients(master, 20));
            return String.format(Locale.ROOT, "| %,d | %,d | %.3f s | %.3f s | %.3f s | %.3f s | %.3f s | %.3f s | %.3f s "
                    + "| %.3f s | %.2f | %.2f | %.2f | %.0f B | %,d MB | %,d MB |", agents, tasks, state, protobuf, json,
                    bareProtobuf, bareJson, one, five, twenty, protobuf / state, json / state, twenty / one, heapPerTask,
                    v0[0].length >> 20, v1[0].length >> 20);
        } finally {
            master.stop();
        }
    }

    private static byte[] read(Master master, String key, Function<StateBodies, byte[]> compute) {
        return master.reads().read(key, compute).join();
    }

    /** N clients asking GET_STATE (protobuf) at once: seconds until the last has its answer. */
    private static void clients(Master master, int count) {
        List<CompletableFuture<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(master.reads().read("clients", view -> DirectSerializer.protobuf(view.state())));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    }

    private static double median(Runnable run) {
        for (int i = 0; i < WARMUP_RUNS; i++) {
            run.run();
        }
        double[] seconds = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[RUNS / 2];
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
