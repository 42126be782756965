package io.osmos.isolator.cgroups.cpu;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.isolator.cgroups.common.Hierarchy;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The CPU mapping of reference §1.4 written into v1 and v2 trees (plain directories standing in for cgroupfs). */
public class CpuControlTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static ContainerConfig container(String id, String parent, double cpus, Double limit) {
        return new ContainerConfig(id, parent, Path.of("/tmp"), Map.of("cpus", cpus, "mem", 64.0),
                limit == null ? Map.of() : Map.of("cpus", limit), true, false);
    }

    @Test
    public void v1FilesFollowRequestsAndLimits() throws Exception {
        Hierarchy cpu = new Hierarchy(folder.newFolder("cpu").toPath(), "osmos", false, false);
        CgroupsCpuIsolator isolator = new CgroupsCpuIsolator(cpu, null, false);
        ContainerConfig requestOnly = container("a", null, 0.25, null);
        ContainerConfig limited = container("b", null, 0.25, 1.0);
        ContainerConfig infinite = container("c", null, 0.25, Double.POSITIVE_INFINITY);
        for (ContainerConfig c : List.of(requestOnly, limited, infinite)) {
            isolator.prepare(c).toCompletableFuture().join();
        }
        assertEquals("256", read(cpu.cgroup("a").resolve("cpu.shares")));
        assertEquals("-1", read(cpu.cgroup("a").resolve("cpu.cfs_quota_us")));
        assertEquals("100000", read(cpu.cgroup("b").resolve("cpu.cfs_period_us")));
        assertEquals("100000", read(cpu.cgroup("b").resolve("cpu.cfs_quota_us")));
        assertEquals("-1", read(cpu.cgroup("c").resolve("cpu.cfs_quota_us")));
        assertEquals(2, CpuControl.shares(container("tiny", null, 0.0001, null)));
    }

    @Test
    public void cfsForRequestsWhenEnabledAndNestedLayout() throws Exception {
        Hierarchy cpu = new Hierarchy(folder.newFolder("cpu").toPath(), "osmos", false, false);
        CgroupsCpuIsolator isolator = new CgroupsCpuIsolator(cpu, null, true);
        isolator.prepare(container("exec", null, 1, null)).toCompletableFuture().join();
        isolator.prepare(container("task", "exec", 0.5, null)).toCompletableFuture().join();
        Path nested = cpu.root().resolve("exec/mesos/task");
        assertEquals("50000", read(nested.resolve("cpu.cfs_quota_us")));
        assertEquals("512", read(nested.resolve("cpu.shares")));
        isolator.update(container("task", "exec", 2, 3.0)).toCompletableFuture().join();
        assertEquals("2048", read(nested.resolve("cpu.shares")));
        assertEquals("300000", read(nested.resolve("cpu.cfs_quota_us")));
        isolator.cleanup("task").toCompletableFuture().join();
        assertFalse(Files.exists(nested));
        assertTrue(Files.exists(cpu.cgroup("exec")));
    }

    @Test
    public void v2UsesWeightAndMaxWithProcessesInALeaf() throws Exception {
        Path mount = folder.newFolder("unified").toPath();
        Hierarchy cpu = new Hierarchy(mount, "osmos", true, false);
        CgroupsCpuIsolator isolator = new CgroupsCpuIsolator(cpu, null, false);
        isolator.prepare(container("a", null, 1, 2.0)).toCompletableFuture().join();
        isolator.prepare(container("b", null, 0.5, Double.POSITIVE_INFINITY)).toCompletableFuture().join();
        assertEquals(String.valueOf(CpuControl.weight(1024)), read(cpu.cgroup("a").resolve("cpu.weight")));
        assertEquals("200000 100000", read(cpu.cgroup("a").resolve("cpu.max")));
        assertEquals("max 100000", read(cpu.cgroup("b").resolve("cpu.max")));
        assertEquals("+cpu", read(mount.resolve("cgroup.subtree_control")));
        assertTrue(Files.isDirectory(cpu.cgroup("a").resolve("leaf")));
        assertEquals(39, CpuControl.weight(1024));
    }

    @Test
    public void usageIsReadFromCpuStatAndCpuacct() throws Exception {
        Path cpu = folder.newFolder("cg").toPath();
        Files.writeString(cpu.resolve("cpu.stat"), "nr_periods 40\nnr_throttled 12\nthrottled_time 3000000000\n");
        Files.writeString(cpu.resolve("cpuacct.usage_user"), "2500000000");
        Files.writeString(cpu.resolve("cpuacct.usage_sys"), "500000000");
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "35000");
        Files.writeString(cpu.resolve("cpu.cfs_period_us"), "100000");
        Map<String, Double> usage = CpuControl.usage(cpu, cpu, container("x", null, 0.25, null), false);
        assertEquals(2.5, usage.get("cpus_user_time_secs"), 1e-9);
        assertEquals(0.5, usage.get("cpus_system_time_secs"), 1e-9);
        assertEquals(3.0, usage.get("cpus_throttled_time_secs"), 1e-9);
        assertEquals(12.0, usage.get("cpus_nr_throttled"), 1e-9);
        assertEquals(0.35, usage.get("cpus_limit"), 1e-9);
        assertEquals(0.25, usage.get("cpus_soft_limit"), 1e-9);
    }

    @Test
    public void recoverRemovesOrphansAndKeepsRunningContainers() throws Exception {
        Hierarchy cpu = new Hierarchy(folder.newFolder("cpu").toPath(), "osmos", false, false);
        CgroupsCpuIsolator isolator = new CgroupsCpuIsolator(cpu, null, false);
        ContainerConfig kept = container("kept", null, 1, null);
        ContainerConfig keptChild = container("child", "kept", 0.5, null);
        for (ContainerConfig c : List.of(kept, keptChild, container("orphan", null, 1, null),
                container("orphan-child", "kept", 0.5, null))) {
            isolator.prepare(c).toCompletableFuture().join();
        }
        isolator.recover(List.of(kept, keptChild)).toCompletableFuture().join();
        assertTrue(Files.exists(cpu.cgroup("kept")));
        assertTrue(Files.exists(cpu.cgroup("kept").resolve("mesos/child")));
        assertFalse(Files.exists(cpu.cgroup("orphan")));
        assertFalse(Files.exists(cpu.cgroup("kept").resolve("mesos/orphan-child")));
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file).trim();
    }
}
