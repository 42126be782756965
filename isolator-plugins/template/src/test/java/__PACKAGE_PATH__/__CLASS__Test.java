package __PACKAGE__;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.osmos.api.isolation.ContainerConfig;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The isolator on its own, built with new: no framework, no agent. */
public class __CLASS__Test {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static __CLASS__.Config config(boolean marker) {
        return new __CLASS__.Config() {
            @Override public Class<? extends Annotation> annotationType() { return __CLASS__.Config.class; }
            @Override public boolean write_marker() { return marker; }
        };
    }

    @Test
    public void isolateWritesTheMarkerWithThePid() throws Exception {
        Path sandbox = folder.newFolder("sandbox").toPath();
        ContainerConfig container = new ContainerConfig("c1", null, sandbox, Map.of("cpus", 0.1), Map.of(), true, false);
        __CLASS__ isolator = new __CLASS__(config(true));
        isolator.prepare(container).toCompletableFuture().get();
        isolator.isolate(container, 4242).toCompletableFuture().get();
        assertEquals("4242", Files.readString(__CLASS__.marker(sandbox)));
        isolator.cleanup("c1").toCompletableFuture().get();
    }

    @Test
    public void withoutMarkersNothingIsWritten() throws Exception {
        Path sandbox = folder.newFolder("quiet").toPath();
        ContainerConfig container = new ContainerConfig("c2", null, sandbox, Map.of(), Map.of(), true, false);
        new __CLASS__(config(false)).isolate(container, 1).toCompletableFuture().get();
        assertFalse(Files.exists(__CLASS__.marker(sandbox)));
    }
}
