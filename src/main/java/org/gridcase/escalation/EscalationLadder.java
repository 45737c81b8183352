package org.gridcase.escalation;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.gridcase.casefile.CaseFile;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.gridcase.registry.Role;
import org.springframework.stereotype.Component;

/**
 * The escalation ladder of a case, from the registry: the grid leader of its grid, its community, its town
 * (网格 → 社区 → 镇); and the leaders who sign off (the town's leaders, 包保领导).
 */
@Component
public class EscalationLadder {

    /** One rung: the group that gets the push task, and what staff call the level. */
    public record Rung(String group, String name) {
    }

    private final Registry registry;
    private final IdentityService identityService;

    EscalationLadder(Registry registry, IdentityService identityService) {
        this.registry = registry;
        this.identityService = identityService;
    }

    public List<Rung> rungs(CaseFile file) {
        List<Rung> rungs = new ArrayList<>();
        for (Registry.AreaRef area : areas(file)) {
            if (area.level() == AreaLevel.GRID) {
                rungs.add(new Rung(GroupIds.roleInArea(Role.GRID_LEADER, area.code()), area.name() + "网格长"));
            } else if (area.level() == AreaLevel.COMMUNITY || area.level() == AreaLevel.TOWN) {
                rungs.add(new Rung(GroupIds.area(area.code()), area.name()));
            }
        }
        if (rungs.isEmpty()) {
            rungs.add(new Rung(GroupIds.role(Role.DISPATCHER), "指挥中心"));
        }
        return rungs;
    }

    /** The rung for an escalation level (1 = first); levels beyond the ladder stay on its top rung. */
    public Rung rung(CaseFile file, int level) {
        List<Rung> rungs = rungs(file);
        return rungs.get(Math.min(Math.max(level, 1), rungs.size()) - 1);
    }

    /** The leaders who sign off the case: the town's leaders, or every leader when the town has none. */
    public String signoffGroup(CaseFile file) {
        for (Registry.AreaRef area : areas(file)) {
            if (area.level() == AreaLevel.TOWN) {
                String group = GroupIds.roleInArea(Role.LEADER, area.code());
                if (identityService.createUserQuery().memberOfGroup(group).count() > 0) {
                    return group;
                }
            }
        }
        return GroupIds.role(Role.LEADER);
    }

    private List<Registry.AreaRef> areas(CaseFile file) {
        if (file.getGridCode() != null) {
            return registry.lineage(file.getGridCode());
        }
        if (file.getDepartmentCode() != null) {
            return registry.department(file.getDepartmentCode()).map(Registry.DepartmentRef::areaCode)
                    .map(registry::lineage).orElse(List.of());
        }
        return List.of();
    }
}
