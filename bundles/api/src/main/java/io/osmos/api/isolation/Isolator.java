package io.osmos.api.isolation;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Confines the processes of containers and reports what they use. The agent's containerizer runs the
 * isolators named in its configuration, in that order, for every container it launches:
 * <ol>
 * <li>{@link #prepare} before the container's first process exists;</li>
 * <li>{@link #isolate} with the pid of that process, which is held before {@code exec} until every
 *     isolator has isolated it, so nothing the container runs ever forks outside its confinement;</li>
 * <li>{@link #watch} for limitations while it runs, {@link #update} when its resources change,
 *     {@link #usage} when someone asks;</li>
 * <li>{@link #cleanup} once every process of the container is gone.</li>
 * </ol>
 * A nested container that shares its parent's cgroups ({@link ContainerConfig#shareCgroups()}) is
 * never prepared nor cleaned up: its processes are isolated with the parent's configuration.
 * <p>
 * Calls for one container never overlap; calls for different containers may. An isolator is a
 * service carrying the property {@link #NAME}. It may be replaced at any time (bundle update): its
 * successor gets {@link #recover} with every live container, then {@link #watch} for each, and must
 * find its state again from the kernel or from its own checkpoints. It must not undo the
 * confinement of a live container when it is stopped.
 */
@ConsumerType
public interface Isolator {

    /** Service property with the isolator's name as operators configure it, e.g. {@code cgroups/cpu}. */
    String NAME = "osmos.isolator.name";

    /**
     * A successor instance takes over the live containers. Anything it confined that is not among them
     * is an orphan: it may be destroyed.
     */
    default CompletionStage<Void> recover(Collection<ContainerConfig> running) {
        return CompletableFuture.completedFuture(null);
    }

    /** Gets ready to confine a container that has no process yet. */
    default CompletionStage<Void> prepare(ContainerConfig container) {
        return CompletableFuture.completedFuture(null);
    }

    /** Confines the container's first process, which has not yet exec'ed its program. */
    CompletionStage<Void> isolate(ContainerConfig container, long pid);

    /**
     * Completes when the container reached a limit it cannot be allowed to pass (e.g. the kernel killed
     * one of its processes for memory); the containerizer then destroys it. Never completes otherwise;
     * after {@link #cleanup} the containerizer no longer listens, so the isolator may drop it uncompleted.
     */
    default CompletionStage<ContainerLimitation> watch(String containerId) {
        return new CompletableFuture<>();
    }

    /**
     * The limitation the container reached, if any, as seen right now. The agent asks when a task of the
     * container fails, so its status can name the cause even before {@link #watch} noticed.
     */
    default CompletionStage<Optional<ContainerLimitation>> limitation(String containerId) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** The container's resources or limits changed: enforce the new ones. */
    default CompletionStage<Void> update(ContainerConfig container) {
        return CompletableFuture.completedFuture(null);
    }

    /** What the container uses now, as far as this isolator measures it. */
    default CompletionStage<ContainerUsage> usage(String containerId) {
        return CompletableFuture.completedFuture(ContainerUsage.EMPTY);
    }

    /** Releases what was made for the container; every process of it is gone. Unknown ids are no error. */
    default CompletionStage<Void> cleanup(String containerId) {
        return CompletableFuture.completedFuture(null);
    }
}
