package org.gridcase.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A second town beside 示范镇, with one grid ({@link #GRID}): where the "other" case of town-level staff lies in the
 * access tests. Imported once per test database, by the administrator.
 */
final class OtherTown {

    static final String GRID = "ACC-T-C1-G1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OtherTown() {
    }

    /** Imports the town unless it is there; {@code admin}: the REST client logged in as the administrator. */
    static void ensure(TestRestTemplate admin) {
        if (admin.getForEntity("/api/registry/areas/" + GRID, JsonNode.class).getStatusCode() == HttpStatus.OK) {
            return;
        }
        ObjectNode root = JSON.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = root.putArray("features");
        features.add(feature("ACC-T", "权限测试镇", "TOWN", null, 0.3));
        features.add(feature("ACC-T-C1", "权限测试社区", "COMMUNITY", "ACC-T", 0.2));
        features.add(feature(GRID, "权限测试网格", "GRID", "ACC-T-C1", 0.1));
        assertThat(admin.postForEntity("/api/registry/areas/import", root, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private static ObjectNode feature(String code, String name, String level, String parent, double size) {
        ObjectNode feature = JSON.createObjectNode().put("type", "Feature");
        feature.putObject("properties").put("code", code).put("name", name).put("level", level)
                .put("parentCode", parent);
        ObjectNode geometry = feature.putObject("geometry").put("type", "Polygon");
        ArrayNode ring = geometry.putArray("coordinates").addArray();
        double lng = 95.0; // a corner of the map no other test uses (GridLocatorTest is at 110, 30)
        double lat = 20.0;
        for (double[] c : new double[][] {{lng, lat}, {lng + size, lat}, {lng + size, lat + size},
                {lng, lat + size}, {lng, lat}}) {
            ring.addArray().add(c[0]).add(c[1]);
        }
        return feature;
    }
}
