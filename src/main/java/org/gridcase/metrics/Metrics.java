package org.gridcase.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseCommand;
import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.Cases;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.Registry;
import org.gridcase.support.BusinessClock;
import org.gridcase.support.ForbiddenException;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What leaders and the command centre look at (统计考核): the rates of a period, read from the case record alone.
 * What a caller sees is his READ scope of {@link CaseAccess}, as in the case list: an area he does not wholly cover
 * is forbidden; without an area, his whole scope.
 */
@Service
@Transactional(readOnly = true)
public class Metrics {

    private final CaseTallies tallies;
    private final CaseAccess access;
    private final Registry registry;
    private final MetricsProperties properties;
    private final RateDefinitions definitions;

    Metrics(CaseTallies tallies, CaseAccess access, Registry registry, MetricsProperties properties) {
        this.tallies = tallies;
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
        List<FieldProblem> errors = new ArrayList<>();
        LocalDate from = date(question.from(), "from", errors);
        LocalDate to = date(question.to(), "to", errors);
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                errors.add(new FieldProblem("to", "结束日期不能早于开始日期（from）"));
            } else if (ChronoUnit.DAYS.between(from, to) + 1 > properties.maxDays()) {
                errors.add(new FieldProblem("to", "统计期间最长 " + properties.maxDays() + " 天"));
            }
        }
        String areaCode = blank(question.area());
        Optional<Registry.AreaRef> area = Optional.empty();
        if (areaCode != null) {
            area = registry.area(areaCode);
            if (area.isEmpty()) {
                errors.add(new FieldProblem("area", "区域 " + areaCode + " 不存在"));
            } else if (area.get().level() == AreaLevel.MICRO_GRID) {
                errors.add(new FieldProblem("area", "按网格、社区（村）、镇（街道）或区统计，微网格请查所属网格"));
            }
        }
        String department = blank(question.department());
        if (department != null && registry.department(department).isEmpty()) {
            errors.add(new FieldProblem("department", "部门 " + department + " 不存在"));
        }
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

        Registry.Jurisdiction scope = access.scope(caller, CaseCommand.READ);
        if (!scope.everything() && !scope.ungridded() && scope.grids().isEmpty() && scope.departments().isEmpty()) {
            throw new ForbiddenException("您没有可查看统计的辖区");
        }
        Registry.Jurisdiction seen = scope;
        if (area.isPresent()) {
            Set<String> grids = registry.gridsUnder(List.of(area.get().code()));
            if (!scope.everything() && !scope.grids().containsAll(grids)) {
                throw new ForbiddenException("您只能查看本人辖区的统计，" + area.get().name() + "超出您的辖区");
            }
            seen = new Registry.Jurisdiction(false, grids, Set.of(), false);
        }
        Instant start = from.atStartOfDay(BusinessClock.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(BusinessClock.ZONE).toInstant();
        String category = blank(question.category());
        List<Tally> rows = tallies.tally(start, end, seen.everything(), orNone(seen.grids()),
                orNone(seen.departments()), seen.ungridded(), kind, category, department);
        long overdue = tallies.overdue(start, end, seen.everything(), orNone(seen.grids()),
                orNone(seen.departments()), seen.ungridded(), kind, category, department, definitions.open(),
                Cases.now());
        return definitions.rates(rows, overdue);
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
