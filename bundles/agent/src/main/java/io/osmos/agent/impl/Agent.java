package io.osmos.agent.impl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.osmos.agent.containerizer.Containerizer;
import io.osmos.api.executor.ExecutorTransport;
import io.osmos.api.isolation.Isolator;
import io.osmos.api.resources.Resources;
import io.osmos.api.loop.SerialLoop;
import io.osmos.http.api.Flags;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;

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

/** The agent: its identity and resources, and its registration with the master. */
@Component(service = Agent.class, configurationPid = Agent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = Agent.Config.class)
public final class Agent {

    static final String PID = "io.osmos.agent";
    static final String MESOS_VERSION = "1.10.0";
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** An operation's answer is retried this many times, 1 s, 2 s, ... apart (28 s in all). */
    private static final int OPERATION_STATUS_ATTEMPTS = 8;

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

        @AttributeDefinition(description = "Directory holding the command executor's jars")
        String launcher_dir() default "";

        @AttributeDefinition(description = "JDK that runs the command executor; empty means the agent's own")
        String java_home() default "";

        @AttributeDefinition(description = "Isolators every container runs under, in order, e.g. cgroups/cpu,cgroups/mem; "
                + "empty for none. A container is not launched while one of them is missing")
        String isolation() default "";

        @AttributeDefinition(description = "Whether CPU requests are enforced as CFS quotas when a task has no CPU limit")
        boolean cgroups_enable_cfs() default false;

        @AttributeDefinition(description = "Seconds an executor adopted at recovery has to re-subscribe before it is killed"
                + " (Mesos' executor_reregistration_timeout); counted from when the executor API is served again")
        double executor_reregistration_timeout() default 2.0;
    }

    private final Config config;
    private final Map<String, String> flags;
    private final String osmosVersion;
    private final AgentIdStore idStore;
    private final AgentInfo baseInfo;
    private final MasterLink link;
    private final SerialLoop loop = new SerialLoop("osmos-agent");
    private final StatusUpdateManager updates;
    private final AgentTasks tasks;
    private final List<ExecutorTransport> transports = new CopyOnWriteArrayList<>();
    private final Containerizer containerizer;
    private final AgentResources resources;
    private final VolumeMounts volumeMounts;
    private final NestedRuns nested;
    private final CheckpointWriter checkpointWriter = new CheckpointWriter();
    private final AgentRecovery recovery;
    private final AgentRecovery.Outcome recovered;
    private final java.util.concurrent.atomic.AtomicBoolean linkStarted = new java.util.concurrent.atomic.AtomicBoolean();
    private final long activatedAt = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicBoolean timerStarted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String masterId = "";
    /** The id the master gave; kept on disk by the id store so a successor comes back as the same agent. */
    private volatile String agentId;

    @Activate
    public Agent(BundleContext context, Config config) {
        this.config = config;
        this.flags = Flags.of(Config.class, config);
        this.osmosVersion = context.getBundle().getVersion().toString();
        Path workDir = Path.of(config.work_dir());
        this.idStore = new AgentIdStore(workDir);
        this.agentId = idStore.load().orElse(null);
        PersistentVolumes volumes = new PersistentVolumes(workDir);
        this.resources = AgentResources.recover(Resources.of(ResourceDetector.resources(config.resources(), workDir)),
                new ResourcesCheckpoint(workDir), volumes);
        this.volumeMounts = new VolumeMounts(volumes, new Mounts());
        String hostname = config.hostname().isEmpty() ? ResourceDetector.localHostname(config.ip()) : config.hostname();
        this.baseInfo = AgentInfo.newBuilder().setHostname(hostname).setPort(config.port()).build();
        Backoff backoff = new Backoff((long) (config.registration_backoff_factor() * 1000),
                (long) (config.registration_backoff_max() * 1000));
        this.link = new MasterLink(config.master(), this::subscribeCall, this::onEvent, backoff);
        this.updates = new StatusUpdateManager(loop, this::toMaster, checkpointWriter);
        AgentCheckpoints checkpoints = new AgentCheckpoints(workDir, checkpointWriter);
        Path javaHome = Path.of(config.java_home().isEmpty() ? System.getProperty("java.home") : config.java_home());
        this.containerizer = new Containerizer(loop, isolation(config.isolation()));
        ExecutorContainers executorContainers = new ExecutorContainers(containerizer,
                new ExecutorLauncher(javaHome, Path.of(config.launcher_dir())), config.cgroups_enable_cfs(), volumeMounts);
        this.tasks = new AgentTasks(loop, new Sandboxes(workDir), executorContainers, updates,
                this::info, this::executorEnvironment, this::toMaster, new RunCheckpointer(checkpoints, () -> agentId));
        this.nested = new NestedRuns(loop, containerizer, volumeMounts,
                new NestedCheckpoints(checkpoints, checkpointWriter, () -> agentId), RecoveryDecision::startOf);
        this.recovery = new AgentRecovery(loop, checkpoints, tasks, updates, containerizer, executorContainers,
                volumeMounts, nested, RecoveryDecision::startOf);
        this.recovered = recover(workDir);
        if (recovered.awaiting().isEmpty()) {
            startLink();
        } else {
            loop.after(30, TimeUnit.SECONDS, this::startReregistrationTimer);
        }
        LOG.info("Agent at {}:{} with resources {} subscribing to master {}", config.ip(), config.port(),
                resources.total(), config.master());
    }

    /** Executor transports come and go; executors launched later get the environment of those present. */
    @Reference(service = ExecutorTransport.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addTransport(ExecutorTransport transport) {
        transports.add(transport);
        startReregistrationTimer();
    }

    /** Counted from when the executor API is served again (at most 30 s after activation), once. */
    private void startReregistrationTimer() {
        if (!recovered.awaiting().isEmpty() && timerStarted.compareAndSet(false, true)) {
            long timeout = reregistrationMillis();
            LOG.info("Executor API served again: {} adopted executor(s) have {} ms to re-subscribe",
                    recovered.awaiting().size(), timeout);
            long deadline = System.nanoTime() + timeout * 1_000_000L;
            java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> poll =
                    new java.util.concurrent.atomic.AtomicReference<>();
            poll.set(loop.every(50, TimeUnit.MILLISECONDS, () -> {
                boolean all = recovered.awaiting().stream().noneMatch(
                        r -> r.awaitingResubscription && r.state != ExecutorRun.State.TERMINATED);
                if ((all || System.nanoTime() >= deadline) && !linkStarted.get()) {
                    poll.get().cancel(false);
                    int killed = all ? 0 : recovery.reregistrationTimedOut(recovered.awaiting(), timeout);
                    LOG.info("Recovery complete {} ms after activation: {} of {} adopted executor(s) re-subscribed,"
                            + " {} killed", (System.nanoTime() - activatedAt) / 1_000_000, recovered.adopted() - killed,
                            recovered.adopted(), killed);
                    startLink();
                }
            }));
        }
    }

    /** Recovers what the previous agent checkpointed, on the loop, before anything else runs there. */
    private AgentRecovery.Outcome recover(Path workDir) {
        try {
            AgentRecovery.Outcome outcome = loop.submit(() -> recovery.recover(agentId, workDir.resolve("slaves")))
                    .get(60, TimeUnit.SECONDS);
            LOG.info("Recovered in {} ms: {} executor(s) adopted, {} lost (their tasks reported); containers in no"
                    + " checkpoint are destroyed as orphans by the isolators", outcome.millis(), outcome.adopted(),
                    outcome.lost());
            return outcome;
        } catch (Exception e) {
            throw new IllegalStateException("Agent recovery failed: " + e.getMessage(), e);
        }
    }

    /**
     * The agent (re-)registers once recovery is complete: when no executor was adopted, or once the
     * adopted ones re-subscribed or timed out, so the master learns the right tasks (MESOS-7539).
     */
    private void startLink() {
        if (linkStarted.compareAndSet(false, true)) {
            link.start();
        }
    }

    private long reregistrationMillis() {
        return Math.max(1, (long) (config.executor_reregistration_timeout() * 1000));
    }

    void removeTransport(ExecutorTransport transport) {
        transports.remove(transport);
    }

    /** Isolators may be updated while containers run: a new instance takes over the live ones. */
    @Reference(service = Isolator.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addIsolator(Isolator isolator, Map<String, Object> properties) {
        Object name = properties.get(Isolator.NAME);
        if (name == null) {
            LOG.warn("Ignoring isolator {} without the {} property", isolator.getClass().getName(), Isolator.NAME);
            return;
        }
        containerizer.bind(name.toString(), isolator);
    }

    void removeIsolator(Isolator isolator, Map<String, Object> properties) {
        Object name = properties.get(Isolator.NAME);
        if (name != null) {
            containerizer.unbind(name.toString(), isolator);
        }
    }

    Containerizer containerizer() {
        return containerizer;
    }

    NestedRuns nested() {
        return nested;
    }

    VolumeMounts volumeMounts() {
        return volumeMounts;
    }

    private static List<String> isolation(String setting) {
        return java.util.Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Stops this instance and leaves executors and tasks running: they are separate processes, and a
     * successor (a bundle update, or the restarted process) recovers them from the checkpoints. The
     * executors' event streams are closed so that they re-subscribe to the successor; those of
     * frameworks that do not checkpoint then end, as in Mesos.
     */
    @Deactivate
    void stop() {
        tasks.drainLaunches(3_000);
        nested.drainLaunches(3_000);
        try {
            loop.submit(() -> {
                nested.close();
                for (Map<String, ExecutorRun> runs : tasks.executors.values()) {
                    for (ExecutorRun run : runs.values()) {
                        if (run.stream != null) {
                            run.stream.close();
                        }
                    }
                }
                return null;
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Cannot close the executors' streams: {}", e.toString());
        }
        link.close();
        loop.close();
        checkpointWriter.close();
        LOG.info("Agent stopped; its executors keep running");
    }

    SerialLoop loop() {
        return loop;
    }

    AgentTasks tasks() {
        return tasks;
    }

    String address() {
        return config.ip() + ":" + config.port();
    }

    /** Sends a call to the master, best effort: status updates are retried by their manager. */
    void toMaster(AgentCall call) {
        String id = agentId;
        if (id == null) {
            return;
        }
        link.call(call.toBuilder().setAgentId(AgentID.newBuilder().setValue(id)).build()).whenComplete((status, e) -> {
            if (e != null || status != 202) {
                LOG.debug("Call {} to the master not delivered ({})", call.getType(), e != null ? e.getMessage() : status);
            }
        });
    }

    /**
     * Sends an operation's answer until the master has taken it (202), a few times while the link
     * lasts. After a re-subscription the master takes the agent's checkpointed total as the truth
     * and drops what was pending, as Mesos does, so an answer is not carried across subscriptions.
     */
    private void deliver(AgentCall call, int attempt) {
        String id = agentId;
        if (id == null) {
            return;
        }
        link.call(call.toBuilder().setAgentId(AgentID.newBuilder().setValue(id)).build()).whenComplete((status, e) -> {
            if (e == null && status == 202) {
                return;
            }
            String why = e != null ? e.getMessage() : "HTTP " + status;
            if (attempt >= OPERATION_STATUS_ATTEMPTS) {
                LOG.warn("Giving up sending {} after {} attempts ({}); the master reconciles from the agent's total"
                        + " when it subscribes again", call.getType(), attempt, why);
                return;
            }
            LOG.info("{} not delivered ({}); retrying in {} s", call.getType(), why, attempt);
            loop.after(attempt, TimeUnit.SECONDS, () -> deliver(call, attempt + 1));
        });
    }

    private Map<String, String> executorEnvironment() {
        Map<String, String> env = new java.util.LinkedHashMap<>(System.getenv());
        for (ExecutorTransport transport : transports) {
            env.putAll(transport.executorEnvironment());
        }
        env.put("MESOS_SLAVE_PID", "slave(1)@" + address());
        env.put(ExecutorEnvironment.BACKOFF_MAX, Math.max(1, reregistrationMillis() / 2) + "ms");
        return env;
    }

    /** The agent's info: its current total resources, and its id once it has one. */
    AgentInfo info() {
        String id = agentId;
        AgentInfo.Builder info = baseInfo.toBuilder().addAllResources(resources.total());
        return id == null ? info.build() : info.setId(AgentID.newBuilder().setValue(id)).build();
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
        AgentCall.Subscribe.Builder running;
        try {
            running = loop.submit(this::running).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the agent's tasks: " + e.getMessage(), e);
        }
        AgentCall.Subscribe subscribe = running.setAgentInfo(info())
                .addCapabilities(capability(AgentInfo.Capability.Type.MULTI_ROLE))
                .addCapabilities(capability(AgentInfo.Capability.Type.HIERARCHICAL_ROLE))
                .addCapabilities(capability(AgentInfo.Capability.Type.RESERVATION_REFINEMENT))
                .addCapabilities(capability(AgentInfo.Capability.Type.RESIZE_VOLUME))
                .addCapabilities(capability(AgentInfo.Capability.Type.TASK_RESOURCE_LIMITS))
                .setVersion(MESOS_VERSION).setEndpoint(config.ip() + ":" + config.port()).build();
        return AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE).setSubscribe(subscribe).build();
    }

    /** What runs here, for the master to learn back when it restarted. */
    private AgentCall.Subscribe.Builder running() {
        AgentCall.Subscribe.Builder running = AgentCall.Subscribe.newBuilder();
        java.util.Set<String> frameworks = new java.util.HashSet<>();
        for (Map<String, ExecutorRun> runs : tasks.executors.values()) {
            for (ExecutorRun run : runs.values()) {
                if (frameworks.add(run.frameworkId())) {
                    running.addFrameworks(run.framework);
                }
                running.addExecutors(AgentCall.RunningExecutor.newBuilder().setFrameworkId(run.framework.getId())
                        .setExecutorInfo(run.info));
                running.addAllTasks(run.launched.values());
                // Queued for an executor that has not subscribed yet: the master must know these too, or it
                // would take them for launches lost on the way and send them again.
                run.queued.values().stream().filter(task -> !run.launched.containsKey(task.getTaskId().getValue()))
                        .forEach(task -> running.addTasks(tasks.model(run, task, io.osmos.proto.v1.TaskState.TASK_STAGING)));
            }
        }
        return running;
    }

    private void onEvent(AgentEvent event) {
        switch (event.getType()) {
            case SUBSCRIBED -> {
                String id = event.getSubscribed().getAgentId().getValue();
                if (!id.equals(agentId)) {
                    idStore.store(id);
                    agentId = id;
                }
                masterId = event.getSubscribed().getMasterInfo().getId();
                LOG.info("Registered with master {} as agent {}", masterId, id);
                loop.execute(updates::resendAll);
            }
            case RUN_TASK -> loop.execute(() -> tasks.runTask(event.getRunTask().getFrameworkInfo(),
                    event.getRunTask().getTask()));
            case RUN_TASK_GROUP -> loop.execute(() -> tasks.runTaskGroup(event.getRunTaskGroup().getFrameworkInfo(),
                    event.getRunTaskGroup().getExecutor(), event.getRunTaskGroup().getTaskGroup()));
            case KILL_TASK -> loop.execute(() -> tasks.killTask(event.getKillTask().getFrameworkId().getValue(),
                    event.getKillTask().getTaskId(),
                    event.getKillTask().hasKillPolicy() ? event.getKillTask().getKillPolicy() : null));
            case ACKNOWLEDGE -> loop.execute(() -> tasks.acknowledged(
                    event.getAcknowledge().getFrameworkId().getValue(), event.getAcknowledge().getTaskId(),
                    event.getAcknowledge().getUuid()));
            case SHUTDOWN_FRAMEWORK -> loop.execute(() -> {
                tasks.shutdownFramework(event.getShutdownFramework().getFrameworkId().getValue());
                updates.forget(event.getShutdownFramework().getFrameworkId().getValue());
            });
            case SHUTDOWN_EXECUTOR -> loop.execute(() -> tasks.shutdownExecutor(
                    event.getShutdownExecutor().getFrameworkId().getValue(),
                    event.getShutdownExecutor().getExecutorId().getValue()));
            case FRAMEWORK_MESSAGE -> loop.execute(() -> tasks.frameworkMessage(
                    event.getFrameworkMessage().getFrameworkId().getValue(),
                    event.getFrameworkMessage().getExecutorId().getValue(), event.getFrameworkMessage().getData()));
            case APPLY_OPERATION -> loop.execute(() -> deliver(AgentCall.newBuilder()
                    .setType(AgentCall.Type.OPERATION_STATUS).setOperationStatus(resources.apply(
                            event.getApplyOperation(), info().getId(), v -> volumeMounts.inUse(v, tasks.executors.values())))
                    .build(), 1));
            case HEARTBEAT -> LOG.trace("Heartbeat from the master");
            case ERROR -> LOG.error("The master reports an error: {}", event.getError().getMessage());
            default -> LOG.debug("Ignoring master event {}", event.getType());
        }
    }

    private static AgentInfo.Capability capability(AgentInfo.Capability.Type type) {
        return AgentInfo.Capability.newBuilder().setType(type).build();
    }
}
