package org.gridcase.registry;

/**
 * The Camunda group ids derived from the registry: one group per area, per department and per role.
 * Processes use them as candidate groups; the identity feature keeps memberships in step with the registry.
 */
public final class GroupIds {

    public static final String ADMINS = "camunda-admin";

    private GroupIds() {
    }

    public static String area(String areaCode) {
        return "area-" + areaCode;
    }

    public static String department(String departmentCode) {
        return "dept-" + departmentCode;
    }

    public static String role(Role role) {
        return switch (role) {
            case GRID_WORKER -> "grid-workers";
            case GRID_LEADER -> "grid-leaders";
            case DISPATCHER -> "dispatchers";
            case DEPARTMENT_STAFF -> "department-staff";
            case MEDIATOR -> "mediators";
            case ENFORCEMENT_OFFICER -> "enforcement-officers";
            case LEADER -> "leaders";
            case PROCESS_OWNER -> "process-owners";
            case ADMIN -> ADMINS;
        };
    }

    /**
     * The holders of a role in one area, e.g. {@code grid-leaders-SFZ-C01-G01} (the grid leader of a grid) or
     * {@code leaders-SFZ} (the town's leaders): escalation and sign-off go to these.
     */
    public static String roleInArea(Role role, String areaCode) {
        return role(role) + "-" + areaCode;
    }

    /** Roles whose holders also get a group per area: those that escalations and sign-offs are sent to. */
    public static boolean hasAreaGroup(Role role) {
        return role == Role.GRID_LEADER || role == Role.LEADER;
    }

    /** The area code of an {@code area-…} group id, or null when the group is not an area group. */
    public static String areaCodeOf(String groupId) {
        return groupId != null && groupId.startsWith("area-") ? groupId.substring(5) : null;
    }

    /** The department code of a {@code dept-…} group id, or null. */
    public static String departmentCodeOf(String groupId) {
        return groupId != null && groupId.startsWith("dept-") ? groupId.substring(5) : null;
    }
}
