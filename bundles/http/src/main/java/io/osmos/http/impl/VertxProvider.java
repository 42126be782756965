package io.osmos.http.impl;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Vert.x instance of the process, shared by every HTTP server and client, published as an
 * {@code io.vertx.core.Vertx} service. Vert.x is not a DS component type of ours, so the component
 * registers the instance itself and withdraws it before closing it.
 */
@Component(service = {}, configurationPid = VertxProvider.PID, immediate = true)
@Designate(ocd = VertxProvider.Config.class)
public final class VertxProvider {

    static final String PID = "io.osmos.vertx";
    private static final Logger LOG = LoggerFactory.getLogger(VertxProvider.class);

    @ObjectClassDefinition(name = "Osmos Vert.x", description = "Thread pools of the process-wide Vert.x instance")
    public @interface Config {
        @AttributeDefinition(description = "Event loop threads; 0 means twice the number of cores")
        int event_loop_pool_size() default 0;

        @AttributeDefinition(description = "Worker threads for blocking work")
        int worker_pool_size() default 20;

        @AttributeDefinition(description = "Use Linux epoll (needed for Unix domain sockets) when its bundle is present")
        boolean prefer_native_transport() default true;
    }

    private final Vertx vertx;
    private final ServiceRegistration<Vertx> registration;

    @Activate
    public VertxProvider(BundleContext context, Config config) {
        VertxOptions options = new VertxOptions().setWorkerPoolSize(config.worker_pool_size())
                .setPreferNativeTransport(config.prefer_native_transport());
        if (config.event_loop_pool_size() > 0) {
            options.setEventLoopPoolSize(config.event_loop_pool_size());
        }
        // Vert.x looks up its service providers through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Vertx.class.getClassLoader());
        try {
            this.vertx = Vertx.vertx(options);
        } finally {
            thread.setContextClassLoader(previous);
        }
        this.registration = context.registerService(Vertx.class, vertx,
                FrameworkUtil.asDictionary(Map.of("osmos.vertx", "default")));
        LOG.info("Vert.x started with {} worker threads, native transport {}", config.worker_pool_size(),
                vertx.isNativeTransportEnabled() ? "on" : "off");
    }

    @Deactivate
    void stop() throws Exception {
        registration.unregister();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.info("Vert.x stopped");
    }
}
