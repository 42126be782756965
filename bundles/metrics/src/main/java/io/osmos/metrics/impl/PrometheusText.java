package io.osmos.metrics.impl;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.exporter.common.TextFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of {@code /metrics}: Prometheus text exposition format 0.0.4, written by the Prometheus
 * client library. A Mesos name becomes a Prometheus name by the library's sanitizer
 * ({@code master/tasks_running} → {@code master_tasks_running}); counters get the {@code _total}
 * suffix Prometheus expects, and the help line keeps the Mesos name.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE_004;

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusText.class);

    private PrometheusText() {
    }

    static String sanitize(String mesosName) {
        return Collector.sanitizeMetricName(mesosName);
    }

    static String write(List<MetricSample> samples) {
        StringWriter out = new StringWriter(64 + 160 * samples.size());
        try {
            TextFormat.write004(out, Collections.enumeration(families(samples)));
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
        return out.toString();
    }

    private static List<MetricFamilySamples> families(List<MetricSample> samples) {
        List<MetricFamilySamples> families = new ArrayList<>(samples.size());
        Set<String> taken = new HashSet<>();
        for (MetricSample sample : samples) {
            String name = sanitize(sample.name());
            if (!taken.add(name)) {
                // Two Mesos names may sanitize alike (a/b, a_b); a repeated family would make the whole page invalid.
                LOG.debug("Metric {} left out of /metrics: its name {} is already used", sample.name(), name);
                continue;
            }
            families.add(family(name, sample));
        }
        return families;
    }

    private static MetricFamilySamples family(String name, MetricSample sample) {
        boolean counter = sample.kind() == MetricSample.Kind.COUNTER;
        String sampleName = counter ? name + "_total" : name;
        MetricFamilySamples.Sample value = new MetricFamilySamples.Sample(sampleName, List.of(), List.of(),
                sample.value());
        return new MetricFamilySamples(name, counter ? Collector.Type.COUNTER : Collector.Type.GAUGE,
                "Mesos metric " + sample.name(), List.of(value));
    }
}
