package io.osmos.agent.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.google.protobuf.Descriptors.FieldDescriptor;

import io.osmos.agent.containerizer.Container;
import io.osmos.api.isolation.ContainerUsage;
import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ResourceStatistics;
import io.osmos.proto.v1.agent.Response;

/**
 * What the executors' containers use, for {@code /monitor/statistics} and GET_CONTAINERS: the
 * isolators' measurements put into ResourceStatistics by field name.
 */
final class ContainerStatistics {

    /** One executor's container and what it uses. */
    record Entry(ExecutorRun run, ResourceStatistics statistics) {
    }

    private final Agent agent;

    ContainerStatistics(Agent agent) {
        this.agent = agent;
    }

    /** Every running executor's container with its statistics. */
    CompletableFuture<List<Entry>> executors() {
        return agent.loop().submit(this::runningExecutors).thenCompose(runs -> {
            List<CompletableFuture<Entry>> entries = new ArrayList<>();
            for (ExecutorRun run : runs) {
                entries.add(agent.containerizer().usage(run.containerId.getValue())
                        .thenApply(usage -> new Entry(run, statistics(usage))));
            }
            return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> entries.stream().map(CompletableFuture::join).toList());
        });
    }

    /** A container to report: an executor's, or one nested under it (its id carries the parent). */
    private record Listed(ExecutorRun run, ContainerID id) {
    }

    /**
     * GET_CONTAINERS: every executor's container and, when {@code showNested}, the nested containers
     * under them, as Mesos lists them.
     */
    CompletableFuture<Response> getContainers(boolean showNested) {
        return agent.loop().submit(() -> listed(showNested)).thenCompose(listed -> {
            List<CompletableFuture<Response.GetContainers.Container>> containers = new ArrayList<>();
            for (Listed container : listed) {
                containers.add(agent.containerizer().usage(container.id().getValue())
                        .thenApply(usage -> describe(container, statistics(usage))));
            }
            return CompletableFuture.allOf(containers.toArray(CompletableFuture[]::new)).thenApply(ignored ->
                    Response.newBuilder().setType(Response.Type.GET_CONTAINERS).setGetContainers(Response.GetContainers
                            .newBuilder().addAllContainers(containers.stream().map(CompletableFuture::join).toList()))
                            .build());
        });
    }

    private List<Listed> listed(boolean showNested) {
        List<Listed> listed = new ArrayList<>();
        for (ExecutorRun run : runningExecutors()) {
            ContainerID parent = ContainerID.newBuilder().setValue(run.containerId.getValue()).build();
            listed.add(new Listed(run, parent));
            if (!showNested) {
                continue;
            }
            for (Container container : agent.containerizer().containers()) {
                if (parent.getValue().equals(container.config().parentId())) {
                    listed.add(new Listed(run, ContainerID.newBuilder().setValue(container.id()).setParent(parent).build()));
                }
            }
        }
        return listed;
    }

    private static Response.GetContainers.Container describe(Listed container, ResourceStatistics statistics) {
        return Response.GetContainers.Container.newBuilder().setFrameworkId(container.run().framework.getId())
                .setExecutorId(container.run().info.getExecutorId()).setExecutorName(container.run().info.getName())
                .setContainerId(container.id()).setResourceStatistics(statistics).build();
    }

    private List<ExecutorRun> runningExecutors() {
        List<ExecutorRun> runs = new ArrayList<>();
        for (Map<String, ExecutorRun> byId : agent.tasks().executors.values()) {
            for (ExecutorRun run : byId.values()) {
                if (run.process != null && run.state != ExecutorRun.State.TERMINATED) {
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    /** Fields the isolators name but ResourceStatistics lacks are left out. */
    static ResourceStatistics statistics(ContainerUsage usage) {
        ResourceStatistics.Builder statistics = ResourceStatistics.newBuilder()
                .setTimestamp(System.currentTimeMillis() / 1000.0);
        for (Map.Entry<String, Double> value : usage.values().entrySet()) {
            FieldDescriptor field = ResourceStatistics.getDescriptor().findFieldByName(value.getKey());
            if (field == null || field.isRepeated() || value.getValue() == null) {
                continue;
            }
            double number = value.getValue();
            switch (field.getJavaType()) {
                case DOUBLE -> statistics.setField(field, number);
                case FLOAT -> statistics.setField(field, (float) number);
                case LONG -> statistics.setField(field, (long) number);
                case INT -> statistics.setField(field, (int) number);
                default -> { }
            }
        }
        return statistics.build();
    }
}
