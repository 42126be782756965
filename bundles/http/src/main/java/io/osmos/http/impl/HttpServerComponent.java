package io.osmos.http.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Route;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import org.osgi.framework.Constants;
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
 * One HTTP server per factory configuration (one per role: {@code master}, {@code agent}, ...).
 * Routes come and go with the {@link HttpRoutes} services naming this server; the listening
 * socket stays open meanwhile.
 */
@Component(service = {}, configurationPid = HttpServerComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpServerComponent.Config.class, factory = true)
public final class HttpServerComponent {

    static final String FACTORY_PID = "io.osmos.http.server";
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerComponent.class);

    @ObjectClassDefinition(name = "Osmos HTTP server", description = "One HTTP server of a role")
    public @interface Config {
        @AttributeDefinition(description = "Role name routes refer to with the osmos.http.server property")
        String name();

        @AttributeDefinition(description = "TCP port; 0 picks a free one")
        int port();

        @AttributeDefinition(description = "Address to bind")
        String host() default "0.0.0.0";

        @AttributeDefinition(description = "Largest request body accepted, in bytes")
        long max_body_size() default 16L * 1024 * 1024;

        @AttributeDefinition(description = "Seconds a request for a route whose module is being updated waits for"
                + " the successor before it gets 503 (0: answer 404 at once)")
        double route_handover_timeout() default 10.0;
    }

    private final String name;
    private final HttpServer server;
    private final AtomicReference<RouteTable> routes = new AtomicReference<>(RouteTable.EMPTY);
    private final DepartedRoutes departed;

    @Activate
    public HttpServerComponent(Config config, @Reference Vertx vertx) throws Exception {
        this.name = requireName(config.name());
        this.departed = new DepartedRoutes((long) (Math.max(0, config.route_handover_timeout()) * 1e9));
        RequestDispatcher dispatcher = new RequestDispatcher(name, routes::get, config.max_body_size(), departed, vertx);
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setCompressionSupported(true).setDecompressionSupported(true);
        HttpServer created = vertx.createHttpServer(options).requestHandler(dispatcher);
        try {
            this.server = created.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server '" + name + "' cannot listen on " + config.host() + ":"
                    + config.port() + ": " + rootMessage(e), e);
        }
        LOG.info("HTTP server '{}' listening on {}:{}", name, config.host(), server.actualPort());
    }

    @Reference(service = HttpRoutes.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addRoutes(HttpRoutes contribution, Map<String, Object> properties) {
        if (!servesThis(properties.get(HttpRoutes.SERVER))) {
            return;
        }
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        List<RouteTable.Entry> entries = new ArrayList<>();
        for (Route route : contribution.routes()) {
            entries.add(new RouteTable.Entry(route, ranking, serviceId));
        }
        RouteTable table = routes.updateAndGet(t -> t.without(serviceId).with(entries));
        departed.arrived(entries.stream().map(RouteTable.Entry::route).toList());
        LOG.info("HTTP server '{}': added {} routes from service {} ({} in all)", name, entries.size(), serviceId,
                table.size());
    }

    void removeRoutes(HttpRoutes contribution, Map<String, Object> properties) {
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        RouteTable before = routes.getAndUpdate(t -> t.without(serviceId));
        departed.departed(before.routesOf(serviceId));
        int left = routes.get().size();
        if (left != before.size()) {
            LOG.info("HTTP server '{}': removed the routes of service {} ({} left)", name, serviceId, left);
        }
    }

    @Deactivate
    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.info("HTTP server '{}' stopped", name);
    }

    private boolean servesThis(Object servers) {
        if (servers instanceof String s) {
            return s.equals(name) || s.equals("*");
        }
        if (servers instanceof String[] array) {
            for (String s : array) {
                if (s.equals(name) || s.equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An HTTP server configuration needs a 'name'");
        }
        return name;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
