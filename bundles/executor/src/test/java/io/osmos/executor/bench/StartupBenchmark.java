package io.osmos.executor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.osmos.executor.Events;
import io.osmos.executor.ExecutorJvm;
import io.osmos.executor.FakeAgent;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.executor.Call;

/**
 * Measures what the agent pays per command task: the time from starting the executor JVM to its
 * SUBSCRIBE arriving, and the executor's resident memory while its task runs; with and without
 * the recommended JVM options. Run from bundles/executor after {@code mvn test-compile}:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/executor.classpath) \
 *     io.osmos.executor.bench.StartupBenchmark [runs]
 * </pre>
 * {@code -Dbench.options="..."} measures another option line instead of the shipped one;
 * {@code -Dbench.baseline=false} skips the run without options.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String override = System.getProperty("bench.options");
        List<String> options = override != null ? List.of(override.trim().split("\\s+")) : ExecutorJvm.recommendedOptions();
        System.out.println("JVM options: " + String.join(" ", options));
        boolean baseline = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));
        for (List<String> variant : baseline ? List.of(List.<String>of(), options) : List.of(options)) {
            boolean withOptions = !variant.isEmpty();
            List<Long> startMillis = new ArrayList<>();
            List<Long> rssKib = new ArrayList<>();
            List<Long> peakKib = new ArrayList<>();
            List<Long> launchMillis = new ArrayList<>();
            run(variant); // warms the page cache and the fake agent
            for (int i = 0; i < runs; i++) {
                long[] result = run(variant);
                startMillis.add(result[0]);
                rssKib.add(result[1]);
                peakKib.add(result[2]);
                launchMillis.add(result[3]);
                System.out.printf("%-16s run %d: start->SUBSCRIBE %4d ms, LAUNCH->RUNNING %4d ms, VmRSS %6.1f MiB, VmHWM %6.1f MiB%n",
                        label(withOptions), i + 1, result[0], result[3], result[1] / 1024.0, result[2] / 1024.0);
            }
            System.out.printf("%-16s median: start->SUBSCRIBE %4d ms, LAUNCH->RUNNING %4d ms, VmRSS %6.1f MiB, VmHWM %6.1f MiB%n%n",
                    label(withOptions), median(startMillis), median(launchMillis), median(rssKib) / 1024.0,
                    median(peakKib) / 1024.0);
        }
    }

    private static String label(boolean withOptions) {
        return withOptions ? "with options" : "without options";
    }

    /** @return start-to-SUBSCRIBE millis, VmRSS KiB and VmHWM KiB while the task runs, LAUNCH-to-RUNNING millis */
    private static long[] run(List<String> options) throws Exception {
        Path sandbox = Files.createTempDirectory("osmos-bench");
        Process executor = null;
        try (FakeAgent agent = new FakeAgent(Events.subscribed(true)).autoAcknowledge(true)) {
            long start = System.nanoTime();
            executor = ExecutorJvm.start(ExecutorJvm.environment(agent.endpoint(), sandbox), sandbox, options);
            FakeAgent.Received subscribe = agent.nextSubscribe(30);
            long startMillis = TimeUnit.NANOSECONDS.toMillis(subscribe.nanos - start);
            long launched = System.nanoTime();
            agent.send(Events.launch(Events.shellTask("t1", "sleep 1000")));
            awaitState(agent, TaskState.TASK_RUNNING);
            long launchMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
            Thread.sleep(500); // RSS once the task runs and the executor idles
            long rss = statusKib(executor.pid(), "VmRSS:");
            long peak = statusKib(executor.pid(), "VmHWM:");
            agent.send(Events.kill("t1", 1000L));
            awaitState(agent, TaskState.TASK_KILLED);
            if (!executor.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("executor did not exit");
            }
            return new long[] {startMillis, rss, peak, launchMillis};
        } catch (AssertionError e) {
            Path stderr = sandbox.resolve("stderr");
            System.err.println("Executor stderr:\n" + (Files.exists(stderr) ? Files.readString(stderr) : "(none)"));
            throw e;
        } finally {
            if (executor != null) {
                executor.destroyForcibly();
            }
            for (String name : new String[] {"stdout", "stderr"}) {
                Files.deleteIfExists(sandbox.resolve(name));
            }
            Files.deleteIfExists(sandbox);
        }
    }

    private static void awaitState(FakeAgent agent, TaskState state) throws InterruptedException {
        while (true) {
            Call.Update update = agent.nextUpdate(30);
            if (update.getStatus().getState() == state) {
                return;
            }
        }
    }

    private static long statusKib(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
