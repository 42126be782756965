package io.osmos.master.impl;

import static org.junit.Assert.assertEquals;

import java.util.List;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskState;

import org.junit.Test;

/**
 * A launch the master sent as the agent went down (its bundle being updated, say) never reached it:
 * when the agent re-registers without the task, the master sends the launch again; when the agent
 * reports the task, it does not, so nothing runs twice.
 */
public class LostLaunchTest {

    @Test
    public void aLaunchTheAgentNeverGotIsSentAgainWhenItReRegisters() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            launch(cluster, "t1");
            cluster.subscribeAgent(again(cluster), true);
            AgentEvent resent = cluster.agent.await(e -> e.getType() == AgentEvent.Type.RUN_TASK);
            assertEquals("t1", resent.getRunTask().getTask().getTaskId().getValue());
        }
    }

    @Test
    public void aLaunchTheAgentReportsIsNotSentAgain() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            launch(cluster, "t1");
            Task reported = Task.newBuilder().setName("t1").setTaskId(TaskID.newBuilder().setValue("t1"))
                    .setFrameworkId(cluster.master.cluster().frameworks().iterator().next().id)
                    .setAgentId(ReservationCluster.agent(cluster.agentId)).setState(TaskState.TASK_STAGING).build();
            cluster.subscribeAgent(again(cluster), true, List.of(reported));
            Thread.sleep(300);
            assertEquals("no launch on the new stream: " + cluster.agent.events(), 0, cluster.agent.events().stream()
                    .filter(e -> e.getType() == AgentEvent.Type.RUN_TASK).count());
            cluster.subscribeAgent(again(cluster), true);
            Thread.sleep(300);
            assertEquals("nor later: the agent had it", 0, cluster.agent.events().stream()
                    .filter(e -> e.getType() == AgentEvent.Type.RUN_TASK).count());
        }
    }

    private static void launch(ReservationCluster cluster, String taskId) throws Exception {
        ReservationCluster.Framework framework = cluster.framework("f", false, "*");
        Offer offer = framework.awaitOffer(o -> true);
        cluster.schedulerCall(framework, OfferOperationsTest.accept(framework, offer,
                OfferOperationsTest.launch(cluster.agentId, taskId, Resources.parse("cpus:1;mem:64"))));
        assertEquals(taskId, cluster.agent.await(e -> e.getType() == AgentEvent.Type.RUN_TASK).getRunTask().getTask()
                .getTaskId().getValue());
    }

    private static AgentInfo again(ReservationCluster cluster) throws Exception {
        return cluster.onLoop(() -> cluster.master.agents().get(cluster.agentId).orElseThrow().info());
    }
}
