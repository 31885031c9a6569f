// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** The actions of {@code POST /api/issues/{id}/actions/{action}}: who may take them and what they do. */
public enum WorkflowAction {
    /** 签收 by the actor's own assignment. */
    ACCEPT(Access.ASSIGNED, BodyCommands::accept),
    /** ADMINISTRATIVE district decision: HANDLE or DISPATCH_DOWN. */
    DECIDE(Access.LEAD, BodyCommands::decide),
    /** 退回 with reason. */
    RETURN(Access.LEAD, BodyCommands::returnIssue),
    /** Site made safe (stops the make-safe timer). */
    MAKE_SAFE(Access.LEAD, BodyCommands::makeSafe),
    /** 反馈: fixed, with a note; every assist must be done. */
    RESOLVE(Access.LEAD, BodyCommands::resolve),
    /** 申请延期 with reason and until. */
    REQUEST_EXTENSION(Access.LEAD, BodyCommands::requestExtension),
    /** 申请挂账 with reason and until (review date). */
    REQUEST_PARK(Access.LEAD, BodyCommands::requestPark),
    /** Adds an assisting body. */
    ADD_ASSIST(Access.LEAD_OR_SUPERVISION, BodyCommands::addAssist),
    /** An assist or summoned body marks its part done. */
    COMPLETE_ASSIST(Access.ASSIGNED, BodyCommands::completeAssist),
    /** 吹哨: a street office summons a district department. */
    SUMMON(Access.ASSIGNED, BodyCommands::summon),
    /** A note on the timeline (督查意见 for watchers). */
    NOTE(Access.ASSIGNED_OR_WATCHER, BodyCommands::note),
    /** Approve a pending extension. */
    APPROVE_EXTENSION(Access.WATCHER, SupervisionCommands::approveExtension),
    /** Approve a pending park. */
    APPROVE_PARK(Access.WATCHER, SupervisionCommands::approvePark),
    /** Deny the pending request. */
    DENY_REQUEST(Access.WATCHER, SupervisionCommands::denyRequest),
    /** Back from PARKED. */
    UNPARK(Access.LEAD_OR_WATCHER, SupervisionCommands::unpark),
    /** 核查: pass closes, fail reopens. */
    VERIFY(Access.SUPERVISION, SupervisionCommands::verify),
    /** 结案 with a closure reason. */
    CLOSE(Access.SUPERVISION, SupervisionCommands::close),
    /** 重办: resident dissatisfied within 7 days. */
    REOPEN(Access.SUPERVISION_OR_COMMITTEE, SupervisionCommands::reopen),
    /** 不予立案. */
    REJECT(Access.SUPERVISION, SupervisionCommands::reject),
    /** 合并 into another open issue. */
    MERGE(Access.SUPERVISION, SupervisionCommands::merge),
    /** Re-dispatch a returned issue to a lead (none: district government). */
    REASSIGN(Access.SUPERVISION, SupervisionCommands::reassign),
    /** Lock the lead (责任主体唯一). */
    LOCK_LEAD(Access.WATCHER, SupervisionCommands::lockLead),
    /** 督办 notice (supervision centre) or 督查意见 (party watcher). */
    NOTICE(Access.WATCHER, SupervisionCommands::notice);

    /** Who may take an action; the platform may take every one. */
    enum Access {
        /** The actor's body has an active assignment on the issue. */
        ASSIGNED,
        /** The actor's body is the current lead. */
        LEAD,
        /** The lead or the supervision centre. */
        LEAD_OR_SUPERVISION,
        /** The lead or a watcher. */
        LEAD_OR_WATCHER,
        /** Assigned bodies or watchers. */
        ASSIGNED_OR_WATCHER,
        /** The supervision centre or a party watcher. */
        WATCHER,
        /** The supervision centre only. */
        SUPERVISION,
        /** The supervision centre, or a residents' committee relaying a resident. */
        SUPERVISION_OR_COMMITTEE
    }

    private final Access access;
    private final Consumer<WorkflowCommand> handler;

    WorkflowAction(final Access access, final Consumer<WorkflowCommand> handler) {
        this.access = access;
        this.handler = handler;
    }

    Access access() {
        return access;
    }

    void apply(final WorkflowCommand command) {
        handler.accept(command);
    }

    /** @return the path form, e.g. {@code request-extension} */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param pathName e.g. {@code approve-park}
     * @return the action, or empty if unknown
     */
    public static Optional<WorkflowAction> of(final String pathName) {
        return Arrays.stream(values()).filter(a -> a.pathName().equals(pathName)).findFirst();
    }
}
