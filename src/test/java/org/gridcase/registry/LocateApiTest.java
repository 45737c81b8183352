package org.gridcase.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/** GET /api/registry/locate: a point to the deepest area of the demo town. */
class LocateApiTest extends GridCaseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'',                         lat",
            "lng=122.01,                 lat",
            "lat=91&lng=122.01,          lat",
            "lat=-90.5&lng=122.01,       lat",
            "lat=north&lng=122.01,       lat",
            "lat=NaN&lng=122.01,         lat",
            "lat=41.105,                 lng",
            "lat=41.105&lng=180.1,       lng",
            "lat=41.105&lng=-181,        lng",
            "lat=41.105&lng=NaN,         lng"})
    void missingOrOutOfRangeCoordinatesAreNamedInA400(String query, String field) {
        ResponseEntity<JsonNode> response = get("zhangwei", "/api/registry/locate?" + query);

        JsonNode problem = assertProblem(response, 400);
        assertThat(errorFields(problem)).containsExactly(field);
    }

    @Test
    void aPointOutsideEveryAreaIsA404() {
        ResponseEntity<JsonNode> response = get("zhangwei", "/api/registry/locate?lat=0&lng=0");

        assertProblem(response, 404);
    }

    @Test
    void aPointInADemoGridAnswersTheGridAndItsPath() {
        // Given a point in 东湖社区第一网格, outside its micro-grids
        ResponseEntity<JsonNode> response = get("zhangwei", "/api/registry/locate?lat=41.108&lng=122.02");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode area = response.getBody();
        assertThat(area.path("code").asText()).isEqualTo("SFZ-C01-G01");
        assertThat(area.path("name").asText()).isEqualTo("东湖社区第一网格");
        assertThat(area.path("level").asText()).isEqualTo("GRID");
        assertThat(texts(area.path("path"))).containsExactly("SFS", "SFS-SFQ", "SFZ", "SFZ-C01", "SFZ-C01-G01");
    }

    @Test
    void aPointInAMicroGridAnswersTheDeeperMicroGrid() {
        ResponseEntity<JsonNode> response = get("zhangwei", "/api/registry/locate?lat=41.103&lng=122.006");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("code").asText()).isEqualTo("SFZ-C01-G01-M01");
        assertThat(response.getBody().path("level").asText()).isEqualTo("MICRO_GRID");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
