package io.osmos.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The features we ship resolve, and local is master plus agent wired to each other. */
public class ShippedFeaturesTest {

    private static final Path FEATURES = Path.of(System.getProperty("user.dir"), "..", "..", "features");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

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

    /** The vendor add-on composes with an agent as an integrator would write it (or osmos-assemble does). */
    @Test
    public void thePosixRlimitsAddOnComposesWithAnAgent() throws Exception {
        Path features = folder.getRoot().toPath();
        try (var shipped = Files.list(FEATURES)) {
            for (Path file : shipped.toList()) {
                Files.copy(file, features.resolve(file.getFileName()));
            }
        }
        Files.writeString(features.resolve("edge.json"), "{\"includes\":[\"agent\",\"posix-rlimits\"],"
                + "\"variables\":{\"isolation\":\"cgroups/cpu,cgroups/mem,posix/rlimits\"}}");
        ResolvedFeature edge = new FeatureResolver(new FeatureReader(features))
                .resolve("edge", Map.of("osmos.home", "/opt/osmos", "feature", "edge"), Map.of("rlimit_nproc", "512"));
        assertTrue(edge.bundles().stream().anyMatch(b -> b.name().equals("jna")));
        assertTrue(edge.bundles().stream().anyMatch(b -> b.name().equals("io.osmos.isolator.posix.rlimits")));
        assertEquals("cgroups/cpu,cgroups/mem,posix/rlimits", edge.configurations().get("io.osmos.agent").get("isolation"));
        assertEquals("512", edge.configurations().get("io.osmos.isolator.posix.rlimits").get("nproc"));
        assertEquals("4096", edge.configurations().get("io.osmos.isolator.posix.rlimits").get("nofile"));
    }
}
