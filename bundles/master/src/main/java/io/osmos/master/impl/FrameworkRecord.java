package io.osmos.master.impl;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;

/** A framework as the master tracks it. Confined to the master loop. */
final class FrameworkRecord {

    final FrameworkID id;
    FrameworkInfo info;
    Set<String> suppressedRoles = new LinkedHashSet<>();
    SchedulerStream stream;
    boolean active;
    final long registeredNanos;
    long reregisteredNanos;
    long unregisteredNanos;
    ScheduledFuture<?> failover;
    /** Tasks by task id; terminal ones stay until their terminal update is acknowledged. */
    final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    final Map<String, TaskRecord> completed = new LinkedHashMap<>();

    FrameworkRecord(FrameworkID id, FrameworkInfo info, long nowNanos) {
        this.id = id;
        this.info = info;
        this.registeredNanos = nowNanos;
    }

    String id() {
        return id.getValue();
    }

    Set<String> roles() {
        return Roles.of(info);
    }

    boolean connected() {
        return stream != null && stream.isOpen();
    }

    boolean hasCapability(FrameworkInfo.Capability.Type type) {
        return info.getCapabilitiesList().stream().anyMatch(c -> c.getType() == type);
    }
}
