/** Facts about tasks shared by the master, the agent and executors. */
@Export
@Version("1.0.0")
package io.osmos.api.task;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
