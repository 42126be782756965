package io.osmos.master.impl;

import io.osmos.api.loop.SerialLoop;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;

import io.osmos.api.allocator.Allocator;
import io.osmos.api.registry.Registry;
import io.osmos.http.api.Flags;
import io.osmos.proto.v1.Address;
import io.osmos.proto.v1.MasterInfo;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's identity and state: its {@link MasterInfo}, its flags, the agent registry and the
 * single-writer loop that changes them. The HTTP-facing components of this bundle use it.
 */
@Component(service = Master.class, configurationPid = Master.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Master.Config.class)
public final class Master {

    static final String PID = "io.osmos.master";
    /** The Mesos API version Osmos speaks, reported by GET_VERSION. */
    static final String MESOS_VERSION = "1.10.0";
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);

    @ObjectClassDefinition(name = "Osmos master", description = "Identity and behaviour of the master")
    public @interface Config {
        @AttributeDefinition(description = "Address advertised to agents and frameworks")
        String ip() default "127.0.0.1";

        @AttributeDefinition(description = "Port advertised (the master HTTP server's port)")
        int port() default 5050;

        @AttributeDefinition(description = "Hostname advertised; empty means the local host name")
        String hostname() default "";

        @AttributeDefinition(description = "Human readable cluster name")
        String cluster() default "";

        @AttributeDefinition(description = "Directory for the master's durable state")
        String work_dir() default "";

        @AttributeDefinition(description = "Seconds between heartbeats the master sends to each agent")
        double agent_heartbeat_interval() default 15.0;

        @AttributeDefinition(description = "Seconds between periodic allocation cycles")
        double allocation_interval() default 1.0;

        @AttributeDefinition(description = "Seconds agents known from the registry have to re-register after the"
                + " master starts before they are marked unreachable (Mesos' agent_reregister_timeout)")
        double agent_reregister_timeout() default 600.0;

        @AttributeDefinition(description = "Seconds of Mesos' agent health check (agent_ping_timeout): an agent that"
                + " stays disconnected for agent_ping_timeout × max_agent_ping_timeouts is marked unreachable")
        double agent_ping_timeout() default 15.0;

        @AttributeDefinition(description = "Health checks an agent may miss before it is marked unreachable"
                + " (Mesos' max_agent_ping_timeouts)")
        int max_agent_ping_timeouts() default 5;
    }

    private final Config config;
    private final Map<String, String> flags;
    private final MasterInfo info;
    private final SerialLoop loop = new SerialLoop("osmos-master");
    private final AgentRegistry agents;
    private final AgentStreams streams = new AgentStreams();
    private final Cluster cluster;
    private final Subscriptions subscriptions;
    private final SchedulerCalls calls;
    private final AgentLifecycle agentLifecycle;
    private final AgentMaintenance maintenance;
    private final long startNanos = System.currentTimeMillis() * 1_000_000L;
    private final String osmosVersion;
    /** The allocator DS bound last and has not unbound; read on the loop, written by DS threads. */
    private volatile Allocator latestAllocator;
    private final ReadBatcher<StateBodies> reads;
    private final OperatorEvents events;
    private final RegistryLink registry = new RegistryLink(loop);
    private final MasterRecovery recovery;

    @Activate
    public Master(BundleContext context, Config config) {
        this.config = config;
        this.flags = Flags.of(Config.class, config);
        this.osmosVersion = context.getBundle().getVersion().toString();
        String id = UUID.randomUUID().toString();
        this.info = masterInfo(id, config);
        this.agents = new AgentRegistry(id);
        this.events = new OperatorEvents(loop);
        this.cluster = new Cluster(this, config.allocation_interval());
        TaskUpdates updates = new TaskUpdates(cluster);
        this.subscriptions = new Subscriptions(cluster);
        this.calls = new SchedulerCalls(cluster, subscriptions, updates);
        this.maintenance = new AgentMaintenance(cluster, updates);
        this.agentLifecycle = new AgentLifecycle(cluster, updates, maintenance,
                (long) (config.agent_ping_timeout() * 1000 * Math.max(1, config.max_agent_ping_timeouts())));
        this.recovery = new MasterRecovery(this, registry, config.agent_reregister_timeout());
        this.reads = new ReadBatcher<>(loop, () -> new StateBodies(this),
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        LOG.info("Master {} started at {}:{} (Osmos {}, Mesos API {})", id, config.ip(), config.port(), osmosVersion,
                MESOS_VERSION);
    }

    /** Allocators come and go while the master runs: a new one is fed the whole cluster. */
    @Reference(service = Allocator.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAllocator(Allocator allocator) {
        latestAllocator = allocator;
        // By the time the loop gets to it, DS may have unbound this one again (an update followed by a
        // refresh starts the bundle twice); feeding it then would run classes of a wiring that is gone.
        loop.execute(() -> {
            if (latestAllocator != allocator) {
                return;
            }
            try {
                cluster.allocator().bind(allocator);
            } catch (LinkageError | java.util.concurrent.RejectedExecutionException gone) {
                // Its bundle was refreshed while it was being fed: DS binds the successor next.
                LOG.info("Allocator {} went away while it was being fed ({}); waiting for its successor",
                        allocator.getClass().getName(), gone.toString());
            }
        });
    }

    void unbindAllocator(Allocator allocator) {
        if (latestAllocator == allocator) {
            latestAllocator = null;
        }
        cluster.allocator().retire(allocator);
        loop.execute(() -> cluster.allocator().unbind(allocator));
    }

    /**
     * The registry is optional and dynamic: the master recovers from the first one bound (answering
     * 503 until then) and, when it is swapped, keeps running on its in-memory state; changes made
     * meanwhile wait and are written to the successor, and operator calls are answered once they are
     * durable. A mandatory reference would instead restart the whole master, dropping every framework
     * stream, at each update of the registry bundle.
     */
    @Reference(service = Registry.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(Registry bound) {
        loop.execute(() -> recovery.bind(bound));
    }

    void unbindRegistry(Registry unbound) {
        loop.execute(() -> recovery.unbind(unbound));
    }

    @Deactivate
    void stop() {
        loop.execute(() -> {
            recovery.stop();
            agentLifecycle.stop();
        });
        reads.close();
        loop.close();
        LOG.info("Master {} stopped", info.getId());
    }

    MasterInfo info() {
        return info;
    }

    /** The operator API's event streams. */
    OperatorEvents events() {
        return events;
    }

    /** Where read-only requests are served, in batches (see {@link ReadBatcher}). */
    ReadBatcher<StateBodies> reads() {
        return reads;
    }

    Config config() {
        return config;
    }

    Map<String, String> flags() {
        return flags;
    }

    SerialLoop loop() {
        return loop;
    }

    RegistryLink registry() {
        return registry;
    }

    MasterRecovery recovery() {
        return recovery;
    }

    /** False until the registry was recovered: reads answer 503 until then, as in Mesos. */
    boolean recovered() {
        return recovery.recovered();
    }

    AgentRegistry agents() {
        return agents;
    }

    Cluster cluster() {
        return cluster;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    SchedulerCalls calls() {
        return calls;
    }

    AgentMaintenance maintenance() {
        return maintenance;
    }

    AgentLifecycle agentLifecycle() {
        return agentLifecycle;
    }

    AgentStreams streams() {
        return streams;
    }

    String osmosVersion() {
        return osmosVersion;
    }

    long startNanos() {
        return startNanos;
    }

    private static MasterInfo masterInfo(String id, Config config) {
        String hostname = config.hostname().isEmpty() ? localHostname(config.ip()) : config.hostname();
        Address address = Address.newBuilder().setHostname(hostname).setIp(config.ip()).setPort(config.port()).build();
        return MasterInfo.newBuilder().setId(id).setIp(ipv4AsNetworkOrder(config.ip())).setPort(config.port())
                .setPid("master@" + config.ip() + ":" + config.port()).setHostname(hostname)
                .setVersion(MESOS_VERSION).setAddress(address).build();
    }

    /** Mesos packs the IPv4 address into a uint32 in network byte order as read on little endian hosts. */
    static int ipv4AsNetworkOrder(String ip) {
        try {
            byte[] b = InetAddress.getByName(ip).getAddress();
            if (b.length != 4) {
                return 0;
            }
            return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
        } catch (UnknownHostException e) {
            return 0;
        }
    }

    private static String localHostname(String fallback) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fallback;
        }
    }
}
