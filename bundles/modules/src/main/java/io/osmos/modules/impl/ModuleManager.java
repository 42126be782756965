package io.osmos.modules.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists modules, and updates or rolls back one at a time on its own thread, never on the caller's
 * (an HTTP event loop, the Gogo shell or FileInstall's watcher). Backups go to
 * {@code <work_dir>/modules}, where {@code <work_dir>} is the framework property
 * {@value #WORK_DIR_PROPERTY} that {@code bin/osmos} sets.
 */
@Component(service = ModuleManager.class)
public final class ModuleManager {

    static final String WORK_DIR_PROPERTY = "osmos.work.dir";
    static final long SWAP_TIMEOUT_MILLIS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(ModuleManager.class);

    private final BundleContext context;
    private final ModuleLister lister;
    private final Backups backups;
    private final Swap swap;
    private final FileInstallDirs fileInstallDirs;
    private final ExecutorService swaps = Executors.newSingleThreadExecutor(r -> new Thread(r, "osmos-modules-swap"));
    private final ExecutorService reads = Executors.newSingleThreadExecutor(r -> new Thread(r, "osmos-modules-read"));

    @Activate
    public ModuleManager(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.lister = new ModuleLister(context, scr);
        this.backups = new Backups(workDir(context).resolve("modules"));
        this.swap = new Swap(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION), scr, SWAP_TIMEOUT_MILLIS);
        this.fileInstallDirs = new FileInstallDirs(context.getProperty(FileInstallDirs.PROPERTY));
        LOG.info("Module management ready; backups in {}", backups.root());
    }

    @Deactivate
    void deactivate() {
        swaps.shutdownNow();
        reads.shutdownNow();
    }

    CompletableFuture<List<ModuleInfo>> list(boolean all) {
        return CompletableFuture.supplyAsync(() -> lister.list(all), reads);
    }

    /** Updates {@code symbolicName} from a jar's path or URL. */
    CompletableFuture<SwapResult> update(String symbolicName, String location) {
        return CompletableFuture.supplyAsync(() -> doUpdate(symbolicName, location), swaps);
    }

    /** Restores the version the last update of {@code symbolicName} replaced. */
    CompletableFuture<SwapResult> rollback(String symbolicName) {
        return CompletableFuture.supplyAsync(() -> doRollback(symbolicName), swaps);
    }

    /** Uninstalls a second copy FileInstall made of a running bundle, then updates the running one from its jar. */
    CompletableFuture<SwapResult> adopt(Bundle copy, Path jar) {
        return CompletableFuture.supplyAsync(() -> {
            String symbolicName = copy.getSymbolicName();
            try {
                copy.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Could not uninstall the copy of {} from {}: {}", symbolicName, jar, e.getMessage());
            }
            return doUpdate(symbolicName, jar.toString());
        }, swaps);
    }

    /**
     * Whether a jar in deploy/ is new content for a running bundle that was installed from outside
     * FileInstall's directories (by bin/osmos, from bundle/); see {@link DeployInstaller}.
     */
    boolean replacesInstalled(Path jar) {
        JarIdentity identity;
        try {
            identity = JarIdentity.read(jar, jar.toString());
        } catch (ModuleException e) {
            return false;
        }
        for (Bundle installed : context.getBundles()) {
            if (identity.symbolicName().equals(installed.getSymbolicName())
                    && fileInstallDirs.jarIn(installed.getLocation()) == null) {
                return true;
            }
        }
        return false;
    }

    FileInstallDirs fileInstallDirs() {
        return fileInstallDirs;
    }

    private SwapResult doUpdate(String symbolicName, String location) {
        Bundle bundle = updatable(symbolicName);
        Path staged = backups.stage(location);
        try {
            JarIdentity identity = JarIdentity.read(staged, location);
            if (!identity.symbolicName().equals(symbolicName)) {
                throw new ModuleException(ModuleException.BAD_REQUEST, location + " is bundle "
                        + identity.symbolicName() + ", not " + symbolicName + ": refused");
            }
            Path backup = backups.save(bundle);
            LOG.info("Updating {} {} from {}; the current jar is kept as {}", symbolicName, bundle.getVersion(),
                    location, backup);
            return swap.run(bundle, staged, location);
        } catch (IOException e) {
            throw new ModuleException(ModuleException.FAILED, "Cannot keep a copy of " + symbolicName + " "
                    + bundle.getVersion() + " under " + backups.root() + ": " + e, e);
        } finally {
            Backups.deleteQuietly(staged);
        }
    }

    private SwapResult doRollback(String symbolicName) {
        Bundle bundle = updatable(symbolicName);
        Path previous = rollbackTarget(bundle).orElseThrow(() -> new ModuleException(ModuleException.CONFLICT,
                "Nothing to roll back: no earlier version of " + symbolicName + " is kept under " + backups.root()));
        LOG.info("Rolling {} {} back to {}", symbolicName, bundle.getVersion(), previous);
        SwapResult result = swap.run(bundle, previous, "rollback " + previous);
        try {
            backups.consumed(symbolicName);
        } catch (IOException e) {
            LOG.warn("Rolled {} back, but its rollback history under {} could not be rewritten: {}", symbolicName,
                    backups.root(), e.toString());
        }
        return result;
    }

    private Optional<Path> rollbackTarget(Bundle bundle) {
        try {
            return backups.previousOtherThan(bundle.getSymbolicName(), bundle.getVersion().toString());
        } catch (IOException e) {
            throw new ModuleException(ModuleException.FAILED, "Cannot rewrite the rollback history of "
                    + bundle.getSymbolicName() + " under " + backups.root() + ": " + e, e);
        }
    }

    /** The installed bundle, unless it may not be updated from here. */
    private Bundle updatable(String symbolicName) {
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new ModuleException(ModuleException.BAD_REQUEST, "No bundle: give its symbolic name");
        }
        Bundle self = context.getBundle();
        if (symbolicName.equals(self.getSymbolicName())) {
            throw new ModuleException(ModuleException.CONFLICT, symbolicName + " cannot update itself: it would stop"
                    + " in the middle of its own swap. Use felix:update " + self.getBundleId() + " in the Gogo shell");
        }
        Bundle bundle = find(symbolicName);
        if (bundle == null) {
            throw new ModuleException(ModuleException.NOT_FOUND, "No bundle " + symbolicName + " is installed");
        }
        if (bundle.getBundleId() == 0 || dependencies(self).contains(bundle)) {
            throw new ModuleException(ModuleException.CONFLICT, symbolicName + " is a bundle "
                    + self.getSymbolicName() + " runs on: updating it would stop the updater in the middle of the swap."
                    + " Use felix:update " + bundle.getBundleId() + " then felix:refresh in the Gogo shell");
        }
        return bundle;
    }

    private Bundle find(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
                return bundle;
            }
        }
        return null;
    }

    /** Every bundle {@code root} is wired to, directly or not: refreshing one of them would restart {@code root}. */
    static Set<Bundle> dependencies(Bundle root) {
        Set<Bundle> seen = new HashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            BundleWiring wiring = todo.pop().adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                Bundle provider = wire.getProviderWiring().getBundle();
                if (provider != root && seen.add(provider)) {
                    todo.push(provider);
                }
            }
        }
        return seen;
    }

    private static Path workDir(BundleContext context) {
        String workDir = context.getProperty(WORK_DIR_PROPERTY);
        if (workDir != null && !workDir.isBlank()) {
            return Path.of(workDir);
        }
        String storage = context.getProperty(Constants.FRAMEWORK_STORAGE);
        Path fallback = storage != null ? Path.of(storage).toAbsolutePath().getParent() : Path.of("run");
        LOG.warn("No framework property {}: keeping module backups under {}", WORK_DIR_PROPERTY, fallback);
        return fallback;
    }
}
