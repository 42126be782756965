package io.osmos.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names plugins the framework will not load. A bundle that imports an Osmos SPI package
 * ({@code io.osmos.api.*}) and is still unresolved shortly after it was installed or updated (e.g.
 * dropped into {@code deploy/}) gets one ERROR line naming it and each import nothing satisfies:
 * an SPI package in a version range this Osmos does not export (compiled against another major
 * version), or a library nobody deployed. OSGi resolution already keeps such a bundle from running
 * any code; this makes the refusal visible to the operator.
 */
public final class PluginGuard implements BundleListener {

    static final String SPI_PREFIX = "io.osmos.api";
    private static final Logger LOG = LoggerFactory.getLogger(PluginGuard.class);
    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern FLOOR = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern CEILING = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");

    private final BundleContext context;
    private final long delayMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "osmos-plugin-guard");
        thread.setDaemon(true);
        return thread;
    });
    /** Bundle id and last modification already reported, so each revision is named once. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** @param delayMillis how long a bundle may stay unresolved (its dependencies may still be arriving) */
    public PluginGuard(BundleContext context, long delayMillis) {
        this.context = context;
        this.delayMillis = delayMillis;
    }

    /** Watches bundles installed or updated from now on, and checks those already there. */
    public PluginGuard start() {
        context.addBundleListener(this);
        for (Bundle bundle : context.getBundles()) {
            later(bundle);
        }
        return this;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.INSTALLED || event.getType() == BundleEvent.UPDATED) {
            later(event.getBundle());
        }
    }

    private void later(Bundle bundle) {
        timer.schedule(() -> check(bundle), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Logs why {@code bundle} is refused, if it is an unresolved plugin; returns the unsatisfied imports. */
    List<String> check(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (bundle.getState() != Bundle.INSTALLED || revision == null
                || (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            return List.of();
        }
        List<BundleRequirement> imports = revision.getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE);
        if (imports.stream().noneMatch(r -> packageOf(r).startsWith(SPI_PREFIX))) {
            return List.of();
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<String> missing = new ArrayList<>();
        for (BundleRequirement requirement : imports) {
            if (!Namespace.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                    && wiring.findProviders(requirement).isEmpty()) {
                missing.add(describe(requirement));
            }
        }
        if (!missing.isEmpty() && reported.add(bundle.getBundleId() + "@" + bundle.getLastModified())) {
            boolean spi = missing.stream().anyMatch(m -> m.startsWith(SPI_PREFIX));
            LOG.error("Plugin {} {} ({}) refused: nothing here satisfies Import-Package {}. {} It stays installed "
                    + "but unresolved: none of its code runs and it registers nothing.",
                    bundle.getSymbolicName(), bundle.getVersion(), bundle.getLocation(), String.join(", ", missing),
                    spi ? "It was built against an SPI version this Osmos does not provide (exported here: "
                            + exported(missing) + "); rebuild it against this Osmos' io.osmos.api."
                            : "Deploy the bundles that export these packages.");
        }
        return missing;
    }

    private String exported(Collection<String> missing) {
        Set<String> found = new TreeSet<>();
        for (String requirement : missing) {
            String name = requirement.split(";")[0];
            for (Bundle bundle : context.getBundles()) {
                BundleRevision revision = bundle.adapt(BundleRevision.class);
                if (revision == null) {
                    continue;
                }
                for (BundleCapability capability : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                    if (name.equals(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                        found.add(name + " " + capability.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
                    }
                }
            }
            if (found.stream().noneMatch(f -> f.startsWith(name + " "))) {
                found.add(name + " none");
            }
        }
        return String.join(", ", found);
    }

    private static String packageOf(BundleRequirement requirement) {
        Matcher matcher = PACKAGE.matcher(filter(requirement));
        return matcher.find() ? matcher.group(1) : "";
    }

    /** {@code io.osmos.api.isolation;version="[2.0.0,3.0.0)"} from the requirement's filter. */
    static String describe(BundleRequirement requirement) {
        String filter = filter(requirement);
        Matcher name = PACKAGE.matcher(filter);
        if (!name.find()) {
            return filter;
        }
        Matcher floor = FLOOR.matcher(filter.replaceAll("\\(!\\(version>=[^)]+\\)\\)", ""));
        Matcher ceiling = CEILING.matcher(filter);
        String low = floor.find() ? floor.group(1) : null;
        String high = ceiling.find() ? ceiling.group(1) : null;
        if (low == null && high == null) {
            return name.group(1);
        }
        return name.group(1) + ";version=\"" + (high == null ? low : "[" + (low == null ? "0.0.0" : low) + "," + high + ")") + "\"";
    }

    private static String filter(BundleRequirement requirement) {
        String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        return filter == null ? "" : filter;
    }

    public void stop() {
        context.removeBundleListener(this);
        timer.shutdownNow();
    }
}
