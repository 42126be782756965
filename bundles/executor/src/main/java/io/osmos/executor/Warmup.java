package io.osmos.executor;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import com.google.protobuf.InvalidProtocolBufferException;

import io.osmos.http.codec.RecordIOReader;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.DurationInfo;
import io.osmos.proto.v1.Environment;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.executor.Call;
import io.osmos.proto.v1.executor.Event;

/**
 * Loads and initialises, on a second thread, the classes that the first SUBSCRIBE and then the
 * first LAUNCH need, while the main thread sets up logging and reads the environment. Most of the
 * executor's start-up time is class loading (protobuf alone pulls in java.util.logging), and it
 * overlaps well.
 */
final class Warmup extends Thread {

    private Warmup() {
        super("warm-up");
        setDaemon(true);
    }

    static void begin() {
        // A Thread subclass rather than a lambda: the first lambda costs ~15 ms of set-up, which
        // this thread takes on instead of the main one.
        new Warmup().start();
    }

    @Override
    public void run() {
        try {
            Runnable firstLambda = () -> { };
            firstLambda.run();
            ExecutorID executorId = ExecutorID.newBuilder().setValue("warm-up").build();
            FrameworkID frameworkId = FrameworkID.newBuilder().setValue("warm-up").build();
            byte[] call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setExecutorId(executorId)
                    .setFrameworkId(frameworkId).setSubscribe(Call.Subscribe.getDefaultInstance())
                    .build().toByteArray();
            new RecordIOReader(call.length, record -> { }).feed(String.valueOf(call.length).getBytes(StandardCharsets.US_ASCII));
            Event.parseFrom(Event.newBuilder().setType(Event.Type.HEARTBEAT).build().toByteArray());
            SocketChannel.open().close();
            launchPath(executorId, frameworkId);
        } catch (InvalidProtocolBufferException e) {
            // Only a warm-up: the real calls report their own failures.
        } catch (IOException e) {
            // Likewise.
        }
    }

    /** What SUBSCRIBED, LAUNCH and the first status updates need, typically while SUBSCRIBE is out. */
    private static void launchPath(ExecutorID executorId, FrameworkID frameworkId) throws IOException {
        AgentID agentId = AgentID.newBuilder().setValue("warm-up").build();
        CommandInfo command = CommandInfo.newBuilder().setValue("true").setEnvironment(Environment.newBuilder()
                .addVariables(Environment.Variable.newBuilder().setName("A").setValue("b"))).build();
        Resource cpus = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(0.1)).build();
        Event subscribed = Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setExecutorInfo(ExecutorInfo.newBuilder().setExecutorId(executorId).setCommand(command).addResources(cpus))
                .setFrameworkInfo(FrameworkInfo.newBuilder().setUser("u").setName("n").setId(frameworkId))
                .setAgentInfo(AgentInfo.newBuilder().setHostname("h").setId(agentId))).build();
        TaskInfo task = TaskInfo.newBuilder().setName("n").setTaskId(TaskID.newBuilder().setValue("t"))
                .setAgentId(agentId).setCommand(command).addResources(cpus)
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(1)))
                .build();
        Event launch = Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task)).build();
        Event.parseFrom(subscribed.toByteArray());
        Event.parseFrom(launch.toByteArray());
        Calls calls = new Calls(frameworkId, executorId);
        calls.update(calls.status(task.getTaskId(), TaskState.TASK_STARTING, "m", agentId)).toByteArray();
        new ProcessBuilder("true").redirectInput(ProcessBuilder.Redirect.INHERIT);
    }
}
