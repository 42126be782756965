package io.osmos.modules.impl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /modules} ({@code ?all=true} for every bundle), {@code POST /modules/update}
 * ({@code {"bundle":..,"location":..}}) and {@code POST /modules/rollback} ({@code {"bundle":..}})
 * on every server. The work runs on the manager's threads; the answer is written when it is done.
 */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=*")
public final class ModulesRoutes implements HttpRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ModulesRoutes.class);

    private final ModuleManager manager;

    @Activate
    public ModulesRoutes(@Reference ModuleManager manager) {
        this.manager = manager;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact("/modules", this::list), Route.exact("/modules/update", this::update),
                Route.exact("/modules/rollback", this::rollback));
    }

    void list(HttpServerRequest request, Buffer body) {
        if (Replies.requireMethod(request, HttpMethod.GET)) {
            boolean all = "true".equalsIgnoreCase(request.getParam("all"));
            answer(request, manager.list(all), ModulesJson::modules);
        }
    }

    void update(HttpServerRequest request, Buffer body) {
        if (Replies.requireMethod(request, HttpMethod.POST)) {
            answer(request, parse(body).thenCompose(f -> manager.update(f.get("bundle"), f.get("location"))),
                    ModulesJson::swap);
        }
    }

    void rollback(HttpServerRequest request, Buffer body) {
        if (Replies.requireMethod(request, HttpMethod.POST)) {
            answer(request, parse(body).thenCompose(f -> manager.rollback(f.get("bundle"))), ModulesJson::swap);
        }
    }

    private static CompletableFuture<Map<String, String>> parse(Buffer body) {
        try {
            return CompletableFuture.completedFuture(ModulesJson.fields(body == null ? new byte[0] : body.getBytes()));
        } catch (ModuleException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T> void answer(HttpServerRequest request, CompletableFuture<T> work, Function<T, byte[]> json) {
        work.whenComplete((value, failure) -> {
            if (failure == null) {
                request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer(json.apply(value)));
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ModuleException refused) {
                Replies.error(request, refused.status(), refused.getMessage() + "\n");
            } else {
                LOG.error("{} {} failed", request.method(), request.path(), cause);
                Replies.error(request, 500, "Failed: " + cause + "\n");
            }
        });
    }
}
