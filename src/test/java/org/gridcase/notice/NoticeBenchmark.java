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

import org.gridcase.support.BusinessClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Not a test: a benchmark of the 一键达 fan-out, run by hand (never by {@code verify}: its name matches no test
 * pattern, and it runs only with {@code -Dgridcase.bench=true}):
 * <pre>./mvnw -q -Dtest=NoticeBenchmark -Dgridcase.bench=true -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 * It generates a town of 20,000 households (one resident with a phone each) on in-memory H2, posts a notice to the
 * whole town through the REST API with the job executor on, and prints the time until the POST is answered and
 * until every recipient's SMS is in the outbox. Prints, asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "gridcase.bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:notice-bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "gridcase.notify.poll-millis=3600000",
        "gridcase.registry.index-poll-millis=3600000",
        "gridcase.demo.sample-tasks=false"})
@ActiveProfiles("demo")
class NoticeBenchmark {

    private static final int GRIDS = 20;
    private static final int BUILDINGS_PER_GRID = 100;
    private static final int HOUSEHOLDS_PER_BUILDING = 10;
    private static final int HOUSEHOLDS = GRIDS * BUILDINGS_PER_GRID * HOUSEHOLDS_PER_BUILDING;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void fanOutToATownOf20000Households() {
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
        System.out.printf("%n== NoticeBenchmark: %d households, %d grids (H2 in memory)%n", HOUSEHOLDS, GRIDS);
        System.out.printf("== POST /api/notices answered in %d ms (202)%n", (answered - start) / 1_000_000);
        System.out.printf("== every SMS in the outbox after %d ms%n%n", (queued - start) / 1_000_000);
    }

    /** A town BENCH: one community, 20 grids, 100 buildings each, 10 households of one resident each. */
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
