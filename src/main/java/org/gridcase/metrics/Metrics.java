package org.gridcase.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseCommand;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.casefile.Light;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.gridcase.request.Categories;
import org.gridcase.support.BusinessClock;
import org.gridcase.support.ForbiddenException;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What leaders and the command centre look at (统计考核): the rates of a period, the light board (亮灯) and the month's
 * assessment (考核), read from the case record and its timeline alone.
 * What a caller sees is his READ scope of {@link CaseAccess}, as in the case list: an area he does not wholly cover
 * is forbidden; without an area, his whole scope.
 */
@Service
@Transactional(readOnly = true)
public class Metrics {

    private final CaseTallies tallies;
    private final LightBoardCases board;
    private final Assessments assessments;
    private final AssessmentWeights weights;
    private final CaseAccess access;
    private final Registry registry;
    private final MetricsProperties properties;
    private final RateDefinitions definitions;

    Metrics(CaseTallies tallies, LightBoardCases board, Assessments assessments, AssessmentWeights weights,
            CaseAccess access, Registry registry, MetricsProperties properties) {
        this.tallies = tallies;
        this.board = board;
        this.assessments = assessments;
        this.weights = weights;
        this.access = access;
        this.registry = registry;
        this.properties = properties;
        this.definitions = new RateDefinitions(properties);
    }

    /** What a question asks, as the API takes it (text, checked here). */
    public record Question(String from, String to, String area, String department, String kind, String category) {
    }

    /** The rates of the cases received from {@code from} to {@code to} (both inclusive) in the caller's view. */
    public Rates rates(CaseAccess.Caller caller, Question question) {
        Checked checked = check(caller, question, new ArrayList<>());
        return rates(checked, checked.from(), checked.to());
    }

    /**
     * The same rates period by period (日、周、月): {@code period} is {@code day}, {@code week} (Monday to Sunday) or
     * {@code month}; the first and last periods are cut to {@code from} and {@code to}.
     */
    public RateSeries series(CaseAccess.Caller caller, Question question, String period) {
        List<FieldProblem> errors = new ArrayList<>();
        RateSeries.Period unit = RateSeries.Period.parse(period, errors);
        Checked checked = check(caller, question, errors);
        List<RateSeries.Point> points = new ArrayList<>();
        for (LocalDate start = checked.from(); !start.isAfter(checked.to()); ) {
            LocalDate end = unit.lastDay(start);
            if (end.isAfter(checked.to())) {
                end = checked.to();
            }
            points.add(new RateSeries.Point(start, end, rates(checked, start, end)));
            start = end.plusDays(1);
        }
        return new RateSeries(unit.name().toLowerCase(Locale.ROOT), points);
    }

    /** A question checked: the period, what the caller sees of the area asked, and the narrowing. */
    private record Checked(LocalDate from, LocalDate to, Registry.Jurisdiction seen, CaseKind kind, String category,
            String department) {
    }

    /** Checks a question; {@code errors} may already hold problems of the caller's own parameters. */
    private Checked check(CaseAccess.Caller caller, Question question, List<FieldProblem> errors) {
        LocalDate from = date(question.from(), "from", errors);
        LocalDate to = date(question.to(), "to", errors);
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                errors.add(new FieldProblem("to", "结束日期不能早于开始日期（from）"));
            } else if (ChronoUnit.DAYS.between(from, to) + 1 > properties.maxDays()) {
                errors.add(new FieldProblem("to", "统计期间最长 " + properties.maxDays() + " 天"));
            }
        }
        Optional<Registry.AreaRef> area = area(question.area(), errors);
        String department = department(question.department(), errors);
        CaseKind kind = null;
        String kindName = blank(question.kind());
        if (kindName != null) {
            try {
                kind = CaseKind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldProblem("kind", "案件类型 " + kindName + " 不存在"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("统计条件有误", errors);
        }
        return new Checked(from, to, seen(caller, area), kind, blank(question.category()), department);
    }

    /** The rates of the cases a checked question covers that were received from {@code from} to {@code to}. */
    private Rates rates(Checked q, LocalDate from, LocalDate to) {
        Registry.Jurisdiction seen = q.seen();
        Instant start = from.atStartOfDay(BusinessClock.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(BusinessClock.ZONE).toInstant();
        Set<String> grids = orNone(seen.grids());
        Set<String> departments = orNone(seen.departments());
        List<Tally> rows = tallies.tally(start, end, seen.everything(), grids, departments, seen.ungridded(), q.kind(),
                q.category(), q.department());
        long overdue = tallies.overdue(start, end, seen.everything(), grids, departments, seen.ungridded(), q.kind(),
                q.category(), q.department(), definitions.open(), Cases.now());
        List<HandlingDays> handling = tallies.handling(start, end, seen.everything(), grids, departments,
                seen.ungridded(), q.kind(), q.category(), q.department(), RateDefinitions.CLOSED);
        return definitions.rates(rows, overdue, handling);
    }

    /** The open cases of the caller's view by light, and the first {@link LightBoard#LIMIT} of them by lateness. */
    public LightBoard lights(CaseAccess.Caller caller, String areaCode, String departmentCode) {
        List<FieldProblem> errors = new ArrayList<>();
        Optional<Registry.AreaRef> area = area(areaCode, errors);
        String department = department(departmentCode, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("亮灯查询条件有误", errors);
        }
        Registry.Jurisdiction seen = seen(caller, area);
        Set<CaseStatus> open = definitions.open();
        Set<String> grids = orNone(seen.grids());
        Set<String> departments = orNone(seen.departments());
        Instant now = Cases.now();
        LightBoardCases.Counts found = board.counts(open, seen.everything(), grids, departments, seen.ungridded(),
                department, now);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(Light.GREEN.name(), found.open() - found.red() - found.yellow());
        counts.put(Light.YELLOW.name(), found.yellow());
        counts.put(Light.RED.name(), found.red());
        List<CaseFile> files = board.cases(open, seen.everything(), grids, departments, seen.ungridded(), department,
                Limit.of(LightBoard.LIMIT + 1));
        List<CaseFile> page = files.stream().limit(LightBoard.LIMIT).toList();
        Names names = names(page);
        List<LightBoard.BoardCase> rows = page.stream().map(f -> boardCase(f, now, names)).toList();
        return new LightBoard(counts, found.supervised(), rows, files.size() > LightBoard.LIMIT);
    }

    /** The names a page of the board shows: its areas' in one query, the departments' from their short list. */
    private record Names(Map<String, String> areas, Map<String, String> departments) {

        String area(String code) {
            return code == null ? null : areas.getOrDefault(code, code);
        }

        String department(String code) {
            return code == null ? null : departments.getOrDefault(code, code);
        }

        /** Who a handler group is: its area's or department's name (the group id itself when neither). */
        String handler(String group) {
            if (group == null) {
                return null;
            }
            String areaCode = GroupIds.areaCodeOf(group);
            if (areaCode != null) {
                return area(areaCode);
            }
            String departmentCode = GroupIds.departmentCodeOf(group);
            return departmentCode != null ? department(departmentCode) : group;
        }
    }

    private Names names(List<CaseFile> files) {
        Set<String> areaCodes = new HashSet<>();
        for (CaseFile f : files) {
            if (f.getGridCode() != null) {
                areaCodes.add(f.getGridCode());
            }
            if (f.getHandlerGroup() != null && GroupIds.areaCodeOf(f.getHandlerGroup()) != null) {
                areaCodes.add(GroupIds.areaCodeOf(f.getHandlerGroup()));
            }
        }
        Map<String, String> departments = new HashMap<>();
        registry.departments().forEach(d -> departments.put(d.code(), d.name()));
        return new Names(registry.areaNames(areaCodes), departments);
    }

    private LightBoard.BoardCase boardCase(CaseFile f, Instant now, Names names) {
        long overdue = now.isAfter(f.getHandlingDueAt()) ? Duration.between(f.getHandlingDueAt(), now).toMinutes() : 0;
        return new LightBoard.BoardCase(f.getTrackingNumber(), f.getKind().name(),
                Categories.name(f.getCategory()).orElse(f.getCategory()), f.getGridCode(), names.area(f.getGridCode()),
                names.department(f.getDepartmentCode()), f.lightAt(now).name(), f.getHandlingDueAt(), overdue,
                f.isSupervised(), f.getHandlerGroup(), names.handler(f.getHandlerGroup()), f.getEscalationLevel());
    }

    private String departmentName(String code) {
        return code == null ? null : registry.department(code).map(Registry.DepartmentRef::name).orElse(code);
    }

    /**
     * The assessment (考核) of a month ({@code yyyy-MM}) in the caller's view, as {@link Assessment} defines it: one
     * row per staff member, best score first; with a department, the department's row first.
     */
    public Assessment assessment(CaseAccess.Caller caller, String month, String areaCode, String departmentCode) {
        List<FieldProblem> errors = new ArrayList<>();
        YearMonth period = null;
        if (month == null || month.isBlank()) {
            errors.add(new FieldProblem("month", "必填：考核月份，例如 2026-11"));
        } else {
            try {
                period = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldProblem("month", "月份格式为 yyyy-MM，例如 2026-11"));
            }
        }
        Optional<Registry.AreaRef> area = area(areaCode, errors);
        String department = department(departmentCode, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("考核条件有误", errors);
        }
        Registry.Jurisdiction seen = seen(caller, area);
        Instant start = period.atDay(1).atStartOfDay(BusinessClock.ZONE).toInstant();
        Instant end = period.plusMonths(1).atDay(1).atStartOfDay(BusinessClock.ZONE).toInstant();
        Set<String> grids = orNone(seen.grids());
        Set<String> departments = orNone(seen.departments());
        List<Assessments.Handled> handled = assessments.handled(start, end, seen.everything(), grids, departments,
                seen.ungridded(), department);
        List<Assessments.Returns> wrongful = assessments.wrongfulReturns(start, end, seen.everything(), grids,
                departments, seen.ungridded(), department);
        Map<String, Long> returns = new TreeMap<>();
        wrongful.forEach(r -> returns.merge(r.actor(), r.count(), Long::sum));
        Assessment.Weights weights = this.weights.of(period.toString());

        Map<String, List<Assessments.Handled>> byActor = new TreeMap<>();
        for (Assessments.Handled h : handled) {
            byActor.computeIfAbsent(h.actor(), a -> new ArrayList<>()).add(h);
        }
        for (String returner : returns.keySet()) {
            byActor.computeIfAbsent(returner, a -> new ArrayList<>());
        }
        List<Assessment.Row> rows = new ArrayList<>();
        Map<String, String> names = registry.personNames(byActor.keySet());
        for (Map.Entry<String, List<Assessments.Handled>> e : byActor.entrySet()) {
            rows.add(row(Assessment.Unit.WORKER, e.getKey(), names.getOrDefault(e.getKey(), e.getKey()),
                    e.getValue(), returns.getOrDefault(e.getKey(), 0L), weights));
        }
        rows.sort(Comparator.comparing(Assessment.Row::score, Comparator.nullsLast(Comparator.reverseOrder())));
        if (department != null) {
            String group = GroupIds.department(department);
            List<Assessments.Handled> ours = handled.stream().filter(h -> group.equals(h.handlerGroup())).toList();
            long returned = wrongful.stream().filter(r -> group.equals(r.handlerGroup()))
                    .mapToLong(Assessments.Returns::count).sum();
            rows.add(0, row(Assessment.Unit.DEPARTMENT, department, departmentName(department), ours, returned,
                    weights));
        }
        return new Assessment(period.toString(), weights, rows);
    }

    private Assessment.Row row(Assessment.Unit unit, String code, String name, List<Assessments.Handled> cases,
            long returns, Assessment.Weights weights) {
        long handled = cases.size();
        long onTime = cases.stream().filter(Assessments.Handled::onTime).count();
        long reached = cases.stream()
                .filter(h -> h.satisfaction() != null && RateDefinitions.REACHED.contains(h.satisfaction())).count();
        double satisfied = cases.stream().mapToDouble(h -> satisfiedWeight(h.satisfaction())).sum();
        long reopened = cases.stream().filter(Assessments.Handled::reopened).count();
        long supervised = cases.stream().filter(Assessments.Handled::supervised).count();
        Double onTimeRate = rate(onTime, handled);
        Double satisfactionRate = reached == 0 ? null : satisfied / reached;
        Double reopenRate = rate(reopened, handled);
        return new Assessment.Row(unit, code, name, handled, onTime, onTimeRate, reached, satisfied, satisfactionRate,
                reopened, reopenRate, returns, supervised,
                Assessment.score(weights, onTimeRate, satisfactionRate, reopenRate, returns, supervised));
    }

    private double satisfiedWeight(String satisfaction) {
        if ("SATISFIED".equals(satisfaction)) {
            return properties.satisfiedWeight();
        }
        return "BASICALLY_SATISFIED".equals(satisfaction) ? properties.basicallySatisfiedWeight() : 0;
    }

    private static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private Optional<Registry.AreaRef> area(String code, List<FieldProblem> errors) {
        String areaCode = blank(code);
        if (areaCode == null) {
            return Optional.empty();
        }
        Optional<Registry.AreaRef> area = registry.area(areaCode);
        if (area.isEmpty()) {
            errors.add(new FieldProblem("area", "区域 " + areaCode + " 不存在"));
        } else if (area.get().level() == AreaLevel.MICRO_GRID) {
            errors.add(new FieldProblem("area", "按网格、社区（村）、镇（街道）或区统计，微网格请查所属网格"));
            return Optional.empty();
        }
        return area;
    }

    private String department(String code, List<FieldProblem> errors) {
        String department = blank(code);
        if (department != null && registry.department(department).isEmpty()) {
            errors.add(new FieldProblem("department", "部门 " + department + " 不存在"));
        }
        return department;
    }

    /**
     * What the caller sees: his READ scope, or the area's grids when he wholly covers the area (forbidden when he
     * does not, or when he has no scope at all).
     */
    private Registry.Jurisdiction seen(CaseAccess.Caller caller, Optional<Registry.AreaRef> area) {
        Registry.Jurisdiction scope = access.scope(caller, CaseCommand.READ);
        if (!scope.everything() && !scope.ungridded() && scope.grids().isEmpty() && scope.departments().isEmpty()) {
            throw new ForbiddenException("您没有可查看统计的辖区");
        }
        if (area.isEmpty()) {
            return scope;
        }
        Set<String> grids = registry.gridsUnder(List.of(area.get().code()));
        if (!scope.everything() && !scope.grids().containsAll(grids)) {
            throw new ForbiddenException("您只能查看本人辖区的统计，" + area.get().name() + "超出您的辖区");
        }
        return new Registry.Jurisdiction(false, grids, Set.of(), false);
    }

    private static LocalDate date(String value, String field, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldProblem(field, "必填：日期，例如 2026-11-01"));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem(field, "日期格式为 yyyy-MM-dd，例如 2026-11-01"));
            return null;
        }
    }

    /** An empty IN list is not valid SQL everywhere: a value no code has. */
    private static Set<String> orNone(Set<String> codes) {
        return codes.isEmpty() ? Set.of("-") : codes;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
