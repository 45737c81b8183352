package org.gridcase.request;

import java.util.Set;

import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseKindDefinition;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Role;
import org.springframework.stereotype.Component;

/** 诉求 on the shared spine: its process, prefix and the words shared mechanisms use for it. */
@Component
class RequestKind implements CaseKindDefinition {

    @Override
    public CaseKind kind() {
        return CaseKind.REQUEST;
    }

    @Override
    public String processId() {
        return RequestProcess.PROCESS_ID;
    }

    @Override
    public String prefix() {
        return "SQ";
    }

    @Override
    public String noun() {
        return "诉求";
    }

    @Override
    public String handlingTaskName() {
        return "办理诉求";
    }

    /** The verifier's and handler's notes: on the timeline. */
    @Override
    public Set<String> variablesWithoutHistory() {
        return Set.of(RequestProcess.VERIFY_NOTE, RequestProcess.HANDLING_NOTE);
    }

    /** The hotline's dispatchers call residents back (热线回访). */
    @Override
    public String callbackGroup() {
        return GroupIds.role(Role.DISPATCHER);
    }
}
