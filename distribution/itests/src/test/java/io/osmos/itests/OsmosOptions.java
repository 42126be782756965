package io.osmos.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.osmos.launcher.BundleRef;
import io.osmos.launcher.ConfigFiles;
import io.osmos.launcher.FeatureReader;
import io.osmos.launcher.FeatureResolver;
import io.osmos.launcher.FelixRunner;
import io.osmos.launcher.ResolvedFeature;

import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that boot a feature of the built distribution exactly as {@code bin/osmos}
 * does: the same bundles from {@code bundle/}, the same configuration files in {@code etc/}
 * read by FileInstall, the same framework properties. Ports are free ones, so tests do not
 * collide with a local cluster running on 5050/5051.
 */
final class OsmosOptions {

    private OsmosOptions() {
    }

    static Path home() {
        String home = System.getProperty("osmos.home");
        if (home == null || !Files.isDirectory(Path.of(home, "bundle"))) {
            throw new IllegalStateException("No built distribution at " + home + ": run 'mvn verify' from the top");
        }
        return Path.of(home);
    }

    /** Options for the feature; {@code values} are its variables, e.g. ports. Sets system properties the probe reads. */
    static Option[] feature(String id, Map<String, String> values) {
        return feature(home(), id, values);
    }

    /** Options for a feature of another Osmos home, e.g. one assembled by the test with osmos-assemble. */
    static Option[] feature(Path home, String id, Map<String, String> values) {
        Path workDir = newWorkDir(id);
        Map<String, String> builtins = Map.of("osmos.home", home.toString(), "feature", id);
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("work_dir", workDir.toString());
        // Each boot confines its containers in cgroups of its own, so it never takes another agent's for orphans.
        all.putIfAbsent("cgroups_root", "osmos-it-" + workDir.getFileName());
        ResolvedFeature feature = new FeatureResolver(new FeatureReader(home.resolve("features")))
                .resolve(id, builtins, all);
        ConfigFiles.write(workDir.resolve("etc"), feature.configurations());
        List<Option> options = new ArrayList<>();
        FelixRunner.frameworkProperties(home, workDir, false, 1).forEach((k, v) -> {
            if (!k.startsWith("org.osgi.framework.storage") && !k.equals("org.osgi.framework.startlevel.beginning")) {
                options.add(frameworkProperty(k).value(v));
            }
        });
        for (BundleRef ref : feature.bundles()) {
            Path jar = FelixRunner.bundleFile(home, ref);
            var option = bundle(jar.toUri().toString()).startLevel(ref.startLevel() + 1);
            options.add(isFragment(jar) ? option.noStart() : option);
        }
        feature.variables().forEach((k, v) -> options.add(systemProperty("osmos.test." + k).value(v)));
        options.add(junitBundles());
        options.add(frameworkStartLevel(10));
        options.add(cleanCaches(true));
        options.add(workingDirectory(workDir.resolve("paxexam").toString()));
        return options.toArray(new Option[0]);
    }

    /** Fragments attach to their host and cannot be started. */
    private static boolean isFragment(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }

    static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path newWorkDir(String id) {
        try {
            Path target = Path.of(System.getProperty("user.dir"), "target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "osmos-" + id + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
