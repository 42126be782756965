package io.osmos.modules.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a bundle's content with a jar and measures the pause: from the moment the old revision
 * starts stopping ({@link Bundle#update(InputStream)} stops it first) until the bundle is ACTIVE
 * again and every DS component that was up before (ACTIVE, or SATISFIED with its service
 * registered) is up again. When the old revision exported packages that others still use, the
 * framework refreshes them in between, and that time is part of the pause.
 */
final class Swap {

    private static final Logger LOG = LoggerFactory.getLogger(Swap.class);

    private final Bundle systemBundle;
    private final ServiceComponentRuntime scr;
    private final long timeoutMillis;

    Swap(Bundle systemBundle, ServiceComponentRuntime scr, long timeoutMillis) {
        this.systemBundle = systemBundle;
        this.scr = scr;
        this.timeoutMillis = timeoutMillis;
    }

    SwapResult run(Bundle bundle, Path jar, String why) {
        String from = bundle.getVersion().toString();
        boolean wasActive = bundle.getState() == Bundle.ACTIVE;
        Set<String> upBefore = ComponentStates.up(ComponentStates.of(scr, bundle));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
        } catch (IOException | BundleException | IllegalStateException e) {
            throw new ModuleException(ModuleException.FAILED, "Updating " + bundle.getSymbolicName() + " " + from
                    + " from " + why + " failed: " + e.getMessage()
                    + (bundle.getVersion().toString().equals(from) ? "" : "; the new version is installed but not started,"
                            + " roll back to restore " + from), e);
        }
        refreshPending();
        boolean back = (!wasActive || awaitActive(bundle, deadline))
                && ComponentStates.awaitUp(() -> ComponentStates.of(scr, bundle), upBefore, deadline);
        double pauseMillis = Math.round((System.nanoTime() - start) / 100_000.0) / 10.0;
        List<ComponentInfo> after = ComponentStates.of(scr, bundle);
        String to = bundle.getVersion().toString();
        if (!back) {
            LOG.warn("Swapped {} {} -> {} from {}: not back after {} ms: state {}, components {}",
                    bundle.getSymbolicName(), from, to, why, timeoutMillis, ModuleLister.stateName(bundle.getState()),
                    after);
            throw new ModuleException(ModuleException.FAILED, bundle.getSymbolicName() + " " + to
                    + " is installed but not back within " + timeoutMillis + " ms: bundle "
                    + ModuleLister.stateName(bundle.getState()) + ", components " + after
                    + " (up before: " + upBefore + "); roll back to restore " + from);
        }
        LOG.info("Swapped {} {} -> {} from {}: pause {} ms ({} of its components back: {})",
                bundle.getSymbolicName(), from, to, why, pauseMillis, upBefore.size(), upBefore);
        return new SwapResult(bundle.getSymbolicName(), from, to, pauseMillis, after);
    }

    /** Refreshes the bundles whose old revisions are still wired to others, as FileInstall does after an update. */
    private void refreshPending() {
        FrameworkWiring wiring = systemBundle.adapt(FrameworkWiring.class);
        Collection<Bundle> pending = wiring.getRemovalPendingBundles();
        if (pending.isEmpty()) {
            return;
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring.refreshBundles(pending, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        try {
            if (!refreshed.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("Refreshing {} did not finish within {} ms", pending, timeoutMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitActive(Bundle bundle, long deadlineNanos) {
        while (bundle.getState() != Bundle.ACTIVE) {
            if (System.nanoTime() - deadlineNanos > 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(200_000);
        }
        return true;
    }
}
