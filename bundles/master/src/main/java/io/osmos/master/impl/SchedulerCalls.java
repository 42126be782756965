package io.osmos.master.impl;

import java.util.LinkedHashSet;

import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.scheduler.Call;

/** Carries out every non-SUBSCRIBE scheduler call of a subscribed framework. Loop-confined. */
final class SchedulerCalls {

    private final Cluster cluster;
    private final Subscriptions subscriptions;
    private final TaskUpdates updates;
    private final Launches launches;

    SchedulerCalls(Cluster cluster, Subscriptions subscriptions, TaskUpdates updates) {
        this.cluster = cluster;
        this.subscriptions = subscriptions;
        this.updates = updates;
        this.launches = new Launches(cluster, updates);
    }

    CallResult handle(FrameworkRecord framework, Call call) {
        return switch (call.getType()) {
            case TEARDOWN -> {
                subscriptions.teardown(framework);
                yield CallResult.ACCEPTED;
            }
            case ACCEPT -> {
                launches.accept(framework, call.getAccept());
                yield CallResult.ACCEPTED;
            }
            case DECLINE -> {
                launches.decline(framework, call.getDecline().getOfferIdsList(),
                        call.getDecline().hasFilters() ? call.getDecline().getFilters() : null);
                yield CallResult.ACCEPTED;
            }
            case REVIVE -> {
                framework.suppressedRoles.removeAll(call.getRevive().getRolesCount() == 0 ? framework.roles()
                        : call.getRevive().getRolesList());
                cluster.allocator().get().reviveOffers(framework.id, new LinkedHashSet<>(call.getRevive().getRolesList()));
                yield CallResult.ACCEPTED;
            }
            case SUPPRESS -> {
                framework.suppressedRoles.addAll(call.getSuppress().getRolesCount() == 0 ? framework.roles()
                        : call.getSuppress().getRolesList());
                cluster.allocator().get().suppressOffers(framework.id,
                        new LinkedHashSet<>(call.getSuppress().getRolesList()));
                yield CallResult.ACCEPTED;
            }
            case KILL -> updates.kill(framework, call.getKill());
            case SHUTDOWN -> shutdown(framework, call.getShutdown());
            case ACKNOWLEDGE -> updates.acknowledge(framework, call.getAcknowledge());
            case RECONCILE -> {
                updates.reconcile(framework, call.getReconcile().getTasksList());
                yield CallResult.ACCEPTED;
            }
            case MESSAGE -> message(framework, call.getMessage());
            case UPDATE_FRAMEWORK -> subscriptions.update(framework, call.getUpdateFramework().getFrameworkInfo(),
                    call.getUpdateFramework().getSuppressedRolesList());
            case REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS, ACKNOWLEDGE_OPERATION_STATUS,
                    RECONCILE_OPERATIONS -> CallResult.ACCEPTED;
            default -> new CallResult(501, "Unsupported call type " + call.getType());
        };
    }

    private CallResult shutdown(FrameworkRecord framework, Call.Shutdown shutdown) {
        cluster.sendToAgent(shutdown.getAgentId().getValue(), AgentEvent.newBuilder()
                .setType(AgentEvent.Type.SHUTDOWN_EXECUTOR).setShutdownExecutor(AgentEvent.ShutdownExecutor.newBuilder()
                        .setFrameworkId(framework.id).setExecutorId(shutdown.getExecutorId()))
                .build());
        return CallResult.ACCEPTED;
    }

    private CallResult message(FrameworkRecord framework, Call.Message message) {
        cluster.sendToAgent(message.getAgentId().getValue(), AgentEvent.newBuilder()
                .setType(AgentEvent.Type.FRAMEWORK_MESSAGE).setFrameworkMessage(AgentEvent.FrameworkMessage.newBuilder()
                        .setFrameworkId(framework.id).setExecutorId(message.getExecutorId()).setData(message.getData()))
                .build());
        return CallResult.ACCEPTED;
    }
}
