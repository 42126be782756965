package io.osmos.executor;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.Environment;
import io.osmos.proto.v1.TaskInfo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a task's command in the sandbox, with the executor's environment plus the task's. */
final class TaskLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(TaskLauncher.class);

    private TaskLauncher() {
    }

    static Process start(TaskInfo task, ExecutorConfig config) throws IOException {
        CommandInfo command = task.getCommand();
        ProcessBuilder builder = new ProcessBuilder(argv(command))
                .directory(config.sandbox.toFile())
                // The sandbox files the agent opened for the executor, appended to by name rather than
                // inherited: a task's stray child then never holds its executor's own output pipe.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.sandbox.resolve("stdout").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(config.sandbox.resolve("stderr").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.putAll(config.environment);
        for (Environment.Variable variable : command.getEnvironment().getVariablesList()) {
            if (variable.getType() == Environment.Variable.Type.SECRET) {
                LOG.warn("Secret environment variable {} of task {} is not supported and left out",
                        variable.getName(), task.getTaskId().getValue());
                continue;
            }
            environment.put(variable.getName(), variable.getValue());
        }
        if (command.hasUser()) {
            LOG.warn("Task {} asks for user '{}': the command executor runs it as its own user",
                    task.getTaskId().getValue(), command.getUser());
        }
        Process process = builder.start();
        LOG.info("Started task {} as pid {}: {}", task.getTaskId().getValue(), process.pid(), builder.command());
        return process;
    }

    /** Mesos semantics: a shell command by default; otherwise {@code value} run with {@code arguments} as argv. */
    static List<String> argv(CommandInfo command) {
        if (command.getShell()) {
            return List.of("/bin/sh", "-c", command.getValue());
        }
        List<String> argv = new ArrayList<>();
        argv.add(command.getValue());
        // arguments[0] is argv[0], which ProcessBuilder cannot set apart from the program path.
        if (command.getArgumentsCount() > 1) {
            argv.addAll(command.getArgumentsList().subList(1, command.getArgumentsCount()));
        }
        return argv;
    }

    /** The status message for an exit value as the JDK reports it (128 + n for death by signal n). */
    static String describeExit(int exitValue) {
        if (exitValue > 128 && exitValue <= 128 + 64) {
            return "Command terminated with signal " + (exitValue - 128);
        }
        return "Command exited with status " + exitValue;
    }
}
