package org.gridcase.registry;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.gridcase.support.PageView;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

/** The grid registry's REST API: areas, locate, departments, staff, buildings, residents. */
@RestController
@RequestMapping("/api/registry")
@Transactional(readOnly = true)
class RegistryController {

    private static final String IMPORTERS = "hasAnyAuthority('camunda-admin', 'process-owners')";

    private final Areas areas;
    private final Departments departments;
    private final People people;
    private final Buildings buildings;
    private final ResidentDirectory directory;
    private final GridLocator locator;
    private final AreaImport areaImport;
    private final StaffImport staffImport;
    private final HousingImport housingImport;
    private final DepartmentImport departmentImport;
    private final BuildingVerificationService verification;
    private final Registry registry;
    private final ResidentAccessLogs accessLog;

    RegistryController(Areas areas, Departments departments, People people, Buildings buildings, ResidentDirectory directory,
            GridLocator locator, AreaImport areaImport, StaffImport staffImport, HousingImport housingImport,
            DepartmentImport departmentImport, BuildingVerificationService verification, Registry registry,
            ResidentAccessLogs accessLog) {
        this.registry = registry;
        this.accessLog = accessLog;
        this.areas = areas;
        this.departments = departments;
        this.people = people;
        this.buildings = buildings;
        this.directory = directory;
        this.locator = locator;
        this.areaImport = areaImport;
        this.staffImport = staffImport;
        this.housingImport = housingImport;
        this.departmentImport = departmentImport;
        this.verification = verification;
    }

    record VerificationStarted(String buildingCode, String processInstanceId) {
    }

    record ImportResult(int created, int updated) {
    }

    record AreaSummary(String code, String name, AreaLevel level, String levelName) {
        static AreaSummary of(Area a) {
            return a == null ? null : new AreaSummary(a.getCode(), a.getName(), a.getLevel(), a.getLevel().label());
        }
    }

    record StaffSummary(String login, String name, String phone) {
    }

    record AreaDetail(String code, String name, AreaLevel level, String levelName, AreaSummary parent,
            List<String> path, List<AreaSummary> children, List<StaffSummary> gridLeaders,
            List<StaffSummary> gridWorkers, boolean hasBoundary) {
    }

    record RoleView(Role role, String roleName, String area, String department) {
    }

    record PersonView(String login, String name, String phone, String email, List<RoleView> roles) {
    }

    record DepartmentView(String code, String name, String area, List<String> categories) {
    }

    record BuildingView(String code, String address, String grid, Double lat, Double lng, Integer households,
            java.time.Instant verifiedAt) {
    }

    record AccessLogView(Instant at, String login, Long residentId, String idNumberMasked, String shown) {
    }

    @PostMapping(path = "/areas/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/geo+json"})
    @PreAuthorize(IMPORTERS)
    @Transactional
    ImportResult importAreas(@RequestBody JsonNode featureCollection) {
        AreaImport.Result result = areaImport.importFeatureCollection(featureCollection);
        return new ImportResult(result.created(), result.updated());
    }

    @GetMapping("/locate")
    LocatedArea locate(@RequestParam(required = false) Double lat, @RequestParam(required = false) Double lng) {
        // written so that NaN, which compares false with everything, is out of range too
        if (lat == null || !(lat >= -90 && lat <= 90)) {
            throw InvalidInputException.of("lat", "必填，纬度应在 -90 到 90 之间");
        }
        if (lng == null || !(lng >= -180 && lng <= 180)) {
            throw InvalidInputException.of("lng", "必填，经度应在 -180 到 180 之间");
        }
        return locator.locate(lat, lng)
                .orElseThrow(() -> new NotFoundException("坐标 (" + lat + ", " + lng + ") 不在任何已登记的区域内"));
    }

    @GetMapping("/areas/{code}")
    AreaDetail area(@PathVariable String code) {
        Area area = areas.findByCode(code).orElseThrow(() -> new NotFoundException("区域 " + code + " 不存在"));
        List<AreaSummary> children = areas.findByParentOrderByCode(area).stream().map(AreaSummary::of).toList();
        return new AreaDetail(area.getCode(), area.getName(), area.getLevel(), area.getLevel().label(),
                AreaSummary.of(area.getParent()), locator.pathOf(area.getCode()), children,
                staff(area, Role.GRID_LEADER), staff(area, Role.GRID_WORKER), area.getBoundaryWkt() != null);
    }

    @GetMapping("/areas")
    PageView<AreaSummary> areas(@RequestParam(required = false) AreaLevel level,
            @RequestParam(required = false) String parent, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page<Area> result = areas.search(level, blankToNull(parent), blankToNull(q), PageView.request(page, size,
                Sort.by("code")));
        return PageView.of(result, AreaSummary::of);
    }

    @GetMapping("/departments")
    List<DepartmentView> departments() {
        return departments.findAllByOrderByCode().stream().map(d -> new DepartmentView(d.getCode(), d.getName(),
                d.getArea() == null ? null : d.getArea().getCode(), List.copyOf(d.getCategories()))).toList();
    }

    @PostMapping(path = "/departments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(IMPORTERS)
    @Transactional
    ImportResult upsertDepartments(@RequestBody List<DepartmentImport.DepartmentInput> input) {
        DepartmentImport.Result result = departmentImport.upsert(input);
        return new ImportResult(result.created(), result.updated());
    }

    @PostMapping(path = "/people/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @PreAuthorize("hasAuthority('camunda-admin')")
    @Transactional
    ImportResult importPeople(@RequestBody String csv) {
        StaffImport.Result result = staffImport.importCsv(csv);
        return new ImportResult(result.created(), result.updated());
    }

    @GetMapping("/people")
    PageView<PersonView> people(@RequestParam(required = false) Role role,
            @RequestParam(required = false) String area, @RequestParam(required = false) String department,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page<Person> result = people.search(role, blankToNull(area), blankToNull(department), blankToNull(q),
                PageView.request(page, size, Sort.by("login")));
        return PageView.of(result, p -> new PersonView(p.getLogin(), p.getName(), p.getPhone(), p.getEmail(),
                p.getRoles().stream().map(r -> new RoleView(r.getRole(), r.getRole().label(),
                        r.getArea() == null ? null : r.getArea().getCode(),
                        r.getDepartment() == null ? null : r.getDepartment().getCode())).toList()));
    }

    @PostMapping(path = "/buildings/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @PreAuthorize("hasAnyAuthority('camunda-admin', 'process-owners', 'grid-leaders')")
    @Transactional
    ImportResult importBuildings(@RequestBody String csv, Authentication caller) {
        HousingImport.Result result = housingImport.importBuildings(csv, registry.jurisdiction(caller.getName(), groups(caller), Set.of())::coversGrid);
        return new ImportResult(result.created(), result.updated());
    }

    @GetMapping("/buildings")
    PageView<BuildingView> buildings(@RequestParam String grid, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageView.of(buildings.findByGridCode(grid, PageView.request(page, size, Sort.by("code"))),
                b -> new BuildingView(b.getCode(), b.getAddress(), b.getGrid().getCode(), b.getLat(), b.getLng(),
                        b.getHouseholds(), b.getVerifiedAt()));
    }

    /** Asks the building's grid to verify its record on site: a task in the grid workers' Tasklist. */
    @PostMapping("/buildings/{code}/verifications")
    @PreAuthorize("hasAnyAuthority('camunda-admin', 'dispatchers', 'grid-leaders')")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    VerificationStarted verifyBuilding(@PathVariable String code, Authentication caller) {
        return new VerificationStarted(code, verification.request(code, caller.getName()));
    }

    @PostMapping(path = "/residents/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @PreAuthorize("hasAnyAuthority('camunda-admin', 'grid-leaders', 'grid-workers')")
    @Transactional
    ImportResult importResidents(@RequestBody String csv, Authentication caller) {
        HousingImport.Result result = housingImport.importResidents(csv, registry.jurisdiction(caller.getName(), groups(caller), Set.of())::coversGrid);
        return new ImportResult(result.created(), result.updated());
    }

    /**
     * Residents of the caller's areas only (grid staff: their grid; community staff: its grids; town staff: the town;
     * administrators: all), by grid, building or tag; a grid or building outside them is not found. ID numbers are
     * masked for everybody (see {@link #idNumber}); names and phones are shown to the grid workers and grid leaders of
     * the resident's grid, who visit them, and masked for everybody else.
     */
    @GetMapping("/residents")
    PageView<ResidentDirectory.ResidentView> residents(@RequestParam(required = false) String grid,
            @RequestParam(required = false) String building, @RequestParam(required = false) SpecialPopulation tag,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            Authentication caller) {
        return directory.search(caller.getName(), groups(caller), blankToNull(grid), blankToNull(building), tag,
                PageView.request(page, size, Sort.by("id")));
    }

    /**
     * A resident's full ID number, for the grid leader of the resident's grid (who answers for the grid's register)
     * and administrators. Every answer is recorded in the access log; a resident outside the caller's areas is not
     * found, one inside them but not his to unmask is 403.
     */
    @GetMapping("/residents/{id}/id-number")
    @Transactional
    ResidentDirectory.IdNumberView idNumber(@PathVariable long id, Authentication caller) {
        return directory.idNumber(caller.getName(), groups(caller), id);
    }

    /** Who read which resident's unmasked data, newest first: for administrators. */
    @GetMapping("/residents/access-log")
    @PreAuthorize("hasAuthority('camunda-admin')")
    PageView<AccessLogView> residentAccessLog(@RequestParam(required = false) Long resident,
            @RequestParam(required = false) String login, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageView.of(accessLog.search(resident, blankToNull(login), PageView.request(page, size,
                Sort.by(Sort.Direction.DESC, "at").and(Sort.by(Sort.Direction.DESC, "id")))),
                l -> new AccessLogView(l.getAt(), l.getLogin(), l.getResidentId(), l.getIdNumberMasked(),
                        l.getShown()));
    }

    private static Set<String> groups(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
    }

    private List<StaffSummary> staff(Area area, Role role) {
        return people.findByAreaAndRole(area, role).stream()
                .map(p -> new StaffSummary(p.getLogin(), p.getName(), p.getPhone())).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
