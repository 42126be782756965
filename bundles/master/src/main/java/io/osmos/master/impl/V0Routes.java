package io.osmos.master.impl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Mesos' v0 read endpoints: {@code /state}, {@code /frameworks}, {@code /slaves}, {@code /tasks}, {@code /roles} and {@code /state-summary}
 * (also under {@code /master/}), GET only, JSON with an optional {@code jsonp} callback, answered from
 * the master's read batches.
 */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class V0Routes implements HttpRoutes {

    private static final int DEFAULT_TASK_LIMIT = 100;

    private final Master master;

    @Activate
    public V0Routes(@Reference Master master) {
        this.master = master;
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String prefix : List.of("", "/master")) {
            routes.add(Route.exact(prefix + "/state", this::state));
            routes.add(Route.exact(prefix + "/frameworks", this::frameworks));
            routes.add(Route.exact(prefix + "/slaves", this::slaves));
            routes.add(Route.exact(prefix + "/tasks", this::tasks));
            routes.add(Route.exact(prefix + "/roles", this::roles));
            routes.add(Route.exact(prefix + "/state-summary", this::summary));
        }
        return routes;
    }

    private void state(HttpServerRequest request, Buffer body) {
        serve(request, "state", view -> new V0State(view).state());
    }

    private void frameworks(HttpServerRequest request, Buffer body) {
        String id = request.getParam("framework_id");
        serve(request, "frameworks?" + id, view -> new V0State(view).frameworks(id));
    }

    private void slaves(HttpServerRequest request, Buffer body) {
        String id = request.getParam("slave_id");
        serve(request, "slaves?" + id, view -> new V0State(view).slaves(id));
    }

    private void summary(HttpServerRequest request, Buffer body) {
        serve(request, "state-summary", view -> new V0Summary(view).summary());
    }

    private void roles(HttpServerRequest request, Buffer body) {
        serve(request, "roles", view -> io.osmos.http.codec.DirectSerializer.jsonObject(new RoleResponses(view)::writeV0));
    }

    private void tasks(HttpServerRequest request, Buffer body) {
        V0State.TaskQuery query;
        try {
            query = new V0State.TaskQuery(request.getParam("framework_id"), request.getParam("task_id"),
                    number(request, "limit", DEFAULT_TASK_LIMIT), number(request, "offset", 0),
                    !"asc".equals(request.getParam("order")));
        } catch (IllegalArgumentException e) {
            Replies.badRequest(request, e.getMessage());
            return;
        }
        serve(request, "tasks?" + query, view -> new V0State(view).tasks(query));
    }

    private static int number(HttpServerRequest request, String name, int otherwise) {
        String text = request.getParam(name);
        if (text == null) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Failed to parse query parameter '" + name + "': '" + text
                    + "' is not a non-negative integer");
        }
    }

    private void serve(HttpServerRequest request, String key, Function<StateBodies, byte[]> compute) {
        if (!Replies.requireMethod(request, HttpMethod.GET)) {
            return;
        }
        if (!master.recovered()) {
            Replies.error(request, 503, MasterRecovery.NOT_RECOVERED);
            return;
        }
        String jsonp = request.getParam("jsonp");
        if (jsonp != null && !jsonp.matches("[A-Za-z_$][A-Za-z0-9_$.]{0,127}")) {
            // The callback goes into a script verbatim: only a plain JavaScript name is taken.
            Replies.badRequest(request, "Invalid 'jsonp' callback name");
            return;
        }
        master.reads().read("v0/" + key, compute).whenComplete((json, error) -> {
            if (error != null) {
                Replies.error(request, 503, "The master cannot answer right now: " + error.getMessage());
            } else if (jsonp != null) {
                request.response().putHeader("Content-Type", "text/javascript")
                        .end(Buffer.buffer(jsonp.getBytes(StandardCharsets.UTF_8)).appendString("(")
                                .appendBytes(json).appendString(");"));
            } else {
                request.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(json));
            }
        });
    }
}
