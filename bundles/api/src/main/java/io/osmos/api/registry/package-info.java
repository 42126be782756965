/**
 * The master's registry: the durable part of the master's state (admitted agents, the operator's
 * weights, quotas and agent maintenance, unreachable agents, known frameworks), kept by a
 * {@link io.osmos.api.registry.Registry} service so that a restarted master recovers it.
 * The values are the {@code osmos.internal} protobuf messages {@code RegistryState} (the whole
 * registry) and {@code RegistryOperation} (one change); {@link io.osmos.api.registry.RegistryModel}
 * applies an operation to a state, the same way for every implementation.
 */
@Export
@Version("1.0.0")
package io.osmos.api.registry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
