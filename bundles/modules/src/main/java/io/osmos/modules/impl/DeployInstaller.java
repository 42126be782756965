package io.osmos.modules.impl;

import java.io.File;
import java.util.concurrent.ExecutionException;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over, from FileInstall, the jars in its directories (deploy/) whose symbolic name is that
 * of a bundle installed from elsewhere (bundle/, by {@code bin/osmos}): such a jar updates that
 * bundle in place, with a backup and the pause logged, whatever its version. FileInstall alone
 * updates in place only a jar of the same symbolic name <em>and version</em>, and installs any other
 * version as a second copy. Other jars (new bundles, and bundles FileInstall itself installed from
 * its directories) stay FileInstall's. Removing the jar from deploy/ leaves the bundle as it is.
 */
@Component(service = ArtifactInstaller.class)
public final class DeployInstaller implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(DeployInstaller.class);

    private final ModuleManager manager;

    @Activate
    public DeployInstaller(@Reference ModuleManager manager) {
        this.manager = manager;
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && manager.replacesInstalled(artifact.toPath());
    }

    @Override
    public void install(File artifact) throws InterruptedException {
        swapFrom(artifact);
    }

    @Override
    public void update(File artifact) throws InterruptedException {
        swapFrom(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        LOG.info("{} was removed: the bundle it updated keeps running as it is (osmos:rollback restores the one"
                + " before)", artifact);
    }

    // Failures are logged, not thrown: FileInstall would retry a failed artifact at every scan.
    private void swapFrom(File artifact) throws InterruptedException {
        String symbolicName;
        try {
            symbolicName = JarIdentity.read(artifact.toPath(), artifact.toString()).symbolicName();
        } catch (ModuleException e) {
            LOG.error("Not updating from {}: {}", artifact, e.getMessage());
            return;
        }
        try {
            manager.update(symbolicName, artifact.toString()).get();
        } catch (ExecutionException e) {
            LOG.error("Not updated from {}: {}", artifact, e.getCause().getMessage());
        }
    }
}
