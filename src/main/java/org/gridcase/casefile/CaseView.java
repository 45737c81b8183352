package org.gridcase.casefile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridcase.support.Masking;

/** A case as the API shows it; the reporter's contact details only to roles that call people back. */
public record CaseView(String trackingNumber, CaseKind kind, String kindName, Channel channel, String category,
        String description, Double lat, Double lng, String address, String gridCode, String departmentCode,
        String handlerGroup, Reporter reporter, Urgency urgency, CaseStatus status, String statusName, Light light,
        String lightName, Instant responseDueAt, Instant handlingDueAt, Instant yellowAt, boolean supervised,
        Instant supervisionDueAt, int escalationLevel, int reopenCount, String satisfaction, String outcomeNote,
        String mergedInto, String externalId, Instant createdAt, Instant closedAt, List<Event> timeline,
        Map<String, Object> details) {

    /** Groups that see reporters' names and phone numbers unmasked: those who verify and call back. */
    public static final Set<String> SEES_REPORTERS = Set.of("dispatchers", "grid-workers", "grid-leaders",
            "leaders", "camunda-admin");

    public record Reporter(String name, String phone, String email) {
    }

    public record Event(Instant at, String actor, CaseEventType type, String typeName, String note) {
    }

    public static CaseView of(CaseFile c, String kindName, List<CaseEvent> events, boolean unmasked, Instant now) {
        return of(c, kindName, events, unmasked, now, null);
    }

    /** With the kind's own facts about the case ({@link CaseKindDefinition#details}), null when it has none. */
    public static CaseView of(CaseFile c, String kindName, List<CaseEvent> events, boolean unmasked, Instant now,
            Map<String, Object> details) {
        Reporter reporter = unmasked ? new Reporter(c.getReporterName(), c.getReporterPhone(), c.getReporterEmail())
                : new Reporter(Masking.name(c.getReporterName()), Masking.phone(c.getReporterPhone()),
                        Masking.email(c.getReporterEmail()));
        Light light = c.lightAt(now);
        return new CaseView(c.getTrackingNumber(), c.getKind(), kindName, c.getChannel(), c.getCategory(),
                c.getDescription(), c.getLat(), c.getLng(), c.getAddress(), c.getGridCode(), c.getDepartmentCode(),
                c.getHandlerGroup(), reporter, c.getUrgency(), c.getStatus(), c.getStatus().label(), light,
                light.label(), c.getResponseDueAt(), c.getHandlingDueAt(), c.getYellowAt(), c.isSupervised(),
                c.getSupervisionDueAt(), c.getEscalationLevel(), c.getReopenCount(), c.getSatisfaction(),
                c.getOutcomeNote(), c.getMergedInto(), c.getExternalId(), c.getCreatedAt(), c.getClosedAt(),
                events == null ? null : events.stream().map(e -> new Event(e.getAt(), e.getActor(), e.getType(),
                        e.getType().label(), e.getNote())).toList(), details);
    }
}
