package org.gridcase.registry;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.gridcase.support.BusinessClock;
import org.gridcase.support.ForbiddenException;
import org.gridcase.support.Masking;
import org.gridcase.support.NotFoundException;
import org.gridcase.support.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents as staff may see them: only those of the caller's areas (grid staff their grid, community staff its
 * grids, town staff the town, administrators all). ID numbers are masked for everybody in every list; names and
 * phones are shown to the grid workers and grid leaders of the resident's grid, who visit them. A full ID number is
 * an explicit call of the grid leader of that grid or an administrator, and each is recorded.
 */
@Service
@Transactional(readOnly = true)
class ResidentDirectory {

    private static final Logger log = LoggerFactory.getLogger(ResidentDirectory.class);
    /** Roles that see the names and phones of the residents of their grid: those who visit them. */
    private static final Set<Role> VISITORS = EnumSet.of(Role.GRID_WORKER, Role.GRID_LEADER);
    /** Roles that may read a full ID number of a resident of their grid (recorded). */
    private static final Set<Role> UNMASKERS = EnumSet.of(Role.GRID_LEADER, Role.ADMIN);

    private final Residents residents;
    private final Buildings buildings;
    private final ResidentAccessLogs accessLog;
    private final Registry registry;

    ResidentDirectory(Residents residents, Buildings buildings, ResidentAccessLogs accessLog, Registry registry) {
        this.residents = residents;
        this.buildings = buildings;
        this.accessLog = accessLog;
        this.registry = registry;
    }

    record ResidentView(Long id, String idNumber, String name, String phone, String building, String room,
            List<SpecialPopulation> tags) {
    }

    record IdNumberView(Long id, String idNumber) {
    }

    /** By grid, building or tag, within the caller's areas; a grid or building outside them is not found. */
    PageView<ResidentView> search(String login, Set<String> groups, String gridCode, String buildingCode,
            SpecialPopulation tag, Pageable page) {
        Registry.Jurisdiction seen = registry.jurisdiction(login, groups, Set.of());
        if (gridCode != null && !seen.coversGrid(gridCode)) {
            throw new NotFoundException("网格 " + gridCode + " 不存在或不在您的辖区内");
        }
        if (buildingCode != null && buildings.findByCode(buildingCode)
                .filter(b -> seen.coversGrid(b.getGrid().getCode())).isEmpty()) {
            throw new NotFoundException("楼栋 " + buildingCode + " 不存在或不在您的辖区内");
        }
        Registry.Jurisdiction visits = registry.jurisdiction(login, groups, VISITORS);
        Set<String> grids = seen.grids().isEmpty() ? Set.of("-") : seen.grids(); // an empty IN list is not valid SQL
        return PageView.of(residents.search(seen.everything(), grids, gridCode, buildingCode, tag, page), r -> {
            boolean visitor = visits.coversGrid(r.getBuilding().getGrid().getCode());
            return new ResidentView(r.getId(), Masking.idNumber(r.getIdNumber()),
                    visitor ? r.getName() : Masking.name(r.getName()),
                    visitor ? r.getPhone() : Masking.phone(r.getPhone()), r.getBuilding().getCode(), r.getRoom(),
                    r.getTags().stream().sorted(Comparator.naturalOrder()).toList());
        });
    }

    /**
     * A resident's full ID number, recorded in the access log; a resident outside the caller's areas is not found,
     * one inside them but not his to unmask is 403.
     */
    @Transactional
    IdNumberView idNumber(String login, Set<String> groups, long id) {
        Resident resident = residents.findById(id)
                .filter(r -> registry.jurisdiction(login, groups, Set.of()).coversGrid(gridOf(r)))
                .orElseThrow(() -> new NotFoundException("居民 " + id + " 不存在"));
        if (!registry.jurisdiction(login, groups, UNMASKERS).coversGrid(gridOf(resident))) {
            throw new ForbiddenException("只有该居民所在网格的网格长和系统管理员可以查看完整身份证号");
        }
        accessLog.save(new ResidentAccessLog(BusinessClock.now(), login, resident.getId(),
                Masking.idNumber(resident.getIdNumber()), ResidentAccessLog.ID_NUMBER));
        log.info("Full ID number of resident {} shown to {}", resident.getId(), login);
        return new IdNumberView(resident.getId(), resident.getIdNumber());
    }

    private static String gridOf(Resident resident) {
        return resident.getBuilding().getGrid().getCode();
    }
}
