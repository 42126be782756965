package io.osmos.isolator.cgroups.cpu;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.osmos.api.isolation.ContainerConfig;
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
 * The {@code cgroups/cpu} isolator: CPU shares from requests, CFS quotas from limits, CPU time and
 * throttling from the cpu and cpuacct controllers. Its state is the cgroup tree, so a new instance
 * takes over running containers by looking at it.
 */
@Component(service = Isolator.class, property = Isolator.NAME + "=cgroups/cpu",
        configurationPid = CgroupsCpuIsolator.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CgroupsCpuIsolator.Config.class)
public final class CgroupsCpuIsolator implements Isolator {

    static final String PID = "io.osmos.isolator.cgroups.cpu";
    private static final Logger LOG = LoggerFactory.getLogger(CgroupsCpuIsolator.class);

    @ObjectClassDefinition(name = "Osmos cgroups/cpu isolator")
    public @interface Config {
        @AttributeDefinition(description = "Parent cgroup of all containers, in every hierarchy")
        String cgroups_root() default "osmos";

        @AttributeDefinition(description = "Whether CPU requests become CFS quotas for tasks without a CPU limit")
        boolean cgroups_enable_cfs() default false;
    }

    private final Hierarchy cpu;
    private final Hierarchy cpuacct;
    private final boolean enableCfs;

    @Activate
    public CgroupsCpuIsolator(Config config) {
        this(detect("cpu", config.cgroups_root()), detectCpuacct(config.cgroups_root()), config.cgroups_enable_cfs());
    }

    CgroupsCpuIsolator(Hierarchy cpu, Hierarchy cpuacct, boolean enableCfs) {
        this.cpu = cpu;
        this.cpuacct = cpuacct;
        this.enableCfs = enableCfs;
        LOG.info("cgroups/cpu isolator on cgroup {} at {} (root {}, CFS for requests {})", cpu.unified() ? "v2" : "v1",
                cpu.mount(), cpu.root(), enableCfs);
    }

    private static Hierarchy detect(String controller, String root) {
        Mounts.Mount mount = Mounts.find(controller).orElseThrow(() -> new IllegalStateException(
                "No cgroup hierarchy offers the " + controller + " controller on this machine"));
        if (!java.nio.file.Files.isWritable(mount.path())) {
            throw new IllegalStateException("The " + controller + " cgroup hierarchy at " + mount.path() + " is not writable");
        }
        return new Hierarchy(mount.path(), root, mount.unified(), true);
    }

    private static Hierarchy detectCpuacct(String root) {
        return Mounts.find("cpuacct").map(m -> new Hierarchy(m.path(), root, m.unified(), true)).orElse(null);
    }

    private List<Hierarchy> hierarchies() {
        return cpuacct == null || cpu.unified() || cpuacct.mount().equals(cpu.mount()) ? List.of(cpu) : List.of(cpu, cpuacct);
    }

    @Override
    public CompletionStage<Void> recover(Collection<ContainerConfig> running) {
        return Answers.run(() -> hierarchies().forEach(h -> {
            int removed = Orphans.destroy(h, running);
            LOG.info("cgroups/cpu took over {} container(s) in {}; {} orphan cgroup(s) removed", running.size(),
                    h.root(), removed);
        }));
    }

    @Override
    public CompletionStage<Void> prepare(ContainerConfig container) {
        return Answers.run(() -> {
            hierarchies().forEach(h -> h.create(container, "cpu"));
            CpuControl.apply(cpu.cgroup(container), container, cpu.unified(), enableCfs);
        });
    }

    @Override
    public CompletionStage<Void> isolate(ContainerConfig container, long pid) {
        return Answers.run(() -> hierarchies().forEach(h -> h.join(container, pid)));
    }

    @Override
    public CompletionStage<Void> update(ContainerConfig container) {
        return Answers.run(() -> CpuControl.apply(cpu.cgroup(container), container, cpu.unified(), enableCfs));
    }

    @Override
    public CompletionStage<ContainerUsage> usage(String containerId) {
        return Answers.supply(() -> {
            Path cpuCgroup = cpu.find(containerId);
            if (cpuCgroup == null) {
                return ContainerUsage.EMPTY;
            }
            Hierarchy accounting = hierarchies().size() > 1 ? cpuacct : cpu;
            Path acctCgroup = accounting.root().resolve(cpu.root().relativize(cpuCgroup));
            ContainerConfig shape = new ContainerConfig(containerId, null, cpuCgroup,
                    java.util.Map.of("cpus", CpuControl.sharesToCpus(cpuCgroup, cpu.unified())), java.util.Map.of(),
                    false, false);
            return ContainerUsage.of(CpuControl.usage(cpuCgroup, acctCgroup, shape, cpu.unified()));
        });
    }

    @Override
    public CompletionStage<Void> cleanup(String containerId) {
        return Answers.run(() -> hierarchies().forEach(h -> {
            Path cgroup = h.find(containerId);
            if (cgroup != null) {
                h.destroy(cgroup);
            }
        }));
    }

    @Deactivate
    void stop() {
        hierarchies().forEach(Hierarchy::removeRootIfEmpty);
    }
}
