package io.osmos.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code osmos <feature> [--name=value ...] [--shell]}: runs a feature (e.g. {@code local},
 * {@code master}, {@code agent}) until SIGTERM or SIGINT, then stops every bundle in order.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (FeatureException | IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        LogLevels.apply(System.getProperty(LogLevels.PROPERTY));
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("Usage: osmos <feature> [--name=value ...] [--shell]"
                    + " (features: see the features/ directory, e.g. local, master, agent)");
        }
        Path home = Path.of(System.getProperty("osmos.home", ".")).toAbsolutePath().normalize();
        String featureId = args[0];
        Map<String, String> values = new LinkedHashMap<>();
        boolean shell = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--shell")) {
                shell = true;
            } else {
                parseOption(args[i], values);
            }
        }
        Map<String, String> builtins = Map.of("osmos.home", home.toString(), "feature", featureId);
        ResolvedFeature feature = new FeatureResolver(new FeatureReader(home.resolve("features")))
                .resolve(featureId, builtins, values);
        Path workDir = Path.of(feature.variables().getOrDefault("work_dir", home.resolve("run").resolve(featureId)
                .toString())).toAbsolutePath();
        Files.createDirectories(workDir);
        Files.createDirectories(home.resolve("deploy"));
        ConfigFiles.write(workDir.resolve("etc"), feature.configurations());
        LOG.info("Starting feature '{}' in {}", featureId, workDir);
        Framework framework = FelixRunner.start(home, workDir, feature, shell);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping Osmos");
            FelixRunner.stop(framework, STOP_TIMEOUT_MILLIS);
            LOG.info("Osmos stopped");
            LauncherLogManager.release();
        }, "osmos-shutdown"));
        framework.waitForStop(0);
        // The framework may also stop from within (Gogo 'stop 0'); nothing is left to run then.
        System.exit(0);
    }

    private static void parseOption(String arg, Map<String, String> values) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
            throw new IllegalArgumentException("Expecting --name=value, got '" + arg + "'");
        }
        int eq = arg.indexOf('=');
        values.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
}
