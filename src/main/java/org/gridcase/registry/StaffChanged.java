package org.gridcase.registry;

import java.util.List;

/**
 * Published inside the transaction that imported people: the identity feature brings Camunda users and
 * memberships in step before it commits, so the registry and the identity service never disagree.
 */
public record StaffChanged(List<StaffMember> members) {

    public record StaffMember(String login, String name, String phone, String email, List<Membership> memberships) {
    }

    public record Membership(Role role, String areaCode, String departmentCode) {
    }
}
