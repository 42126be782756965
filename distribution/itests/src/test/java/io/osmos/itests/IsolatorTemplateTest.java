package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import io.osmos.http.codec.MediaType;
import io.osmos.launcher.Assembler;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;

/**
 * A vendor's first plugin, the README's way: the distribution's {@code bin/osmos-new-isolator} creates the project, Maven
 * builds it (its unit test and its Pax Exam test booting an agent with it), the jar is dropped into
 * the {@code deploy/} of a running local cluster, and the next task asking for the isolator runs under
 * it (the template's isolator writes a marker with the pid into the sandbox).
 */
public class IsolatorTemplateTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"), "..", "..").normalize();
    private static final Path TARGET = Path.of(System.getProperty("user.dir"), "target");

    @Test
    public void aGeneratedPluginBuildsAndIsUsedOnceHotDeployed() throws Exception {
        Path project = Files.createTempDirectory(TARGET, "acme-quota-");
        run(List.of(OsmosOptions.home().resolve("bin/osmos-new-isolator").toString(), "--name", "acme/quota",
                "--package", "com.acme.quota", "--out", project.toString()), ROOT, 60);
        List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-o", "-q", "verify"));
        String repository = System.getProperty("maven.repo.local.path");
        if (repository != null && !repository.isEmpty()) {
            mvn.add("-Dmaven.repo.local=" + repository);
        }
        run(mvn, project, 300);
        Path jar = project.resolve("target/com.acme.quota-1.0.0-SNAPSHOT.jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            String imports = file.getManifest().getMainAttributes().getValue("Import-Package");
            assertTrue(imports, imports.contains("io.osmos.api.isolation;version=\"[1."));
        }

        Path home = TARGET.resolve(project.getFileName() + "-dist");
        new Assembler(OsmosOptions.home()).assemble(new Assembler.Plan("quota", List.of("local"), List.of(), Set.of(),
                Map.of("isolation", "acme/quota"), Map.of()), home);
        try (LocalClusterProcess cluster = new LocalClusterProcess(home, "quota", "--resources=cpus:2;mem:2048");
                TestScheduler scheduler = new TestScheduler(cluster.masterPort, MediaType.JSON)) {
            cluster.awaitAgent();
            Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            awaitLog(cluster, "Isolator acme/quota took over", 30);

            String frameworkId = scheduler.subscribe(Tasks.framework("quota", "quota")).getValue();
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            scheduler.send(Tasks.launch(offer, Tasks.command("quota", offer, "echo done", "quota")));
            scheduler.awaitState("quota", TaskState.TASK_FINISHED, 60);
            Path sandbox = cluster.workDir.resolve("agent/slaves").resolve(offer.getAgentId().getValue())
                    .resolve("frameworks").resolve(frameworkId).resolve("executors/quota/runs/latest");
            String pid = Files.readString(sandbox.resolve(".isolated-by-acme-quota"));
            assertTrue("the isolator saw the executor's pid: " + pid, Long.parseLong(pid) > 1);
        }
    }

    private static void awaitLog(LocalClusterProcess cluster, String text, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!cluster.output().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No '" + text + "' within " + seconds + " s:\n" + cluster.output());
            }
            Thread.sleep(250);
        }
    }

    private static void run(List<String> command, Path directory, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(command + " finished", process.waitFor(seconds, TimeUnit.SECONDS));
        assertEquals(command + ":\n" + new String(output, StandardCharsets.UTF_8), 0, process.exitValue());
    }
}
