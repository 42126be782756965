package io.osmos.api.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.osmos.proto.internal.AgentMaintenance;
import io.osmos.proto.internal.RegisteredAgent;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;
import io.osmos.proto.internal.UnreachableAgent;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.WeightInfo;
import io.osmos.proto.v1.quota.QuotaConfig;

/**
 * The registry as maps keyed by agent id, role and framework id, changed one
 * {@link RegistryOperation} at a time in constant time, and written out as a {@link RegistryState}.
 * Every implementation of {@link Registry} applies operations with this class, so they agree on
 * what an operation means. Not thread-safe.
 */
public final class RegistryModel {

    private final Map<String, RegisteredAgent> agents = new LinkedHashMap<>();
    private final Map<String, WeightInfo> weights = new TreeMap<>();
    private final Map<String, QuotaConfig> quotas = new TreeMap<>();
    private final Map<String, AgentMaintenance> maintenance = new LinkedHashMap<>();
    private final Map<String, UnreachableAgent> unreachable = new LinkedHashMap<>();
    private final Map<String, FrameworkInfo> frameworks = new LinkedHashMap<>();

    /** An empty registry. */
    public RegistryModel() {
    }

    /** The registry holding {@code state}. */
    public static RegistryModel of(RegistryState state) {
        RegistryModel model = new RegistryModel();
        state.getAgentsList().forEach(a -> model.agents.put(a.getInfo().getId().getValue(), a));
        state.getWeightsList().forEach(w -> model.weights.put(w.getRole(), w));
        state.getQuotaConfigsList().forEach(q -> model.quotas.put(q.getRole(), q));
        state.getMaintenanceList().forEach(m -> model.maintenance.put(m.getAgentId(), m));
        state.getUnreachableList().forEach(u -> model.unreachable.put(u.getId().getValue(), u));
        state.getFrameworksList().forEach(f -> model.frameworks.put(f.getId().getValue(), f));
        return model;
    }

    /** {@code operation} applied to {@code state}. */
    public static RegistryState apply(RegistryState state, RegistryOperation operation) {
        return of(state).apply(operation).state();
    }

    /**
     * Applies one change. Each operation only sets values, so applying it twice is the same as once.
     *
     * @throws IllegalArgumentException when the operation is empty
     */
    public RegistryModel apply(RegistryOperation operation) {
        switch (operation.getOperationCase()) {
            case ADMIT_AGENT -> {
                String id = operation.getAdmitAgent().getInfo().getId().getValue();
                agents.put(id, operation.getAdmitAgent());
                unreachable.remove(id);
            }
            case MARK_UNREACHABLE -> {
                String id = operation.getMarkUnreachable().getId().getValue();
                agents.remove(id);
                unreachable.put(id, operation.getMarkUnreachable());
            }
            case REMOVE_AGENT -> {
                String id = operation.getRemoveAgent().getValue();
                agents.remove(id);
                unreachable.remove(id);
                maintenance.remove(id);
            }
            case UPDATE_WEIGHTS -> operation.getUpdateWeights().getWeightsList()
                    .forEach(w -> weights.put(w.getRole(), w));
            case UPDATE_QUOTA -> operation.getUpdateQuota().getQuotaConfigsList().forEach(q -> {
                if (q.getGuaranteesCount() == 0 && q.getLimitsCount() == 0) {
                    quotas.remove(q.getRole());
                } else {
                    quotas.put(q.getRole(), q);
                }
            });
            case SET_MAINTENANCE -> setMaintenance(operation.getSetMaintenance());
            case ADD_FRAMEWORK -> frameworks.put(operation.getAddFramework().getId().getValue(),
                    operation.getAddFramework());
            case REMOVE_FRAMEWORK -> frameworks.remove(operation.getRemoveFramework().getValue());
            default -> throw new IllegalArgumentException("Empty registry operation");
        }
        return this;
    }

    private void setMaintenance(AgentMaintenance state) {
        String id = state.getAgentId();
        if (state.getGone()) {
            agents.remove(id);
            unreachable.remove(id);
            maintenance.put(id, AgentMaintenance.newBuilder().setAgentId(id).setGone(true).build());
        } else if (!state.getDeactivated() && !state.hasDrainInfo()) {
            maintenance.remove(id);
        } else {
            maintenance.put(id, state);
        }
    }

    /** The whole registry. */
    public RegistryState state() {
        return RegistryState.newBuilder().addAllAgents(agents.values()).addAllWeights(weights.values())
                .addAllQuotaConfigs(quotas.values()).addAllMaintenance(maintenance.values())
                .addAllUnreachable(unreachable.values()).addAllFrameworks(frameworks.values()).build();
    }
}
