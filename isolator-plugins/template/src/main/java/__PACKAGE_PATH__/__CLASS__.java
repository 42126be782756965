package __PACKAGE__;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.Isolator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code __ISOLATOR_NAME__} isolator. It starts as a skeleton that confines nothing: it writes
 * {@link #MARKER} into each container's sandbox with the pid it isolated, so you can see it work.
 * Replace that with your confinement; see the lifecycle in {@link Isolator}'s documentation. Name it
 * in the agent's isolation setting ({@code bin/osmos agent --isolation=...,__ISOLATOR_NAME__}).
 */
@Component(service = Isolator.class, property = Isolator.NAME + "=" + __CLASS__.NAME,
        configurationPid = __CLASS__.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = __CLASS__.Config.class)
public final class __CLASS__ implements Isolator {

    static final String NAME = "__ISOLATOR_NAME__";
    static final String PID = "__ARTIFACT_ID__";
    static final String MARKER = ".isolated-by-__MARKER__";
    private static final Logger LOG = LoggerFactory.getLogger(__CLASS__.class);

    /** Typed configuration, from {@code <PID>.cfg} in deploy/ or from a feature's configurations. */
    @ObjectClassDefinition(name = "Osmos isolator __ISOLATOR_NAME__")
    public @interface Config {
        @AttributeDefinition(description = "Whether containers get the marker file")
        boolean write_marker() default true;
    }

    private final boolean writeMarker;

    @Activate
    public __CLASS__(Config config) {
        this.writeMarker = config.write_marker();
        LOG.info("Isolator {} ready (marker files {})", NAME, writeMarker ? "on" : "off");
    }

    @Override
    public CompletionStage<Void> prepare(ContainerConfig container) {
        return CompletableFuture.completedFuture(null);
    }

    /** The container's first process exists, held before exec: confine it here. */
    @Override
    public CompletionStage<Void> isolate(ContainerConfig container, long pid) {
        if (!writeMarker) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            Files.writeString(container.sandbox().resolve(MARKER), Long.toString(pid));
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Void> cleanup(String containerId) {
        return CompletableFuture.completedFuture(null);
    }

    static Path marker(Path sandbox) {
        return sandbox.resolve(MARKER);
    }
}
