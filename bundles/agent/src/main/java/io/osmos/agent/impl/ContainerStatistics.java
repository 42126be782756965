package io.osmos.agent.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.google.protobuf.Descriptors.FieldDescriptor;

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

    CompletableFuture<Response> getContainers() {
        return executors().thenApply(entries -> {
            Response.GetContainers.Builder containers = Response.GetContainers.newBuilder();
            for (Entry entry : entries) {
                containers.addContainers(Response.GetContainers.Container.newBuilder()
                        .setFrameworkId(entry.run().framework.getId()).setExecutorId(entry.run().info.getExecutorId())
                        .setExecutorName(entry.run().info.getName())
                        .setContainerId(ContainerID.newBuilder().setValue(entry.run().containerId.getValue()))
                        .setResourceStatistics(entry.statistics()));
            }
            return Response.newBuilder().setType(Response.Type.GET_CONTAINERS).setGetContainers(containers).build();
        });
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
