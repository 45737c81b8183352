package org.gridcase.risk;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.gridcase.casefile.CaseFile;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * What a risk report (风险隐患) keeps beyond the case record: the reporter's view, the verified view and its grade,
 * the leaders' instructions counted, the measures taken. One row per case of kind RISK.
 */
@Entity
@Table(name = "risk_report")
class RiskReport {

    // column lengths: the single source for @Column, V10__risk_report.sql (ColumnLengthsTest) and the form checks
    static final int TYPE_LENGTH = 16;
    static final int SEVERITY_LENGTH = 16;
    static final int LEVEL_LENGTH = 8;
    static final int LIMIT_LENGTH = 32;
    static final int MEASURES_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id", nullable = false, unique = true)
    private CaseFile caseFile;

    @Column(name = "tracking_number", nullable = false, unique = true, length = CaseFile.TRACKING_NUMBER_LENGTH)
    private String trackingNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_type", nullable = false, length = TYPE_LENGTH)
    private RiskType type;

    @Enumerated(EnumType.STRING)
    @Column(name = "reported_severity", nullable = false, length = SEVERITY_LENGTH)
    private Severity reportedSeverity;

    @Column(name = "reported_people", nullable = false)
    private int reportedPeople;

    @Enumerated(EnumType.STRING)
    @Column(name = "verified_severity", length = SEVERITY_LENGTH)
    private Severity verifiedSeverity;

    @Column(name = "verified_people")
    private Integer verifiedPeople;

    @Column(nullable = false)
    private boolean vulnerable;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level", length = LEVEL_LENGTH)
    private RiskLevel level;

    @Column(name = "disposal_limit", length = LIMIT_LENGTH)
    private String disposalLimit;

    @Column(name = "reinspect_after", length = LIMIT_LENGTH)
    private String reinspectAfter;

    @Column(name = "needs_joint", nullable = false)
    private boolean needsJoint;

    @Column(name = "joint_requested_at")
    private Instant jointRequestedAt;

    @Column(nullable = false)
    private int instructions;

    @Column(name = "disposal_rounds", nullable = false)
    private int disposalRounds;

    @Column(nullable = false)
    private int reinspections;

    @Column(length = MEASURES_LENGTH)
    private String measures;

    @Column(name = "graded_at")
    private Instant gradedAt;

    @Column(name = "reinspect_at")
    private Instant reinspectAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "risk_report_resident", joinColumns = @JoinColumn(name = "risk_report_id"))
    @Column(name = "resident_id", nullable = false)
    private Set<Long> residentIds = new TreeSet<>();

    @Version
    private long version;

    protected RiskReport() {
    }

    RiskReport(CaseFile caseFile, RiskType type, Severity severity, int peopleAffected, Collection<Long> residentIds,
            boolean vulnerable) {
        this.caseFile = caseFile;
        this.trackingNumber = caseFile.getTrackingNumber();
        this.type = type;
        this.reportedSeverity = severity;
        this.reportedPeople = peopleAffected;
        this.residentIds.addAll(residentIds);
        this.vulnerable = vulnerable;
    }

    void graded(Severity severity, int people, boolean vulnerable, RiskLevel level, String disposalLimit,
            String reinspectAfter, boolean needsJoint, Instant at) {
        this.verifiedSeverity = severity;
        this.verifiedPeople = people;
        this.vulnerable = vulnerable;
        this.level = level;
        this.disposalLimit = disposalLimit;
        this.reinspectAfter = reinspectAfter;
        this.needsJoint = needsJoint;
        this.gradedAt = at;
    }

    void jointRequested(Instant at) {
        this.jointRequestedAt = at;
    }

    void instructed() {
        this.instructions++;
    }

    /** One round of disposal done; the measures of every round are kept, the latest last. */
    void disposed(String roundMeasures) {
        this.disposalRounds++;
        String line = disposalRounds > 1 ? "第 " + disposalRounds + " 次处置：" + roundMeasures : roundMeasures;
        String all = measures == null ? line : measures + "\n" + line;
        // the latest measures matter most: an overlong history loses its oldest lines
        this.measures = all.length() <= MEASURES_LENGTH ? all : all.substring(all.length() - MEASURES_LENGTH);
    }

    void reinspectionDue(Instant at) {
        this.reinspectAt = at;
    }

    void reinspected() {
        this.reinspections++;
    }

    Long getId() { return id; }
    CaseFile getCaseFile() { return caseFile; }
    String getTrackingNumber() { return trackingNumber; }
    RiskType getType() { return type; }
    Severity getReportedSeverity() { return reportedSeverity; }
    int getReportedPeople() { return reportedPeople; }
    Severity getVerifiedSeverity() { return verifiedSeverity; }
    Integer getVerifiedPeople() { return verifiedPeople; }
    boolean isVulnerable() { return vulnerable; }
    RiskLevel getLevel() { return level; }
    String getDisposalLimit() { return disposalLimit; }
    String getReinspectAfter() { return reinspectAfter; }
    boolean isNeedsJoint() { return needsJoint; }
    Instant getJointRequestedAt() { return jointRequestedAt; }
    int getInstructions() { return instructions; }
    int getDisposalRounds() { return disposalRounds; }
    int getReinspections() { return reinspections; }
    String getMeasures() { return measures; }
    Instant getGradedAt() { return gradedAt; }
    Instant getReinspectAt() { return reinspectAt; }
    Set<Long> getResidentIds() { return Set.copyOf(residentIds); }
}
