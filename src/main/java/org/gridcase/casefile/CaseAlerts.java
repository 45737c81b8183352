package org.gridcase.casefile;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.gridcase.notify.Channel;
import org.gridcase.notify.Notifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Tells people about a case through the outbox: every member of a handler group by email, the reporter by SMS
 * (and email when given). The dedup key makes a repeated engine job enqueue each message once.
 */
@Service
public class CaseAlerts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final Notifications notifications;
    private final IdentityService identityService;
    private final String tasklistUrl;
    private final CaseKinds kinds;

    CaseAlerts(Notifications notifications, IdentityService identityService, CaseKinds kinds,
            @Value("${gridcase.public-url:http://localhost:8080}") String publicUrl) {
        this.notifications = notifications;
        this.identityService = identityService;
        this.kinds = kinds;
        this.tasklistUrl = publicUrl.replaceAll("/+$", "") + "/camunda/app/tasklist/";
    }

    /** Every member of the group with an email address; {@code occasion} tells repeated alerts apart. */
    public void toGroup(String groupId, String template, CaseFile file, String occasion, Map<String, Object> extra) {
        if (groupId == null) {
            return;
        }
        for (User user : identityService.createUserQuery().memberOfGroup(groupId).list()) {
            if (user.getEmail() == null || user.getEmail().isBlank()) {
                continue;
            }
            Map<String, Object> model = model(file, extra);
            model.put("recipientName", ((user.getFirstName() == null ? "" : user.getFirstName())
                    + (user.getLastName() == null ? "" : user.getLastName())).strip());
            notifications.enqueue(new Notifications.Message(
                    key(file, template, occasion, user.getId()), Channel.EMAIL, user.getEmail(), user.getId(),
                    template, model, file.getTrackingNumber()));
        }
    }

    /** The reporter: SMS to the phone, and email when given. */
    public void toReporter(String template, CaseFile file, String occasion, Map<String, Object> extra) {
        Map<String, Object> model = model(file, extra);
        model.put("recipientName", file.getReporterName() == null ? "" : file.getReporterName());
        if (file.getReporterPhone() != null) {
            notifications.enqueue(new Notifications.Message(key(file, template, occasion, "sms"), Channel.SMS,
                    file.getReporterPhone(), null, template, model, file.getTrackingNumber()));
        }
        if (file.getReporterEmail() != null) {
            notifications.enqueue(new Notifications.Message(key(file, template, occasion, "mail"), Channel.EMAIL,
                    file.getReporterEmail(), null, template, model, file.getTrackingNumber()));
        }
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private Map<String, Object> model(CaseFile file, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>();
        String description = file.getDescription();
        CaseKindDefinition kind = kinds.of(file);
        model.put("caseTitle", kind.noun() + "：" + (description.length() > 30
                ? description.substring(0, 30) + "…" : description));
        model.put("taskName", kind.handlingTaskName());
        model.put("link", tasklistUrl);
        model.put("reason", "");
        model.put("result", file.getStatus().label()
                + (file.getOutcomeNote() == null ? "" : "，" + file.getOutcomeNote()));
        model.put("trackingNumber", file.getTrackingNumber());
        model.put("kind", kind.noun());
        model.put("category", file.getCategory());
        model.put("description", file.getDescription());
        model.put("dueAt", time(file.getHandlingDueAt()));
        if (extra != null) {
            model.putAll(extra);
        }
        return model;
    }

    private static String key(CaseFile file, String template, String occasion, String who) {
        return file.getTrackingNumber() + ":" + template + ":" + occasion + ":" + who;
    }
}
