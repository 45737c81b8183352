package org.gridcase.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridcase.ItDatabase;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The metrics' SQL on MySQL/MariaDB: the rates with their handling times, a series, the light board and the
 * assessment with its wrongful returns (a correlated subquery) and its weights (a DMN evaluation, which writes decision
 * history: not in the metrics' read-only transaction). Runs with {@code ./mvnw -Pmysql-it verify}; passes on a database
 * left over from an earlier run (the case's actor is new each run, its month one no other test uses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "gridcase.notify.poll-millis=3600000",
        "gridcase.registry.index-poll-millis=3600000"})
@ActiveProfiles({"mysql", "demo"})
class MetricsMysqlIT extends CaseHistoryTest {

    private static final String GRID = "SFZ-C01-G01";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ItDatabase.register(registry);
    }

    @Test
    void everyMetricAnswersOnMysqlWithHandlingTimesAndWrongfulReturns() {
        String actor = "it-" + Long.toString(System.currentTimeMillis(), 36);
        // Monday 2035-05-07 09:00 → Tuesday 10:00 (no 2035 schedule: Monday to Friday): 25 h = 1.04 working days
        String tn = open("2035-05-07T09:00", CaseKind.REQUEST, GRID, "MySQL 统计测试");
        in("2035-05-07T09:10", () -> cases.route(tn, GRID, null, "area-" + GRID, "chenxiaoyan",
                CaseEventType.DISPATCHED, "派单"));
        in("2035-05-07T10:00", () -> cases.status(tn, CaseStatus.REDISPATCHING, actor, CaseEventType.RETURNED,
                "不属本网格"));
        in("2035-05-07T11:00", () -> cases.route(tn, GRID, null, "area-" + GRID, "chenxiaoyan",
                CaseEventType.REDISPATCHED, "属本网格，退回原网格"));
        in("2035-05-08T09:00", () -> cases.record(tn, actor, CaseEventType.HANDLED, "已办理"));
        in("2035-05-08T10:00", () -> cases.status(tn, CaseStatus.CLOSED, "admin", CaseEventType.CLOSED, "办结"));
        clock("2035-06-01T10:00");

        JsonNode rates = ok(get("admin", "/api/metrics/rates?from=2035-05-07&to=2035-05-07&area=" + GRID));
        assertThat(rates.path("closed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(rates.path("handlingDaysP90").asDouble()).isEqualTo(1.04);
        JsonNode series = ok(get("admin", "/api/metrics/rates/series?from=2035-05-01&to=2035-05-31&period=week"));
        assertThat(series.path("points").size()).isEqualTo(5);
        assertThat(ok(get("admin", "/api/metrics/lights")).path("counts").has("RED")).isTrue();

        JsonNode rows = ok(get("admin", "/api/metrics/assessment?month=2035-05")).path("rows");
        JsonNode mine = null;
        for (JsonNode row : rows) {
            if (actor.equals(row.path("code").asText())) {
                mine = row;
            }
        }
        assertThat(mine).as("the assessment row of %s in %s", actor, rows).isNotNull();
        assertThat(mine.path("handled").asLong()).isEqualTo(1);
        assertThat(mine.path("wrongfulReturns").asLong()).isEqualTo(1);
    }
}
