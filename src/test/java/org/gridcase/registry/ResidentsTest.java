package org.gridcase.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/** GET /api/registry/residents: names and phones only for those who visit residents, ID numbers masked for all. */
class ResidentsTest extends GridCaseTest {

    private static final String BUILDING_1 = "/api/registry/residents?building=SFZ-B0101";

    @Test
    void aDispatcherSeesResidentsMasked() {
        JsonNode first = firstResident("chenxiaoyan");

        assertThat(first.path("name").asText()).isEqualTo("刘**");
        assertThat(first.path("phone").asText()).isEqualTo("137****0101");
        assertThat(first.path("idNumber").asText()).isEqualTo("2103**********0023");
        assertThat(first.path("room").asText()).isEqualTo("1-101");
    }

    @Test
    void aTownLeaderSeesResidentsMasked() {
        assertThat(firstResident("lizhenhua").path("name").asText()).isEqualTo("刘**");
    }

    @Test
    void theGridWorkerSeesHisResidentsNamesAndPhonesButNotTheirIdNumbers() {
        JsonNode first = firstResident("zhangwei");

        assertThat(first.path("name").asText()).isEqualTo("刘桂芝");
        assertThat(first.path("phone").asText()).isEqualTo("13700000101");
        assertThat(first.path("idNumber").asText()).isEqualTo("2103**********0023");
        assertThat(first.path("tags").get(0).asText()).isEqualTo("ELDERLY_ALONE");
    }

    @Test
    void everyResidentOfTheBuildingIsListedMasked() {
        ResponseEntity<JsonNode> response = get("chenxiaoyan", BUILDING_1);

        assertThat(response.getBody().path("totalItems").asInt()).isEqualTo(3);
        response.getBody().path("items").forEach(r -> {
            assertThat(r.path("name").asText()).matches(".\\*+");
            assertThat(r.path("idNumber").asText()).matches("\\d{4}\\*{10}\\d{4}");
        });
    }

    private JsonNode firstResident(String login) {
        ResponseEntity<JsonNode> response = get(login, BUILDING_1);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().path("items").get(0);
    }
}
