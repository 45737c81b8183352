package org.gridcase.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rates (三率) on a hand-made set of cases in March 2031 (a month no other test uses), written through the case
 * record's own service as the processes write them. Every case gets a response limit of one day and a handling limit
 * of five days from its registration. The questions are asked on 2031-04-20, when case J is long overdue.
 * <pre>
 * case  grid / kind            what happened                                       counts as
 * A     C01-G01 request        verified in 1 h; satisfied, solved; closed day 2      rec resp res clo onTime reached sat
 * B     C01-G01 request        verified after 2 days (late); basically satisfied,    rec      res clo        reached sat
 *                              solved; closed day 7 (late)
 * C     C01-G01 request        verified in time; survey not reached; closed day 2    rec resp res clo onTime notReached
 * D     C01-G01 request        verified; unsatisfied + not solved; reopened with      rec resp res clo onTime reached sat reopened
 *                              new limits; then satisfied, solved; closed
 * E     C01-G01 request        verified; withdrawn                                   (not received)
 * F     C01-G01 request        verified; rejected (不予受理)                          (not received)
 * G     C01-G01 request        verified; merged into A as a duplicate               (not received)
 * H     C01-G01 request        received 03-30, closed 04-02 in time: March's         rec resp res clo onTime reached sat
 * I     C01-G02 RISK report    verified; handled; closed day 2; no survey            rec resp res clo onTime
 * J     C01-G01 request        verified; dispatched; still open on 04-20             rec resp overdueNow
 * K     C02-G01 request, URBAN unsatisfied, "not solved", closed anyway (CLOSED)     rec resp     clo onTime reached
 * L     C02-G01 request        closed UNRESOLVABLE (无法解决) on day 7, late          rec resp     clo
 * P     C01-G01 request        basically satisfied, "partly solved"; closed day 1    rec resp     clo onTime reached sat
 * M     C01-G01 request        received 2031-02-28 23:30 Shanghai (15:30 UTC)       February's, not March's
 * </pre>
 * March, everything: received 10 (A B C D H I J K L P); responded 9 (not B) → 0.9; resolved 6 (A B C D H I; K is
 * contradicted by its survey, P's "partly" does not count by default, L was not solved) → 0.6; closed 9 (all but J)
 * → 0.9; on time 7 (not B, L) → 7/9; reached 6 (A B D H K P), not reached 1 (C); satisfied 5 (A B D H P) → 5/6;
 * reopened 1 (D); overdue now 1 (J).
 * Handling time of the 9 closed (2031 has no holiday schedule loaded: Monday to Friday work), hours on working days
 * over 24, two decimals: A Sun 09:00 → Tue 10:00 34 h 1.42; B Mon → next Mon 121 h 5.04; C Wed → Fri 49 h 2.04;
 * D Thu 09:00 → Sun 10:00 39 h 1.63 (reopened: to its last finish); H Sun → Wed 58 h 2.42; I 48 h 2.00; K 49 h 2.04;
 * L (UNRESOLVABLE) 120 h 5.00; P Fri 09:00 → Sat 09:00 15 h 0.63. Average 22.22 / 9 = 2.47; 90th percentile the
 * 9th of 9 (⌈8.1⌉) = 5.04.
 */
class RatesTest extends CaseHistoryTest {

    private static final String MARCH = "from=2031-03-01&to=2031-03-31";
    private static final String G01 = "SFZ-C01-G01";
    private static final String G02 = "SFZ-C01-G02";
    private static final String C02G01 = "SFZ-C02-G01";
    private static boolean created;

    @Autowired
    CaseTallies tallies;

    @BeforeEach
    void theCasesOfMarch2031() {
        if (!created) {
            createCases();
            created = true;
        }
        clock("2031-04-20T10:00");
    }

    @Test
    void eachRateOfAPeriodCountsTheCasesReceivedInIt() {
        JsonNode rates = ok(get("admin", "/api/metrics/rates?" + MARCH));

        assertThat(rates.path("received").asLong()).isEqualTo(10);
        assertThat(rates.path("responded").asLong()).isEqualTo(9);
        assertThat(rates.path("responseRate").asDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(rates.path("resolved").asLong()).isEqualTo(6);
        assertThat(rates.path("resolutionRate").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(rates.path("closed").asLong()).isEqualTo(9);
        assertThat(rates.path("closureRate").asDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(rates.path("onTime").asLong()).isEqualTo(7);
        assertThat(rates.path("onTimeRate").asDouble()).isCloseTo(7.0 / 9, within(1e-9));
        assertThat(rates.path("reached").asLong()).isEqualTo(6);
        assertThat(rates.path("satisfied").asLong()).isEqualTo(5);
        assertThat(rates.path("satisfactionRate").asDouble()).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(rates.path("notReached").asLong()).isEqualTo(1);
        assertThat(rates.path("reopened").asLong()).isEqualTo(1);
        assertThat(rates.path("overdueNow").asLong()).isEqualTo(1);
        assertThat(rates.path("handlingDaysAverage").asDouble()).isEqualTo(2.47);
        assertThat(rates.path("handlingDaysP90").asDouble()).isEqualTo(5.04);
        // exactly the names the issue gives and the handling times, nothing else
        assertThat(fieldNames(rates)).containsExactlyElementsOf(Rates.COLUMNS);
    }

    @Test
    void aCaseClosedInTheNextMonthCountsInTheMonthItWasReceivedAndTheDayEndsInShanghai() {
        // H was closed in April, but April received nothing: every rate is null, not 0
        JsonNode april = ok(get("admin", "/api/metrics/rates?from=2031-04-01&to=2031-04-30"));
        assertThat(april.path("received").asLong()).isZero();
        assertThat(april.path("closed").asLong()).isZero();
        for (String rate : List.of("responseRate", "resolutionRate", "closureRate", "onTimeRate", "satisfactionRate")) {
            assertThat(april.path(rate).isNull()).as(rate).isTrue();
        }
        // M, registered 23:30 on 28 February in Shanghai (15:30 UTC), is February's
        JsonNode february = ok(get("admin", "/api/metrics/rates?from=2031-02-01&to=2031-02-28"));
        assertThat(february.path("received").asLong()).isEqualTo(1);
        assertThat(february.path("responseRate").asDouble()).isEqualTo(1.0);
        assertThat(february.path("closureRate").asDouble()).isZero();
        assertThat(february.path("onTimeRate").isNull()).isTrue();
        assertThat(february.path("satisfactionRate").isNull()).isTrue();
    }

    @Test
    void aRiskReportIsCountedBesideRequestsAndByItsKind() {
        // I alone is a risk report: received, responded, resolved (no survey contradicts it), closed in time
        JsonNode risk = ok(get("admin", "/api/metrics/rates?" + MARCH + "&kind=RISK"));
        assertThat(risk.path("received").asLong()).isEqualTo(1);
        assertThat(risk.path("resolved").asLong()).isEqualTo(1);
        assertThat(risk.path("onTime").asLong()).isEqualTo(1);
        assertThat(risk.path("reached").asLong()).isZero();
        assertThat(risk.path("satisfactionRate").isNull()).isTrue();
        // the nine requests: 10 - I
        JsonNode requests = ok(get("admin", "/api/metrics/rates?" + MARCH + "&kind=REQUEST&category=SANITATION"));
        assertThat(requests.path("received").asLong()).isEqualTo(9);
        // by department: K alone is the urban management bureau's
        JsonNode urban = ok(get("admin", "/api/metrics/rates?" + MARCH + "&department=URBAN_MGMT"));
        assertThat(urban.path("received").asLong()).isEqualTo(1);
        assertThat(urban.path("resolved").asLong()).isZero();
    }

    @Test
    void theWeightOfBasicallySatisfiedAndWhetherPartlySolvedResolvesAreChoices() {
        // Given basically satisfied counting half, and "partly solved" resolving
        RateDefinitions lenient = new RateDefinitions(new MetricsProperties(1, 0.5, true,
                Set.of(CaseStatus.MERGED, CaseStatus.REJECTED, CaseStatus.WITHDRAWN), 366));
        Instant from = Instant.parse("2031-02-28T16:00:00Z");
        Instant to = Instant.parse("2031-03-31T16:00:00Z");

        Rates rates = lenient.rates(tallies.tally(from, to, true, Set.of("-"), Set.of("-"), true, null, null, null), 0,
                List.of());

        // satisfied = A + D + H + ½ (B + P) = 4 of 6 reached; resolved = 6 + P = 7 of 10
        assertThat(rates.satisfied().doubleValue()).isEqualTo(4.0);
        assertThat(rates.satisfactionRate()).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(rates.resolved()).isEqualTo(7);
        assertThat(rates.resolutionRate()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void theNinetiethPercentileIsTheNearestRankAndTheAverageTheMean() {
        RateDefinitions definitions = new RateDefinitions(new MetricsProperties(1, 1, false,
                Set.of(CaseStatus.MERGED, CaseStatus.REJECTED, CaseStatus.WITHDRAWN), 366));
        // 20 cases: one each of 1..19 working days, and one of 0.5 → sorted 0.5, 1 … 19; the 18th is 17
        List<HandlingDays> handling = new ArrayList<>();
        handling.add(new HandlingDays(new BigDecimal("0.50"), 1));
        for (int d = 1; d <= 19; d++) {
            handling.add(new HandlingDays(BigDecimal.valueOf(d).setScale(2), 1));
        }
        Rates rates = definitions.rates(List.of(), 0, handling);
        assertThat(rates.handlingDaysP90()).isEqualTo(17.0);
        assertThat(rates.handlingDaysAverage()).isEqualTo(9.53); // (190 + 0.5) / 20 = 9.525
        // counts weigh: 9 quick cases and one slow one, the slow one is the 10 % tail
        Rates tail = definitions.rates(List.of(), 0, List.of(new HandlingDays(new BigDecimal("1.00"), 9),
                new HandlingDays(new BigDecimal("30.00"), 1)));
        assertThat(tail.handlingDaysP90()).isEqualTo(1.0);
        assertThat(tail.handlingDaysAverage()).isEqualTo(3.9);
        assertThat(definitions.rates(List.of(), 0, List.of()).handlingDaysP90()).isNull();
    }

    @Test
    void aSeriesGivesTheRatesWeekByWeekMonthByMonthAndDayByDay() {
        // 2031-03-01 is a Saturday: the first week is cut to the weekend, the last to the 31st
        JsonNode weeks = ok(get("admin", "/api/metrics/rates/series?" + MARCH + "&period=week"));
        assertThat(weeks.path("period").asText()).isEqualTo("week");
        List<String> bounds = new ArrayList<>();
        List<Long> received = new ArrayList<>();
        weeks.path("points").forEach(p -> {
            bounds.add(p.path("from").asText() + "/" + p.path("to").asText());
            received.add(p.path("rates").path("received").asLong());
        });
        assertThat(bounds).containsExactly("2031-03-01/2031-03-02", "2031-03-03/2031-03-09", "2031-03-10/2031-03-16",
                "2031-03-17/2031-03-23", "2031-03-24/2031-03-30", "2031-03-31/2031-03-31");
        // A | B C D (E F G are not received) | I J K L P | – | H | –
        assertThat(received).containsExactly(1L, 3L, 5L, 0L, 1L, 0L);
        // the week of I J K L P: I K L P closed, J open and overdue
        JsonNode third = weeks.path("points").get(2).path("rates");
        assertThat(third.path("closed").asLong()).isEqualTo(4);
        assertThat(third.path("overdueNow").asLong()).isEqualTo(1);
        assertThat(third.path("handlingDaysAverage").asDouble()).isEqualTo(2.42); // (2 + 2.04 + 5 + 0.63) / 4

        JsonNode months = ok(get("admin", "/api/metrics/rates/series?from=2031-02-01&to=2031-04-30&period=month"));
        List<Long> byMonth = new ArrayList<>();
        months.path("points").forEach(p -> byMonth.add(p.path("rates").path("received").asLong()));
        assertThat(byMonth).containsExactly(1L, 10L, 0L);
        assertThat(months.path("points").get(1).path("to").asText()).isEqualTo("2031-03-31");

        JsonNode days = ok(get("zhangwei", "/api/metrics/rates/series?from=2031-03-02&to=2031-03-04&period=day"));
        List<Long> byDay = new ArrayList<>();
        days.path("points").forEach(p -> byDay.add(p.path("rates").path("received").asLong()));
        assertThat(byDay).containsExactly(1L, 1L, 0L);

        String csv = as("admin").getForObject("/api/metrics/rates/series.csv?from=2031-02-01&to=2031-04-30"
                + "&period=month", String.class);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("from,to," + String.join(",", Rates.COLUMNS));
        assertThat(lines).hasSize(4);
        assertThat(lines[2]).startsWith("2031-03-01,2031-03-31,10,9,0.9,");
    }

    @Test
    void aSeriesNeedsAKnownPeriodAndKeepsTheJurisdiction() {
        assertThat(errorFields(assertProblem(get("admin", "/api/metrics/rates/series?" + MARCH), 400)))
                .containsExactly("period");
        assertThat(errorFields(assertProblem(get("admin",
                "/api/metrics/rates/series?from=x&to=2031-03-31&period=fortnight"), 400)))
                .containsExactlyInAnyOrder("period", "from");
        assertProblem(get("zhangwei", "/api/metrics/rates/series?" + MARCH + "&period=week&area=" + G02), 403);
    }

    @Test
    void theCsvHasTheSameFigures() {
        ResponseEntity<String> csv = as("admin").getForEntity("/api/metrics/rates.csv?" + MARCH, String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", Rates.COLUMNS));
        assertThat(lines[1])
                .isEqualTo("10,9,0.9,6,0.6,9,0.9,7," + (7.0 / 9) + ",6,5," + (5.0 / 6) + ",1,1,1,2.47,5.04");
        // a null rate is an empty cell
        String april = as("admin").getForObject("/api/metrics/rates.csv?from=2031-04-01&to=2031-04-30", String.class);
        assertThat(april.split("\r\n")[1]).isEqualTo("0,0,,0,,0,,0,,0,0,,0,0,0,,");
    }

    @Test
    void badQuestionsNameEachBadField() {
        assertThat(errorFields(assertProblem(get("admin", "/api/metrics/rates?from=2031-03-31&to=2031-03-01"), 400)))
                .containsExactly("to");
        assertThat(errorFields(assertProblem(get("admin", "/api/metrics/rates?from=2031-01-01&to=2032-01-02"), 400)))
                .containsExactly("to");
        assertThat(errorFields(assertProblem(get("admin", "/api/metrics/rates?" + MARCH + "&area=NOWHERE"), 400)))
                .containsExactly("area");
        assertThat(errorFields(assertProblem(get("admin",
                "/api/metrics/rates?from=March&area=NOWHERE&kind=GOSSIP&department=NONE"), 400)))
                .containsExactlyInAnyOrder("from", "to", "area", "kind", "department");
        // a whole leap year is one question
        assertThat(get("admin", "/api/metrics/rates?from=2032-01-01&to=2032-12-31").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // ---------------------------------------------------------------- jurisdiction, one rule each

    @Test
    void aGridWorkerSeesHisGridWithOrWithoutNamingIt() {
        // zhangwei works in C01-G01: A B C D H J P
        assertThat(ok(get("zhangwei", "/api/metrics/rates?" + MARCH + "&area=" + G01)).path("received").asLong())
                .isEqualTo(7);
        assertThat(ok(get("zhangwei", "/api/metrics/rates?" + MARCH)).path("received").asLong()).isEqualTo(7);
    }

    @Test
    void aGridWorkerAskingForAnotherGridIsForbidden() {
        assertProblem(get("zhangwei", "/api/metrics/rates?" + MARCH + "&area=" + G02), 403);
    }

    @Test
    void aGridWorkerAskingForHisTownIsForbidden() {
        assertProblem(get("zhangwei", "/api/metrics/rates?" + MARCH + "&area=SFZ"), 403);
    }

    @Test
    void aCommunityLeaderSeesTheCommunitysGridsAndNoOtherCommunity() {
        // zhoulihua leads 东湖社区 (C01): A B C D H J P and the risk report I
        assertThat(ok(get("zhoulihua", "/api/metrics/rates?" + MARCH + "&area=SFZ-C01")).path("received").asLong())
                .isEqualTo(8);
        assertProblem(get("zhoulihua", "/api/metrics/rates?" + MARCH + "&area=" + C02G01), 403);
    }

    @Test
    void aTownLeaderSeesTheTown() {
        assertThat(ok(get("lizhenhua", "/api/metrics/rates?" + MARCH + "&area=SFZ")).path("received").asLong())
                .isEqualTo(10);
        assertThat(ok(get("lizhenhua", "/api/metrics/rates?" + MARCH)).path("received").asLong()).isEqualTo(10);
    }

    @Test
    void departmentStaffSeeTheirDepartmentsCasesAndNoArea() {
        // luojun is the urban management bureau's: K
        assertThat(ok(get("luojun", "/api/metrics/rates?" + MARCH)).path("received").asLong()).isEqualTo(1);
        assertProblem(get("luojun", "/api/metrics/rates?" + MARCH + "&area=" + C02G01), 403);
    }

    // ---------------------------------------------------------------- scene

    private void createCases() {
        String a = open("2031-03-02T09:00", CaseKind.REQUEST, G01);
        verify(a, "2031-03-02T10:00");
        survey(a, "2031-03-04T09:00", "SATISFIED", "YES");
        close(a, "2031-03-04T10:00", CaseStatus.CLOSED);

        String b = open("2031-03-03T09:00", CaseKind.REQUEST, G01);
        verify(b, "2031-03-05T09:00");
        survey(b, "2031-03-10T09:00", "BASICALLY_SATISFIED", "YES");
        close(b, "2031-03-10T10:00", CaseStatus.CLOSED);

        String c = open("2031-03-05T09:00", CaseKind.REQUEST, G01);
        verify(c, "2031-03-05T11:00");
        survey(c, "2031-03-07T09:00", "NOT_REACHED", null);
        close(c, "2031-03-07T10:00", CaseStatus.CLOSED);

        String d = open("2031-03-06T09:00", CaseKind.REQUEST, G01);
        verify(d, "2031-03-06T10:00");
        survey(d, "2031-03-07T09:00", "UNSATISFIED", "NO");
        in("2031-03-07T10:00", () -> {
            cases.reopen(d, "反映人不满意，第 1 次重新办理");
            limits(d);
        });
        survey(d, "2031-03-09T09:00", "SATISFIED", "YES");
        close(d, "2031-03-09T10:00", CaseStatus.CLOSED);

        String e = open("2031-03-07T09:00", CaseKind.REQUEST, G01);
        verify(e, "2031-03-07T10:00");
        close(e, "2031-03-08T09:00", CaseStatus.WITHDRAWN);

        String f = open("2031-03-08T09:00", CaseKind.REQUEST, G01);
        verify(f, "2031-03-08T10:00");
        close(f, "2031-03-08T11:00", CaseStatus.REJECTED);

        String g = open("2031-03-09T09:00", CaseKind.REQUEST, G01);
        verify(g, "2031-03-09T10:00");
        in("2031-03-09T11:00", () -> cases.merge(g, a, null, "同一井盖"));

        String h = open("2031-03-30T10:00", CaseKind.REQUEST, G01);
        verify(h, "2031-03-30T11:00");
        survey(h, "2031-04-02T09:00", "SATISFIED", "YES");
        close(h, "2031-04-02T10:00", CaseStatus.CLOSED);

        String i = open("2031-03-10T09:00", CaseKind.RISK, G02);
        verify(i, "2031-03-10T10:00");
        in("2031-03-11T09:00", () -> cases.record(i, "zhangwei", CaseEventType.HANDLED, "已设置围挡"));
        close(i, "2031-03-12T09:00", CaseStatus.CLOSED);

        String j = open("2031-03-11T09:00", CaseKind.REQUEST, G01);
        verify(j, "2031-03-11T10:00");
        in("2031-03-11T11:00", () -> cases.status(j, CaseStatus.HANDLING, null, CaseEventType.DISPATCHED, "派至网格"));

        String k = open("2031-03-12T09:00", CaseKind.REQUEST, C02G01);
        in("2031-03-12T09:30", () -> cases.route(k, null, "URBAN_MGMT", "dept-URBAN_MGMT", null,
                CaseEventType.ROUTED, "首办：城管局"));
        verify(k, "2031-03-12T10:00");
        survey(k, "2031-03-14T09:00", "UNSATISFIED", "NO");
        close(k, "2031-03-14T10:00", CaseStatus.CLOSED);

        String l = open("2031-03-13T09:00", CaseKind.REQUEST, C02G01);
        verify(l, "2031-03-13T10:00");
        close(l, "2031-03-20T09:00", CaseStatus.UNRESOLVABLE);

        String p = open("2031-03-14T09:00", CaseKind.REQUEST, G01);
        verify(p, "2031-03-14T10:00");
        survey(p, "2031-03-15T08:00", "BASICALLY_SATISFIED", "PARTLY");
        close(p, "2031-03-15T09:00", CaseStatus.CLOSED);

        String m = open("2031-02-28T23:30", CaseKind.REQUEST, G01);
        verify(m, "2031-03-01T08:00");
    }

    /** Registers a case at {@code at} (Shanghai) with a response limit of one day and a handling limit of five. */
    private String open(String at, CaseKind kind, String grid) {
        String tn = open(at, kind, grid, "统计测试");
        in(at, () -> limits(tn));
        return tn;
    }

    private void limits(String tn) {
        Instant now = Cases.now();
        cases.deadlines(tn, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(5)), now.plus(Duration.ofDays(4)));
    }

    private void verify(String tn, String at) {
        in(at, () -> cases.record(tn, "zhangwei", CaseEventType.VERIFIED, "属实：统计测试"));
    }

    private void survey(String tn, String at, String satisfaction, String resolved) {
        in(at, () -> cases.satisfaction(tn, satisfaction, resolved, "zhangwei", "回访"));
    }

    private void close(String tn, String at, CaseStatus status) {
        in(at, () -> cases.status(tn, status, "zhangwei", CaseEventType.CLOSED, "统计测试结束"));
    }
}
