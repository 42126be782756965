package io.osmos.isolator.posix.rlimits;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.osmos.api.isolation.ContainerConfig;

import org.junit.Assume;
import org.junit.Test;

public class PosixRlimitsIsolatorTest {

    private static final ContainerConfig CONTAINER = new ContainerConfig("c1", null, Path.of("/tmp"),
            Map.of("cpus", 0.1), Map.of(), true, false);

    private static PosixRlimitsIsolator.Config config(String nofile, String nproc, String core) {
        return new PosixRlimitsIsolator.Config() {
            @Override public Class<? extends Annotation> annotationType() { return PosixRlimitsIsolator.Config.class; }
            @Override public String nofile() { return nofile; }
            @Override public String nproc() { return nproc; }
            @Override public String core() { return core; }
        };
    }

    @Test
    public void isolateSetsEveryConfiguredLimitOnThePid() throws Exception {
        List<String> calls = new ArrayList<>();
        PosixRlimitsIsolator isolator = new PosixRlimitsIsolator(
                PosixRlimitsIsolator.limits(config("100:200", "", "0")), (pid, limit) -> calls.add(pid + " " + limit));
        isolator.isolate(CONTAINER, 42).toCompletableFuture().get();
        assertEquals(List.of("42 RLIMIT_NOFILE=100:200", "42 RLIMIT_CORE=0:0"), calls);
    }

    @Test
    public void aFailedPrlimitFailsTheIsolation() {
        PosixRlimitsIsolator isolator = new PosixRlimitsIsolator(List.of(new RLimit(RLimit.Type.NPROC, 1, 1)),
                (pid, limit) -> {
                    throw new IllegalStateException("prlimit(" + pid + ", " + limit + ") failed: Operation not permitted");
                });
        ExecutionException e = org.junit.Assert.assertThrows(ExecutionException.class,
                () -> isolator.isolate(CONTAINER, 7).toCompletableFuture().get());
        assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("Operation not permitted"));
    }

    /** The real thing: prlimit(2) through JNA on a live process, read back from /proc. */
    @Test
    public void jnaPrlimitChangesTheLimitsOfAnotherProcess() throws Exception {
        Assume.assumeTrue("Linux only", Files.isDirectory(Path.of("/proc/self")));
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            PosixRlimitsIsolator isolator = new PosixRlimitsIsolator(
                    PosixRlimitsIsolator.limits(config("123:456", "", "0:0")), new JnaPrlimit());
            isolator.isolate(CONTAINER, sleeper.pid()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            String limits = Files.readString(Path.of("/proc", Long.toString(sleeper.pid()), "limits"));
            assertTrue(limits, limits.matches("(?s).*Max open files\\s+123\\s+456\\s+files.*"));
            assertTrue(limits, limits.matches("(?s).*Max core file size\\s+0\\s+0\\s+bytes.*"));
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    public void theDefaultsLimitOpenFilesOnly() {
        assertEquals(List.of(new RLimit(RLimit.Type.NOFILE, 4096, 4096)), PosixRlimitsIsolator.limits(
                config(PosixRlimitsIsolator.DEFAULT_NOFILE, "", "")));
    }
}
