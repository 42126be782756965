package io.osmos.master.impl;

import java.util.Map;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Flag;
import io.osmos.proto.v1.TimeInfo;
import io.osmos.proto.v1.VersionInfo;
import io.osmos.proto.v1.master.Response;

/** Builds the Operator API responses from the master's state. */
final class OperatorResponses {

    private final Master master;

    OperatorResponses(Master master) {
        this.master = master;
    }

    Response health() {
        return Response.newBuilder().setType(Response.Type.GET_HEALTH)
                .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true)).build();
    }

    Response version() {
        return Response.newBuilder().setType(Response.Type.GET_VERSION)
                .setGetVersion(Response.GetVersion.newBuilder().setVersionInfo(versionInfo(master.osmosVersion())))
                .build();
    }

    Response flags() {
        Response.GetFlags.Builder flags = Response.GetFlags.newBuilder();
        for (Map.Entry<String, String> flag : master.flags().entrySet()) {
            flags.addFlags(Flag.newBuilder().setName(flag.getKey()).setValue(flag.getValue()));
        }
        return Response.newBuilder().setType(Response.Type.GET_FLAGS).setGetFlags(flags).build();
    }

    Response master() {
        double started = master.startNanos() / 1e9;
        return Response.newBuilder().setType(Response.Type.GET_MASTER).setGetMaster(Response.GetMaster.newBuilder()
                .setMasterInfo(master.info()).setStartTime(started).setElectedTime(started)).build();
    }

    /** GET_METRICS: every registered metric; none while no metrics registry runs. */
    Response metrics(io.osmos.api.metrics.Metrics registry) {
        Response.GetMetrics.Builder metrics = Response.GetMetrics.newBuilder();
        if (registry != null) {
            registry.snapshot().forEach((name, value) -> metrics.addMetrics(
                    io.osmos.proto.v1.Metric.newBuilder().setName(name).setValue(value)));
        }
        return Response.newBuilder().setType(Response.Type.GET_METRICS).setGetMetrics(metrics).build();
    }

    static VersionInfo versionInfo(String osmosVersion) {
        return VersionInfo.newBuilder().setVersion(Master.MESOS_VERSION).setBuildUser("osmos")
                .setGitTag("osmos-" + osmosVersion).build();
    }
}
