package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.allocator.Quota;
import io.osmos.api.resources.Resources;
import io.osmos.api.resources.Roles;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * Quota accounting for one allocation cycle, in the Mesos 1.10 model. A quota role consumes its
 * subtree's reservations (allocated or not) plus the unreserved resources offered to or used by
 * its subtree. Guarantees not yet consumed are required headroom: unallocated unreserved resources
 * held back from everyone else. Limits cap consumption. Only non-revocable scalars are subject to
 * quota; all quantities are in thousandths.
 */
final class QuotaBook {

    private final Map<String, Quota> quotas;
    /** Quota role → resource name → consumed. */
    private final Map<String, Map<String, Long>> consumed = new HashMap<>();
    /** Unallocated unreserved non-revocable scalars in the cluster, by name. */
    private final Map<String, Long> headroom = new HashMap<>();

    QuotaBook(Map<String, Quota> quotas, Collection<AgentState> agents) {
        this.quotas = Map.copyOf(quotas);
        quotas.keySet().forEach(role -> consumed.put(role, new HashMap<>()));
        for (AgentState agent : agents) {
            for (Resource resource : agent.total().reserved()) {
                if (countsForQuota(resource)) {
                    String owner = Resources.reservationRole(resource);
                    consumed.forEach((role, used) -> {
                        if (Roles.isAncestorOrSelf(role, owner)) {
                            used.merge(resource.getName(), millis(resource), Long::sum);
                        }
                    });
                }
            }
            agent.allocations().values().forEach(held -> charge(held));
            for (Resource resource : agent.available().unreserved()) {
                if (subjectToQuota(resource)) {
                    headroom.merge(resource.getName(), millis(resource), Long::sum);
                }
            }
        }
    }

    boolean hasGuarantees() {
        return quotas.values().stream().anyMatch(quota -> !quota.guarantees().isEmpty());
    }

    /** Whether a guarantee governing the role (its own or an ancestor's) is not yet consumed. */
    boolean unsatisfied(String role) {
        for (String governing : Roles.selfAndAncestors(role)) {
            Quota quota = quotas.get(governing);
            if (quota != null) {
                for (String name : quota.guarantees().keySet()) {
                    if (lack(governing, name) > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The part of {@code candidate} that may go to {@code role}: unreserved quota resources are cut
     * to the limits of the role and its ancestors, and to what leaves the required headroom (the
     * role's own unmet guarantee is its to take). In stage 1 guaranteed resources are cut to the
     * unmet guarantee, revocable ones wait for stage 2, and nothing is given unless it serves the
     * guarantee or is reserved for the role.
     */
    Resources fit(String role, Resources candidate, boolean stage1) {
        if (quotas.isEmpty()) {
            return candidate;
        }
        Resources quotaPart = candidate.filter(QuotaBook::subjectToQuota);
        Resources rest = candidate.filter(r -> !subjectToQuota(r) && !(stage1 && r.hasRevocable()));
        List<Resource> kept = new ArrayList<>();
        boolean servesGuarantee = false;
        for (Map.Entry<String, Double> entry : quotaPart.scalars().entrySet()) {
            String name = entry.getKey();
            long need = need(role, name);
            long allowed = Math.min(limitRoom(role, name), Math.max(0, surplus(name)) + need);
            if (stage1 && guaranteed(role, name)) {
                allowed = Math.min(allowed, need);
            }
            long take = Math.min(Allocation.toMillis(entry.getValue()), allowed);
            if (take > 0) {
                kept.addAll(cut(quotaPart.names(Set.of(name)), take));
                servesGuarantee |= need > 0;
            }
        }
        if (stage1 && !servesGuarantee && rest.reserved().isEmpty()) {
            return Resources.EMPTY;
        }
        return rest.plus(Resources.of(kept));
    }

    /** Books what was just offered to {@code role}. */
    void record(String role, Resources offered) {
        for (Resource resource : offered) {
            if (subjectToQuota(resource)) {
                headroom.merge(resource.getName(), -millis(resource), Long::sum);
            }
        }
        charge(offered);
    }

    /** Unmet guarantee of the role for a resource: the largest among the role and its ancestors. */
    long need(String role, String name) {
        long need = 0;
        for (String governing : Roles.selfAndAncestors(role)) {
            need = Math.max(need, lack(governing, name));
        }
        return need;
    }

    /** How much more the role may consume before it or an ancestor reaches its limit. */
    long limitRoom(String role, String name) {
        long room = Long.MAX_VALUE;
        for (String governing : Roles.selfAndAncestors(role)) {
            Quota quota = quotas.get(governing);
            Double limit = quota == null ? null : quota.limits().get(name);
            if (limit != null) {
                room = Math.min(room, Math.max(0, Allocation.toMillis(limit) - consumed(governing, name)));
            }
        }
        return room;
    }

    /** Unallocated resources beyond all unmet guarantees; negative when guarantees cannot all be met. */
    long surplus(String name) {
        long required = 0;
        for (String role : quotas.keySet()) {
            required += lack(role, name);
        }
        return headroom.getOrDefault(name, 0L) - required;
    }

    long consumed(String role, String name) {
        return consumed.getOrDefault(role, Map.of()).getOrDefault(name, 0L);
    }

    private boolean guaranteed(String role, String name) {
        return Roles.selfAndAncestors(role).stream()
                .anyMatch(governing -> quotas.containsKey(governing)
                        && quotas.get(governing).guarantees().containsKey(name));
    }

    private long lack(String role, String name) {
        Quota quota = quotas.get(role);
        Double guarantee = quota == null ? null : quota.guarantees().get(name);
        return guarantee == null ? 0 : Math.max(0, Allocation.toMillis(guarantee) - consumed(role, name));
    }

    /** Charges allocations; reservations of a quota role's subtree were charged already, allocated or not. */
    private void charge(Resources allocated) {
        for (Resource resource : allocated) {
            if (!countsForQuota(resource)) {
                continue;
            }
            String user = resource.getAllocationInfo().getRole();
            boolean reserved = resource.getReservationsCount() > 0;
            String owner = Resources.reservationRole(resource);
            consumed.forEach((role, used) -> {
                if (Roles.isAncestorOrSelf(role, user) && (!reserved || !Roles.isAncestorOrSelf(role, owner))) {
                    used.merge(resource.getName(), millis(resource), Long::sum);
                }
            });
        }
    }

    private static boolean countsForQuota(Resource resource) {
        return resource.getType() == Value.Type.SCALAR && !resource.hasRevocable();
    }

    static boolean subjectToQuota(Resource resource) {
        return countsForQuota(resource) && resource.getReservationsCount() == 0;
    }

    private static long millis(Resource resource) {
        return Allocation.toMillis(resource.getScalar().getValue());
    }

    /** The first {@code take} thousandths of these same-named scalars. */
    private static List<Resource> cut(Resources same, long take) {
        List<Resource> pieces = new ArrayList<>();
        long left = take;
        for (Resource resource : same) {
            if (left <= 0) {
                break;
            }
            long piece = Math.min(left, millis(resource));
            pieces.add(resource.toBuilder().setScalar(Value.Scalar.newBuilder()
                    .setValue(Allocation.fromMillis(piece))).build());
            left -= piece;
        }
        return pieces;
    }
}
