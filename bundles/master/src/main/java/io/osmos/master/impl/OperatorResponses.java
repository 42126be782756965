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

    static VersionInfo versionInfo(String osmosVersion) {
        return VersionInfo.newBuilder().setVersion(Master.MESOS_VERSION).setBuildUser("osmos")
                .setGitTag("osmos-" + osmosVersion).build();
    }
}
