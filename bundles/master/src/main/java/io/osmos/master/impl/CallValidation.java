package io.osmos.master.impl;

import io.osmos.proto.v1.scheduler.Call;

/** Mesos' structural checks of a scheduler call, before any state is looked at; null when valid. */
final class CallValidation {

    private CallValidation() {
    }

    static String validate(Call call) {
        if (!call.hasType()) {
            return "Expecting 'type' to be present";
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            if (!call.hasSubscribe()) {
                return "Expecting 'subscribe' to be present";
            }
            var info = call.getSubscribe().getFrameworkInfo();
            if (call.hasFrameworkId() && !(info.hasId() && info.getId().equals(call.getFrameworkId()))) {
                return "'framework_id' differs from 'subscribe.framework_info.id'";
            }
            return null;
        }
        if (!call.hasFrameworkId()) {
            return "Expecting 'framework_id' to be present";
        }
        return switch (call.getType()) {
            case ACCEPT -> call.hasAccept() ? null : "Expecting 'accept' to be present";
            case DECLINE -> call.hasDecline() ? null : "Expecting 'decline' to be present";
            case KILL -> call.hasKill() ? null : "Expecting 'kill' to be present";
            case SHUTDOWN -> call.hasShutdown() ? null : "Expecting 'shutdown' to be present";
            case ACKNOWLEDGE -> acknowledge(call);
            case RECONCILE -> call.hasReconcile() ? null : "Expecting 'reconcile' to be present";
            case MESSAGE -> call.hasMessage() ? null : "Expecting 'message' to be present";
            case UPDATE_FRAMEWORK -> !call.hasUpdateFramework() ? "Expecting 'update_framework' to be present"
                    : call.getUpdateFramework().getFrameworkInfo().getId().equals(call.getFrameworkId()) ? null
                    : "'framework_id' differs from 'update_framework.framework_info.id'";
            default -> null;
        };
    }

    private static String acknowledge(Call call) {
        if (!call.hasAcknowledge()) {
            return "Expecting 'acknowledge' to be present";
        }
        if (call.getAcknowledge().getUuid().size() != 16) {
            return "Invalid 'uuid': expecting 16 bytes";
        }
        return null;
    }
}
