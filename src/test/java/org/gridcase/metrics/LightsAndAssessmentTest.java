package org.gridcase.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.registry.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The light board and the assessment on hand-made cases of June 2033 (a month no other test uses), written through
 * the case record's own service. The board's cases are the education office's (教育办, a department no other test
 * uses), so its counts are exact; the board is asked on 2033-06-20 10:00 Shanghai.
 * <pre>
 * board  grid     accountable (handler group)   deadlines (handling / yellow)    ladder  supervised  light now
 * B1     C02-G02  the grid (area-SFZ-C02-G02)    06-18 10:00 / 06-17              2       yes         RED, 2880 min
 * B2     C02-G03  the office (dept-EDUCATION)    06-20 09:00 / 06-19              1       no          RED, 60 min
 * B3     C02-G02  the office                     06-21 10:00 / 06-20 08:00        0       no          YELLOW
 * B4     C02-G03  the office                     06-25 10:00 / 06-24              0       yes         GREEN
 * B5     C02-G02  the office                     closed                           -       -           not on the board
 * B6     C02-G02  the office                     no deadline yet                  -       -           not on the board
 * (the assessment's cases below are all closed on 06-18, so they are not on the board either)
 * </pre>
 * → counts GREEN 1, YELLOW 1, RED 2; supervised 2; order B1 B2 B3 B4 (most overdue first, then nearest deadline).
 * <pre>
 * assessment  grid     handled by (last HANDLED)        handling deadline   survey (last)      other
 * A1          C02-G02  zhenghao 06-03                   06-05               SATISFIED
 * A2          C02-G02  zhenghao 06-07 (late)            06-05               BASICALLY_SATISFIED
 * A3          C02-G02  zhenghao 06-08, reopened, again  06-14 (after the    SATISFIED          reopened
 *                      zhenghao 06-12                   reopen)
 * A4          C02-G02  zhenghao 06-10                   06-15               NOT_REACHED        supervised
 * R1          C02-G02  dispatched to C02-G02, returned by zhenghao 06-11, re-dispatched to C02-G03 (a rightful
 *                      return), handled by gaojing 06-13 (due 06-20)
 * R2          C02-G02  dispatched to C02-G02, returned by zhenghao 06-12, re-dispatched straight back to C02-G02 (a
 *                      wrongful return), returned again 06-13 and not re-dispatched yet (not judged); never handled
 * D1          C02-G03  tangmin 06-15 (late), office's   06-14               UNSATISFIED
 * D2          C02-G03  tangmin 06-16, office's          06-20               SATISFIED          supervised
 * M1          C02-G02  zhenghao 05-31                   -                   -                  May's, not June's
 * </pre>
 * Weights (assessment-weights.dmn): on time 0.4, satisfaction 0.4, not reopened 0.2; 2 points a return, 5 a
 * supervised case.
 * <ul>
 * <li>zhenghao: handled 4 (A1–A4); on time 3 (not A2) → 0.75; reached 3 (A1 A2 A3), satisfied 3 → 1.0; reopened 1
 * (A3) → 0.25; wrongful returns 1 (R2's first); supervised 1 (A4). Score 100 × (0.4 × 0.75 + 0.4 × 1 + 0.2 × 0.75) − 2 − 5 = 78.</li>
 * <li>gaojing: handled 1 (R1), on time → 1.0; nobody surveyed → satisfaction null, its weight drops out; reopened 0
 * → 0. Score 100 × (0.4 × 1 + 0.2 × 1) / 0.6 = 100.</li>
 * <li>tangmin and the education office (D1 D2): handled 2, on time 1 → 0.5; reached 2, satisfied 1 → 0.5; reopened
 * 0; supervised 1 (D2). Score 100 × (0.4 × 0.5 + 0.4 × 0.5 + 0.2 × 1) − 5 = 55.</li>
 * </ul>
 */
class LightsAndAssessmentTest extends CaseHistoryTest {

    private static final String G02 = "SFZ-C02-G02";
    private static final String G03 = "SFZ-C02-G03";
    private static final String OFFICE = "EDUCATION";
    private static final String OFFICE_GROUP = "dept-EDUCATION";
    private static boolean created;
    private static String b1;
    private static String b2;
    private static String b3;
    private static String b4;

    @Autowired
    Registry registry;

    @BeforeEach
    void theCasesOfJune2033() {
        if (!created) {
            createCases();
            created = true;
        }
        clock("2033-06-20T10:00");
    }

    // ---------------------------------------------------------------- light board

    @Test
    void theBoardCountsOpenCasesByLightAndSortsThemByLateness() {
        JsonNode board = ok(get("admin", "/api/metrics/lights?department=" + OFFICE));

        assertThat(board.path("counts").path("GREEN").asLong()).isEqualTo(1);
        assertThat(board.path("counts").path("YELLOW").asLong()).isEqualTo(1);
        assertThat(board.path("counts").path("RED").asLong()).isEqualTo(2);
        assertThat(board.path("supervised").asLong()).isEqualTo(2);
        assertThat(board.path("truncated").asBoolean()).isFalse();
        assertThat(board.path("cases").findValuesAsText("trackingNumber")).containsExactly(b1, b2, b3, b4);
        assertThat(board.path("cases").findValuesAsText("light")).containsExactly("RED", "RED", "YELLOW", "GREEN");
        assertThat(board.path("cases").findValuesAsText("overdueMinutes")).containsExactly("2880", "60", "0", "0");
        assertThat(board.path("cases").findValuesAsText("supervised"))
                .containsExactly("true", "false", "false", "true");
    }

    @Test
    void eachRedCaseNamesWhoIsAccountableAndTheLadderLevelReached() {
        JsonNode cases = ok(get("admin", "/api/metrics/lights?department=" + OFFICE)).path("cases");
        String gridName = registry.area(G02).orElseThrow().name();

        JsonNode first = cases.get(0);
        assertThat(first.path("handlerGroup").asText()).isEqualTo("area-" + G02);
        assertThat(first.path("handlerName").asText()).isEqualTo(gridName);
        assertThat(first.path("escalationLevel").asInt()).isEqualTo(2);
        assertThat(first.path("gridCode").asText()).isEqualTo(G02);
        assertThat(first.path("gridName").asText()).isEqualTo(gridName);
        assertThat(first.path("departmentName").asText()).isEqualTo("教育办");
        assertThat(first.path("kind").asText()).isEqualTo("REQUEST");
        assertThat(first.path("handlingDueAt").asText()).isNotBlank();
        JsonNode second = cases.get(1);
        assertThat(second.path("handlerGroup").asText()).isEqualTo(OFFICE_GROUP);
        assertThat(second.path("handlerName").asText()).isEqualTo("教育办");
        assertThat(second.path("escalationLevel").asInt()).isEqualTo(1);
        // exactly the names the dashboard reads
        assertThat(fieldNames(first)).containsExactly("trackingNumber", "kind", "categoryName", "gridCode", "gridName",
                "departmentName", "light", "handlingDueAt", "overdueMinutes", "supervised", "handlerGroup",
                "handlerName", "escalationLevel");
    }

    @Test
    void theBoardOfAnAreaIsForbiddenToWhoeverDoesNotCoverIt() {
        // sundeming leads 西河社区 (C02): his community's board holds the four open cases
        assertThat(ok(get("sundeming", "/api/metrics/lights?area=SFZ-C02")).path("cases")
                .findValuesAsText("trackingNumber")).contains(b1, b2, b3, b4);
        assertProblem(get("sundeming", "/api/metrics/lights?area=SFZ-C01"), 403);
        // zhenghao works in C02-G02 alone
        assertProblem(get("zhenghao", "/api/metrics/lights?area=SFZ-C02"), 403);
        assertThat(errorFields(assertProblem(get("admin", "/api/metrics/lights?area=NOWHERE&department=NONE"), 400)))
                .containsExactlyInAnyOrder("area", "department");
    }

    // ---------------------------------------------------------------- assessment

    @Test
    void eachWorkerIsAssessedOnTheCasesWhoseLastHandlingHeCompletedInTheMonth() {
        JsonNode assessment = ok(get("admin", "/api/metrics/assessment?month=2033-06&area=SFZ-C02"));

        assertThat(assessment.path("month").asText()).isEqualTo("2033-06");
        assertThat(assessment.path("weights").path("onTimeWeight").asDouble()).isEqualTo(0.4);
        JsonNode rows = assessment.path("rows");
        // best score first
        assertThat(rows.findValuesAsText("code")).containsExactly("gaojing", "zhenghao", "tangmin");

        JsonNode gaojing = rows.get(0);
        assertThat(gaojing.path("handled").asLong()).isEqualTo(1);
        assertThat(gaojing.path("onTimeRate").asDouble()).isEqualTo(1.0);
        assertThat(gaojing.path("satisfactionRate").isNull()).isTrue();
        assertThat(gaojing.path("score").asDouble()).isEqualTo(100.0);

        JsonNode zhenghao = rows.get(1);
        assertThat(zhenghao.path("unit").asText()).isEqualTo("WORKER");
        assertThat(zhenghao.path("name").asText()).isEqualTo("郑浩");
        assertThat(zhenghao.path("handled").asLong()).isEqualTo(4);
        assertThat(zhenghao.path("onTime").asLong()).isEqualTo(3);
        assertThat(zhenghao.path("onTimeRate").asDouble()).isEqualTo(0.75);
        assertThat(zhenghao.path("reached").asLong()).isEqualTo(3);
        assertThat(zhenghao.path("satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(zhenghao.path("reopened").asLong()).isEqualTo(1);
        assertThat(zhenghao.path("reopenRate").asDouble()).isEqualTo(0.25);
        assertThat(zhenghao.path("wrongfulReturns").asLong()).isEqualTo(1);
        assertThat(zhenghao.path("supervisionOrders").asLong()).isEqualTo(1);
        assertThat(zhenghao.path("score").asDouble()).isEqualTo(78.0);

        assertThat(rows.get(2).path("score").asDouble()).isEqualTo(55.0);
    }

    @Test
    void aDepartmentIsAssessedOnItsOwnCasesBeforeItsStaff() {
        JsonNode rows = ok(get("admin", "/api/metrics/assessment?month=2033-06&department=" + OFFICE)).path("rows");

        assertThat(rows.findValuesAsText("code")).containsExactly(OFFICE, "tangmin");
        JsonNode office = rows.get(0);
        assertThat(office.path("unit").asText()).isEqualTo("DEPARTMENT");
        assertThat(office.path("name").asText()).isEqualTo("教育办");
        assertThat(office.path("handled").asLong()).isEqualTo(2);
        assertThat(office.path("onTimeRate").asDouble()).isEqualTo(0.5);
        assertThat(office.path("satisfactionRate").asDouble()).isEqualTo(0.5);
        assertThat(office.path("reopenRate").asDouble()).isEqualTo(0.0);
        assertThat(office.path("supervisionOrders").asLong()).isEqualTo(1);
        assertThat(office.path("score").asDouble()).isEqualTo(55.0);
    }

    @Test
    void theMonthBeforeHoldsOnlyWhatWasHandledThen() {
        // M1, handled 31 May: one case, no deadline (on time), no survey
        JsonNode rows = ok(get("admin", "/api/metrics/assessment?month=2033-05&area=SFZ-C02")).path("rows");
        assertThat(rows.findValuesAsText("code")).containsExactly("zhenghao");
        assertThat(rows.get(0).path("handled").asLong()).isEqualTo(1);
    }

    @Test
    void theCsvStartsWithAByteOrderMarkAndHasTheJsonsNames() {
        ResponseEntity<byte[]> csv = as("admin").getForEntity("/api/metrics/assessment.csv?month=2033-06&area=SFZ-C02",
                byte[].class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        byte[] body = csv.getBody();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", Assessment.COLUMNS));
        assertThat(lines[1]).isEqualTo("WORKER,gaojing,高静,1,1,1.0,0,0.0,,0,0.0,0,0,100.0");
        assertThat(lines[2]).isEqualTo("WORKER,zhenghao,郑浩,4,3,0.75,3,3.0,1.0,1,0.25,1,1,78.0");
    }

    @Test
    void theAssessmentOfAnAreaIsForbiddenToWhoeverDoesNotCoverIt() {
        assertProblem(get("zhenghao", "/api/metrics/assessment?month=2033-06&area=SFZ-C02"), 403);
        assertProblem(get("sundeming", "/api/metrics/assessment?month=2033-06&area=SFZ-C01"), 403);
        assertProblem(get("luojun", "/api/metrics/assessment.csv?month=2033-06&area=" + G02), 403);
        // his own grid: A1–A4 are his; R1 went to C02-G03, so neither it nor his return of it is in C02-G02; R2 is
        JsonNode own = ok(get("zhenghao", "/api/metrics/assessment?month=2033-06&area=" + G02)).path("rows");
        assertThat(own.findValuesAsText("code")).containsExactly("zhenghao");
        assertThat(own.get(0).path("wrongfulReturns").asLong()).isEqualTo(1);
    }

    @Test
    void theMonthIsRequiredAndWrittenYearDashMonth() {
        for (String month : List.of("", "June", "2033-13", "2033-6-01")) {
            assertThat(errorFields(assertProblem(get("admin", "/api/metrics/assessment?month=" + month), 400)))
                    .as(month).containsExactly("month");
        }
        assertThat(errorFields(assertProblem(get("admin", "/api/metrics/assessment?area=NOWHERE"), 400)))
                .containsExactlyInAnyOrder("month", "area");
    }

    // ---------------------------------------------------------------- scene

    private void createCases() {
        b1 = open("2033-06-10T09:00", G02);
        in("2033-06-10T09:10", () -> {
            cases.route(b1, null, OFFICE, "area-" + G02, null, CaseEventType.ROUTED, "网格办理，教育办负责");
            due(b1, "2033-06-18T10:00", "2033-06-17T10:00");
        });
        in("2033-06-18T10:00", () -> cases.escalationLevel(b1, 2, "升级"));
        in("2033-06-18T11:00", () -> cases.supervise(b1, at("2033-06-19T11:00"), "lizhenhua", "督办"));
        b2 = open("2033-06-11T09:00", G03);
        in("2033-06-11T09:10", () -> {
            office(b2);
            due(b2, "2033-06-20T09:00", "2033-06-19T09:00");
            cases.escalationLevel(b2, 1, "升级");
        });
        b3 = open("2033-06-12T09:00", G02);
        in("2033-06-12T09:10", () -> {
            office(b3);
            due(b3, "2033-06-21T10:00", "2033-06-20T08:00");
        });
        b4 = open("2033-06-13T09:00", G03);
        in("2033-06-13T09:10", () -> {
            office(b4);
            due(b4, "2033-06-25T10:00", "2033-06-24T10:00");
            cases.supervise(b4, at("2033-06-26T10:00"), "lizhenhua", "督办");
        });
        String b5 = open("2033-06-14T09:00", G02);
        in("2033-06-14T09:10", () -> {
            office(b5);
            due(b5, "2033-06-19T10:00", "2033-06-18T10:00");
            cases.status(b5, CaseStatus.CLOSED, "admin", CaseEventType.CLOSED, "办结");
        });
        String b6 = open("2033-06-15T09:00", G02);
        in("2033-06-15T09:10", () -> office(b6));

        String a1 = open("2033-06-01T09:00", G02);
        in("2033-06-01T09:10", () -> due(a1, "2033-06-05T09:00", "2033-06-04T09:00"));
        handled(a1, "zhenghao", "2033-06-03T09:00");
        survey(a1, "2033-06-04T09:00", "SATISFIED");

        String a2 = open("2033-06-01T09:00", G02);
        in("2033-06-01T09:10", () -> due(a2, "2033-06-05T09:00", "2033-06-04T09:00"));
        handled(a2, "zhenghao", "2033-06-07T09:00");
        survey(a2, "2033-06-08T09:00", "BASICALLY_SATISFIED");

        String a3 = open("2033-06-02T09:00", G02);
        in("2033-06-02T09:10", () -> due(a3, "2033-06-06T09:00", "2033-06-05T09:00"));
        handled(a3, "zhenghao", "2033-06-08T09:00");
        survey(a3, "2033-06-09T08:00", "UNSATISFIED");
        in("2033-06-09T09:00", () -> {
            cases.reopen(a3, "不满意，重新办理");
            due(a3, "2033-06-14T09:00", "2033-06-13T09:00");
        });
        handled(a3, "zhenghao", "2033-06-12T09:00");
        survey(a3, "2033-06-13T09:00", "SATISFIED");

        String a4 = open("2033-06-05T09:00", G02);
        in("2033-06-05T09:10", () -> {
            due(a4, "2033-06-15T09:00", "2033-06-14T09:00");
            cases.supervise(a4, at("2033-06-09T09:00"), "lizhenhua", "督办");
        });
        handled(a4, "zhenghao", "2033-06-10T09:00");
        survey(a4, "2033-06-11T09:00", "NOT_REACHED");

        String r1 = open("2033-06-09T09:00", G02);
        in("2033-06-09T09:10", () -> {
            due(r1, "2033-06-20T09:00", "2033-06-19T09:00");
            dispatch(r1, G02);
        });
        in("2033-06-11T09:00", () -> cases.status(r1, CaseStatus.REDISPATCHING, "zhenghao", CaseEventType.RETURNED,
                "不属本网格"));
        in("2033-06-11T10:00", () -> cases.route(r1, G03, null, "area-" + G03, "chenxiaoyan",
                CaseEventType.REDISPATCHED, "改派"));
        handled(r1, "gaojing", "2033-06-13T09:00");

        String r2 = open("2033-06-10T09:00", G02);
        in("2033-06-10T09:10", () -> dispatch(r2, G02));
        in("2033-06-12T09:00", () -> cases.status(r2, CaseStatus.REDISPATCHING, "zhenghao", CaseEventType.RETURNED,
                "不属本网格"));
        in("2033-06-12T10:00", () -> cases.route(r2, G02, null, "area-" + G02, "chenxiaoyan",
                CaseEventType.REDISPATCHED, "经核实属本网格，退回原网格办理"));
        in("2033-06-13T10:00", () -> cases.status(r2, CaseStatus.REDISPATCHING, "zhenghao", CaseEventType.RETURNED,
                "仍不属本网格"));

        String d1 = open("2033-06-08T09:00", G03);
        in("2033-06-08T09:10", () -> {
            office(d1);
            due(d1, "2033-06-14T09:00", "2033-06-13T09:00");
        });
        handled(d1, "tangmin", "2033-06-15T09:00");
        survey(d1, "2033-06-16T09:00", "UNSATISFIED");

        String d2 = open("2033-06-08T09:00", G03);
        in("2033-06-08T09:10", () -> {
            office(d2);
            due(d2, "2033-06-20T09:00", "2033-06-19T09:00");
            cases.supervise(d2, at("2033-06-12T09:00"), "lizhenhua", "督办");
        });
        handled(d2, "tangmin", "2033-06-16T09:00");
        survey(d2, "2033-06-17T09:00", "SATISFIED");

        String m1 = open("2033-05-30T09:00", G02);
        handled(m1, "zhenghao", "2033-05-31T09:00");
        // all handled cases are finished by the board's day, so the board holds B1–B4 alone
        for (String tn : List.of(a1, a2, a3, a4, r1, r2, d1, d2, m1)) {
            in("2033-06-18T09:00", () -> cases.status(tn, CaseStatus.CLOSED, "admin", CaseEventType.CLOSED, "办结"));
        }
    }

    private String open(String at, String grid) {
        return open(at, CaseKind.REQUEST, grid, "考核测试");
    }

    private void dispatch(String tn, String grid) {
        cases.route(tn, grid, null, "area-" + grid, "chenxiaoyan", CaseEventType.DISPATCHED, "派单");
    }

    private void office(String tn) {
        cases.route(tn, null, OFFICE, OFFICE_GROUP, null, CaseEventType.ROUTED, "教育办");
    }

    private void due(String tn, String handling, String yellow) {
        Instant now = Cases.now();
        cases.deadlines(tn, now.plusSeconds(3600), at(handling), at(yellow));
    }

    private void handled(String tn, String actor, String at) {
        in(at, () -> cases.record(tn, actor, CaseEventType.HANDLED, "已办理"));
    }

    private void survey(String tn, String at, String satisfaction) {
        in(at, () -> cases.satisfaction(tn, satisfaction, null, "admin", "回访"));
    }
}
