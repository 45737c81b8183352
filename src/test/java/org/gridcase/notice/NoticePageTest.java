package org.gridcase.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The public page behind a notice's link: no login, the notice and its sender unit, a 「我已知晓」 button that works
 * once and harmlessly again, nothing of any resident or staff member; an unknown link and the link of a finished
 * notice show a friendly page and no notice (404).
 */
class NoticePageTest extends NoticeTestBase {

    @Test
    void aHouseholdReadsTheNoticeAndConfirmsItOnce() {
        // Given a notice to 西河村 grid 1 with markup in its text
        Map<String, Object> body = notice("寒潮预警", List.of(WEST_RIVER_G1));
        body.put("text", "明晨最低气温零下15度。\n请检查取暖设施 <script>alert(1)</script>");
        long id = send(TOWN_LEADER, body);
        fanOut(id);
        String token = tokens(id).get("13700000109"); // 周德福

        // When the resident opens the link, without logging in
        ResponseEntity<String> page = rest.getForEntity("/notice/" + token, String.class);

        // Then the page shows the notice, its kind and sender unit and the button, escaped, nothing personal
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().toString()).contains("text/html", "UTF-8");
        assertThat(page.getBody()).contains("lang=\"zh-CN\"", "name=\"viewport\"", "寒潮预警", "明晨最低气温零下15度",
                "&lt;script&gt;", "天气预警", "发布单位：示范镇", "我已知晓", "<form method=\"post\">")
                .doesNotContain("<script>");
        assertNoPersonalData(page.getBody());

        // When he confirms, and again (a double tap, the back button)
        ResponseEntity<String> confirmed = confirmByLink(token);
        ResponseEntity<String> again = confirmByLink(token);

        // Then both say so, the page no longer offers the button, and one receipt by link is counted
        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(confirmed.getBody()).contains("您已确认知晓").doesNotContain("<button");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).contains("您已确认知晓");
        assertThat(rest.getForEntity("/notice/" + token, String.class).getBody()).contains("您已确认知晓");
        assertNoPersonalData(confirmed.getBody());
        var counts = detail(TOWN_LEADER, id).path("counts");
        assertThat(counts.path("confirmedByLink").asInt()).isEqualTo(1);
        assertThat(counts.path("confirmed").asInt()).isEqualTo(1);
        assertThat(counts.path("awarenessRate").asDouble()).isEqualTo(0.5);

        // And once the notice is done, the link shows nothing of it
        confirmByLink(tokens(id).get("13700000110"));
        passConfirmBy(id);
        assertThat(state(id)).isEqualTo("DONE");
        ResponseEntity<String> finished = rest.getForEntity("/notice/" + token, String.class);
        assertThat(finished.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(finished.getBody()).contains("链接已失效", "不存在或已失效").doesNotContain("寒潮预警", "零下15度");
        assertThat(confirmByLink(token).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        instances.assertNothingLeftBehind(NoticeProcess.businessKey(id));
    }

    @Test
    void anUnknownLinkShowsAFriendlyPageAndNoNotice() {
        ResponseEntity<String> unknown = rest.getForEntity("/notice/not-a-real-token-0123456789", String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).contains("lang=\"zh-CN\"", "该通知链接不存在或已失效", "网格员");
        assertThat(confirmByLink("x".repeat(300)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** No resident's name, masked or not, no phone, no staff name or login, no codes. */
    private static void assertNoPersonalData(String html) {
        assertThat(html).doesNotContain("周德福", "周*", "吴晓丽", "吴*", "13700000109", "137****0109", "李振华",
                TOWN_LEADER, "SFZ-", "area-");
    }
}
