package io.osmos.master.impl;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.osmos.api.resources.Resources;
import io.osmos.http.api.RecordIOStream;
import io.osmos.http.codec.ContentNegotiation;
import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.master.Event;
import io.osmos.proto.v1.master.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator API's SUBSCRIBE streams: each gets SUBSCRIBED with the whole state and a HEARTBEAT,
 * then TASK_ADDED, TASK_UPDATED, AGENT_ADDED, FRAMEWORK_ADDED/UPDATED/REMOVED as the master changes,
 * and a HEARTBEAT every 15 s. Events are published from the master loop; a subscriber joins from a
 * read batch, while the loop waits, so it misses nothing between its snapshot and its first event.
 * At most {@value #MAX_SUBSCRIBERS} streams: the oldest is closed to make room, as Mesos does.
 */
final class OperatorEvents {

    static final int MAX_SUBSCRIBERS = 1000;
    static final double HEARTBEAT_SECONDS = 15;
    private static final Logger LOG = LoggerFactory.getLogger(OperatorEvents.class);

    private final ConcurrentLinkedDeque<RecordIOStream> subscribers = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();

    OperatorEvents(io.osmos.api.loop.SerialLoop loop) {
        long millis = (long) (HEARTBEAT_SECONDS * 1000);
        loop.every(millis, TimeUnit.MILLISECONDS,
                () -> publish(Event.newBuilder().setType(Event.Type.HEARTBEAT).build()));
    }

    /** Starts a subscriber's stream with its snapshot; to be called while the model cannot change. */
    void subscribe(RecordIOStream stream, byte[] subscribed) {
        stream.sendEncoded(subscribed);
        stream.send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
        subscribers.add(stream);
        stream.onClose(() -> {
            if (subscribers.remove(stream)) {
                count.decrementAndGet();
            }
        });
        if (count.incrementAndGet() > MAX_SUBSCRIBERS) {
            RecordIOStream oldest = subscribers.poll();
            if (oldest != null) {
                count.decrementAndGet();
                LOG.warn("More than {} operator event subscribers: closing the oldest", MAX_SUBSCRIBERS);
                oldest.close();
            }
        }
    }

    int subscribers() {
        return count.get();
    }

    void taskAdded(Task task) {
        if (!subscribers.isEmpty()) {
            publish(Event.newBuilder().setType(Event.Type.TASK_ADDED)
                    .setTaskAdded(Event.TaskAdded.newBuilder().setTask(task)).build());
        }
    }

    void taskUpdated(FrameworkID framework, TaskStatus status, TaskState latest) {
        if (!subscribers.isEmpty()) {
            publish(Event.newBuilder().setType(Event.Type.TASK_UPDATED).setTaskUpdated(Event.TaskUpdated.newBuilder()
                    .setFrameworkId(framework).setStatus(status).setState(latest)).build());
        }
    }

    void agentAdded(AgentRecord agent) {
        if (!subscribers.isEmpty()) {
            publish(Event.newBuilder().setType(Event.Type.AGENT_ADDED)
                    .setAgentAdded(Event.AgentAdded.newBuilder().setAgent(agent(agent))).build());
        }
    }

    void agentRemoved(String agentId) {
        if (!subscribers.isEmpty()) {
            publish(Event.newBuilder().setType(Event.Type.AGENT_REMOVED).setAgentRemoved(Event.AgentRemoved.newBuilder()
                    .setAgentId(io.osmos.proto.v1.AgentID.newBuilder().setValue(agentId))).build());
        }
    }

    void frameworkAdded(FrameworkRecord framework) {
        if (!subscribers.isEmpty()) {
            publish(Event.newBuilder().setType(Event.Type.FRAMEWORK_ADDED)
                    .setFrameworkAdded(Event.FrameworkAdded.newBuilder().setFramework(framework(framework))).build());
        }
    }

    void frameworkUpdated(FrameworkRecord framework) {
        if (!subscribers.isEmpty()) {
            publish(Event.newBuilder().setType(Event.Type.FRAMEWORK_UPDATED)
                    .setFrameworkUpdated(Event.FrameworkUpdated.newBuilder().setFramework(framework(framework))).build());
        }
    }

    void frameworkRemoved(FrameworkRecord framework) {
        if (!subscribers.isEmpty()) {
            publish(Event.newBuilder().setType(Event.Type.FRAMEWORK_REMOVED)
                    .setFrameworkRemoved(Event.FrameworkRemoved.newBuilder().setFrameworkInfo(framework.info)).build());
        }
    }

    /** Each event is encoded at most once per encoding, whatever the number of subscribers. */
    private void publish(Event event) {
        byte[] json = null;
        byte[] protobuf = null;
        for (Iterator<RecordIOStream> it = subscribers.iterator(); it.hasNext();) {
            RecordIOStream stream = it.next();
            boolean sent;
            if (stream.type() == MediaType.JSON) {
                json = json != null ? json : ContentNegotiation.encode(MediaType.JSON, event);
                sent = stream.sendEncoded(json);
            } else {
                protobuf = protobuf != null ? protobuf : event.toByteArray();
                sent = stream.sendEncoded(protobuf);
            }
            if (!sent && subscribers.remove(stream)) {
                count.decrementAndGet();
            }
        }
    }

    private static Response.GetFrameworks.Framework framework(FrameworkRecord record) {
        Resources allocated = Resources.EMPTY;
        for (TaskRecord task : record.tasks.values()) {
            if (!task.terminal()) {
                allocated = allocated.plus(task.allocated);
            }
        }
        Response.GetFrameworks.Framework.Builder framework = Response.GetFrameworks.Framework.newBuilder()
                .setFrameworkInfo(record.info).setActive(record.active).setConnected(record.connected())
                .setRecovered(false).setRegisteredTime(StateBodies.time(record.registeredNanos))
                .addAllAllocatedResources(allocated.toList());
        if (record.reregisteredNanos > 0) {
            framework.setReregisteredTime(StateBodies.time(record.reregisteredNanos));
        }
        if (record.unregisteredNanos > 0) {
            framework.setUnregisteredTime(StateBodies.time(record.unregisteredNanos));
        }
        return framework.build();
    }

    private static Response.GetAgents.Agent agent(AgentRecord record) {
        Response.GetAgents.Agent.Builder agent = Response.GetAgents.Agent.newBuilder().setAgentInfo(record.info())
                .setActive(record.active()).setDeactivated(false).setVersion(record.version())
                .setPid("slave(1)@" + record.endpoint()).setRegisteredTime(StateBodies.time(record.registeredNanos()))
                .addAllTotalResources(record.info().getResourcesList()).addAllCapabilities(record.capabilities());
        if (record.reregisteredNanos() > 0) {
            agent.setReregisteredTime(StateBodies.time(record.reregisteredNanos()));
        }
        return agent.build();
    }
}
