package io.osmos.isolator.cgroups.memory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.ContainerLimitation;
import io.osmos.api.isolation.ContainerUsage;
import io.osmos.api.isolation.Isolator;
import io.osmos.isolator.cgroups.common.Answers;
import io.osmos.isolator.cgroups.common.Hierarchy;
import io.osmos.isolator.cgroups.common.Mounts;
import io.osmos.isolator.cgroups.common.Orphans;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cgroups/mem} isolator: soft and hard memory limits, OOM kills reported as Mesos'
 * REASON_CONTAINER_LIMITATION_MEMORY, and memory statistics. The kernel's OOM-kill counter of a
 * container's own cgroup is all the state it needs, so a new instance takes over without a baseline.
 */
@Component(service = Isolator.class, property = Isolator.NAME + "=cgroups/mem",
        configurationPid = CgroupsMemoryIsolator.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CgroupsMemoryIsolator.Config.class)
public final class CgroupsMemoryIsolator implements Isolator {

    static final String PID = "io.osmos.isolator.cgroups.memory";
    private static final Logger LOG = LoggerFactory.getLogger(CgroupsMemoryIsolator.class);

    @ObjectClassDefinition(name = "Osmos cgroups/mem isolator")
    public @interface Config {
        @AttributeDefinition(description = "Parent cgroup of all containers")
        String cgroups_root() default "osmos";

        @AttributeDefinition(description = "Whether the hard limit also caps swap (memory.memsw.limit_in_bytes)")
        boolean cgroups_limit_swap() default false;

        @AttributeDefinition(description = "How often running containers are checked for OOM kills, in milliseconds")
        long oom_poll_interval_ms() default 200;
    }

    private final Hierarchy memory;
    private final boolean limitSwap;
    private final long hostMemoryBytes;
    private final ScheduledExecutorService poller;
    private final Map<String, CompletableFuture<ContainerLimitation>> watches = new ConcurrentHashMap<>();

    @Activate
    public CgroupsMemoryIsolator(Config config) {
        this(detect(config.cgroups_root()), config.cgroups_limit_swap(), config.oom_poll_interval_ms());
    }

    CgroupsMemoryIsolator(Hierarchy memory, boolean limitSwap, long pollMillis) {
        this.memory = memory;
        this.limitSwap = limitSwap;
        this.hostMemoryBytes = hostMemory();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "osmos-oom-watch");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        LOG.info("cgroups/mem isolator on cgroup {} at {} (root {})", memory.unified() ? "v2" : "v1", memory.mount(),
                memory.root());
    }

    private static Hierarchy detect(String root) {
        Mounts.Mount mount = Mounts.find("memory").orElseThrow(() -> new IllegalStateException(
                "No cgroup hierarchy offers the memory controller on this machine"));
        if (!Files.isWritable(mount.path())) {
            throw new IllegalStateException("The memory cgroup hierarchy at " + mount.path() + " is not writable");
        }
        return new Hierarchy(mount.path(), root, mount.unified(), true);
    }

    @Override
    public CompletionStage<Void> recover(Collection<ContainerConfig> running) {
        return Answers.run(() -> {
            int removed = Orphans.destroy(memory, running);
            LOG.info("cgroups/mem took over {} container(s) in {}; {} orphan cgroup(s) removed", running.size(),
                    memory.root(), removed);
        });
    }

    @Override
    public CompletionStage<Void> prepare(ContainerConfig container) {
        return Answers.run(() -> {
            Path cgroup = memory.create(container, "memory");
            MemoryControl.apply(cgroup, container, memory.unified(), true, limitSwap);
        });
    }

    @Override
    public CompletionStage<Void> isolate(ContainerConfig container, long pid) {
        return Answers.run(() -> {
            memory.join(container, pid);
            long soft = MemoryControl.soft(container);
            long hard = MemoryControl.hard(container);
            if (container.task() && (hard < 0 || soft < hard)) {
                Hierarchy.write(Path.of("/proc", Long.toString(pid), "oom_score_adj"),
                        Integer.toString(MemoryControl.oomScoreAdj(container, hostMemoryBytes)));
            }
        });
    }

    @Override
    public CompletionStage<ContainerLimitation> watch(String containerId) {
        return watches.computeIfAbsent(containerId, id -> new CompletableFuture<>());
    }

    private void poll() {
        for (Map.Entry<String, CompletableFuture<ContainerLimitation>> watch : watches.entrySet()) {
            try {
                Path cgroup = memory.find(watch.getKey());
                if (cgroup != null) {
                    MemoryControl.limitation(cgroup, memory.unified()).ifPresent(watch.getValue()::complete);
                }
            } catch (RuntimeException e) {
                LOG.debug("Cannot check container {} for OOM kills: {}", watch.getKey(), e.getMessage());
            }
        }
    }

    @Override
    public CompletionStage<Optional<ContainerLimitation>> limitation(String containerId) {
        return Answers.supply(() -> {
            Path cgroup = memory.find(containerId);
            return cgroup == null ? Optional.<ContainerLimitation>empty() : MemoryControl.limitation(cgroup, memory.unified());
        });
    }

    @Override
    public CompletionStage<Void> update(ContainerConfig container) {
        return Answers.run(() -> MemoryControl.apply(memory.cgroup(container), container, memory.unified(), false, limitSwap));
    }

    @Override
    public CompletionStage<ContainerUsage> usage(String containerId) {
        return Answers.supply(() -> {
            Path cgroup = memory.find(containerId);
            return cgroup == null ? ContainerUsage.EMPTY : ContainerUsage.of(MemoryControl.usage(cgroup, memory.unified()));
        });
    }

    @Override
    public CompletionStage<Void> cleanup(String containerId) {
        return Answers.run(() -> {
            CompletableFuture<ContainerLimitation> watch = watches.remove(containerId);
            if (watch != null) {
                watch.cancel(false);
            }
            Path cgroup = memory.find(containerId);
            if (cgroup != null) {
                memory.destroy(cgroup);
            }
        });
    }

    @Deactivate
    void stop() {
        poller.shutdownNow();
        memory.removeRootIfEmpty();
    }

    private static long hostMemory() {
        return Hierarchy.read(Path.of("/proc/meminfo")).flatMap(text -> text.lines()
                .filter(l -> l.startsWith("MemTotal:")).findFirst())
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(Long.MAX_VALUE);
    }
}
