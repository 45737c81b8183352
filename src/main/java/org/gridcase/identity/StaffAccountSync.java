package org.gridcase.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.gridcase.registry.Role;
import org.gridcase.registry.StaffChanged;
import org.gridcase.registry.StaffChanged.Membership;
import org.gridcase.registry.StaffChanged.StaffMember;
import org.gridcase.support.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps Camunda users and group memberships in step with the registry's staff, inside the import's transaction.
 * Groups this class manages: the role groups, {@code area-…} and {@code dept-…}; other memberships are left alone.
 * A new user outside the demo profile gets an unguessable password: an administrator sets the real one in Admin.
 */
@Component
class StaffAccountSync {

    private static final Logger log = LoggerFactory.getLogger(StaffAccountSync.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identityService;
    private final Registry registry;
    private final IdentityProperties properties;

    StaffAccountSync(IdentityService identityService, Registry registry, IdentityProperties properties) {
        this.identityService = identityService;
        this.registry = registry;
        this.properties = properties;
    }

    @EventListener
    void onStaffChanged(StaffChanged event) {
        event.members().forEach(this::sync);
        if (identityService.createUserQuery().memberOfGroup(GroupIds.ADMINS).count() == 0) {
            throw InvalidInputException.of("role", "导入后系统将没有任何系统管理员 (ADMIN)，已拒绝");
        }
    }

    private void sync(StaffMember member) {
        User user = identityService.createUserQuery().userId(member.login()).singleResult();
        boolean created = user == null;
        if (created) {
            user = identityService.newUser(member.login());
            user.setPassword(properties.initialPassword().orElseGet(StaffAccountSync::unguessable));
        }
        // Tasklist and Admin print "first last": a Chinese name is shown whole, family name first
        user.setFirstName(member.name());
        user.setLastName("");
        user.setEmail(member.email());
        identityService.saveUser(user);

        Map<String, String> wanted = new LinkedHashMap<>();
        for (Membership m : member.memberships()) {
            wanted.put(GroupIds.role(m.role()), "ROLE:" + m.role().label());
            if (m.areaCode() != null) {
                wanted.put(GroupIds.area(m.areaCode()), "AREA:" + m.areaCode());
                if (GroupIds.hasAreaGroup(m.role())) {
                    wanted.put(GroupIds.roleInArea(m.role(), m.areaCode()),
                            "ROLE_AREA:" + m.role().name() + ":" + m.areaCode());
                }
            }
            if (m.departmentCode() != null) {
                wanted.put(GroupIds.department(m.departmentCode()), "DEPARTMENT:" + m.departmentCode());
            }
        }
        Set<String> current = identityService.createGroupQuery().groupMember(member.login()).list().stream()
                .map(Group::getId).filter(StaffAccountSync::managed).collect(Collectors.toSet());
        for (String groupId : current) {
            if (!wanted.containsKey(groupId)) {
                identityService.deleteMembership(member.login(), groupId);
            }
        }
        wanted.forEach((groupId, source) -> {
            ensureGroup(groupId, source);
            if (!current.contains(groupId)) {
                identityService.createMembership(member.login(), groupId);
            }
        });
        log.debug("Account {} synced ({}), groups {}", member.login(), created ? "created" : "updated",
                wanted.keySet());
    }

    private void ensureGroup(String groupId, String source) {
        if (identityService.createGroupQuery().groupId(groupId).count() > 0) {
            return;
        }
        String[] parts = source.split(":", 3);
        Group group = identityService.newGroup(groupId);
        group.setType(parts[0]);
        group.setName(switch (parts[0]) {
            case "AREA" -> registry.area(parts[1]).map(a -> a.name()).orElse(parts[1]);
            case "DEPARTMENT" -> registry.department(parts[1]).map(d -> d.name()).orElse(parts[1]);
            case "ROLE_AREA" -> registry.area(parts[2]).map(a -> a.name()).orElse(parts[2])
                    + Role.valueOf(parts[1]).label();
            default -> parts[1];
        });
        identityService.saveGroup(group);
    }

    static boolean managed(String groupId) {
        return groupId.startsWith("area-") || groupId.startsWith("dept-")
                || List.of(Role.values()).stream().map(GroupIds::role)
                        .anyMatch(r -> groupId.equals(r) || groupId.startsWith(r + "-"));
    }

    private static String unguessable() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
