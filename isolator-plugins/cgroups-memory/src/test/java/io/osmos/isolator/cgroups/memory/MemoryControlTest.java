package io.osmos.isolator.cgroups.memory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.ContainerLimitation;
import io.osmos.isolator.cgroups.common.Hierarchy;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The memory mapping of reference §1.4 in v1 and v2 trees, OOM detection and statistics. */
public class MemoryControlTest {

    private static final long MB = 1024 * 1024;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private CgroupsMemoryIsolator isolator;

    @After
    public void stop() {
        if (isolator != null) {
            isolator.stop();
        }
    }

    private static ContainerConfig container(String id, double mem, Double limit) {
        return new ContainerConfig(id, null, Path.of("/tmp"), Map.of("cpus", 1.0, "mem", mem),
                limit == null ? Map.of() : Map.of("mem", limit), true, false);
    }

    @Test
    public void v1SoftIsTheRequestAndHardTheLimit() throws Exception {
        Hierarchy memory = new Hierarchy(folder.newFolder("memory").toPath(), "osmos", false, false);
        isolator = new CgroupsMemoryIsolator(memory, false, 50);
        isolator.prepare(container("plain", 64, null)).toCompletableFuture().join();
        isolator.prepare(container("limited", 32, 128.0)).toCompletableFuture().join();
        isolator.prepare(container("infinite", 16, Double.POSITIVE_INFINITY)).toCompletableFuture().join();
        assertEquals(String.valueOf(64 * MB), read(memory.cgroup("plain").resolve("memory.soft_limit_in_bytes")));
        assertEquals(String.valueOf(64 * MB), read(memory.cgroup("plain").resolve("memory.limit_in_bytes")));
        assertEquals(String.valueOf(32 * MB), read(memory.cgroup("limited").resolve("memory.soft_limit_in_bytes")));
        assertEquals(String.valueOf(128 * MB), read(memory.cgroup("limited").resolve("memory.limit_in_bytes")));
        assertEquals("-1", read(memory.cgroup("infinite").resolve("memory.limit_in_bytes")));
        assertEquals("a 16 MB request is raised to 32 MB", String.valueOf(32 * MB),
                read(memory.cgroup("infinite").resolve("memory.soft_limit_in_bytes")));
    }

    @Test
    public void theHardLimitIsRaisedButNeverLoweredOnUpdate() throws Exception {
        Hierarchy memory = new Hierarchy(folder.newFolder("memory").toPath(), "osmos", false, false);
        isolator = new CgroupsMemoryIsolator(memory, false, 50);
        isolator.prepare(container("c", 32, 128.0)).toCompletableFuture().join();
        isolator.update(container("c", 64, 256.0)).toCompletableFuture().join();
        assertEquals(String.valueOf(256 * MB), read(memory.cgroup("c").resolve("memory.limit_in_bytes")));
        isolator.update(container("c", 48, 100.0)).toCompletableFuture().join();
        assertEquals(String.valueOf(256 * MB), read(memory.cgroup("c").resolve("memory.limit_in_bytes")));
        assertEquals(String.valueOf(48 * MB), read(memory.cgroup("c").resolve("memory.soft_limit_in_bytes")));
    }

    @Test
    public void v2UsesLowAndMax() throws Exception {
        Path mount = folder.newFolder("unified").toPath();
        Hierarchy memory = new Hierarchy(mount, "osmos", true, false);
        isolator = new CgroupsMemoryIsolator(memory, false, 50);
        isolator.prepare(container("a", 64, 256.0)).toCompletableFuture().join();
        isolator.prepare(container("b", 64, Double.POSITIVE_INFINITY)).toCompletableFuture().join();
        assertEquals(String.valueOf(64 * MB), read(memory.cgroup("a").resolve("memory.low")));
        assertEquals(String.valueOf(256 * MB), read(memory.cgroup("a").resolve("memory.max")));
        assertEquals("max", read(memory.cgroup("b").resolve("memory.max")));
        assertEquals("+memory", read(mount.resolve("cgroup.subtree_control")));
        Files.writeString(memory.cgroup("a").resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        Optional<ContainerLimitation> limitation = isolator.limitation("a").toCompletableFuture().join();
        assertTrue(limitation.isPresent());
        assertEquals(256.0, limitation.get().resources().get("mem"), 1e-9);
    }

    @Test
    public void anOomKillIsALimitationSeenByWatchAndLimitation() throws Exception {
        Hierarchy memory = new Hierarchy(folder.newFolder("memory").toPath(), "osmos", false, false);
        isolator = new CgroupsMemoryIsolator(memory, false, 20);
        isolator.prepare(container("c", 32, 128.0)).toCompletableFuture().join();
        Path control = memory.cgroup("c").resolve("memory.oom_control");
        Files.writeString(control, "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        var watch = isolator.watch("c").toCompletableFuture();
        assertTrue(isolator.limitation("c").toCompletableFuture().join().isEmpty());
        Files.writeString(memory.cgroup("c").resolve("memory.max_usage_in_bytes"), String.valueOf(128 * MB));
        Files.writeString(control, "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        ContainerLimitation limitation = watch.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("REASON_CONTAINER_LIMITATION_MEMORY", limitation.reason());
        assertEquals("Memory limit exceeded: Requested: 32MB, Limit: 128MB, Maximum Used: 128MB", limitation.message());
    }

    @Test
    public void statisticsComeFromMemoryStat() throws Exception {
        Path cgroup = folder.newFolder("cg").toPath();
        Files.writeString(cgroup.resolve("memory.stat"), "cache 10\nrss 20\ntotal_cache 4096\ntotal_rss 8192\n"
                + "total_mapped_file 1024\n");
        Files.writeString(cgroup.resolve("memory.usage_in_bytes"), "12288");
        Files.writeString(cgroup.resolve("memory.limit_in_bytes"), String.valueOf(160 * MB));
        Files.writeString(cgroup.resolve("memory.soft_limit_in_bytes"), String.valueOf(64 * MB));
        Map<String, Double> usage = MemoryControl.usage(cgroup, false);
        assertEquals(8192.0, usage.get("mem_rss_bytes"), 0);
        assertEquals(4096.0, usage.get("mem_cache_bytes"), 0);
        assertEquals(12288.0, usage.get("mem_total_bytes"), 0);
        assertEquals(160.0 * MB, usage.get("mem_limit_bytes"), 0);
        assertEquals(64.0 * MB, usage.get("mem_soft_limit_bytes"), 0);
    }

    @Test
    public void oomScoreFavoursKillingSmallRequests() {
        assertEquals(1000 - 1000 * 32 / 1024, MemoryControl.oomScoreAdj(container("c", 32, 128.0), 1024 * MB));
        assertEquals(0, MemoryControl.oomScoreAdj(container("c", 2048, null), 1024 * MB));
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file).trim();
    }
}
