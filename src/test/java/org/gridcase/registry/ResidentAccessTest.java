package org.gridcase.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Residents are seen only by the staff of their area; ID numbers are masked in every list and shown in full only
 * through an explicit, recorded call by the resident's grid leader or an administrator.
 */
class ResidentAccessTest extends GridCaseTest {

    /** 刘桂芝, 东湖社区第一网格, building SFZ-B0101. */
    private static final String LIU_ID_NUMBER = "210302194503120023";

    @ParameterizedTest(name = "{0} asks for the residents of grid {1} -> {2}")
    @CsvSource({
            "zhangwei, SFZ-C02-G01, 404",
            "maxiuying, SFZ-C02-G01, 404",
            "zhoulihua, SFZ-C02-G01, 404",
            "wulei, SFZ-C01-G01, 404",
            "zhangwei, SFZ-C01-G01, 200",
            "zhoulihua, SFZ-C01-G02, 200",
            "lizhenhua, SFZ-C02-G01, 200",
            "admin, SFZ-C02-G01, 200"})
    void aGridOutsideTheCallersAreaIsNotFound(String login, String grid, int expected) {
        ResponseEntity<JsonNode> response = get(login, "/api/registry/residents?grid=" + grid);

        assertThat(response.getStatusCode().value()).isEqualTo(expected);
        if (expected == 404) {
            assertProblem(response, 404);
            assertThat(response.getBody().toString()).doesNotContain("1370000");
        }
    }

    @Test
    void withoutAGridAGridWorkerGetsOnlyHisGridsResidentsWithIdNumbersMasked() {
        // When the grid worker of 东湖社区第一网格 lists residents without naming a grid or building
        JsonNode page = get("zhangwei", "/api/registry/residents?size=200").getBody();

        // Then only the residents of his grid's buildings come back: names and phones for his visits, IDs masked
        List<String> buildings = new ArrayList<>();
        page.path("items").forEach(r -> buildings.add(r.path("building").asText()));
        assertThat(buildings).isNotEmpty().allMatch(b -> b.equals("SFZ-B0101") || b.equals("SFZ-B0102"));
        page.path("items").forEach(r -> {
            assertThat(r.path("idNumber").asText()).matches("\\d{4}\\*{10}[0-9X]{4}");
            assertThat(r.path("name").asText()).doesNotContain("*");
        });
        // and another building's residents by building code are not found either
        assertProblem(get("zhangwei", "/api/registry/residents?building=SFZ-B0401"), 404);
    }

    @Test
    void staffAboveTheGridSeeTheirAreasResidentsWithNamesMasked() {
        // the community leader of 东湖社区 sees 东湖社区's grids, not 西河村's, with names and phones masked
        JsonNode page = get("zhoulihua", "/api/registry/residents?size=200").getBody();
        List<String> buildings = new ArrayList<>();
        page.path("items").forEach(r -> buildings.add(r.path("building").asText()));
        assertThat(buildings).contains("SFZ-B0101", "SFZ-B0201").noneMatch(b -> b.startsWith("SFZ-B04"));
        page.path("items").forEach(r -> assertThat(r.path("name").asText()).contains("*"));
        // a department has no residents to see
        assertThat(get("luojun", "/api/registry/residents?size=200").getBody().path("totalItems").asInt()).isZero();
    }

    @Test
    void theGridLeaderReadsAFullIdNumberAndTheReadIsRecordedForTheAdministrator() {
        // Given 刘桂芝 as her grid sees her in the list
        JsonNode liu = resident("maxiuying", "SFZ-B0101", "1-101");
        assertThat(liu.path("idNumber").asText()).isEqualTo("2103**********0023");
        String url = "/api/registry/residents/" + liu.path("id").asText() + "/id-number";

        // When her grid leader asks for the full ID number
        ResponseEntity<JsonNode> full = get("maxiuying", url);

        // Then he gets it
        assertThat(full.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(full.getBody().path("idNumber").asText()).isEqualTo(LIU_ID_NUMBER);

        // and nobody else but an administrator does: not her grid worker, not another grid's leader, not the town
        assertProblem(get("zhangwei", url), 403);
        assertProblem(get("lizhenhua", url), 403);
        assertProblem(get("yangguilan", url), 404);
        assertProblem(get("luojun", url), 404);
        assertThat(get("admin", url).getBody().path("idNumber").asText()).isEqualTo(LIU_ID_NUMBER);

        // and the administrator sees who read it, when, and what was shown — newest first
        JsonNode log = get("admin", "/api/registry/residents/access-log?resident=" + liu.path("id").asText())
                .getBody();
        List<String> readers = new ArrayList<>();
        log.path("items").forEach(e -> readers.add(e.path("login").asText()));
        assertThat(readers).startsWith("admin", "maxiuying");
        JsonNode entry = log.path("items").get(1);
        assertThat(entry.path("at").asText()).isNotEmpty();
        assertThat(entry.path("residentId").asLong()).isEqualTo(liu.path("id").asLong());
        assertThat(entry.path("shown").asText()).isEqualTo("ID_NUMBER");
        assertThat(entry.path("idNumberMasked").asText()).isEqualTo("2103**********0023");
        // refused reads are not in it, and the log is the administrators'
        assertThat(readers).doesNotContain("zhangwei", "yangguilan");
        assertProblem(get("maxiuying", "/api/registry/residents/access-log"), 403);
    }

    @Test
    void gridStaffImportResidentsOnlyIntoTheirOwnGridsBuildings() {
        // a grid worker of 西河村 cannot register a resident into a building of 东湖社区
        JsonNode foreign = assertProblem(postCsv("wulei", "/api/registry/residents/import",
                "idNumber,name,building\n210302199902020022,外来人,SFZ-B0101\n"), 400);
        assertThat(errorFields(foreign)).containsExactly("row 2.building");

        // nor move or overwrite a resident registered in another grid, by her ID number
        JsonNode moved = assertProblem(postCsv("wulei", "/api/registry/residents/import",
                "idNumber,name,building,room\n" + LIU_ID_NUMBER + ",改名,SFZ-B0401,9-9\n"), 400);
        assertThat(errorFields(moved)).containsExactly("row 2.idNumber");
        JsonNode liu = resident("maxiuying", "SFZ-B0101", "1-101");
        assertThat(liu.path("name").asText()).isEqualTo("刘桂芝");
    }

    private JsonNode resident(String login, String building, String room) {
        JsonNode page = get(login, "/api/registry/residents?building=" + building).getBody();
        for (JsonNode r : page.path("items")) {
            if (room.equals(r.path("room").asText())) {
                return r;
            }
        }
        throw new AssertionError("no resident in room " + room + " of " + building + ": " + page);
    }
}
