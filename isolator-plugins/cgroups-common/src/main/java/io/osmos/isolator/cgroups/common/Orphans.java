package io.osmos.isolator.cgroups.common;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import io.osmos.api.isolation.ContainerConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** After a take-over: cgroups under the root that belong to no live container are destroyed. */
public final class Orphans {

    private static final Logger LOG = LoggerFactory.getLogger(Orphans.class);

    private Orphans() {
    }

    public static int destroy(Hierarchy hierarchy, Collection<ContainerConfig> running) {
        Set<Path> live = new HashSet<>();
        for (ContainerConfig container : running) {
            live.add(hierarchy.cgroup(container));
        }
        int removed = 0;
        for (Path top : Hierarchy.children(hierarchy.root())) {
            if (!live.contains(top)) {
                removed += destroy(hierarchy, top);
                continue;
            }
            for (Path nested : Hierarchy.children(top.resolve(Hierarchy.NESTED))) {
                if (!live.contains(nested)) {
                    removed += destroy(hierarchy, nested);
                }
            }
        }
        return removed;
    }

    private static int destroy(Hierarchy hierarchy, Path cgroup) {
        if (cgroup.getFileName().toString().equals(Hierarchy.LEAF)) {
            return 0;
        }
        LOG.info("Destroying orphan cgroup {}", cgroup);
        hierarchy.destroy(cgroup);
        return 1;
    }
}
