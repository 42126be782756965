package io.osmos.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.Test;

/** The features we ship resolve, and local is master plus agent wired to each other. */
public class ShippedFeaturesTest {

    private static final Path FEATURES = Path.of(System.getProperty("user.dir"), "..", "..", "features");

    private static ResolvedFeature resolve(String id, Map<String, String> values) {
        return new FeatureResolver(new FeatureReader(FEATURES))
                .resolve(id, Map.of("osmos.home", "/opt/osmos", "feature", id), values);
    }

    @Test
    public void localRunsMasterAndAgentWithTheAgentPointingAtTheMaster() {
        ResolvedFeature local = resolve("local", Map.of("master_port", "6050", "agent_port", "6051"));
        assertEquals("6050", local.configurations().get("io.osmos.http.server~master").get("port"));
        assertEquals("6051", local.configurations().get("io.osmos.http.server~agent").get("port"));
        assertEquals("127.0.0.1:6050", local.configurations().get("io.osmos.agent").get("master"));
        assertEquals("/opt/osmos/run/local/agent", local.configurations().get("io.osmos.agent").get("work.dir"));
        assertTrue(local.bundles().stream().anyMatch(b -> b.name().equals("io.osmos.master")));
        assertTrue(local.bundles().stream().anyMatch(b -> b.name().equals("io.osmos.agent")));
        assertEquals("no log file unless asked", "", local.configurations().get("io.osmos.logging").get("log.dir"));
    }

    @Test
    public void everyFeatureLogsToAFileWhenGivenALogDir() {
        for (String id : new String[] {"core", "master", "agent", "local"}) {
            ResolvedFeature feature = resolve(id, Map.of("log_dir", "/var/log/osmos"));
            assertEquals(id, "/var/log/osmos", feature.configurations().get("io.osmos.logging").get("log.dir"));
            assertTrue(id, feature.bundles().stream().anyMatch(b -> b.name().equals("io.osmos.logging")));
        }
    }

    @Test
    public void masterAndAgentAloneTakeMesosStylePortFlags() {
        assertEquals("5055", resolve("master", Map.of("port", "5055")).configurations()
                .get("io.osmos.http.server~master").get("port"));
        ResolvedFeature agent = resolve("agent", Map.of("port", "5056", "master", "10.0.0.1:5050"));
        assertEquals("5056", agent.configurations().get("io.osmos.agent").get("port"));
        assertEquals("10.0.0.1:5050", agent.configurations().get("io.osmos.agent").get("master"));
    }
}
