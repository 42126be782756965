package io.osmos.modules.impl;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what {@link DeployInstaller} could not: at start-up FileInstall may scan deploy/ before
 * SCR has registered the installer, and then installs a jar of a running bundle as a second copy.
 * Such a copy (a bundle installed from a FileInstall directory whose symbolic name another bundle,
 * installed from elsewhere, already has) is uninstalled, and the running bundle is updated from
 * the same jar, as the installer would have done. FileInstall forgets the file when its bundle is
 * uninstalled, and takes it up again, through the installer, only when it changes.
 */
@Component(immediate = true)
public final class DeployReconciler implements BundleListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeployReconciler.class);

    private final BundleContext context;
    private final ModuleManager manager;
    private final FileInstallDirs dirs;

    @Activate
    public DeployReconciler(BundleContext context, @Reference ModuleManager manager) {
        this.context = context;
        this.manager = manager;
        this.dirs = manager.fileInstallDirs();
        context.addBundleListener(this);
        for (Bundle bundle : context.getBundles()) {
            check(bundle);
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.INSTALLED) {
            check(event.getBundle());
        }
    }

    private void check(Bundle bundle) {
        Path jar = dirs.jarIn(bundle.getLocation());
        String name = bundle.getSymbolicName();
        if (jar == null || name == null || !hasTwin(bundle, name)) {
            return;
        }
        LOG.warn("FileInstall installed {} {} from {} beside the running one: uninstalling that copy and updating"
                + " the running {} from the jar instead", name, bundle.getVersion(), jar, name);
        CompletableFuture<SwapResult> adopted = manager.adopt(bundle, jar);
        adopted.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.error("Not updated from {}: {}", jar, failure.getCause() != null
                        ? failure.getCause().getMessage() : failure.getMessage());
            }
        });
    }

    private boolean hasTwin(Bundle copy, String name) {
        for (Bundle other : context.getBundles()) {
            if (other.getBundleId() != copy.getBundleId() && name.equals(other.getSymbolicName())
                    && dirs.jarIn(other.getLocation()) == null && other.getState() != Bundle.UNINSTALLED) {
                return true;
            }
        }
        return false;
    }
}
