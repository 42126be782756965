package io.osmos.master.impl;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.osmos.api.allocator.Allocator;
import io.osmos.api.allocator.Quota;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.WeightInfo;
import io.osmos.proto.v1.quota.QuotaConfig;

/**
 * The operator's weights and quotas by role (UPDATE_WEIGHTS, UPDATE_QUOTA), validated with Mesos'
 * rules and handed to the allocator, and to every allocator bound later. Loop-confined.
 */
final class RolePolicies {

    private final Map<String, Double> weights = new TreeMap<>();
    private final Map<String, QuotaConfig> quotas = new TreeMap<>();

    Map<String, Double> weights() {
        return Collections.unmodifiableMap(weights);
    }

    Map<String, QuotaConfig> quotas() {
        return Collections.unmodifiableMap(quotas);
    }

    double weight(String role) {
        return weights.getOrDefault(role, 1.0);
    }

    /** @return null when applied, else why the call is invalid (400) */
    String updateWeights(List<WeightInfo> infos, Allocator allocator) {
        Map<String, Double> update = new HashMap<>();
        for (WeightInfo info : infos) {
            String invalid = info.hasRole() ? Roles.invalid(info.getRole()) : "Role is missing";
            if (invalid != null) {
                return "Failed to validate weights: " + invalid;
            }
            if (!(info.getWeight() > 0) || Double.isInfinite(info.getWeight())) {
                return "Failed to validate weights: Invalid weight '" + info.getWeight() + "' for role '"
                        + info.getRole() + "': weights must be positive";
            }
            update.put(info.getRole(), info.getWeight());
        }
        weights.putAll(update);
        allocator.updateWeights(update);
        return null;
    }

    /**
     * UPDATE_QUOTA: every config is validated before any is applied. Without {@code force}, the
     * guarantees of all roles together may not exceed what the cluster has.
     *
     * @return null when applied, else why the call is invalid (400)
     */
    String updateQuota(List<QuotaConfig> configs, boolean force, Resources clusterTotal, Allocator allocator) {
        Map<String, QuotaConfig> updated = new TreeMap<>(quotas);
        for (QuotaConfig config : configs) {
            String problem = validate(config);
            if (problem != null) {
                return "Invalid QuotaConfig: " + problem;
            }
            updated.put(config.getRole(), config);
        }
        if (!force) {
            String problem = exceedsCluster(updated, clusterTotal);
            if (problem != null) {
                return problem;
            }
        }
        for (QuotaConfig config : configs) {
            boolean none = config.getGuaranteesCount() == 0 && config.getLimitsCount() == 0;
            if (none) {
                quotas.remove(config.getRole());
            } else {
                quotas.put(config.getRole(), config);
            }
            allocator.updateQuota(config.getRole(), none ? Quota.NONE : quota(config));
        }
        return null;
    }

    /** What the registry held when the master recovered (already validated when it was set). */
    void restore(List<WeightInfo> restoredWeights, List<QuotaConfig> restoredQuotas) {
        restoredWeights.forEach(info -> weights.put(info.getRole(), info.getWeight()));
        restoredQuotas.forEach(config -> quotas.put(config.getRole(), config));
    }

    /** Feeds a newly bound allocator what the operator set. */
    void feed(Allocator allocator) {
        if (!weights.isEmpty()) {
            allocator.updateWeights(Map.copyOf(weights));
        }
        quotas.forEach((role, config) -> allocator.updateQuota(role, quota(config)));
    }

    static Quota quota(QuotaConfig config) {
        Map<String, Double> guarantees = new HashMap<>();
        config.getGuaranteesMap().forEach((name, value) -> guarantees.put(name, value.getValue()));
        Map<String, Double> limits = new HashMap<>();
        config.getLimitsMap().forEach((name, value) -> limits.put(name, value.getValue()));
        return new Quota(guarantees, limits);
    }

    private static String validate(QuotaConfig config) {
        String invalid = Roles.invalid(config.getRole());
        if (invalid != null) {
            return invalid;
        }
        if (config.getRole().contains("/")) {
            return "Quota on nested role '" + config.getRole() + "' is not supported";
        }
        for (Map.Entry<String, Value.Scalar> guarantee : config.getGuaranteesMap().entrySet()) {
            double value = guarantee.getValue().getValue();
            if (!(value >= 0) || Double.isInfinite(value)) {
                return "Negative or infinite guarantee for '" + guarantee.getKey() + "'";
            }
            Value.Scalar limit = config.getLimitsMap().get(guarantee.getKey());
            if (limit != null && limit.getValue() < value) {
                return "Role '" + config.getRole() + "' has a guarantee of " + value + " " + guarantee.getKey()
                        + " above its limit of " + limit.getValue();
            }
        }
        for (Map.Entry<String, Value.Scalar> limit : config.getLimitsMap().entrySet()) {
            if (!(limit.getValue().getValue() >= 0)) {
                return "Negative limit for '" + limit.getKey() + "'";
            }
        }
        return null;
    }

    private static String exceedsCluster(Map<String, QuotaConfig> all, Resources total) {
        Map<String, Double> guaranteed = new TreeMap<>();
        all.values().forEach(config -> config.getGuaranteesMap()
                .forEach((name, value) -> guaranteed.merge(name, value.getValue(), Double::sum)));
        Map<String, Double> available = new HashMap<>();
        for (Resource resource : total) {
            if (resource.getType() == Value.Type.SCALAR) {
                available.merge(resource.getName(), resource.getScalar().getValue(), Double::sum);
            }
        }
        for (Map.Entry<String, Double> sum : guaranteed.entrySet()) {
            double has = available.getOrDefault(sum.getKey(), 0.0);
            if (sum.getValue() > has + 1e-9) {
                return "Invalid QuotaConfig: total quota guarantees '" + sum.getKey() + ":" + sum.getValue()
                        + "' exceed cluster capacity '" + sum.getKey() + ":" + has
                        + "' (use 'force' to overcommit)";
            }
        }
        return null;
    }
}
