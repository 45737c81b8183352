package org.gridcase.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridcase.notify.SmppTestServer;
import org.gridcase.support.BusinessClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Not a test: a benchmark of the 一键达 fan-out and its sending, run by hand (never by {@code verify}: its name matches
 * no test pattern, and it runs only with {@code -Dgridcase.bench=true}):
 * <pre>./mvnw -q -Dtest=NoticeBenchmark -Dgridcase.bench=true -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 * It generates a town of 20,000 households (one resident with a phone each; {@code -Dgridcase.bench.households=5000}
 * for fewer, a multiple of 200) on in-memory H2, posts a notice to the whole town through the REST API with the job
 * executor and the outbox dispatcher on, the SMPP adapter bound to the SMSC in the test JVM ({@link SmppTestServer}),
 * and prints, from one run: the time until the POST is answered, until every recipient's SMS is in the outbox
 * (queued), and until every outbox row is SENT (the SMSC accepted all its parts), with the messages per second.
 * The dispatcher runs with the application's defaults ({@code gridcase.notify.poll-millis}, 5 s between runs of at
 * most 500 messages) unless {@code -Dgridcase.bench.poll-millis} says otherwise; the local SMSC has no window, so the
 * adapter's {@code submits-per-second} is set to {@code -Dgridcase.bench.submits-per-second} (default 10,000:
 * effectively unthrottled; a real gateway's window bounds a real send). The notify package logs at WARN (one INFO
 * line per message otherwise). Prints, asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "gridcase.bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:notice-bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "gridcase.registry.index-poll-millis=3600000",
        "gridcase.demo.sample-tasks=false",
        "logging.level.org.gridcase.notify=WARN",
        "gridcase.notify.sms.provider=smpp",
        "gridcase.notify.sms.sender=106900001234",
        "gridcase.notify.sms.smpp.host=127.0.0.1",
        "gridcase.notify.sms.smpp.system-id=" + SmppTestServer.SYSTEM_ID,
        "gridcase.notify.sms.smpp.password=" + SmppTestServer.PASSWORD})
@ActiveProfiles("demo")
class NoticeBenchmark {

    private static final int GRIDS = 20;
    private static final int HOUSEHOLDS_PER_BUILDING = 10;
    private static final int HOUSEHOLDS = Integer.getInteger("gridcase.bench.households", 20_000);
    private static final int BUILDINGS_PER_GRID = HOUSEHOLDS / (GRIDS * HOUSEHOLDS_PER_BUILDING);
    private static final String POLL_MILLIS = System.getProperty("gridcase.bench.poll-millis");
    private static final int SUBMITS_PER_SECOND = Integer.getInteger("gridcase.bench.submits-per-second", 10_000);
    static final SmppTestServer SMSC = new SmppTestServer();

    @DynamicPropertySource
    static void bench(DynamicPropertyRegistry registry) {
        registry.add("gridcase.notify.sms.smpp.port", () -> SMSC.port);
        registry.add("gridcase.notify.sms.smpp.submits-per-second", () -> SUBMITS_PER_SECOND);
        if (POLL_MILLIS != null) {
            registry.add("gridcase.notify.poll-millis", () -> POLL_MILLIS);
        }
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Value("${gridcase.notify.poll-millis}")
    long pollMillis;

    @AfterAll
    static void stopTheServer() {
        SMSC.close();
    }

    @Test
    void fanOutAndSendToATownOf20000Households() {
        assertThat(HOUSEHOLDS % (GRIDS * HOUSEHOLDS_PER_BUILDING)).as("households").isZero();
        SMSC.awaitBound(context);
        generateTown();
        Map<String, Object> body = Map.of("title", "寒潮大风预警", "text", "今夜起有寒潮大风，请关好门窗、注意保暖。",
                "kind", "WEATHER_WARNING", "areaCodes", List.of("BENCH"), "confirmBy",
                BusinessClock.now().plus(Duration.ofDays(1)).atOffset(ZoneOffset.ofHours(8)).toString());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        long start = System.nanoTime();
        ResponseEntity<JsonNode> answer = rest.withBasicAuth("admin", "demo").exchange("/api/notices",
                HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
        long answered = System.nanoTime();
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String caseRef = NoticeProcess.businessKey(answer.getBody().path("id").asLong());

        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "select count(*) from notification where case_ref = ?", Integer.class, caseRef) >= HOUSEHOLDS);
        long queued = System.nanoTime();
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "select count(*) from notification where case_ref = ? and status = 'SENT'", Integer.class, caseRef)
                >= HOUSEHOLDS);
        long sent = System.nanoTime();
        long parts = SMSC.accepted().size();
        assertThat(SMSC.messages()).as("one SMS per household, each once").hasSize(HOUSEHOLDS);

        System.out.printf("%n== NoticeBenchmark: %d households, %d grids (H2 in memory), SMPP to the SMSC in the test "
                + "JVM (dispatcher every %d ms, at most %d submit_sm/s)%n", HOUSEHOLDS, GRIDS, pollMillis,
                SUBMITS_PER_SECOND);
        System.out.printf("== POST /api/notices answered in %d ms (202)%n", millis(start, answered));
        System.out.printf("== every SMS in the outbox (queued) after %d ms%n", millis(start, queued));
        System.out.printf("== every outbox row SENT after %d ms: %d SMS in %d parts, %.0f SMS/s from the POST%n%n",
                millis(start, sent), HOUSEHOLDS, parts, HOUSEHOLDS * 1000.0 / millis(start, sent));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** A town BENCH: one community, 20 grids of buildings with 10 one-resident households (100 per grid at 20,000). */
    private void generateTown() {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        jdbc.update("insert into area (code, name, level, parent_id, version, created_at, updated_at) "
                + "values ('BENCH', '压测镇', 'TOWN', null, 0, ?, ?)", now, now);
        long town = id("area", "BENCH");
        jdbc.update("insert into area (code, name, level, parent_id, version, created_at, updated_at) "
                + "values ('BENCH-C', '压测社区', 'COMMUNITY', ?, 0, ?, ?)", town, now, now);
        long community = id("area", "BENCH-C");
        List<Object[]> residents = new ArrayList<>();
        for (int g = 0; g < GRIDS; g++) {
            String grid = "BENCH-C-G" + g;
            jdbc.update("insert into area (code, name, level, parent_id, version, created_at, updated_at) "
                    + "values (?, ?, 'GRID', ?, 0, ?, ?)", grid, "压测网格" + g, community, now, now);
            long gridId = id("area", grid);
            List<Object[]> buildings = new ArrayList<>();
            for (int b = 0; b < BUILDINGS_PER_GRID; b++) {
                buildings.add(new Object[] {grid + "-B" + b, "压测镇" + g + "区" + b + "号楼", gridId});
            }
            jdbc.batchUpdate("insert into building (code, address, grid_id, households, version) "
                    + "values (?, ?, ?, 10, 0)", buildings);
        }
        for (Map<String, Object> b : jdbc.queryForList("select id, code from building where code like 'BENCH-%'")) {
            for (int h = 0; h < HOUSEHOLDS_PER_BUILDING; h++) {
                int n = residents.size();
                residents.add(new Object[] {String.format("9%016dX", n), "居民" + n, String.format("139%08d", n),
                        b.get("id"), "1-" + (101 + h)});
            }
        }
        for (int from = 0; from < residents.size(); from += 2000) {
            jdbc.batchUpdate("insert into resident (id_number, name, phone, building_id, room, version) "
                    + "values (?, ?, ?, ?, ?, 0)", residents.subList(from, Math.min(residents.size(), from + 2000)));
        }
    }

    private long id(String table, String code) {
        return jdbc.queryForObject("select id from " + table + " where code = ?", Long.class, code);
    }
}
