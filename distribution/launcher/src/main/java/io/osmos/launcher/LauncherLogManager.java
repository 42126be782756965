package io.osmos.launcher;

import java.util.logging.LogManager;

/**
 * The LogManager {@code bin/osmos} runs with ({@code -Djava.util.logging.manager}): it keeps the
 * handlers open until the framework has stopped. The JDK resets the LogManager, closing every
 * handler, from a shutdown hook of its own, which runs while the launcher's hook is still stopping
 * bundles, so their last lines ("Master … stopped", "Osmos stopped") would be lost.
 */
public final class LauncherLogManager extends LogManager {

    private volatile boolean released;

    @Override
    public void reset() {
        // During shutdown only the launcher resets, once it has stopped the framework (release()).
        if (!released && shuttingDown()) {
            return;
        }
        super.reset();
    }

    /** The last thing the launcher does on shutdown: flushes and closes the handlers. */
    static void release() {
        if (LogManager.getLogManager() instanceof LauncherLogManager manager) {
            manager.released = true;
            manager.reset();
        }
    }

    /** The JVM accepts no shutdown hook once its shutdown has begun. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
