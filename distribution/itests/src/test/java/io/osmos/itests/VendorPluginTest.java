package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import io.osmos.api.isolation.Isolator;
import io.osmos.http.codec.MediaType;
import io.osmos.launcher.Assembler;
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
import org.osgi.framework.ServiceReference;

/**
 * An integrator's tailored distribution and a vendor's hot-deployed isolator, end to end: the test
 * assembles a local cluster with osmos-assemble's {@link Assembler} (executors on the domain socket
 * only, no TCP executor transport, isolation {@code posix/rlimits} which it does not ship), boots it,
 * sees a task refused while the isolator is missing, drops the plugin and JNA into the distribution's
 * {@code deploy/}, and sees the next task run under the plugin's limits, read from its own
 * {@code /proc/self/limits}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VendorPluginTest {

    private static final String PLUGIN = "io.osmos.isolator.posix.rlimits";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws Exception {
        Path out = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "dist-vendor-");
        Files.delete(out);
        new Assembler(OsmosOptions.home()).assemble(new Assembler.Plan("edge", List.of("local"), List.of(),
                Set.of("io.osmos.transport.tcp"), Map.of("http_executor_domain_sockets", "true",
                        "isolation", "posix/rlimits"), Map.of()), out);
        return OsmosOptions.feature(out, "edge", Map.of("master_port", OsmosOptions.freePort(), "agent_port",
                OsmosOptions.freePort(), "resources", "cpus:4;mem:4096"));
    }

    private static TestScheduler scheduler() {
        return new TestScheduler(System.getProperty("osmos.test.master_port"), MediaType.PROTOBUF);
    }

    @Test
    public void aTailoredDistributionRunsTasksUnderAHotDeployedVendorIsolator() throws Exception {
        List<String> symbolicNames = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            symbolicNames.add(bundle.getSymbolicName());
            if (bundle.getSymbolicName().startsWith("io.osmos.") && bundle.getHeaders().get("Fragment-Host") == null) {
                assertEquals(bundle.getSymbolicName() + " is active", Bundle.ACTIVE, bundle.getState());
            }
        }
        assertTrue(symbolicNames.toString(), symbolicNames.containsAll(List.of("io.osmos.master", "io.osmos.agent",
                "io.osmos.transport.uds", "io.osmos.isolator.cgroups.cpu")));
        assertTrue("excluded: " + symbolicNames, !symbolicNames.contains("io.osmos.transport.tcp"));
        assertTrue("not shipped, to be hot-deployed: " + symbolicNames, !symbolicNames.contains(PLUGIN));

        Path home = Path.of(System.getProperty("osmos.test.osmos.home"));
        try (TestScheduler scheduler = scheduler()) {
            String frameworkId = scheduler.subscribe(Tasks.framework("vendor", "vendor")).getValue();
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            scheduler.send(Tasks.launch(offer, Tasks.command("early", offer, "true", "vendor")));
            TaskStatus refused = scheduler.awaitState("early", TaskState.TASK_FAILED, 30);
            assertTrue(refused.getMessage(), refused.getMessage().contains("Isolator posix/rlimits is not available"));

            // What an operator does: copy the plugin and the library it needs into deploy/.
            Path shipped = OsmosOptions.home().resolve("bundle");
            for (String jar : List.of("jna.jar", PLUGIN + ".jar")) {
                Files.copy(shipped.resolve(jar), home.resolve("deploy").resolve(jar), StandardCopyOption.REPLACE_EXISTING);
            }
            assertNotNull("the plugin registered its isolator", awaitIsolator("posix/rlimits", 30));

            // The service is in the registry a moment before every listener (the agent) has been told.
            java.util.Set<String> used = new java.util.HashSet<>(Set.of(offer.getId().getValue()));
            String launched = null;
            Offer next = null;
            for (int attempt = 0; launched == null && attempt < 5; attempt++) {
                next = scheduler.unusedOffers(used, 30).get(0);
                String id = "limited-" + attempt;
                scheduler.send(Tasks.launch(next, Tasks.command(id, next, "cat /proc/self/limits", "vendor")));
                TaskStatus first = scheduler.nextUpdate(id, 60);
                launched = first.getState() == TaskState.TASK_FAILED
                        && first.getMessage().contains("is not available") ? null : id;
            }
            assertNotNull("a task ran under the deployed isolator", launched);
            scheduler.awaitState(launched, TaskState.TASK_FINISHED, 60);
            Path stdout = Path.of(System.getProperty("osmos.test.work_dir"), "agent", "slaves",
                    next.getAgentId().getValue(), "frameworks", frameworkId, "executors", launched, "runs", "latest",
                    "stdout");
            String limits = Files.readString(stdout);
            // The feature default nofile=4096: soft and hard (the executor's JVM raises soft to hard anyway).
            assertTrue(limits, limits.matches("(?s).*Max open files\\s+4096\\s+4096\\s+files.*"));
        }
    }

    private ServiceReference<Isolator> awaitIsolator(String name, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            var found = context.getServiceReferences(Isolator.class, "(" + Isolator.NAME + "=" + name + ")");
            if (!found.isEmpty()) {
                return found.iterator().next();
            }
            Thread.sleep(200);
        }
        return null;
    }
}
