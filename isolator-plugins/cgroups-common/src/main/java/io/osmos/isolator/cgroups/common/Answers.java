package io.osmos.isolator.cgroups.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Isolator answers for work done on the caller's thread: a failure becomes a failed stage, not a throw. */
public final class Answers {

    private Answers() {
    }

    public static CompletionStage<Void> run(Runnable action) {
        return supply(() -> {
            action.run();
            return null;
        });
    }

    public static <T> CompletionStage<T> supply(Supplier<T> action) {
        try {
            return CompletableFuture.completedFuture(action.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
