package io.osmos.isolator.posix.rlimits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.Isolator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code posix/rlimits} isolator, Osmos' example of a vendor plugin: sets resource limits on
 * every container's first process while it is held before {@code exec} ({@link #isolate}), so the
 * program and everything it forks inherit them. It keeps no state: the limits live with the
 * processes, so a new instance has nothing to recover and nothing to clean up.
 */
@Component(service = Isolator.class, property = Isolator.NAME + "=" + PosixRlimitsIsolator.NAME,
        configurationPid = PosixRlimitsIsolator.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PosixRlimitsIsolator.Config.class)
public final class PosixRlimitsIsolator implements Isolator {

    static final String NAME = "posix/rlimits";
    static final String PID = "io.osmos.isolator.posix.rlimits";
    static final String DEFAULT_NOFILE = "4096";
    private static final Logger LOG = LoggerFactory.getLogger(PosixRlimitsIsolator.class);

    @ObjectClassDefinition(name = "Osmos posix/rlimits isolator",
            description = "Each limit is soft[:hard], a number or 'unlimited'; empty leaves the agent's own")
    public @interface Config {
        @AttributeDefinition(description = "RLIMIT_NOFILE: open files")
        String nofile() default DEFAULT_NOFILE;

        @AttributeDefinition(description = "RLIMIT_NPROC: processes and threads of the task's user")
        String nproc() default "";

        @AttributeDefinition(description = "RLIMIT_CORE: core file size in bytes")
        String core() default "";
    }

    private final List<RLimit> limits;
    private final Prlimit prlimit;

    @Activate
    public PosixRlimitsIsolator(Config config) {
        this(limits(config), new JnaPrlimit());
    }

    PosixRlimitsIsolator(List<RLimit> limits, Prlimit prlimit) {
        this.limits = List.copyOf(limits);
        this.prlimit = prlimit;
        LOG.info("{} isolator sets {}", NAME, this.limits.isEmpty() ? "nothing (every limit is empty)" : this.limits);
    }

    static List<RLimit> limits(Config config) {
        List<RLimit> limits = new ArrayList<>();
        add(limits, RLimit.parse(RLimit.Type.NOFILE, config.nofile()));
        add(limits, RLimit.parse(RLimit.Type.NPROC, config.nproc()));
        add(limits, RLimit.parse(RLimit.Type.CORE, config.core()));
        return limits;
    }

    private static void add(List<RLimit> limits, RLimit limit) {
        if (limit != null) {
            limits.add(limit);
        }
    }

    List<RLimit> limits() {
        return limits;
    }

    @Override
    public CompletionStage<Void> isolate(ContainerConfig container, long pid) {
        try {
            for (RLimit limit : limits) {
                prlimit.set(pid, limit);
            }
            LOG.debug("Container {} (pid {}) runs with {}", container.containerId(), pid, limits);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
