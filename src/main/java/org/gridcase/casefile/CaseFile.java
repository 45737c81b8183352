package org.gridcase.casefile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.NaturalId;
import org.gridcase.support.BusinessClock;

/** The record every case of every kind has: one row, written in the engine's transaction. */
@Entity
@Table(name = "case_file")
public class CaseFile {

    // The lengths of the text columns: the single source for @Column, V4__casefile.sql (ColumnLengthsTest holds the
    // two together) and every check of what staff or callers send.
    public static final int TRACKING_NUMBER_LENGTH = 32;
    public static final int CATEGORY_LENGTH = 64;
    public static final int DESCRIPTION_LENGTH = 4000;
    public static final int ADDRESS_LENGTH = 255;
    public static final int CODE_LENGTH = 64;
    public static final int REPORTER_NAME_LENGTH = 64;
    public static final int REPORTER_PHONE_LENGTH = 32;
    public static final int REPORTER_EMAIL_LENGTH = 128;
    public static final int EXTERNAL_ID_LENGTH = 128;
    /** SHA-256 in hex of the normalised request that came with an external id. */
    public static final int FINGERPRINT_LENGTH = 64;
    /**
     * A note that staff write (withdrawal reason, supervision order, verification, sign-off): the limit of every form
     * field and server check of such a note. The outcome column keeps the note alone; labels go to the timeline.
     */
    public static final int NOTE_LENGTH = 1000;
    public static final int OUTCOME_NOTE_LENGTH = NOTE_LENGTH;
    public static final int SURVEY_RESOLVED_LENGTH = 8;

    /** What counts as the first response to a case (响应): staff verified, dispatched, handled or answered it. */
    static final java.util.Set<CaseEventType> RESPONSES = java.util.EnumSet.of(CaseEventType.VERIFIED,
            CaseEventType.DISPATCHED, CaseEventType.HANDLED, CaseEventType.ANSWERED);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** Immutable: inside a transaction the case is found by it from the persistence context (see Cases#find). */
    @NaturalId
    @Column(name = "tracking_number", nullable = false, unique = true, length = TRACKING_NUMBER_LENGTH)
    private String trackingNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CaseKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Channel channel;

    @Column(nullable = false, length = CATEGORY_LENGTH)
    private String category;

    @Column(nullable = false, length = DESCRIPTION_LENGTH)
    private String description;

    private Double lat;
    private Double lng;

    @Column(length = ADDRESS_LENGTH)
    private String address;

    @Column(name = "grid_code", length = CODE_LENGTH)
    private String gridCode;

    @Column(name = "department_code", length = CODE_LENGTH)
    private String departmentCode;

    @Column(name = "reporter_name", length = REPORTER_NAME_LENGTH)
    private String reporterName;

    @Column(name = "reporter_phone", length = REPORTER_PHONE_LENGTH)
    private String reporterPhone;

    @Column(name = "reporter_email", length = REPORTER_EMAIL_LENGTH)
    private String reporterEmail;

    /** The searchable key of the reporter's phone ({@link PhoneKeys}); null without a phone. */
    @Column(name = "reporter_phone_key", length = PhoneKeys.KEY_LENGTH)
    private String reporterPhoneKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Urgency urgency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CaseStatus status;

    @Column(name = "handler_group", length = 80)
    private String handlerGroup;

    @Column(name = "response_due_at")
    private Instant responseDueAt;

    @Column(name = "handling_due_at")
    private Instant handlingDueAt;

    @Column(name = "yellow_at")
    private Instant yellowAt;

    @Column(nullable = false)
    private boolean supervised;

    @Column(name = "supervision_due_at")
    private Instant supervisionDueAt;

    @Column(name = "escalation_level", nullable = false)
    private int escalationLevel;

    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;

    @Column(length = 24)
    private String satisfaction;

    @Column(name = "outcome_note", length = OUTCOME_NOTE_LENGTH)
    private String outcomeNote;

    @Column(name = "merged_into", length = TRACKING_NUMBER_LENGTH)
    private String mergedInto;

    @Column(name = "external_id", length = EXTERNAL_ID_LENGTH, unique = true)
    private String externalId;

    @Column(name = "external_fingerprint", length = FINGERPRINT_LENGTH)
    private String externalFingerprint;

    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Column(name = "created_by", length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "responded_at")
    private Instant respondedAt;

    @Column(name = "responded_on_time")
    private Boolean respondedOnTime;

    @Column(name = "closed_on_time")
    private Boolean closedOnTime;

    @Column(nullable = false)
    private boolean reopened;

    /** The last survey's answer to "is it solved": {@code YES}, {@code NO} or {@code PARTLY}; null when not asked. */
    @Column(name = "survey_resolved", length = SURVEY_RESOLVED_LENGTH)
    private String surveyResolved;

    /**
     * From registration to the finish, in working days ({@code WorkingCalendar#workingDaysBetween}, two decimals);
     * null while open. The rates' average and 90th percentile handling time read it.
     */
    @Column(name = "handling_working_days", precision = 9, scale = 2)
    private BigDecimal handlingWorkingDays;

    @Version
    private long version;

    protected CaseFile() {
    }

    CaseFile(String trackingNumber, CaseKind kind, NewCase input, String createdBy) {
        this.trackingNumber = trackingNumber;
        this.kind = kind;
        this.channel = input.channel();
        this.category = input.category();
        this.description = input.description();
        this.lat = input.lat();
        this.lng = input.lng();
        this.address = input.address();
        this.gridCode = input.gridCode();
        this.reporterName = input.reporterName();
        this.reporterPhone = input.reporterPhone();
        this.reporterPhoneKey = PhoneKeys.key(input.reporterPhone()).orElse(null);
        this.reporterEmail = input.reporterEmail();
        this.urgency = input.urgency();
        this.externalId = input.externalId();
        this.externalFingerprint = input.externalFingerprint();
        this.createdBy = createdBy;
        this.status = CaseStatus.REGISTERED;
    }

    @PrePersist
    void onCreate() {
        createdAt = BusinessClock.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = BusinessClock.now();
    }

    /** How long the case took, in working days, when it finished (kept with two decimals). */
    void handlingTime(double workingDays) {
        handlingWorkingDays = BigDecimal.valueOf(workingDays).setScale(2, RoundingMode.HALF_UP);
    }

    /** The light at a moment: derived from the deadlines, never stored. */
    public Light lightAt(Instant now) {
        if (status.finished() || handlingDueAt == null) {
            return Light.NONE;
        }
        if (!now.isBefore(handlingDueAt)) {
            return Light.RED;
        }
        return yellowAt != null && !now.isBefore(yellowAt) ? Light.YELLOW : Light.GREEN;
    }

    void status(CaseStatus status) {
        this.status = status;
        if (status.finished()) {
            closedAt = BusinessClock.now();
            closedOnTime = handlingDueAt == null || !closedAt.isAfter(handlingDueAt);
        }
    }

    /**
     * Keeps the facts the rates need as the timeline grows: the first response and whether it was within the
     * response limit in force then; whether the case was ever reopened.
     */
    void happened(CaseEventType type, Instant at) {
        if (respondedAt == null && RESPONSES.contains(type)) {
            respondedAt = at;
            respondedOnTime = responseDueAt == null || !at.isAfter(responseDueAt);
        }
        if (type == CaseEventType.REOPENED) {
            reopened = true;
        }
    }

    void route(String gridCode, String departmentCode, String handlerGroup) {
        if (gridCode != null) {
            this.gridCode = gridCode;
        }
        this.departmentCode = departmentCode;
        this.handlerGroup = handlerGroup;
    }

    void deadlines(Instant responseDueAt, Instant handlingDueAt, Instant yellowAt) {
        if (responseDueAt != null) {
            this.responseDueAt = responseDueAt;
        }
        this.handlingDueAt = handlingDueAt;
        this.yellowAt = yellowAt;
    }

    void escalationLevel(int level) {
        this.escalationLevel = level;
    }

    void supervise(Instant dueAt) {
        this.supervised = true;
        if (dueAt != null) {
            this.supervisionDueAt = dueAt;
        }
    }

    void reopen() {
        this.reopenCount++;
        this.satisfaction = null;
        this.surveyResolved = null;
    }

    void satisfaction(String satisfaction, String surveyResolved) {
        this.satisfaction = satisfaction;
        this.surveyResolved = surveyResolved;
    }

    /** The outcome in short; the timeline keeps the full text (checks keep notes within the column anyway). */
    void outcome(String note) {
        this.outcomeNote = note == null || note.length() <= OUTCOME_NOTE_LENGTH ? note
                : note.substring(0, OUTCOME_NOTE_LENGTH);
    }

    void mergeInto(String trackingNumber) {
        this.mergedInto = trackingNumber;
    }

    void processInstance(String id) {
        this.processInstanceId = id;
    }

    public Long getId() { return id; }
    public String getTrackingNumber() { return trackingNumber; }
    public CaseKind getKind() { return kind; }
    public Channel getChannel() { return channel; }
    public String getCategory() { return category; }
    public String getDescription() { return description; }
    public Double getLat() { return lat; }
    public Double getLng() { return lng; }
    public String getAddress() { return address; }
    public String getGridCode() { return gridCode; }
    public String getDepartmentCode() { return departmentCode; }
    public String getReporterName() { return reporterName; }
    public String getReporterPhone() { return reporterPhone; }
    String getReporterPhoneKey() { return reporterPhoneKey; }
    public String getReporterEmail() { return reporterEmail; }
    public Urgency getUrgency() { return urgency; }
    public CaseStatus getStatus() { return status; }
    public String getHandlerGroup() { return handlerGroup; }
    public Instant getResponseDueAt() { return responseDueAt; }
    public Instant getHandlingDueAt() { return handlingDueAt; }
    public Instant getYellowAt() { return yellowAt; }
    public boolean isSupervised() { return supervised; }
    public Instant getSupervisionDueAt() { return supervisionDueAt; }
    public int getEscalationLevel() { return escalationLevel; }
    public int getReopenCount() { return reopenCount; }
    public String getSatisfaction() { return satisfaction; }
    public String getOutcomeNote() { return outcomeNote; }
    public String getMergedInto() { return mergedInto; }
    public String getExternalId() { return externalId; }
    public String getExternalFingerprint() { return externalFingerprint; }
    public String getProcessInstanceId() { return processInstanceId; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getClosedAt() { return closedAt; }
    public BigDecimal getHandlingWorkingDays() { return handlingWorkingDays; }
    public Instant getRespondedAt() { return respondedAt; }
    public Boolean getRespondedOnTime() { return respondedOnTime; }
    public Boolean getClosedOnTime() { return closedOnTime; }
    public boolean isReopened() { return reopened; }
    public String getSurveyResolved() { return surveyResolved; }
}
