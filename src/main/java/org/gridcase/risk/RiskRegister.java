package org.gridcase.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseCommand;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.casefile.Light;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.Registry;
import org.gridcase.support.ForbiddenException;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hazard register (隐患台账) of a grid, community or town: its risk reports with level, light and days open,
 * the gravest first. Who may read which register is {@link CaseAccess}'s READ scope: an area outside it is not found,
 * one he sees only part of is forbidden.
 */
@Service
@Transactional(readOnly = true)
class RiskRegister {

    private final RiskReports reports;
    private final Registry registry;
    private final CaseAccess access;

    RiskRegister(RiskReports reports, Registry registry, CaseAccess access) {
        this.reports = reports;
        this.registry = registry;
        this.access = access;
    }

    /** One line of the register. */
    record Entry(String trackingNumber, String type, String typeName, String severity, String severityName,
            String level, String levelName, String gridCode, String gridName, String address, String description,
            CaseStatus status, String statusName, Light light, String lightName, long daysOpen, Instant reportedAt,
            Instant dueAt, int escalationLevel, boolean supervised, int instructions, String measures,
            Instant closedAt) {
    }

    record Register(String areaCode, String areaName, AreaLevel areaLevel, boolean openOnly, int count,
            List<Entry> entries) {
    }

    Register of(CaseAccess.Caller caller, String areaCode, boolean openOnly) {
        if (areaCode == null || areaCode.isBlank()) {
            throw InvalidInputException.of("area", "必填：网格、村（社区）或镇的区域编码");
        }
        Registry.AreaRef area = registry.area(areaCode.strip())
                .orElseThrow(() -> new NotFoundException("区域 " + areaCode + " 不存在或不在您的辖区内"));
        if (area.level() == AreaLevel.MICRO_GRID) {
            throw InvalidInputException.of("area", "台账按网格、村（社区）或镇查看，微网格请查所属网格");
        }
        Set<String> grids = registry.gridsUnder(List.of(area.code()));
        Registry.Jurisdiction seen = access.scope(caller, CaseCommand.READ);
        long visible = grids.stream().filter(seen::coversGrid).count();
        if (visible == 0) {
            throw new NotFoundException("区域 " + areaCode + " 不存在或不在您的辖区内");
        }
        if (visible < grids.size()) {
            throw new ForbiddenException("您只能查看本人辖区内网格的隐患台账，" + area.name() + "超出您的辖区");
        }
        Set<CaseStatus> finished = EnumSet.noneOf(CaseStatus.class);
        for (CaseStatus s : CaseStatus.values()) {
            if (s.finished()) {
                finished.add(s);
            }
        }
        Instant now = Cases.now();
        List<Entry> entries = reports.register(grids, openOnly, finished).stream()
                .sorted(Comparator.comparing((RiskReport r) -> r.getLevel() == null ? 99 : r.getLevel().ordinal())
                        .thenComparing(r -> r.getCaseFile().getCreatedAt()))
                .map(r -> entry(r, now)).collect(Collectors.toList());
        return new Register(area.code(), area.name(), area.level(), openOnly, entries.size(), entries);
    }

    private Entry entry(RiskReport r, Instant now) {
        CaseFile c = r.getCaseFile();
        Severity severity = r.getVerifiedSeverity() != null ? r.getVerifiedSeverity() : r.getReportedSeverity();
        Light light = c.lightAt(now);
        Instant end = c.getClosedAt() != null ? c.getClosedAt() : now;
        long days = Math.max(0, Duration.between(c.getCreatedAt(), end).toDays());
        return new Entry(c.getTrackingNumber(), r.getType().name(), r.getType().label(), severity.name(),
                severity.label(), r.getLevel() == null ? null : r.getLevel().name(),
                r.getLevel() == null ? "待核实定级" : r.getLevel().label(), c.getGridCode(),
                registry.area(c.getGridCode()).map(Registry.AreaRef::name).orElse(c.getGridCode()), c.getAddress(),
                c.getDescription(), c.getStatus(), c.getStatus().label(), light, light.label(), days,
                c.getCreatedAt(), c.getHandlingDueAt(), c.getEscalationLevel(), c.isSupervised(), r.getInstructions(),
                r.getMeasures(), c.getClosedAt());
    }
}
