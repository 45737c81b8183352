package org.gridcase.casefile;

import java.util.EnumSet;
import java.util.Set;

import org.gridcase.registry.Role;

/**
 * What staff may do to a case through {@code /api/cases}, and the roles that may do it. {@link CaseAccess} also
 * checks that the case lies in the area or department of a role that may. A new command adds a constant here and
 * calls {@link CaseAccess#require}; nothing else decides who may.
 */
public enum CaseCommand {
    /** Read the case (GET one, GET list): every role, within its own area or department. */
    READ("查看", EnumSet.allOf(Role.class)),
    /** 撤回: the reporter withdraws through the staff who took the request. */
    WITHDRAW("撤回", EnumSet.of(Role.GRID_WORKER, Role.DISPATCHER, Role.ADMIN)),
    /** 一键督办: leaders of the case's community or town, the town's dispatchers. */
    SUPERVISE("督办", EnumSet.of(Role.LEADER, Role.DISPATCHER, Role.ADMIN)),
    /** 改派: the dispatchers correct a wrong route. */
    REDISPATCH("改派", EnumSet.of(Role.DISPATCHER, Role.ADMIN)),
    /**
     * 按电话查询: find a caller's cases by the phone he reported with (GET /api/cases?phone=…), every search recorded.
     * The hotline's dispatchers, who take a resident's second call about the same matter, and administrators. No role
     * that sees reporters' phones masked may (its searches would unmask them one guess at a time), nor the grid staff
     * and leaders who see them unmasked on their own cases: they reach a case through its task or its tracking number,
     * not through a person.
     */
    SEARCH_BY_PHONE("按电话查询", EnumSet.of(Role.DISPATCHER, Role.ADMIN)),
    /**
     * 上传附件 (photos, documents): every role that works on cases, within its own area or department; not process
     * owners, who read cases to improve the process but take no part in one.
     */
    ATTACH("上传附件", EnumSet.complementOf(EnumSet.of(Role.PROCESS_OWNER)));

    private final String label;
    private final Set<Role> roles;

    CaseCommand(String label, Set<Role> roles) {
        this.label = label;
        this.roles = roles;
    }

    public String label() {
        return label;
    }

    public Set<Role> roles() {
        return roles;
    }
}
