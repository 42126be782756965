/**
 * Mesos-style metrics: bundles register counters and gauges under Mesos names
 * ({@code master/tasks_running}, {@code allocator/mesos/allocation_runs}) and the metrics bundle
 * serves them as {@code /metrics/snapshot} JSON and in the Prometheus text format.
 */
@Export
@Version("1.0.0")
package io.osmos.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
