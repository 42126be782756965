package io.osmos.metrics.impl;

/** One metric's value at snapshot time, with its kind (Prometheus needs it, Mesos JSON does not). */
public record MetricSample(String name, Kind kind, double value) {

    public enum Kind { COUNTER, GAUGE }
}
