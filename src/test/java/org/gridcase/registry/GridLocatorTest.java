package org.gridcase.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The grid index against a brute-force search over the same polygons: 5,000 irregular grids that share their
 * borders (a 50 × 100 lattice under one town, far from the demo town), imported through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridLocatorTest extends GridCaseTest {

    private static final int ROWS = 50;
    private static final int COLS = 100;
    private static final double LAT0 = 30.0;
    private static final double LNG0 = 110.0;
    private static final double CELL = 0.01;
    /** How far an inner lattice vertex may move: a fifth of a cell keeps every quadrilateral simple. */
    private static final double JITTER = 0.002;
    private static final String TOWN = "LOC";
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @Autowired
    GridLocator locator;

    @Autowired
    JdbcTemplate jdbc;

    /** vertices[row][col] = {lng, lat}: rows go north, columns east; the lattice's outer ring is not moved. */
    private double[][][] vertices;
    private final List<Candidate> areas = new ArrayList<>();

    private record Candidate(String code, AreaLevel level, Polygon shape) {
    }

    @BeforeAll
    void importTheLattice() {
        Random random = new Random(20_240_611L);
        vertices = new double[ROWS + 1][COLS + 1][];
        for (int r = 0; r <= ROWS; r++) {
            for (int c = 0; c <= COLS; c++) {
                boolean inner = r > 0 && r < ROWS && c > 0 && c < COLS;
                double lng = LNG0 + c * CELL + (inner ? (random.nextDouble() * 2 - 1) * JITTER : 0);
                double lat = LAT0 + r * CELL + (inner ? (random.nextDouble() * 2 - 1) * JITTER : 0);
                vertices[r][c] = new double[] {round7(lng), round7(lat)};
            }
        }
        ObjectNode file = JsonNodeFactory.instance.objectNode().put("type", "FeatureCollection");
        ArrayNode features = file.putArray("features");
        double[][] town = {vertices[0][0], vertices[0][COLS], vertices[ROWS][COLS], vertices[ROWS][0],
                vertices[0][0]};
        features.add(feature(TOWN, "定位测试镇", AreaLevel.TOWN, null, town));
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                double[][] ring = {vertices[r][c], vertices[r][c + 1], vertices[r + 1][c + 1], vertices[r + 1][c],
                        vertices[r][c]};
                features.add(feature(code(r, c), "定位测试网格 " + r + "-" + c, AreaLevel.GRID, TOWN, ring));
            }
        }
        assertThat(areas).hasSize(ROWS * COLS + 1).allSatisfy(a -> assertThat(a.shape().isValid()).isTrue());

        long started = System.nanoTime();
        ResponseEntity<JsonNode> response = postJson("admin", "/api/registry/areas/import", file);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("created").asInt()).isEqualTo(ROWS * COLS + 1);
        System.out.printf("GridLocatorTest: imported %d areas through POST /api/registry/areas/import in %d ms%n",
                ROWS * COLS + 1, millis);
    }

    @Test
    void tenThousandRandomPointsResolveAsTheBruteForceSearchDoes() {
        // Given 10,000 random points over the lattice and a margin around it
        Random random = new Random(42L);
        double[][] points = new double[10_000][];
        for (int i = 0; i < points.length; i++) {
            double lat = LAT0 - 0.05 + random.nextDouble() * (ROWS * CELL + 0.1);
            double lng = LNG0 - 0.05 + random.nextDouble() * (COLS * CELL + 0.1);
            points[i] = new double[] {lat, lng};
        }

        // When the index locates them
        long started = System.nanoTime();
        List<Optional<LocatedArea>> answers = new ArrayList<>(points.length);
        for (double[] p : points) {
            answers.add(locator.locate(p[0], p[1]));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("GridLocatorTest: located %d random points in %d ms (index of %d areas)%n",
                points.length, millis, locator.size());

        // Then every answer is the brute force's: the deepest area covering the point, then the smallest code
        int inside = 0;
        for (int i = 0; i < points.length; i++) {
            Optional<String> expected = bruteForce(points[i][0], points[i][1]);
            assertThat(answers.get(i).map(LocatedArea::code)).as("point %s, %s", points[i][0], points[i][1])
                    .isEqualTo(expected);
            if (expected.isPresent() && !expected.get().equals(TOWN)) {
                inside++;
                assertThat(answers.get(i).get().level()).isEqualTo(AreaLevel.GRID);
                assertThat(answers.get(i).get().path()).containsExactly(TOWN, expected.get());
            }
        }
        assertThat(inside).as("points that fell into a grid").isGreaterThan(7_000);
    }

    @Test
    void pointsOnSharedBordersResolveDeterministically() {
        // Given every inner lattice vertex (a corner of four grids) and the midpoint of every shared edge
        List<double[]> borderPoints = new ArrayList<>();
        for (int r = 1; r < ROWS; r++) {
            for (int c = 1; c < COLS; c++) {
                double[] v = vertices[r][c];
                // a vertex is exactly on the boundary of all four grids: the smallest code of the four wins
                List<String> covering = covering(v[1], v[0]);
                assertThat(covering).contains(code(r - 1, c - 1), code(r - 1, c), code(r, c - 1), code(r, c));
                assertThat(locator.locate(v[1], v[0])).map(LocatedArea::code).contains(code(r - 1, c - 1));
                borderPoints.add(midpoint(v, vertices[r][c - 1]));
                borderPoints.add(midpoint(v, vertices[r - 1][c]));
            }
        }

        // When each is located twice, Then both answers are the same and equal the brute force's
        for (double[] p : borderPoints) {
            Optional<String> first = locator.locate(p[0], p[1]).map(LocatedArea::code);
            Optional<String> second = locator.locate(p[0], p[1]).map(LocatedArea::code);
            assertThat(second).isEqualTo(first);
            assertThat(first).as("border point %s, %s", p[0], p[1]).isEqualTo(bruteForce(p[0], p[1]));
        }
    }

    @Test
    void pollPicksUpAreasAnotherNodeCommitted() {
        // Given another node of the cluster wrote an area and its change record straight into the shared database
        double lat = 20.05;
        double lng = 100.05;
        assertThat(locator.locate(lat, lng)).isEmpty();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into area (code, name, level, parent_id, boundary, version, created_at, updated_at) "
                + "values (?, ?, ?, null, ?, 0, ?, ?)", "NODE2-CITY", "另一节点导入的市", "CITY",
                "POLYGON ((100 20, 100.1 20, 100.1 20.1, 100 20.1, 100 20))", now, now);
        jdbc.update("insert into registry_change (kind, changed_at) values ('AREAS', ?)", now);
        // no event reached this node: its index does not know the area yet
        assertThat(locator.locate(lat, lng)).isEmpty();
        int sizeBefore = locator.size();

        // When this node polls
        locator.pollForChanges();

        // Then it rebuilt its index and finds the new area
        assertThat(locator.locate(lat, lng)).map(LocatedArea::code).contains("NODE2-CITY");
        assertThat(locator.size()).isEqualTo(sizeBefore + 1);
    }

    @Test
    void pollPicksUpAnImportThatCommittedAfterALaterNumberedOne() {
        // Given two imports on two other nodes at once: the change record numbered second committed first, and this
        // node polled in between (ids are handed out at insert, not at commit)
        long top = jdbc.queryForObject("select coalesce(max(id), 0) from registry_change", Long.class);
        insertAreaFromAnotherNode("NODE3-CITY", 22.0, top + 1001);
        locator.pollForChanges();
        assertThat(locator.locate(22.05, 100.05)).map(LocatedArea::code).contains("NODE3-CITY");
        insertAreaFromAnotherNode("NODE4-CITY", 24.0, top + 1000);
        assertThat(locator.locate(24.05, 100.05)).isEmpty();

        // When this node polls again: the highest change id is still the one it built from
        locator.pollForChanges();

        // Then it rebuilt all the same and finds the area of the import that committed last
        assertThat(locator.locate(24.05, 100.05)).map(LocatedArea::code).contains("NODE4-CITY");
    }

    /** What another node's import leaves in the shared database: an area and its change record. */
    private void insertAreaFromAnotherNode(String code, double lat, long changeId) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into area (code, name, level, parent_id, boundary, version, created_at, updated_at) "
                + "values (?, ?, ?, null, ?, 0, ?, ?)", code, "另一节点导入的市", "CITY",
                "POLYGON ((100 %s, 100.1 %s, 100.1 %s, 100 %s, 100 %s))".formatted(lat, lat, lat + 0.1, lat + 0.1,
                        lat), now, now);
        jdbc.update("insert into registry_change (id, kind, changed_at) values (?, 'AREAS', ?)", changeId, now);
    }

    private Optional<String> bruteForce(double lat, double lng) {
        return covering(lat, lng).stream().findFirst();
    }

    /** Every area covering the point, deepest level first, then by code. */
    private List<String> covering(double lat, double lng) {
        Point point = GEOMETRY.createPoint(new Coordinate(lng, lat));
        return areas.stream().filter(a -> a.shape().covers(point))
                .sorted(Comparator.comparing((Candidate a) -> a.level().ordinal()).reversed()
                        .thenComparing(Candidate::code))
                .map(Candidate::code).toList();
    }

    private ObjectNode feature(String code, String name, AreaLevel level, String parentCode, double[][] ring) {
        Coordinate[] coordinates = new Coordinate[ring.length];
        for (int i = 0; i < ring.length; i++) {
            coordinates[i] = new Coordinate(ring[i][0], ring[i][1]);
        }
        areas.add(new Candidate(code, level, GEOMETRY.createPolygon(coordinates)));
        ObjectNode feature = JsonNodeFactory.instance.objectNode().put("type", "Feature");
        feature.putObject("properties").put("code", code).put("name", name).put("level", level.name())
                .put("parentCode", parentCode);
        ArrayNode outer = feature.putObject("geometry").put("type", "Polygon").putArray("coordinates").addArray();
        for (double[] c : ring) {
            outer.addArray().add(c[0]).add(c[1]);
        }
        return feature;
    }

    /** The midpoint of an edge as {lat, lng}; rounding may put it a hair off the edge, on either side. */
    private static double[] midpoint(double[] a, double[] b) {
        return new double[] {(a[1] + b[1]) / 2, (a[0] + b[0]) / 2};
    }

    private static String code(int row, int col) {
        return String.format("%s-R%02d-C%03d", TOWN, row, col);
    }

    private static double round7(double value) {
        return Math.round(value * 1e7) / 1e7;
    }
}
