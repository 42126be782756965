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

    /** Runs on the master loop: allocations and offers are loop-confined. */
    Response agents() {
        Response.GetAgents.Builder agents = Response.GetAgents.newBuilder();
        for (AgentRecord record : master.agents().all()) {
            Resources allocated = Resources.EMPTY;
            for (TaskRecord task : master.cluster().tasksOn(record.id())) {
                if (!task.terminal()) {
                    allocated = allocated.plus(task.resources.allocatedTo(task.role));
                }
            }
            Resources offered = Resources.EMPTY;
            for (OfferRecord offer : master.cluster().offers().onAgent(record.id())) {
                offered = offered.plus(offer.resources());
            }
            agents.addAgents(agent(record).toBuilder().addAllAllocatedResources(allocated.toList())
                    .addAllOfferedResources(offered.toList()));
        }
        return Response.newBuilder().setType(Response.Type.GET_AGENTS).setGetAgents(agents).build();
    }

    static VersionInfo versionInfo(String osmosVersion) {
        return VersionInfo.newBuilder().setVersion(Master.MESOS_VERSION).setBuildUser("osmos")
                .setGitTag("osmos-" + osmosVersion).build();
    }

    private static Response.GetAgents.Agent agent(AgentRecord record) {
        Response.GetAgents.Agent.Builder agent = Response.GetAgents.Agent.newBuilder()
                .setAgentInfo(record.info()).setActive(record.active()).setDeactivated(false)
                .setVersion(record.version()).setPid("slave(1)@" + record.endpoint())
                .setRegisteredTime(time(record.registeredNanos()))
                .addAllTotalResources(record.info().getResourcesList())
                .addAllCapabilities(record.capabilities());
        if (record.reregisteredNanos() > 0) {
            agent.setReregisteredTime(time(record.reregisteredNanos()));
        }
        return agent.build();
    }

    private static TimeInfo time(long nanos) {
        return TimeInfo.newBuilder().setNanoseconds(nanos).build();
    }
}
