package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * Runs {@code bin/osmos local} as an operator would, as a separate process: the agent shows up in
 * GET_AGENTS over JSON with the configured resources, and SIGTERM stops every bundle and ends the
 * process cleanly.
 */
public class LauncherSmokeTest {

    @Test
    public void binOsmosLocalServesTheAgentAndStopsCleanlyOnSigterm() throws Exception {
        try (LocalClusterProcess cluster = new LocalClusterProcess("--resources=cpus:3;mem:2048")) {
            String agents = cluster.awaitAgent();
            assertTrue(agents, agents.contains("\"active\":true"));
            assertTrue("configured resources win over detection: " + agents,
                    agents.contains("{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":3.0}}")
                            && agents.contains("{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":2048.0}}"));
            assertTrue("undeclared names are detected: " + agents, agents.contains("\"name\":\"disk\""));

            cluster.process.destroy();
            assertTrue("stopped within 30 s", cluster.process.waitFor(30, TimeUnit.SECONDS));
            // 128 + SIGTERM: the JVM's status after its shutdown hooks ran (systemd: SuccessExitStatus=143).
            assertEquals("exit status after SIGTERM", 143, cluster.process.exitValue());
            String output = cluster.output();
            assertTrue(output, output.contains("Master") && output.contains("stopped"));
            assertTrue(output, output.contains("Osmos stopped"));
        }
    }
}
