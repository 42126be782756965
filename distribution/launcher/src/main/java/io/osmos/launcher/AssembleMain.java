package io.osmos.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code osmos-assemble --out <dir> --features a,b [--bundles x.jar,name] [--exclude bsn,...]
 * [--name custom] [--set variable=value]... [--config pid/key=value]...}: see {@link Assembler}.
 */
public final class AssembleMain {

    private static final Logger LOG = LoggerFactory.getLogger(AssembleMain.class);
    static final String USAGE = "Usage: osmos-assemble --out <dir> --features <f1,f2,...> [--bundles <jar|name>,...]"
            + " [--exclude <bundle>,...] [--name <root feature, default custom>] [--set <variable>=<value>]..."
            + " [--config <pid>/<key>=<value>]...";

    private AssembleMain() {
    }

    public static void main(String[] args) {
        try {
            Path home = Path.of(System.getProperty("osmos.home", ".")).toAbsolutePath().normalize();
            Path out = out(args);
            Assembler.Plan plan = plan(args);
            ResolvedFeature root = new Assembler(home).assemble(plan, out);
            LOG.info("Assembled {} with {} bundles; run it with: {}/bin/osmos {}", out, root.bundles().size(), out, plan.name());
        } catch (FeatureException | IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            System.exit(2);
        }
    }

    static Path out(String[] args) {
        String out = options(args).getOrDefault("--out", List.of()).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--out is required. " + USAGE));
        return Path.of(out).toAbsolutePath().normalize();
    }

    static Assembler.Plan plan(String[] args) {
        Map<String, List<String>> options = options(args);
        Map<String, String> variables = new LinkedHashMap<>();
        for (String set : options.getOrDefault("--set", List.of())) {
            String[] pair = pair(set, "=", "--set");
            variables.put(pair[0], pair[1]);
        }
        Map<String, Map<String, String>> configuration = new LinkedHashMap<>();
        for (String config : options.getOrDefault("--config", List.of())) {
            String[] pair = pair(config, "=", "--config");
            String[] pidKey = pair(pair[0], "/", "--config");
            configuration.computeIfAbsent(pidKey[0], k -> new LinkedHashMap<>()).put(pidKey[1], pair[1]);
        }
        String name = options.getOrDefault("--name", List.of("custom")).get(0);
        return new Assembler.Plan(name, list(options, "--features"), list(options, "--bundles"),
                new LinkedHashSet<>(list(options, "--exclude")), variables, configuration);
    }

    private static List<String> list(Map<String, List<String>> options, String name) {
        List<String> values = new ArrayList<>();
        options.getOrDefault(name, List.of()).forEach(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add));
        return values;
    }

    private static String[] pair(String text, String separator, String option) {
        int at = text.indexOf(separator);
        if (at <= 0) {
            throw new IllegalArgumentException(option + " expects a" + (separator.equals("/") ? " pid/key" : " name")
                    + separator + "value, got '" + text + "'");
        }
        return new String[] {text.substring(0, at), text.substring(at + 1)};
    }

    /** {@code --name value} or {@code --name=value}; repeatable. */
    private static Map<String, List<String>> options(String[] args) {
        Set<String> known = Set.of("--out", "--features", "--bundles", "--exclude", "--name", "--set", "--config");
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'. " + USAGE);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value. " + USAGE);
            }
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return options;
    }
}
