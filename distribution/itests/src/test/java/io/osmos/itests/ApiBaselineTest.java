package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * The SPI's semantic versions are enforced: {@code baseline/check-breaking-change.sh} builds a copy of
 * io.osmos.api with a changed Isolator method and a removed Resources method, package versions
 * untouched, and that build must fail with bnd's baseline report.
 */
public class ApiBaselineTest {

    @Test
    public void aBreakingChangeToTheSpiFailsTheBuild() throws Exception {
        Path root = Path.of(System.getProperty("user.dir"), "..", "..").normalize();
        Path scratch = Path.of(System.getProperty("user.dir"), "target", "baseline-check");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("baseline/check-breaking-change.sh").toString(),
                scratch.toString()).redirectErrorStream(true);
        String repository = System.getProperty("maven.repo.local.path");
        if (repository != null && !repository.isEmpty()) {
            builder.environment().put("MAVEN_REPO_LOCAL", repository);
        }
        Process check = builder.start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("finished", check.waitFor(5, TimeUnit.MINUTES));
        assertEquals(output, 0, check.exitValue());
        assertTrue(output, output.contains("* io.osmos.api.isolation") && output.contains("MAJOR"));
    }
}
