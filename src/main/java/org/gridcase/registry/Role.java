package org.gridcase.registry;

/** What a person does; each role is tied to an area or a department. */
public enum Role {
    GRID_WORKER("网格员", Scope.AREA),
    GRID_LEADER("网格长", Scope.AREA),
    DISPATCHER("调度员", Scope.AREA),
    DEPARTMENT_STAFF("部门承办人", Scope.DEPARTMENT),
    MEDIATOR("调解员", Scope.AREA),
    ENFORCEMENT_OFFICER("执法队员", Scope.DEPARTMENT),
    LEADER("领导", Scope.AREA),
    PROCESS_OWNER("流程管理员", Scope.ANY),
    ADMIN("系统管理员", Scope.ANY);

    /** What a role must be tied to. */
    public enum Scope { AREA, DEPARTMENT, ANY }

    private final String label;
    private final Scope scope;

    Role(String label, Scope scope) {
        this.label = label;
        this.scope = scope;
    }

    public String label() {
        return label;
    }

    public Scope scope() {
        return scope;
    }
}
