/**
 * The HTTP whiteboard: bundles contribute {@link io.osmos.http.api.HttpRoutes} services naming the
 * server (role) they belong to, and the server adds or removes their routes while it keeps running.
 */
@Export
@Version("1.1.0")
package io.osmos.http.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
