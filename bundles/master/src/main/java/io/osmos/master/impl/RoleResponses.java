package io.osmos.master.impl;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonGenerator;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.Role;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.WeightInfo;
import io.osmos.proto.v1.master.Response;
import io.osmos.proto.v1.quota.QuotaConfig;
import io.osmos.proto.v1.quota.QuotaInfo;
import io.osmos.proto.v1.quota.QuotaStatus;

/** GET_ROLES, GET_WEIGHTS, GET_QUOTA and v0 {@code /roles}, from one read batch's view. */
final class RoleResponses {

    private final StateBodies view;
    private final RolePolicies policies;

    RoleResponses(StateBodies view) {
        this.view = view;
        this.policies = view.master().cluster().roles();
    }

    /** Roles with a framework, an allocation, an offer, a weight or a quota, in name order. */
    private Set<String> roles() {
        Set<String> roles = new TreeSet<>(view.index().activeRoles());
        roles.addAll(policies.weights().keySet());
        roles.addAll(policies.quotas().keySet());
        return roles;
    }

    Response getRoles() {
        Response.GetRoles.Builder roles = Response.GetRoles.newBuilder();
        for (String name : roles()) {
            Role.Builder role = Role.newBuilder().setName(name).setWeight(policies.weight(name))
                    .addAllResources(view.index().allocatedToRole(name).plus(view.index().offeredToRole(name)).toList());
            view.index().frameworksOfRole(name).forEach(id -> role.addFrameworks(FrameworkID.newBuilder().setValue(id)));
            roles.addRoles(role);
        }
        return Response.newBuilder().setType(Response.Type.GET_ROLES).setGetRoles(roles).build();
    }

    Response getWeights() {
        Response.GetWeights.Builder weights = Response.GetWeights.newBuilder();
        policies.weights().forEach((role, weight) -> weights.addWeightInfos(WeightInfo.newBuilder().setRole(role)
                .setWeight(weight)));
        return Response.newBuilder().setType(Response.Type.GET_WEIGHTS).setGetWeights(weights).build();
    }

    /** Mesos 1.10 fills both the configs and, for old clients, the guarantees as QuotaInfo. */
    Response getQuota() {
        QuotaStatus.Builder status = QuotaStatus.newBuilder();
        for (QuotaConfig config : policies.quotas().values()) {
            status.addConfigs(config);
            QuotaInfo.Builder info = QuotaInfo.newBuilder().setRole(config.getRole());
            config.getGuaranteesMap().forEach((name, value) -> info.addGuarantee(io.osmos.proto.v1.Resource.newBuilder()
                    .setName(name).setType(Value.Type.SCALAR).setScalar(value)));
            status.addInfos(info);
        }
        return Response.newBuilder().setType(Response.Type.GET_QUOTA)
                .setGetQuota(Response.GetQuota.newBuilder().setStatus(status)).build();
    }

    /** v0 {@code /roles}. */
    void writeV0(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("roles");
        for (String name : roles()) {
            Resources allocated = view.index().allocatedToRole(name);
            Resources offered = view.index().offeredToRole(name);
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeNumberField("weight", policies.weight(name));
            V0Json.resources(g, "resources", allocated.plus(offered));
            V0Json.resources(g, "allocated", allocated);
            V0Json.resources(g, "offered", offered);
            g.writeObjectFieldStart("reserved");
            g.writeEndObject();
            QuotaConfig quota = policies.quotas().get(name);
            g.writeObjectFieldStart("quota");
            g.writeStringField("role", name);
            scalars(g, "guarantee", quota == null ? Map.of() : quota.getGuaranteesMap());
            scalars(g, "limit", quota == null ? Map.of() : quota.getLimitsMap());
            V0Json.resources(g, "consumed", allocated);
            g.writeEndObject();
            g.writeArrayFieldStart("frameworks");
            for (String id : view.index().frameworksOfRole(name)) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void scalars(JsonGenerator g, String field, Map<String, Value.Scalar> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Value.Scalar> value : new java.util.TreeMap<>(values).entrySet()) {
            V0Json.number(g, value.getKey(), value.getValue().getValue());
        }
        g.writeEndObject();
    }
}
