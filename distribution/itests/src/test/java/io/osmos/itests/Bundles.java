package io.osmos.itests;

import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/** Finding and replacing bundles in the running framework, as an operator's tools do. */
final class Bundles {

    private Bundles() {
    }

    static Bundle find(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("No bundle " + symbolicName);
    }

    /** What FileInstall does for a changed jar: update it, then refresh so its importers rewire. */
    static void updateAndRefresh(BundleContext context, Bundle bundle) throws Exception {
        bundle.update();
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh finished", refreshed.await(30, TimeUnit.SECONDS));
    }
}
