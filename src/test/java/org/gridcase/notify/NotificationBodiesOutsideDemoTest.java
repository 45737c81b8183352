package org.gridcase.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.gridcase.notify.Notifications.Message;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outside the demo profile a body with a one-time link is never shown, not even to an administrator, and there is
 * no SMS sink: SMS stays HELD until a real gateway is deployed. A context of its own, with a named profile that is
 * not demo (so no demo town: the administrator comes from {@code gridcase.admin.*} as in production).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:notify-outside-demo;DB_CLOSE_DELAY=-1",
        "gridcase.admin.user-id=ops",
        "gridcase.admin.password=Outside-demo-1",
        "gridcase.notify.poll-millis=86400000",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("test")
@AutoConfigureMockMvc
class NotificationBodiesOutsideDemoTest {

    @Autowired
    Notifications notifications;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    Environment environment;

    @Test
    void anAdministratorOutsideDemoSeesNoBodyAndSmsIsHeld() throws Exception {
        // Given a node outside the demo profile, and a survey link for a reporter by SMS
        assertThat(environment.getActiveProfiles()).doesNotContain("demo");
        assertThat(context.getBeansOfType(DemoSmsSink.class)).isEmpty();
        tx.executeWithoutResult(s -> notifications.enqueue(new Message("survey-ND-1", Channel.SMS, "13812340001",
                null, "SURVEY_LINK", Map.of("trackingNumber", "ND-1", "link", "https://gc.example.cn/survey/secret1",
                        "expiresAt", "12月8日 18:00"), "ND-1")));

        // When the dispatcher runs
        dispatcher.dispatch();

        // Then the SMS is held (no gateway, no sink), and the administrator sees it without its body
        mvc.perform(get("/api/notifications").param("channel", "SMS").param("caseRef", "ND-1")
                        .with(httpBasic("ops", "Outside-demo-1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].status").value("HELD"))
                .andExpect(jsonPath("$.items[0].template").value("SURVEY_LINK"))
                .andExpect(jsonPath("$.items[0].body").doesNotExist())
                .andExpect(content().string(Matchers.not(Matchers.containsString("secret1"))));
    }

    @Test
    void healthSaysSmsIsNotConfiguredAndStaysUp() throws Exception {
        // Given no SMS provider on this node: the sms component is UP and says SMS is not configured
        mvc.perform(get("/actuator/health/sms").with(httpBasic("ops", "Outside-demo-1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.details.provider").value("none"))
                .andExpect(jsonPath("$.details.configured").value(false))
                .andExpect(jsonPath("$.details.message").value(Matchers.containsString("SMS not configured")))
                .andExpect(jsonPath("$.details.message").value(Matchers.containsString("HELD")));
        // And an anonymous caller sees the overall status only, no component details
        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.status").exists())
                .andExpect(jsonPath("$.components").doesNotExist())
                .andExpect(content().string(Matchers.not(Matchers.containsString("SMS not configured"))));
    }
}
