package org.gridcase.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.HistoryService;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code externalId} makes intake idempotent: the same request any number of times, even at once, is one case; a
 * different request under a used id is a conflict; and the id never hands another grid's case to a caller.
 */
class ExternalIdTest extends GridCaseTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HistoryService historyService;

    @Test
    void theSameExternalIdSentInParallelIsOneCaseAnsweredOnce201AndOtherwise200() throws Exception {
        // Given one request that a hotline system sends 80 times from 8 threads at once (retries after timeouts)
        String externalId = "12345-" + UUID.randomUUID();
        Map<String, Object> body = request(externalId, "东湖小区3号楼前垃圾堆放多日无人清运");
        long sequenceBefore = lastTrackingNumber();

        // When they all arrive
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                answers.add(pool.submit(() -> postJson("chenxiaoyan", "/api/requests", body)));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            for (Future<ResponseEntity<JsonNode>> answer : answers) {
                ResponseEntity<JsonNode> response = answer.get();
                statuses.add(response.getStatusCode().value());
                numbers.add(response.getBody().path("trackingNumber").asText());
            }

            // Then exactly one is 201, every other one 200, never a 5xx, all with the same tracking number
            assertThat(statuses).as("%s", statuses).containsOnly(201, 200);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            assertThat(numbers.stream().distinct()).hasSize(1);
            String tn = numbers.get(0);
            // and there is one case with one process; the losers' transactions left no case and no process behind
            assertThat(jdbc.queryForObject("select count(*) from case_file where external_id = ?", Long.class,
                    externalId)).isOne();
            assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(tn).count())
                    .isOne();
            assertThat(jdbc.queryForObject("select count(*) from case_file where tracking_number = ?", Long.class,
                    tn)).isOne();
            // (a loser may have used up a number of its node's block before it lost: a gap, never a number twice)
            assertThat(jdbc.queryForObject("select count(*) - count(distinct tracking_number) from case_file",
                    Long.class)).isZero();
            assertThat(lastTrackingNumber()).isGreaterThanOrEqualTo(sequenceBefore);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDifferentRequestUnderAUsedExternalIdIsAConflict() {
        // Given a registered request with an external id
        String externalId = "12345-" + UUID.randomUUID();
        ResponseEntity<JsonNode> first = postJson("chenxiaoyan", "/api/requests", request(externalId, "路灯不亮"));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long cases = jdbc.queryForObject("select count(*) from case_file", Long.class);

        // When another request comes with the same external id
        ResponseEntity<JsonNode> other = postJson("chenxiaoyan", "/api/requests", request(externalId, "噪音扰民"));

        // Then it is a 409 naming the external id, without the first case's data, and nothing is written
        JsonNode problem = assertProblem(other, 409);
        assertThat(errorFields(problem)).containsExactly("externalId");
        assertThat(problem.toString()).doesNotContain(first.getBody().path("trackingNumber").asText());
        assertThat(jdbc.queryForObject("select count(*) from case_file", Long.class)).isEqualTo(cases);

        // while the same request again (spaces and letter case aside) is still the first case
        Map<String, Object> same = request(externalId, "  路灯不亮 ");
        same.put("category", "sanitation");
        ResponseEntity<JsonNode> again = postJson("chenxiaoyan", "/api/requests", same);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().path("trackingNumber").asText())
                .isEqualTo(first.getBody().path("trackingNumber").asText());
    }

    @Test
    void anotherGridsExternalIdDoesNotHandBackThatCase() {
        // Given a request of grid 1 of 东湖社区 registered by the hotline under an external id
        String externalId = "12345-" + UUID.randomUUID();
        Map<String, Object> body = request(externalId, "东湖小区1号楼楼道堆放杂物");
        ResponseEntity<JsonNode> first = postJson("chenxiaoyan", "/api/requests", body);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String tn = first.getBody().path("trackingNumber").asText();

        // When a grid worker of 西河村, who may not see that case, sends the very same request
        ResponseEntity<JsonNode> probe = postJson("wulei", "/api/requests", body);

        // Then he learns only that the id is taken: no tracking number, no grid, no due time
        JsonNode problem = assertProblem(probe, 409);
        assertThat(errorFields(problem)).containsExactly("externalId");
        assertThat(problem.toString()).doesNotContain(tn).doesNotContain("SFZ-C01-G01");
        assertThat(get("wulei", "/api/cases/" + tn).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static Map<String, Object> request(String externalId, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "SANITATION");
        body.put("description", description);
        body.put("channel", "HOTLINE");
        body.put("location", Map.of("lat", 41.1035, "lng", 122.0060));
        body.put("address", "示范镇东湖小区3号楼");
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        body.put("externalId", externalId);
        return body;
    }

    private long lastTrackingNumber() {
        Long sum = jdbc.queryForObject("select coalesce(sum(last_value), 0) from tracking_sequence", Long.class);
        return sum == null ? 0 : sum;
    }
}
