package io.osmos.itests;

import static org.junit.Assert.assertEquals;

import java.util.Map;

import javax.inject.Inject;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A task finishes while the master is away: the agent keeps the update, re-registers with the
 * master when it is back, and the framework, failing over with its id, still gets TASK_FINISHED.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StatusUpdateReliabilityTest {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return OsmosOptions.feature("local", Map.of("master_port", OsmosOptions.freePort(), "agent_port",
                OsmosOptions.freePort(), "resources", "cpus:2;mem:2048"));
    }

    @Test
    public void anUpdateMadeWhileTheMasterIsDownReachesTheFrameworkAfterwards() throws Exception {
        String port = System.getProperty("osmos.test.master_port");
        FrameworkInfo info = Tasks.framework("failover", "failover").toBuilder().setFailoverTimeout(120).build();
        FrameworkInfo withId;
        try (TestScheduler first = new TestScheduler(port, MediaType.PROTOBUF)) {
            withId = info.toBuilder().setId(first.subscribe(info)).build();
            Offer offer = first.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            first.send(Tasks.launch(offer, Tasks.command("brief", offer, "sleep 3", "failover")));
            first.awaitState("brief", TaskState.TASK_RUNNING, 30);

            Bundle master = Bundles.find(context, "io.osmos.master");
            master.stop();
            Thread.sleep(5_000);
            master.start();
        }
        try (TestScheduler second = new TestScheduler(port, MediaType.PROTOBUF)) {
            assertEquals("the framework keeps its id", withId.getId(), subscribeWhenUp(second, withId));
            TaskStatus finished = second.awaitState("brief", TaskState.TASK_FINISHED, 45);
            assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
        }
    }

    private static io.osmos.proto.v1.FrameworkID subscribeWhenUp(TestScheduler scheduler, FrameworkInfo info)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                return scheduler.subscribe(info);
            } catch (java.io.IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

}
