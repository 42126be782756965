package io.osmos.transport.uds.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.osmos.agent.api.ExecutorEndpoint;
import io.osmos.api.executor.ExecutorTransport;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Replies;
import io.osmos.http.api.RequestBodies;
import io.osmos.http.api.Route;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
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
 * Executors reach the agent over a Unix domain socket (Mesos' {@code --http_executor_domain_sockets}):
 * executors find it through {@code MESOS_DOMAIN_SOCKET}. As in Mesos, only the executor API and the
 * agent API ({@code /slave(1)/api/v1/executor}, {@code /slave(1)/api/v1}) are served there; every
 * other path is 403. Stopping this bundle closes the socket, and executors re-subscribe once a
 * transport is back.
 */
@Component(service = {}, configurationPid = UdsExecutorTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UdsExecutorTransport.Config.class)
public final class UdsExecutorTransport implements ExecutorTransport {

    static final String PID = "io.osmos.transport.uds";
    static final String EXECUTOR_PATH = "/slave(1)/api/v1/executor";
    static final String AGENT_PATH = "/slave(1)/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(UdsExecutorTransport.class);

    @ObjectClassDefinition(name = "Osmos executor transport: Unix domain socket")
    public @interface Config {
        @AttributeDefinition(description = "Serve executors on a domain socket (Mesos' http_executor_domain_sockets)")
        boolean http_executor_domain_sockets() default false;

        @AttributeDefinition(description = "Path of the socket (Mesos' domain_socket_location); at most 107 bytes")
        String domain_socket_location();

        @AttributeDefinition(description = "Largest request body accepted, in bytes")
        long max_body_size() default 16L * 1024 * 1024;
    }

    private final ExecutorEndpoint endpoint;
    private final List<HttpRoutes> agentRoutes = new CopyOnWriteArrayList<>();
    private final Path socket;
    private final HttpServer server;
    private final ServiceRegistration<ExecutorTransport> registration;

    @Activate
    public UdsExecutorTransport(BundleContext context, Config config, @Reference Vertx vertx,
            @Reference ExecutorEndpoint endpoint) throws Exception {
        this.endpoint = endpoint;
        if (!config.http_executor_domain_sockets()) {
            this.socket = null;
            this.server = null;
            this.registration = null;
            LOG.info("Executor domain sockets are off");
            return;
        }
        if (!vertx.isNativeTransportEnabled()) {
            throw new IllegalStateException("Unix domain sockets need Vert.x's native (epoll) transport, which is"
                    + " not available: " + vertx.unavailableNativeTransportCause());
        }
        this.socket = SocketPath.prepare(config.domain_socket_location());
        long maxBody = config.max_body_size();
        this.server = vertx.createHttpServer().requestHandler(request -> serve(request, maxBody))
                .listen(SocketAddress.domainSocketAddress(socket.toString()))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        SocketPath.restrict(socket);
        this.registration = context.registerService(ExecutorTransport.class, this,
                FrameworkUtil.asDictionary(Map.of(ExecutorTransport.NAME, "uds")));
        LOG.info("Executor API served on domain socket {}", socket);
    }

    @Reference(service = HttpRoutes.class, target = "(" + HttpRoutes.SERVER + "=agent)",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAgentRoutes(HttpRoutes routes) {
        agentRoutes.add(routes);
    }

    void removeAgentRoutes(HttpRoutes routes) {
        agentRoutes.remove(routes);
    }

    @Override
    public Map<String, String> executorEnvironment() {
        return socket == null ? Map.of() : Map.of("MESOS_DOMAIN_SOCKET", socket.toString());
    }

    private void serve(HttpServerRequest request, long maxBody) {
        if (EXECUTOR_PATH.equals(request.path())) {
            RequestBodies.read(request, maxBody, endpoint::handle);
            return;
        }
        if (AGENT_PATH.equals(request.path())) {
            for (HttpRoutes routes : agentRoutes) {
                for (Route route : routes.routes()) {
                    if (route.matches(AGENT_PATH)) {
                        RequestBodies.read(request, maxBody, route.handler()::handle);
                        return;
                    }
                }
            }
        }
        request.resume();
        Replies.error(request, 403, "Only " + EXECUTOR_PATH + " and " + AGENT_PATH + " are served on this socket");
    }

    @Deactivate
    void stop() throws Exception {
        if (registration != null) {
            registration.unregister();
        }
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Files.deleteIfExists(socket);
            LOG.info("Domain socket {} closed", socket);
        }
    }
}
