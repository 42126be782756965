package io.osmos.http.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service contributing routes to one or more HTTP servers.
 *
 * <p>Register it with the service property {@value #SERVER} naming the server role
 * (for example {@code master} or {@code agent}); several names may be given as a String array,
 * and {@code *} matches every server. Unregistering the service removes its routes.
 */
@ConsumerType
public interface HttpRoutes {

    /** Service property naming the server(s) the routes belong to. */
    String SERVER = "osmos.http.server";

    /** The routes; read once when the service arrives, so it must not change afterwards. */
    List<Route> routes();
}
