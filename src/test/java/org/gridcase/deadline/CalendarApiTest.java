package org.gridcase.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The calendar's REST API, its database seed and its health indicator, on the full application. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:calendar-api;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class CalendarApiTest {

    static final ZonedDateTime TODAY = ZonedDateTime.parse("2026-11-24T10:00:00+08:00[Asia/Shanghai]");

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(TODAY);
        }
    }

    private static final RequestPostProcessor GRID_WORKER = httpBasic("zhangwei", "demo");
    private static final RequestPostProcessor PROCESS_OWNER = httpBasic("zhongwen", "demo");
    private static final RequestPostProcessor ADMIN = httpBasic("admin", "demo");

    private static final String SCHEDULE_2027 = """
            {"publishedBy": "国办发明电〔2026〕8号",
             "holidays": [
               {"from": "2027-01-01", "to": "2027-01-03", "name": "元旦"},
               {"from": "2027-05-01", "to": "2027-05-05", "name": "劳动节", "note": "测试"}
             ],
             "makeupWorkdays": [{"date": "2027-04-25", "name": "劳动节"}]}
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkingCalendar calendar;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.set(TODAY);
    }

    @Test
    void seededScheduleMatchesTheStateCouncilNotices() {
        WorkingDays expected = new WorkingDays(OfficialSchedules.of2025And2026(), Set.of(2025, 2026), y -> {
        });

        LocalDate.of(2025, 1, 1).datesUntil(LocalDate.of(2027, 1, 1))
                .forEach(d -> assertThat(calendar.describe(d)).as(d.toString()).isEqualTo(expected.describe(d)));
        assertThat(calendar.years()).filteredOn(y -> y.year() <= 2026).extracting(YearSummary::year,
                YearSummary::publishedBy, YearSummary::holidays, YearSummary::makeupWorkdays).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2025, "国办发明电〔2024〕12号", 28, 5),
                        org.assertj.core.groups.Tuple.tuple(2026, "国务院办公厅通知（2025年11月4日）", 33, 6));
    }

    @Test
    void addWorkingDaysAnswersTheDueTimeInShanghai() throws Exception {
        mvc.perform(get("/api/calendar/add-working-days").param("from", "2026-09-30T10:00+08:00").param("days", "1")
                        .with(GRID_WORKER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.due").value("2026-10-08T10:00:00+08:00"));
        // given in UTC: 2026-02-13T16:30Z is Saturday 00:30 in Shanghai, a make-up working day
        mvc.perform(get("/api/calendar/add-working-days").param("from", "2026-02-13T16:30:00Z").param("days", "1")
                        .with(GRID_WORKER))
                .andExpect(jsonPath("$.due").value("2026-02-24T00:30:00+08:00"));
        // an unencoded '+' arrives as a space
        mvc.perform(get("/api/calendar/add-working-days").param("from", "2025-12-31T17:00 08:00").param("days", "1")
                        .with(GRID_WORKER))
                .andExpect(jsonPath("$.due").value("2026-01-04T17:00:00+08:00"));
    }

    @Test
    void addWorkingDaysNamesEachBadParameter() throws Exception {
        expectBadParameter(Map.of("days", "1"), "from");
        expectBadParameter(Map.of("from", "2026-09-30T10:00", "days", "1"), "from");
        expectBadParameter(Map.of("from", "yesterday", "days", "1"), "from");
        expectBadParameter(Map.of("from", "2026-09-30T10:00+08:00"), "days");
        expectBadParameter(Map.of("from", "2026-09-30T10:00+08:00", "days", "-1"), "days");
        expectBadParameter(Map.of("from", "2026-09-30T10:00+08:00", "days", "3651"), "days");
        expectBadParameter(Map.of("from", "2026-09-30T10:00+08:00", "days", "five"), "days");
        mvc.perform(get("/api/calendar/add-working-days").with(GRID_WORKER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItems("from", "days")));
    }

    private void expectBadParameter(Map<String, String> params, String field) throws Exception {
        var request = get("/api/calendar/add-working-days").with(GRID_WORKER);
        params.forEach(request::param);
        mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    @Test
    void readingNeedsALogin() throws Exception {
        mvc.perform(get("/api/calendar/days/2026-02-14")).andExpect(status().isUnauthorized());
    }

    @Test
    void dayDescribesMakeupDaysHolidaysAndYearsWithoutSchedule() throws Exception {
        mvc.perform(get("/api/calendar/days/2026-02-14").with(GRID_WORKER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.date").value("2026-02-14"))
                .andExpect(jsonPath("$.workingDay").value(true))
                .andExpect(jsonPath("$.reason").value("MAKEUP_WORKDAY"))
                .andExpect(jsonPath("$.description").value("调休上班：春节"))
                .andExpect(jsonPath("$.scheduleLoaded").value(true));
        mvc.perform(get("/api/calendar/days/2025-10-08").with(GRID_WORKER))
                .andExpect(jsonPath("$.workingDay").value(false))
                .andExpect(jsonPath("$.reason").value("HOLIDAY"))
                .andExpect(jsonPath("$.description").value("法定节假日：国庆节、中秋节"));
        mvc.perform(get("/api/calendar/days/2030-01-02").with(GRID_WORKER))
                .andExpect(jsonPath("$.workingDay").value(true))
                .andExpect(jsonPath("$.reason").value("WEEKDAY_NO_SCHEDULE"))
                .andExpect(jsonPath("$.description").value("该年度节假日安排未导入，按周一至周五计算"))
                .andExpect(jsonPath("$.scheduleLoaded").value(false));
        mvc.perform(get("/api/calendar/days/2026-13-01").with(GRID_WORKER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("date"));
    }

    @Test
    void processOwnerLoadsNextYearAndTheCalendarFollowsAtOnce() throws Exception {
        // Given 2027 has no schedule: Friday Jan 1 counts as a working day
        // When the process owner loads the 2027 notice
        mvc.perform(put("/api/calendar/years/2027").with(PROCESS_OWNER).contentType(MediaType.APPLICATION_JSON)
                        .content(SCHEDULE_2027))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.year").value(2027))
                .andExpect(jsonPath("$.holidays").value(8))
                .andExpect(jsonPath("$.makeupWorkdays").value(1));

        // Then Jan 1 2027 is a holiday and the year is listed
        mvc.perform(get("/api/calendar/days/2027-01-01").with(GRID_WORKER))
                .andExpect(jsonPath("$.workingDay").value(false))
                .andExpect(jsonPath("$.reason").value("HOLIDAY"))
                .andExpect(jsonPath("$.description").value("法定节假日：元旦"))
                .andExpect(jsonPath("$.scheduleLoaded").value(true));
        mvc.perform(get("/api/calendar/years").with(GRID_WORKER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].year", hasItems(2025, 2026, 2027)))
                .andExpect(jsonPath("$[?(@.year == 2027)].publishedBy", hasItem("国办发明电〔2026〕8号")))
                .andExpect(jsonPath("$[?(@.year == 2026)].holidays", hasItem(33)));

        // And a second PUT replaces the year instead of adding to it
        mvc.perform(put("/api/calendar/years/2027").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"publishedBy": "更正", "holidays": [{"from": "2027-01-01", "to": "2027-01-01",
                                 "name": "元旦"}]}
                                """))
                .andExpect(status().isOk());
        assertThat(calendar.describe(LocalDate.of(2027, 5, 3)).reason()).isEqualTo(DayReason.WEEKDAY);
        assertThat(calendar.describe(LocalDate.of(2027, 4, 25)).reason()).isEqualTo(DayReason.WEEKEND);
        assertThat(calendar.describe(LocalDate.of(2027, 1, 1)).reason()).isEqualTo(DayReason.HOLIDAY);
    }

    @Test
    void gridWorkerMayNotLoadASchedule() throws Exception {
        mvc.perform(put("/api/calendar/years/2027").with(GRID_WORKER).contentType(MediaType.APPLICATION_JSON)
                        .content(SCHEDULE_2027))
                .andExpect(status().isForbidden());
    }

    @Test
    void invalidScheduleIsRefusedWholeAndNamesTheField() throws Exception {
        String bad = """
                {"publishedBy": "通知", "holidays": [
                  {"from": "2026-01-01", "to": "2026-01-01", "name": "元旦"},
                  {"from": "2026-02-15", "to": "2026-02-23", "name": "春节"},
                  {"from": "2026-05-05", "to": "2026-05-01", "name": "劳动节"}]}
                """;
        mvc.perform(put("/api/calendar/years/2026").with(PROCESS_OWNER).contentType(MediaType.APPLICATION_JSON)
                        .content(bad))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("holidays[2].to"));
        mvc.perform(put("/api/calendar/years/2026").with(PROCESS_OWNER).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"publishedBy": "通知", "holidays": [{"from": "2026-02-30", "to": "2026-03-01",
                                 "name": "春节"}]}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("holidays[0].from"));
        mvc.perform(put("/api/calendar/years/twenty").with(PROCESS_OWNER).contentType(MediaType.APPLICATION_JSON)
                        .content(SCHEDULE_2027))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"));
        mvc.perform(put("/api/calendar/years/2026").with(PROCESS_OWNER).contentType(MediaType.APPLICATION_JSON)
                        .content(SCHEDULE_2027))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItems("holidays[0].from", "makeupWorkdays[0].date")));

        // nothing was written: 2026 is as the State Council published it
        assertThat(calendar.describe(LocalDate.of(2026, 2, 16)).description()).isEqualTo("法定节假日：春节");
        assertThat(calendar.years()).filteredOn(y -> y.year() == 2026).singleElement()
                .extracting(YearSummary::holidays).isEqualTo(33);
    }

    @Test
    void healthIsUpWhileTodaysYearIsLoaded() throws Exception {
        // today is 2026-11-24: 2026 is loaded, next year is not due yet
        mvc.perform(get("/actuator/health/workCalendar").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.details.yearsLoaded", hasItems(2025, 2026)))
                .andExpect(jsonPath("$.details.currentYear").value(2026))
                .andExpect(jsonPath("$.details.warning").doesNotExist());
    }

    @Test
    void healthWarnsFromDecemberWhileNextYearIsMissing() throws Exception {
        calendar.replaceYear(2027, new YearSchedule("通知", List.of(new YearSchedule.HolidayRange(
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 1), "元旦", null)), List.of()));

        clock.set(ZonedDateTime.parse("2027-11-30T23:59:00+08:00[Asia/Shanghai]"));
        mvc.perform(get("/actuator/health/workCalendar").with(ADMIN))
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.details.warning").doesNotExist());

        clock.set(ZonedDateTime.parse("2027-12-01T00:00:00+08:00[Asia/Shanghai]"));
        mvc.perform(get("/actuator/health/workCalendar").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.details.warning").value("2028 年节假日安排未导入"));
    }

    @Test
    void healthIsDownWhileTodaysYearIsMissing() throws Exception {
        clock.set(ZonedDateTime.parse("2030-06-01T09:00:00+08:00[Asia/Shanghai]"));

        mvc.perform(get("/actuator/health/workCalendar").with(ADMIN))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"))
                .andExpect(jsonPath("$.details.error").value("2030 年节假日安排未导入，工作日按周一至周五计算"));
    }

    @Test
    void missingYearIsWarnedOncePerProcess(CapturedOutput output) {
        calendar.describe(LocalDate.of(2031, 3, 3));
        calendar.addWorkingDays(ZonedDateTime.parse("2031-03-03T09:00:00+08:00"), 10);

        assertThat(output.getOut().split("No holiday schedule loaded for 2031", -1)).hasSize(2);
    }
}
