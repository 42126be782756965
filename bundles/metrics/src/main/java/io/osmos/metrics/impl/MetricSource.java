package io.osmos.metrics.impl;

import java.util.List;

/** The registry as the endpoints read it: a typed snapshot. A service private to this bundle. */
public interface MetricSource {

    /** Every readable metric, in name order. */
    List<MetricSample> samples();
}
