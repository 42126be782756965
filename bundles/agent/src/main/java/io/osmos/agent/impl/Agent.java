package io.osmos.agent.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.osmos.http.api.Flags;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Resource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent: its identity and resources, and its registration with the master. */
@Component(service = Agent.class, configurationPid = Agent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = Agent.Config.class)
public final class Agent {

    static final String PID = "io.osmos.agent";
    static final String MESOS_VERSION = "1.10.0";
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    @ObjectClassDefinition(name = "Osmos agent", description = "Identity, resources and master of the agent")
    public @interface Config {
        @AttributeDefinition(description = "host:port of the master")
        String master() default "127.0.0.1:5050";

        @AttributeDefinition(description = "Address advertised to the master and executors")
        String ip() default "127.0.0.1";

        @AttributeDefinition(description = "Port advertised (the agent HTTP server's port)")
        int port() default 5051;

        @AttributeDefinition(description = "Hostname advertised; empty means the local host name")
        String hostname() default "";

        @AttributeDefinition(description = "Directory for sandboxes and checkpoints")
        String work_dir() default "/var/lib/osmos/agent";

        @AttributeDefinition(description = "Resources in Mesos notation, e.g. cpus:4;mem:8192; unnamed ones are detected")
        String resources() default "";

        @AttributeDefinition(description = "Bound of the first registration retry, in seconds (doubles per failure)")
        double registration_backoff_factor() default 1.0;

        @AttributeDefinition(description = "Largest registration retry bound, in seconds")
        double registration_backoff_max() default 60.0;
    }

    private final Config config;
    private final Map<String, String> flags;
    private final String osmosVersion;
    private final AgentIdStore idStore;
    private final AgentInfo baseInfo;
    private final MasterLink link;
    private volatile String masterId = "";

    @Activate
    public Agent(BundleContext context, Config config) {
        this.config = config;
        this.flags = Flags.of(Config.class, config);
        this.osmosVersion = context.getBundle().getVersion().toString();
        Path workDir = Path.of(config.work_dir());
        this.idStore = new AgentIdStore(workDir);
        List<Resource> resources = ResourceDetector.resources(config.resources(), workDir);
        String hostname = config.hostname().isEmpty() ? localHostname(config.ip()) : config.hostname();
        this.baseInfo = AgentInfo.newBuilder().setHostname(hostname).setPort(config.port()).addAllResources(resources)
                .build();
        Backoff backoff = new Backoff((long) (config.registration_backoff_factor() * 1000),
                (long) (config.registration_backoff_max() * 1000));
        this.link = new MasterLink(config.master(), this::subscribeCall, this::onEvent, backoff);
        link.start();
        LOG.info("Agent at {}:{} with resources {} subscribing to master {}", config.ip(), config.port(),
                ResourceFormat.format(resources), config.master());
    }

    @Deactivate
    void stop() {
        link.close();
        LOG.info("Agent stopped");
    }

    /** The agent's info, with its id once it has one. */
    AgentInfo info() {
        AgentInfo.Builder info = baseInfo.toBuilder();
        idStore.load().ifPresent(id -> info.setId(AgentID.newBuilder().setValue(id)));
        return info.build();
    }

    Map<String, String> flags() {
        return flags;
    }

    String osmosVersion() {
        return osmosVersion;
    }

    String masterId() {
        return masterId;
    }

    private AgentCall subscribeCall() {
        AgentCall.Subscribe subscribe = AgentCall.Subscribe.newBuilder().setAgentInfo(info())
                .addCapabilities(capability(AgentInfo.Capability.Type.MULTI_ROLE))
                .addCapabilities(capability(AgentInfo.Capability.Type.HIERARCHICAL_ROLE))
                .addCapabilities(capability(AgentInfo.Capability.Type.RESERVATION_REFINEMENT))
                .setVersion(MESOS_VERSION).setEndpoint(config.ip() + ":" + config.port()).build();
        return AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE).setSubscribe(subscribe).build();
    }

    private void onEvent(AgentEvent event) {
        switch (event.getType()) {
            case SUBSCRIBED -> {
                String id = event.getSubscribed().getAgentId().getValue();
                if (!idStore.load().map(id::equals).orElse(false)) {
                    idStore.store(id);
                }
                masterId = event.getSubscribed().getMasterInfo().getId();
                LOG.info("Registered with master {} as agent {}", masterId, id);
            }
            case HEARTBEAT -> LOG.trace("Heartbeat from the master");
            case ERROR -> LOG.error("The master reports an error: {}", event.getError().getMessage());
            default -> LOG.debug("Ignoring master event {}", event.getType());
        }
    }

    private static AgentInfo.Capability capability(AgentInfo.Capability.Type type) {
        return AgentInfo.Capability.newBuilder().setType(type).build();
    }

    private static String localHostname(String fallback) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fallback;
        }
    }
}
