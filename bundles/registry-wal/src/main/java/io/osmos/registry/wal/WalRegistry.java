package io.osmos.registry.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

import io.osmos.api.registry.Registry;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The master's registry in a local write-ahead log ({@code <master work_dir>/registry/}). Activation
 * recovers the directory (snapshot, then log; a torn tail is cut off, damage elsewhere fails the
 * activation); a successor instance (bundle update) recovers the same files.
 */
@Component(service = Registry.class, configurationPid = WalRegistry.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WalRegistry.Config.class)
public final class WalRegistry implements Registry {

    static final String PID = "io.osmos.registry.wal";

    @ObjectClassDefinition(name = "Osmos registry (write-ahead log)",
            description = "The master's registry in a local write-ahead log with snapshots")
    public @interface Config {
        @AttributeDefinition(description = "Directory of the log and snapshots (<master work_dir>/registry)")
        String dir();

        @AttributeDefinition(description = "Snapshot after this many log records")
        long snapshot_records() default 10_000;

        @AttributeDefinition(description = "Snapshot once the log has this many bytes")
        long snapshot_bytes() default 64L * 1024 * 1024;
    }

    private final WriteAheadLog log;

    @Activate
    public WalRegistry(Config config) {
        if (config.dir() == null || config.dir().isBlank()) {
            throw new IllegalArgumentException("io.osmos.registry.wal needs 'dir'");
        }
        if (config.snapshot_records() < 1 || config.snapshot_bytes() < 1) {
            throw new IllegalArgumentException("snapshot.records and snapshot.bytes must be positive");
        }
        try {
            this.log = WriteAheadLog.open(Path.of(config.dir()), config.snapshot_records(), config.snapshot_bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover the registry in " + config.dir(), e);
        }
    }

    @Deactivate
    void stop() {
        log.close();
    }

    @Override
    public CompletionStage<RegistryState> recover() {
        return log.state();
    }

    @Override
    public CompletionStage<Void> apply(RegistryOperation operation) {
        return log.append(operation);
    }
}
