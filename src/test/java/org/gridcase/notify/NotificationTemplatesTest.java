package org.gridcase.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class NotificationTemplatesTest {

    private final NotificationTemplates templates = new NotificationTemplates();

    /** Every placeholder of every template: the case ones, and the notice's (一键达, template NOTICE_LINK). */
    private static final Map<String, Object> FULL_MODEL = merged(Map.of(
            "trackingNumber", "SFZ-20250310-0001",
            "caseTitle", "东湖社区3号楼前垃圾堆放",
            "taskName", "处置事件",
            "dueAt", Instant.parse("2025-03-12T09:30:00Z"),
            "link", "https://gridcase.example.cn/t/abc",
            "reason", "超期未办结",
            "note", "请于本周内办结并反馈",
            "supervisionDueAt", LocalDate.of(2025, 3, 14),
            "result", "已清运并设置提示牌"),
            Map.of("title", "寒潮大风预警", "unit", "东湖社区", "kindLabel", "天气预警",
                    "confirmBy", Instant.parse("2025-03-12T10:00:00Z")));

    private static Map<String, Object> merged(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return Map.copyOf(all);
    }

    @Test
    void everyRequiredTemplateExistsAndRendersWithItsPlaceholders() {
        // Given the templates the processes use
        assertThat(templates.names()).contains("TASK_ASSIGNED", "TASK_REMINDER", "ESCALATED", "SUPERVISED",
                "SIGNOFF_REQUESTED", "SURVEY_LINK", "CASE_CLOSED");
        for (String name : templates.names()) {
            // When rendered with every placeholder the template uses
            NotificationTemplates.Rendered text = templates.render(name, FULL_MODEL);
            // Then nothing is left unreplaced and the subject is one line
            assertThat(text.subject()).doesNotContain("{", "}", "\n").isNotBlank();
            assertThat(text.body()).doesNotContain("{", "}").isNotBlank();
        }
    }

    @Test
    void placeholdersAreDocumentedPerTemplate() {
        assertThat(templates.template("TASK_ASSIGNED").placeholders())
                .isEqualTo(Set.of("trackingNumber", "caseTitle", "taskName", "dueAt", "link"));
        assertThat(templates.template("SUPERVISED").placeholders())
                .isEqualTo(Set.of("trackingNumber", "caseTitle", "taskName", "note", "supervisionDueAt", "link"));
        assertThat(templates.template("SURVEY_LINK").placeholders()).isEqualTo(Set.of("trackingNumber", "link"));
        assertThat(templates.template("CASE_CLOSED").placeholders()).isEqualTo(Set.of("trackingNumber", "result"));
    }

    @Test
    void datesAreWrittenInChineseInShanghaiTime() {
        NotificationTemplates.Rendered text = templates.render("TASK_ASSIGNED", FULL_MODEL);

        assertThat(text.body()).contains("办理时限：2025年3月12日 17:30").contains("案件编号：SFZ-20250310-0001");
        assertThat(text.subject()).isEqualTo("新任务待办理：处置事件（案件编号 SFZ-20250310-0001）");
    }

    @Test
    void surveyLinkFitsOneSmsBesidesTheLink() {
        NotificationTemplates.Rendered text = templates.render("SURVEY_LINK", FULL_MODEL);

        // 70 characters is one SMS segment; the link itself is the gateway's/short-link service's concern
        String withoutLink = text.body().strip().replace("https://gridcase.example.cn/t/abc", "");
        assertThat(withoutLink.length()).isLessThanOrEqualTo(70);
    }

    @Test
    void aPlaceholderWithoutValueIsAnError() {
        Map<String, Object> model = new HashMap<>(FULL_MODEL);
        model.remove("link");
        model.put("dueAt", null);

        assertThatThrownBy(() -> templates.render("TASK_ASSIGNED", model))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[dueAt, link]");
    }

    @Test
    void anUnknownTemplateIsAnError() {
        assertThatThrownBy(() -> templates.render("NO_SUCH", FULL_MODEL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NO_SUCH");
    }

    @Test
    void aTemplateWithoutSubjectLineIsRejected() {
        assertThatThrownBy(() -> NotificationTemplates.parse("BAD", "您好\n正文"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(NotificationTemplates.parse("OK", "\uFEFFsubject: 标题 {a}\r\n\r\n正文 {b}\r\n").body())
                .isEqualTo("正文 {b}\n");
    }

    @Test
    void replacementValuesAreTakenLiterally() {
        NotificationTemplates.Rendered text = templates.render("CASE_CLOSED",
                Map.of("trackingNumber", "X-1", "result", "费用 $1 已退还 {link}"));

        assertThat(text.body()).contains("办理结果：费用 $1 已退还 {link}");
    }

    @Test
    void errorTextMasksAddressesAndPhoneNumbers() {
        String text = ErrorText.of(new RuntimeException("550 <wangfang@example.org> rejected",
                new IllegalStateException("sms to 13812345678 refused")));

        assertThat(text).doesNotContain("wangfang@", "13812345678").contains("w***@example.org", "138****5678");
    }

    @Test
    void backoffGrowsAndIsCapped() {
        assertThat(OutboxDispatcher.backoff(1)).hasSeconds(30);
        assertThat(OutboxDispatcher.backoff(2)).hasMinutes(2);
        assertThat(OutboxDispatcher.backoff(3)).hasMinutes(10);
        assertThat(OutboxDispatcher.backoff(4)).hasHours(1);
        assertThat(OutboxDispatcher.backoff(5)).hasHours(6);
        assertThat(OutboxDispatcher.backoff(12)).hasHours(6);
    }
}
