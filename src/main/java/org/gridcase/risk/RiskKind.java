package org.gridcase.risk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseKindDefinition;
import org.springframework.stereotype.Component;

/** Risk reports (风险隐患) as the shared case spine sees them. */
@Component
class RiskKind implements CaseKindDefinition {

    private final RiskReports reports;

    RiskKind(RiskReports reports) {
        this.reports = reports;
    }

    @Override
    public CaseKind kind() {
        return CaseKind.RISK;
    }

    @Override
    public String processId() {
        return RiskProcess.PROCESS_ID;
    }

    @Override
    public String prefix() {
        return "FX";
    }

    @Override
    public String noun() {
        return "风险隐患";
    }

    @Override
    public String handlingTaskName() {
        return "处置隐患";
    }

    /** Names of grades and due texts (copies of the report's row) and the staff's notes (on the timeline). */
    @Override
    public Set<String> variablesWithoutHistory() {
        return Set.of(RiskProcess.SEVERITY_NAME, RiskProcess.RISK_LEVEL_NAME, RiskProcess.INSTRUCT_DUE_TEXT,
                RiskProcess.VERIFY_NOTE, RiskProcess.INSTRUCTION, RiskProcess.MEASURES, RiskProcess.REINSPECT_NOTE);
    }

    /** The report's own facts: type, severity, level, limits, instructions, measures (no resident's data). */
    @Override
    public Map<String, Object> details(CaseFile file) {
        return reports.findByTrackingNumber(file.getTrackingNumber()).map(RiskKind::details).orElse(null);
    }

    static Map<String, Object> details(RiskReport r) {
        Severity severity = r.getVerifiedSeverity() != null ? r.getVerifiedSeverity() : r.getReportedSeverity();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", r.getType().name());
        details.put("typeName", r.getType().label());
        details.put("reportedSeverity", r.getReportedSeverity().name());
        details.put("reportedPeople", r.getReportedPeople());
        details.put("severity", severity.name());
        details.put("severityName", severity.label());
        details.put("peopleAffected", r.getVerifiedPeople() != null ? r.getVerifiedPeople() : r.getReportedPeople());
        details.put("vulnerable", r.isVulnerable());
        details.put("residentCount", r.getResidentIds().size());
        if (r.getLevel() != null) {
            details.put("level", r.getLevel().name());
            details.put("levelName", r.getLevel().label());
            details.put("disposalLimit", r.getDisposalLimit());
            details.put("reinspectAfter", r.getReinspectAfter());
        }
        details.put("needsJoint", r.isNeedsJoint());
        putIfSet(details, "jointRequestedAt", r.getJointRequestedAt());
        details.put("instructions", r.getInstructions());
        details.put("disposalRounds", r.getDisposalRounds());
        details.put("reinspections", r.getReinspections());
        putIfSet(details, "reinspectAt", r.getReinspectAt());
        putIfSet(details, "measures", r.getMeasures());
        return details;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** No callback survey: the grid worker's re-inspection (复查) closes the loop. */
    @Override
    public String callbackGroup() {
        return null;
    }
}
