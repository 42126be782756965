/**
 * The master core as its HTTP front ends see it. The core ({@code io.osmos.master}) holds the state
 * (frameworks, agents, offers, tasks, the registry link) and registers {@link SchedulerService} and
 * {@link OperatorService}; the v1 Scheduler API ({@code io.osmos.master.scheduler}) and the v1 Operator
 * API ({@code io.osmos.master.operator}) bundles own the wire: routes, parsing, content negotiation,
 * headers and the answers' status codes. Either front end can be updated while the master runs: event
 * streams already open belong to the core and stay open.
 */
@Export
@Version("1.0.0")
package io.osmos.master.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
