package org.gridcase.risk;

import static org.gridcase.casefile.CaseVariables.*;
import static org.gridcase.casefile.IntakeChecks.blankToNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStarts;
import org.gridcase.casefile.IntakeChecks;
import org.gridcase.casefile.Channel;
import org.gridcase.casefile.NewCase;
import org.gridcase.casefile.Urgency;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.gridcase.registry.Role;
import org.gridcase.support.ForbiddenException;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.springframework.stereotype.Service;

/**
 * A risk report from a patrol or a home visit (巡查走访上报): validated, then started as a case of kind RISK through
 * {@link CaseStarts} (case row, tracking number FX-…, this report's own row and {@code risk-report.bpmn}, in one
 * transaction; once per {@code externalId}).
 * <p>
 * Who may report where: a grid worker or grid leader in his grid, a village or community secretary (a leader of a
 * community) in the community's grids, an administrator anywhere. The residents a report names must live there too.
 */
@Service
class RiskIntake {

    /** Most people a report may say are affected: a typo beyond it, not a hazard. */
    static final int MAX_PEOPLE = 100_000;
    /** Most residents one report may name. */
    static final int MAX_RESIDENTS = 50;
    private static final Set<Role> GRID_REPORTERS = EnumSet.of(Role.GRID_WORKER, Role.GRID_LEADER, Role.ADMIN);

    private final CaseStarts starts;
    private final RiskKind kind;
    private final Registry registry;
    private final RiskReports reports;

    RiskIntake(CaseStarts starts, RiskKind kind, Registry registry, RiskReports reports) {
        this.starts = starts;
        this.kind = kind;
        this.registry = registry;
        this.reports = reports;
    }

    /** A report as the API takes it: loose types, so every bad field can be named at once. */
    record RiskInput(String type, String description, Location location, String address, String severity,
            Number peopleAffected, List<Long> residentIds, String externalId) {
    }

    record Location(Double lat, Double lng) {
    }

    /** The validated report. */
    private record Report(NewCase newCase, RiskType type, Severity severity, int peopleAffected,
            Set<Long> residentIds, boolean vulnerable) {
    }

    /** The grids a caller may report in. */
    record ReportingArea(boolean everywhere, Set<String> grids) {

        boolean covers(String gridCode) {
            return everywhere || grids.contains(gridCode);
        }
    }

    /** Reports the hazard, or answers the case reported before under the same {@code externalId}. */
    CaseStarts.Started submit(RiskInput in, CaseAccess.Caller caller) {
        if (in == null) {
            throw InvalidInputException.of("body", "请求体不能为空");
        }
        ReportingArea area = reportingArea(caller);
        if (!area.everywhere() && area.grids().isEmpty()) {
            throw new ForbiddenException("只有网格员、网格长和村（社区）书记可以在本人负责的网格上报风险隐患");
        }
        Report report = validate(in, caller, area);
        Function<CaseFile, Map<String, Object>> kindStart = file -> start(file, report);
        return starts.start(kind, report.newCase(), caller, "网格巡查走访上报", kindStart);
    }

    /** Inside the start's transaction: the report's own row, and the variables the model needs beyond the shared. */
    private Map<String, Object> start(CaseFile file, Report report) {
        reports.save(new RiskReport(file, report.type(), report.severity(), report.peopleAffected(),
                report.residentIds(), report.vulnerable()));
        String grid = file.getGridCode();
        Map<String, Object> variables = new HashMap<>();
        variables.put(CATEGORY_NAME, report.type().label());
        variables.put(RiskProcess.RISK_TYPE, report.type().name());
        variables.put(RiskProcess.SEVERITY, report.severity().name());
        variables.put(RiskProcess.SEVERITY_NAME, report.severity().label());
        variables.put(RiskProcess.PEOPLE_AFFECTED, (long) report.peopleAffected());
        variables.put(RiskProcess.PEOPLE_REPORTED, (long) report.peopleAffected());
        variables.put(RiskProcess.VULNERABLE, report.vulnerable());
        // the grid leader verifies on site; a grid without one is verified by its staff
        variables.put(VERIFY_GROUP, registry.staff(grid, Role.GRID_LEADER).isEmpty() ? GroupIds.area(grid)
                : GroupIds.roleInArea(Role.GRID_LEADER, grid));
        variables.put(HANDLER_NAME, "待核实");
        return variables;
    }

    /**
     * Where the caller may report: the grids of his grid roles (grid worker, grid leader), the grids of the
     * communities whose leader (secretary) he is, everywhere for an administrator. A town's leaders receive reports;
     * they do not make them.
     */
    ReportingArea reportingArea(CaseAccess.Caller caller) {
        Registry.Jurisdiction inGrid = registry.jurisdiction(caller.login(), caller.groups(), GRID_REPORTERS);
        if (inGrid.everything()) {
            return new ReportingArea(true, Set.of());
        }
        Set<String> grids = new TreeSet<>(inGrid.grids());
        Map<String, Boolean> secretaryOf = new HashMap<>();
        for (String grid : registry.jurisdiction(caller.login(), Set.of(Role.LEADER)).grids()) {
            Optional<String> community = registry.lineage(grid).stream()
                    .filter(a -> a.level() == AreaLevel.COMMUNITY).map(Registry.AreaRef::code).findFirst();
            if (community.isPresent() && secretaryOf.computeIfAbsent(community.get(), c -> registry.staff(c, Role.LEADER)
                    .stream().anyMatch(s -> s.login().equals(caller.login())))) {
                grids.add(grid);
            }
        }
        return new ReportingArea(false, Set.copyOf(grids));
    }

    private Report validate(RiskInput in, CaseAccess.Caller caller, ReportingArea area) {
        List<FieldProblem> errors = new ArrayList<>();
        Optional<RiskType> type = RiskType.parse(in.type());
        if (type.isEmpty()) {
            errors.add(new FieldProblem("type", "必填，取值: " + List.of(RiskType.values())));
        }
        String description = in.description() == null ? null : in.description().strip();
        if (description == null || description.isEmpty() || description.length() > CaseFile.DESCRIPTION_LENGTH) {
            errors.add(new FieldProblem("description", "必填，最长 " + CaseFile.DESCRIPTION_LENGTH + " 字"));
        }
        Optional<Severity> severity = Severity.parse(in.severity());
        if (severity.isEmpty()) {
            errors.add(new FieldProblem("severity", "必填，取值: " + List.of(Severity.values())));
        }
        Number people = in.peopleAffected();
        boolean peopleValid = people != null && isWhole(people) && people.doubleValue() >= 0
                && people.doubleValue() <= MAX_PEOPLE;
        if (!peopleValid) {
            errors.add(new FieldProblem("peopleAffected", "必填，0 到 " + MAX_PEOPLE + " 之间的整数"));
        }
        String gridCode = locate(in, area, errors);
        Set<Long> residentIds = new LinkedHashSet<>();
        boolean vulnerable = residents(in.residentIds(), area, residentIds, errors);
        String address = blankToNull(in.address());
        String externalId = IntakeChecks.externalId(in.externalId(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("风险隐患有 " + errors.size() + " 处错误，未上报", errors);
        }
        Double lat = in.location() == null ? null : in.location().lat();
        Double lng = in.location() == null ? null : in.location().lng();
        Registry.StaffRef reporter = registry.person(caller.login()).orElse(null);
        String fingerprint = externalId == null ? null : CaseStarts.fingerprint("RISK", type.get(), description,
                severity.get(), people.longValue(), lat, lng, address, new TreeSet<>(residentIds));
        // serious hazards count as urgent in the shared limits table
        Urgency urgency = severity.get().compareTo(Severity.HIGH) >= 0 ? Urgency.URGENT : Urgency.NORMAL;
        NewCase newCase = new NewCase(Channel.GRID_WORKER, type.get().name(), description, urgency, lat, lng,
                address, gridCode, reporter == null ? caller.login() : reporter.name(), null,
                reporter == null ? null : reporter.email(), externalId, fingerprint);
        return new Report(newCase, type.get(), severity.get(), people.intValue(), residentIds, vulnerable);
    }

    /** The grid of the hazard: from the location, or the reporter's only grid when he gave an address alone. */
    private String locate(RiskInput in, ReportingArea area, List<FieldProblem> errors) {
        Double lat = in.location() == null ? null : in.location().lat();
        Double lng = in.location() == null ? null : in.location().lng();
        String address = IntakeChecks.address(in.address(), errors);
        boolean point = IntakeChecks.coordinates(in.location() != null, lat, lng, errors);
        if (in.location() == null && address == null) {
            errors.add(new FieldProblem("location", "位置（location）、地址（address）至少填一项"));
            return null;
        }
        String gridCode;
        if (in.location() != null) {
            if (!point) {
                return null;
            }
            gridCode = registry.gridAt(lat, lng).orElse(null);
            if (gridCode == null) {
                errors.add(new FieldProblem("location", "该位置不在本辖区任何网格内"));
                return null;
            }
        } else if (!area.everywhere() && area.grids().size() == 1) {
            gridCode = area.grids().iterator().next();
        } else {
            errors.add(new FieldProblem("location", "只填地址时无法确定网格：您负责的网格不止一个，请提供位置（location）"));
            return null;
        }
        if (!area.covers(gridCode)) {
            String name = registry.area(gridCode).map(Registry.AreaRef::name).orElse(gridCode);
            errors.add(new FieldProblem("location", "该位置属于" + name + "，不在您负责的网格内：只能上报本人辖区的风险隐患"));
            return null;
        }
        return gridCode;
    }

    /**
     * Checks the named residents (each must exist and live in the caller's area; an unknown one and one of another
     * area get the same answer, so the API tells nothing about residents outside it) and says whether any of them
     * belongs to a special population.
     */
    private boolean residents(List<Long> ids, ReportingArea area, Set<Long> accepted, List<FieldProblem> errors) {
        if (ids == null || ids.isEmpty()) {
            return false;
        }
        if (ids.size() > MAX_RESIDENTS) {
            errors.add(new FieldProblem("residentIds", "最多 " + MAX_RESIDENTS + " 位居民"));
            return false;
        }
        Map<Long, Registry.ResidentRef> found = registry.residents(ids.stream().filter(id -> id != null)
                .collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Registry.ResidentRef::id, Function.identity()));
        boolean vulnerable = false;
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            Registry.ResidentRef resident = id == null ? null : found.get(id);
            if (resident == null || !area.covers(resident.gridCode())) {
                errors.add(new FieldProblem("residentIds[" + i + "]", "居民 " + id + " 不存在或不在您负责的网格内"));
                continue;
            }
            accepted.add(id);
            vulnerable |= resident.vulnerable();
        }
        return vulnerable;
    }

    private static boolean isWhole(Number n) {
        double d = n.doubleValue();
        return !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d);
    }

}
