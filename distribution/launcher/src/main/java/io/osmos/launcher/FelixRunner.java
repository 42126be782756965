package io.osmos.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Felix with a resolved feature's bundles; FileInstall then feeds it the configuration. */
public final class FelixRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FelixRunner.class);
    /** A plugin still unresolved this long after it was installed is reported (its dependencies may come with it). */
    private static final long PLUGIN_GUARD_DELAY_MILLIS = 3_000;

    private FelixRunner() {
    }

    /** The framework properties for a feature instance; also used by the integration tests. */
    public static Map<String, String> frameworkProperties(Path home, Path workDir, boolean interactive, int levels) {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, workDir.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(levels));
        properties.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.*,com.sun.*");
        // Where bundles keep process-wide files read before any configuration arrives (io.osmos.modules' backups).
        properties.put("osmos.work.dir", workDir.toString());
        properties.put("felix.fileinstall.dir", workDir.resolve("etc") + "," + home.resolve("deploy"));
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        // FileInstall's default writes configuration changes back and once emptied a file at start.
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "2");
        if (!interactive) {
            // Gogo stops the framework when stdin ends; a daemon has no stdin.
            properties.put("gosh.args", "--nointeractive");
        }
        return properties;
    }

    public static Framework start(Path home, Path workDir, ResolvedFeature feature, boolean interactive)
            throws BundleException {
        int levels = feature.bundles().stream().mapToInt(BundleRef::startLevel).max().orElse(1);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi framework on the class path"))
                .newFramework(frameworkProperties(home, workDir, interactive, levels));
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (BundleRef ref : feature.bundles()) {
            Path jar = bundleFile(home, ref);
            Bundle bundle = context.installBundle(jar.toUri().toString());
            bundle.adapt(BundleStartLevel.class).setStartLevel(ref.startLevel());
            installed.add(bundle);
        }
        for (Bundle bundle : installed) {
            if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                bundle.start();
            }
        }
        framework.start();
        new PluginGuard(context, PLUGIN_GUARD_DELAY_MILLIS).start();
        LOG.info("Feature '{}' started: {} bundles", feature.id(), installed.size());
        return framework;
    }

    public static Path bundleFile(Path home, BundleRef ref) {
        Path jar = home.resolve("bundle").resolve(ref.name() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new FeatureException("Bundle " + ref.name() + " is not in the distribution: " + jar + " is missing");
        }
        return jar;
    }

    /** Stops the framework and waits for it, as on SIGTERM. */
    public static void stop(Framework framework, long timeoutMillis) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(timeoutMillis);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("The framework did not stop within {} ms", timeoutMillis);
            }
        } catch (BundleException e) {
            LOG.error("Stopping the framework failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
