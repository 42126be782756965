package io.osmos.executor;

import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.agent.Response;

/**
 * Turns the agent's answer to WAIT_CONTAINER into a task's terminal status, as Mesos' default
 * executor does: the wait(2) status decides, unless the agent knows better (a state, a reason such
 * as a memory limitation, a message).
 */
final class ContainerExits {

    // What glibc's strsignal(3) says on Linux, which Mesos puts in its messages.
    private static final String[] SIGNAL_NAMES = {null, "Hangup", "Interrupt", "Quit", "Illegal instruction",
        "Trace/breakpoint trap", "Aborted", "Bus error", "Floating point exception", "Killed",
        "User defined signal 1", "Segmentation fault", "User defined signal 2", "Broken pipe", "Alarm clock",
        "Terminated", "Stack fault", "Child exited", "Continued", "Stopped (signal)", "Stopped",
        "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded",
        "File size limit exceeded", "Virtual timer expired", "Profiling timer expired", "Window changed",
        "I/O possible", "Power failure", "Bad system call"};

    private ContainerExits() {
    }

    /**
     * @param killing whether the executor asked for the container to be killed
     * @return the state, message and any reason and limitation; the caller adds the task id
     */
    static TaskStatus.Builder terminalStatus(Response.WaitContainer wait, boolean killing) {
        TaskStatus.Builder status = TaskStatus.newBuilder();
        String message;
        if (!wait.hasExitStatus()) {
            status.setState(TaskState.TASK_FAILED);
            message = "Command terminated with unknown status";
        } else {
            int waitStatus = wait.getExitStatus();
            if (waitStatus == 0) {
                status.setState(TaskState.TASK_FINISHED);
            } else {
                status.setState(killing ? TaskState.TASK_KILLED : TaskState.TASK_FAILED);
            }
            message = "Command " + describe(waitStatus);
        }
        // The agent's view wins: it knows why it ended the container (e.g. a resource limitation).
        if (wait.hasState()) {
            status.setState(wait.getState());
        } else if (wait.hasReason() && !killing) {
            status.setState(TaskState.TASK_FAILED);
        }
        if (wait.hasReason()) {
            status.setReason(wait.getReason());
        }
        if (wait.hasMessage()) {
            message = message + ": " + wait.getMessage();
        }
        if (wait.hasLimitation()) {
            status.setLimitation(wait.getLimitation());
        }
        return status.setMessage(message);
    }

    /** A wait(2) status as Mesos' WSTRINGIFY puts it: "exited with status 3", "terminated with signal Killed". */
    static String describe(int waitStatus) {
        int low = waitStatus & 0x7f;
        if (low == 0) {
            return "exited with status " + ((waitStatus >> 8) & 0xff);
        }
        if (low != 0x7f) {
            return "terminated with signal " + signalName(low);
        }
        return "stopped with wait status " + waitStatus;
    }

    static String signalName(int signal) {
        if (signal > 0 && signal < SIGNAL_NAMES.length) {
            return SIGNAL_NAMES[signal];
        }
        return signal >= 34 && signal <= 64 ? "Real-time signal " + (signal - 34) : "Unknown signal " + signal;
    }
}
