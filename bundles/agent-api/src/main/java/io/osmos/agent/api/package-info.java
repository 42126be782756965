/** What the agent offers to other bundles: its executor endpoint, for executor transports to serve. */
@Export
@Version("1.0.0")
package io.osmos.agent.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
