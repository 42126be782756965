package io.osmos.agent.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.osmos.agent.containerizer.Container;
import io.osmos.agent.containerizer.ContainerCommand;
import io.osmos.agent.containerizer.Containerizer;
import io.osmos.agent.containerizer.Termination;
import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.ContainerLimitation;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskResourceLimitation;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.agent.Call;
import io.osmos.proto.v1.agent.Response;

/**
 * The agent API's nested containers (LAUNCH_CONTAINER, WAIT_CONTAINER, KILL_CONTAINER), which the
 * default executor runs its tasks in: one level under an executor's container, sandboxed in
 * {@code <executor sandbox>/containers/<id>}, in the executor's cgroups or (share_cgroups false)
 * in their own nested ones, with the persistent volumes in their resources at their container paths
 * ({@link VolumeMounts}). How a container ended is kept a while, so a late WAIT still learns it.
 */
final class NestedContainers {

    /** An answer for the HTTP layer: a status code, and a response or an error message. */
    record Answer(int status, Response response, String error) {
        static Answer ok(Response response) {
            return new Answer(200, response, null);
        }

        static Answer status(int status) {
            return new Answer(status, null, null);
        }

        static Answer error(int status, String message) {
            return new Answer(status, null, message);
        }
    }

    private final Agent agent;

    NestedContainers(Agent agent) {
        this.agent = agent;
    }

    CompletableFuture<Answer> launch(Call.LaunchContainer launch) {
        return agent.nested().launching(agent.loop().submit(() -> prepare(launch)).thenCompose(prepared -> prepared.answer != null
                ? CompletableFuture.completedFuture(prepared.answer)
                : containerizer().launch(prepared.config, prepared.command).handle((container, error) -> {
                    if (error != null) {
                        agent.volumeMounts().detach(prepared.config.containerId());
                        return CompletableFuture.completedFuture(
                                Answer.error(503, "Failed to launch container: " + cause(error).getMessage()));
                    }
                    // Checkpointed and watched before the answer, so that a WAIT right after finds it.
                    return agent.loop().submit(() -> {
                        agent.nested().launched(prepared.parent, container, launch.getResourcesList());
                        return Answer.status(200);
                    });
                }).thenCompose(f -> f)));
    }

    private record Prepared(ContainerConfig config, ContainerCommand command, ExecutorRun parent, Answer answer) {
        static Prepared answer(Answer answer) {
            return new Prepared(null, null, null, answer);
        }
    }

    private Prepared prepare(Call.LaunchContainer launch) {
        ContainerID id = launch.getContainerId();
        String problem = validate(launch);
        if (problem != null) {
            return Prepared.answer(Answer.error(400, problem));
        }
        if (containerizer().container(id.getValue()) != null || agent.nested().known(id.getValue())) {
            return Prepared.answer(Answer.status(202));
        }
        ExecutorRun parent = executorWithContainer(id.getParent().getValue());
        if (parent == null) {
            return Prepared.answer(Answer.error(400, "Parent container " + id.getParent().getValue()
                    + " is not an executor container on this agent"));
        }
        Path sandbox = parent.sandbox.resolve("containers").resolve(id.getValue());
        createSandbox(sandbox);
        try {
            agent.volumeMounts().attach(id.getValue(), sandbox, launch.getResourcesList());
        } catch (IOException | IllegalArgumentException e) {
            agent.volumeMounts().detach(id.getValue());
            return Prepared.answer(Answer.error(e instanceof IOException ? 503 : 400,
                    "Failed to launch container: " + e.getMessage()));
        }
        boolean share = !(launch.getContainer().hasLinuxInfo() && launch.getContainer().getLinuxInfo().hasShareCgroups())
                || launch.getContainer().getLinuxInfo().getShareCgroups();
        ContainerConfig config = new ContainerConfig(id.getValue(), id.getParent().getValue(), sandbox,
                ExecutorContainers.scalars(launch.getResourcesList()), ExecutorContainers.limits(launch.getLimitsMap()),
                true, share);
        return new Prepared(config, command(launch.getCommand(), sandbox), parent, null);
    }

    /** The agent-side checks of reference §1.2, for the one level of nesting we run. */
    private static String validate(Call.LaunchContainer launch) {
        ContainerID id = launch.getContainerId();
        if (id.getValue().isEmpty() || id.getValue().contains("/") || id.getValue().startsWith(".")) {
            return "Invalid container id '" + id.getValue() + "'";
        }
        if (!id.hasParent()) {
            return "Only nested containers (with a parent) are launched through this API";
        }
        if (id.getParent().hasParent()) {
            return "2nd level or greater nested containers are not supported";
        }
        if (!launch.hasCommand() || !launch.getCommand().hasValue()) {
            return "Expecting 'command.value' to be present";
        }
        for (Resource resource : launch.getResourcesList()) {
            if (resource.getType() == Value.Type.SCALAR && !(resource.getScalar().getValue() >= 0)) {
                return "Invalid resource " + resource.getName() + ": a scalar must be non-negative";
            }
        }
        for (Map.Entry<String, Value.Scalar> limit : launch.getLimitsMap().entrySet()) {
            if (!limit.getKey().equals("cpus") && !limit.getKey().equals("mem")) {
                return "Only cpus and mem may be included in a container's resource limits";
            }
            if (!(limit.getValue().getValue() >= 0)) {
                return "Invalid " + limit.getKey() + " limit: it must be non-negative";
            }
        }
        return null;
    }

    private static ContainerCommand command(CommandInfo command, Path sandbox) {
        Map<String, String> environment = ExecutorLauncher.variables(command);
        environment.put("MESOS_SANDBOX", sandbox.toString());
        return new ContainerCommand(ExecutorLauncher.frameworkExecutor(command), environment, sandbox,
                sandbox.resolve("stdout"), sandbox.resolve("stderr"));
    }

    /** Answers once the container ended (at once if it already did); fails (503) if this agent stops first. */
    CompletableFuture<Answer> await(ContainerID id) {
        String containerId = id.getValue();
        return agent.loop().submit(() -> {
            NestedRuns.Ended done = agent.nested().ended(containerId);
            if (done != null) {
                return CompletableFuture.completedFuture(waited(done, containerId));
            }
            CompletableFuture<NestedRuns.Ended> running = agent.nested().running(containerId);
            if (running == null) {
                return CompletableFuture.completedFuture(Answer.error(404, "Container " + containerId + " not found"));
            }
            return running.thenApplyAsync(end -> waited(end, containerId), agent.loop()::execute);
        }).thenCompose(f -> f);
    }

    /** Loop only: the answer, after which the container's checkpoints go. */
    private Answer waited(NestedRuns.Ended end, String containerId) {
        agent.nested().told(end, containerId);
        return waited(end.termination());
    }

    private static Answer waited(Termination termination) {
        Response.WaitContainer.Builder wait = Response.WaitContainer.newBuilder();
        if (termination != NestedRuns.UNKNOWN) {
            wait.setExitStatus(termination.waitStatus());
        } else {
            wait.setMessage("The container ended while the agent was down");
        }
        if (termination.limitation().isPresent()) {
            ContainerLimitation limitation = termination.limitation().get();
            wait.setState(TaskState.TASK_FAILED).setReason(ExecutorContainers.reason(limitation)).setMessage(limitation.message());
            TaskResourceLimitation.Builder limited = TaskResourceLimitation.newBuilder();
            limitation.resources().forEach((name, value) -> limited.addResources(Resource.newBuilder().setName(name)
                    .setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(value))));
            wait.setLimitation(limited);
        }
        return Answer.ok(Response.newBuilder().setType(Response.Type.WAIT_CONTAINER).setWaitContainer(wait).build());
    }

    /** SIGKILL (the default) destroys the container; other signals go to its processes. */
    CompletableFuture<Answer> kill(Call.KillContainer kill) {
        String id = kill.getContainerId().getValue();
        int signal = kill.hasSignal() ? kill.getSignal() : 9;
        return agent.loop().submit(() -> {
            Container container = containerizer().container(id);
            if (container == null || !container.config().nested()) {
                return agent.nested().ended(id) != null ? Answer.status(200)
                        : Answer.error(404, "Container " + id + " not found");
            }
            if (signal == 9) {
                containerizer().destroy(id);
            } else if (container.process() != null) {
                container.signalled(signal);
                signal(container.process(), signal);
            }
            return Answer.status(200);
        });
    }

    private static void signal(ProcessHandle process, int signal) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, String.valueOf(process.pid())));
        process.descendants().forEach(p -> command.add(String.valueOf(p.pid())));
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            process.destroy();
        }
    }

    private ExecutorRun executorWithContainer(String containerId) {
        for (Map<String, ExecutorRun> runs : agent.tasks().executors.values()) {
            for (ExecutorRun run : runs.values()) {
                if (run.containerId.getValue().equals(containerId) && run.state != ExecutorRun.State.TERMINATED) {
                    return run;
                }
            }
        }
        return null;
    }

    private static void createSandbox(Path sandbox) {
        try {
            Files.createDirectories(sandbox);
            for (String name : List.of("stdout", "stderr")) {
                if (!Files.exists(sandbox.resolve(name))) {
                    Files.createFile(sandbox.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the sandbox " + sandbox, e);
        }
    }

    private Containerizer containerizer() {
        return agent.containerizer();
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
