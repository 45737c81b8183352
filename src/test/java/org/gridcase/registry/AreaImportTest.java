package org.gridcase.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** POST /api/registry/areas/import: GeoJSON upsert by code, all or nothing. */
class AreaImportTest extends GridCaseTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GridLocator locator;

    @Test
    void importCreatesAreasWhoseParentsComeLaterInTheFileAndReimportUpdatesThem() {
        // Given a file that lists a grid before its community and the community before its town
        JsonNode file = collection(
                feature("IMPA-T-C1-G1", "导入测试第一网格", "GRID", "IMPA-T-C1", square(100.50, 25.00, 0.05)),
                feature("IMPA-T-C1", "导入测试社区", "COMMUNITY", "IMPA-T", square(100.50, 25.00, 0.1)),
                feature("IMPA-T", "导入测试镇", "TOWN", null, square(100.50, 25.00, 0.2)));

        // When an administrator imports it
        ResponseEntity<JsonNode> first = importAreas("admin", file);

        // Then all three are created, linked to their parents, and the grid index knows them at once
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().path("created").asInt()).isEqualTo(3);
        assertThat(first.getBody().path("updated").asInt()).isEqualTo(0);
        JsonNode grid = get("admin", "/api/registry/areas/IMPA-T-C1-G1").getBody();
        assertThat(grid.path("parent").path("code").asText()).isEqualTo("IMPA-T-C1");
        assertThat(texts(grid.path("path"))).containsExactly("IMPA-T", "IMPA-T-C1", "IMPA-T-C1-G1");
        assertThat(locator.locate(25.01, 100.51)).map(LocatedArea::code).contains("IMPA-T-C1-G1");

        // When the same codes are imported again with a new name and a larger grid
        JsonNode again = collection(
                feature("IMPA-T-C1-G1", "导入测试第一网格（调整后）", "GRID", "IMPA-T-C1", square(100.50, 25.00, 0.08)),
                feature("IMPA-T-C1", "导入测试社区", "COMMUNITY", "IMPA-T", square(100.50, 25.00, 0.1)),
                feature("IMPA-T", "导入测试镇", "TOWN", null, square(100.50, 25.00, 0.2)));
        ResponseEntity<JsonNode> second = importAreas("admin", again);

        // Then nothing new is created, the three are updated
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody().path("created").asInt()).isEqualTo(0);
        assertThat(second.getBody().path("updated").asInt()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from area where code like 'IMPA-%'", Integer.class))
                .isEqualTo(3);
        assertThat(get("admin", "/api/registry/areas/IMPA-T-C1-G1").getBody().path("name").asText())
                .isEqualTo("导入测试第一网格（调整后）");
        assertThat(locator.locate(25.07, 100.57)).map(LocatedArea::code).contains("IMPA-T-C1-G1");
    }

    static Stream<Arguments> badFeatures() {
        double[][] bowTie = {{101.0, 26.0}, {101.1, 26.1}, {101.1, 26.0}, {101.0, 26.1}, {101.0, 26.0}};
        ObjectNode point = JSON.objectNode().put("type", "Point");
        point.putArray("coordinates").add(101.05).add(26.05);
        return Stream.of(
                Arguments.of("unknown level",
                        feature("IMPB-T-G1", "错误层级", "VILLAGE", "IMPB-T", square(101.0, 26.0, 0.05)),
                        "features[1].properties.level"),
                Arguments.of("missing code",
                        feature(null, "缺少编码", "GRID", "IMPB-T", square(101.0, 26.0, 0.05)),
                        "features[1].properties.code"),
                Arguments.of("self-intersecting polygon",
                        feature("IMPB-T-G1", "自相交", "GRID", "IMPB-T", polygon(bowTie)),
                        "features[1].geometry"),
                Arguments.of("unknown parent",
                        feature("IMPB-T-G1", "上级不存在", "GRID", "IMPB-NOWHERE", square(101.0, 26.0, 0.05)),
                        "features[1].properties.parentCode"),
                Arguments.of("point geometry",
                        feature("IMPB-T-G1", "点要素", "GRID", "IMPB-T", point),
                        "features[1].geometry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFeatures")
    void oneBadFeatureRejectsTheWholeFileAndNamesIt(String fault, ObjectNode bad, String field) {
        // Given a file with a good town, one bad feature and a good grid
        JsonNode file = collection(
                feature("IMPB-T", "坏文件测试镇", "TOWN", null, square(101.0, 26.0, 0.2)),
                bad,
                feature("IMPB-T-G2", "坏文件测试第二网格", "GRID", "IMPB-T", square(101.1, 26.1, 0.05)));
        int areasBefore = count("area");
        int changesBefore = count("registry_change");

        // When it is imported
        ResponseEntity<JsonNode> response = importAreas("admin", file);

        // Then 400 names the feature at fault, and nothing at all was written
        JsonNode problem = assertProblem(response, 400);
        assertThat(errorFields(problem)).contains(field).allSatisfy(f -> assertThat(f).startsWith("features[1]."));
        assertThat(count("area")).isEqualTo(areasBefore);
        assertThat(count("registry_change")).isEqualTo(changesBefore);
        assertThat(jdbc.queryForObject("select count(*) from area where code like 'IMPB-%'", Integer.class))
                .isZero();
    }

    @Test
    void anAreaCannotBeMovedToALevelNotAboveItsExistingChildren() {
        // Given a town with a community that has a grid
        ResponseEntity<JsonNode> created = importAreas("admin", collection(
                feature("IMPD-T", "层级测试镇", "TOWN", null, square(103.0, 28.0, 0.2)),
                feature("IMPD-T-C1", "层级测试社区", "COMMUNITY", "IMPD-T", square(103.0, 28.0, 0.1)),
                feature("IMPD-T-C1-G1", "层级测试网格", "GRID", "IMPD-T-C1", square(103.0, 28.0, 0.05))));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
        int changesBefore = count("registry_change");

        // When a file re-levels the town below its community and hangs it under the community, without listing
        // the community (a cycle town -> community -> town), or re-levels the community as a grid
        ResponseEntity<JsonNode> cycle = importAreas("admin", collection(
                feature("IMPD-T", "层级测试镇", "GRID", "IMPD-T-C1", square(103.0, 28.0, 0.2))));
        ResponseEntity<JsonNode> sameLevel = importAreas("admin", collection(
                feature("IMPD-T-C1", "层级测试社区", "GRID", "IMPD-T", square(103.0, 28.0, 0.1))));

        // Then both are refused naming the level, and the hierarchy is unchanged
        assertThat(errorFields(assertProblem(cycle, 400))).contains("features[0].properties.level");
        assertThat(errorFields(assertProblem(sameLevel, 400))).contains("features[0].properties.level");
        assertThat(count("registry_change")).isEqualTo(changesBefore);
        assertThat(jdbc.queryForList("select level from area where code in ('IMPD-T', 'IMPD-T-C1') order by code",
                String.class)).containsExactly("TOWN", "COMMUNITY");
    }

    @Test
    void onlyImportersMayImportAreas() {
        int before = count("area");
        JsonNode file = collection(feature("IMPC-T", "无权导入镇", "TOWN", null, square(102.0, 27.0, 0.1)));

        assertProblem(importAreas("chenxiaoyan", file), 403);
        assertThat(count("area")).isEqualTo(before);
    }

    private ResponseEntity<JsonNode> importAreas(String login, JsonNode file) {
        return postJson(login, "/api/registry/areas/import", file);
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    static JsonNode collection(ObjectNode... features) {
        ObjectNode root = JSON.objectNode().put("type", "FeatureCollection");
        ArrayNode list = root.putArray("features");
        for (ObjectNode f : features) {
            list.add(f);
        }
        return root;
    }

    static ObjectNode feature(String code, String name, String level, String parentCode, ObjectNode geometry) {
        ObjectNode feature = JSON.objectNode().put("type", "Feature");
        ObjectNode props = feature.putObject("properties");
        if (code != null) {
            props.put("code", code);
        }
        props.put("name", name).put("level", level).put("parentCode", parentCode);
        feature.set("geometry", geometry);
        return feature;
    }

    /** An axis-aligned square with its south-west corner at (lng, lat). */
    static ObjectNode square(double lng, double lat, double size) {
        return polygon(new double[][] {{lng, lat}, {lng + size, lat}, {lng + size, lat + size}, {lng, lat + size},
                {lng, lat}});
    }

    static ObjectNode polygon(double[][] ring) {
        ObjectNode geometry = JSON.objectNode().put("type", "Polygon");
        ArrayNode outer = geometry.putArray("coordinates").addArray();
        for (double[] c : ring) {
            outer.addArray().add(c[0]).add(c[1]);
        }
        return geometry;
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
