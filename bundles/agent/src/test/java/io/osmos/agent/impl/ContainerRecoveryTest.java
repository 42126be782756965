package io.osmos.agent.impl;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.osmos.agent.containerizer.Containerizer;
import io.osmos.agent.containerizer.Termination;
import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.Isolator;
import io.osmos.api.loop.SerialLoop;

import org.junit.After;
import org.junit.Test;

/** Adopted containers are handed to the isolators; any other container they confined is an orphan for them. */
public class ContainerRecoveryTest {

    private final SerialLoop loop = new SerialLoop("test");

    @After
    public void stop() {
        loop.close();
    }

    @Test
    public void isolatorsRecoverOnlyAdoptedContainersAndAnAdoptedContainerEndsWithItsProcess() throws Exception {
        Containerizer containerizer = new Containerizer(loop, List.of("fake"));
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            ContainerConfig adopted = new ContainerConfig("adopted", null, Path.of("/tmp"), Map.of("cpus", 0.1), Map.of(),
                    true, false);
            var container = loop.submit(() -> containerizer.recover(adopted, sleeper.toHandle())).get(5, TimeUnit.SECONDS);
            List<String> recovered = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            containerizer.bind("fake", new Isolator() {
                @Override
                public CompletionStage<Void> recover(Collection<ContainerConfig> running) {
                    running.forEach(c -> recovered.add(c.containerId()));
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public CompletionStage<Void> isolate(ContainerConfig container, long pid) {
                    return CompletableFuture.completedFuture(null);
                }
            });
            done.get(5, TimeUnit.SECONDS);
            assertEquals(List.of("adopted"), recovered);
            sleeper.destroyForcibly();
            Termination termination = container.termination().get(10, TimeUnit.SECONDS);
            assertEquals(0, termination.waitStatus());
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
