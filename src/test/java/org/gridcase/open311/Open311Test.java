package org.gridcase.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.GridCaseTest;
import org.gridcase.casefile.CaseInstances;
import org.gridcase.request.Categories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) point by point, in XML and JSON: discovery, services,
 * service definitions, POST requests, tokens, GET requests and GET a request, and every error the spec names (400,
 * 403, 404) plus 413 and 429, each in GeoReport's error format. JSON answers are validated against the open311 JSON
 * schemas ({@code schema/georeport-v2/*.json} of the public open311 schema-validation repository, kept in
 * {@code src/test/resources/open311-schemas/}); XML answers are parsed and their element names checked.
 */
class Open311Test extends GridCaseTest {

    /** Inside grid 1 of 东湖社区 (SFZ-C01-G01), whose grid worker is zhangwei. */
    private static final double LAT = 41.1035;
    private static final double LNG = 122.0060;
    private static final String ADMIN = "admin";
    private static final String DISPATCHER = "chenxiaoyan";
    private static final String GRID_WORKER = "zhangwei";
    private static final String PHONE = "13912345678";
    private static final String EMAIL = "wang.fang@example.org";
    private static final String DEVICE = "device-7f3a-9c21";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    @Autowired
    TaskService taskService;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${gridcase.open311.rate-limit.requests}")
    long rateLimit;

    // ---------------------------------------------------------------- discovery, services, definitions

    @Test
    void discoveryNamesTheGeoReportV2EndpointAndBothFormats() throws Exception {
        JsonNode json = json(get("/open311/v2/discovery.json"), 200);
        JsonNode endpoint = json.path("endpoints").get(0);
        assertThat(endpoint.path("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.path("url").asText()).endsWith("/open311/v2");
        assertThat(List.of(endpoint.path("formats").get(0).asText(), endpoint.path("formats").get(1).asText()))
                .containsExactly("text/xml", "application/json");
        assertThat(json.path("changeset").asText()).endsWith("+08:00");

        Element xml = xml(get("/open311/v2/discovery.xml"), 200, "discovery");
        assertThat(childNames(xml)).containsExactly("changeset", "contact", "key_service", "endpoints");
        Element xmlEndpoint = child(child(xml, "endpoints"), "endpoint");
        assertThat(childNames(xmlEndpoint)).containsExactly("specification", "url", "changeset", "type", "formats");
        assertThat(texts(child(xmlEndpoint, "formats"), "format")).containsExactly("text/xml", "application/json");
    }

    @Test
    void servicesAreTheRequestCategoriesWithNamesGroupsAndTypeInBothFormats() throws Exception {
        JsonNode json = json(get("/open311/v2/services.json"), 200);
        assertValid("services.json", json);
        assertThat(json.size()).isEqualTo(Categories.all().size());
        JsonNode noise = find(json, "service_code", "NOISE");
        assertThat(noise.path("service_name").asText()).isEqualTo("噪音扰民");
        assertThat(noise.path("metadata").asBoolean()).isTrue();
        assertThat(noise.path("type").asText()).isEqualTo("realtime");
        assertThat(noise.path("group").asText()).isEqualTo("社会治安");
        assertThat(noise.path("keywords").asText()).contains("噪音");
        assertThat(find(json, "service_code", "SANITATION").path("metadata").asBoolean()).isFalse();

        Element xml = xml(get("/open311/v2/services.xml"), 200, "services");
        List<Element> services = children(xml, "service");
        assertThat(services).hasSize(Categories.all().size());
        assertThat(childNames(services.get(0))).containsExactly("service_code", "service_name", "description",
                "metadata", "type", "keywords", "group");
    }

    @Test
    void serviceDefinitionsAskTheExtraQuestionsWithEveryDatatypeAndTheirValues() throws Exception {
        JsonNode noise = json(get("/open311/v2/services/NOISE.json"), 200);
        assertValid("service-definition.json", noise);
        assertThat(noise.path("service_code").asText()).isEqualTo("NOISE");
        JsonNode time = find(noise.path("attributes"), "code", "noise_time");
        assertThat(time.path("datatype").asText()).isEqualTo("singlevaluelist");
        assertThat(time.path("required").asBoolean()).isTrue();
        assertThat(time.path("variable").asBoolean()).isTrue();
        assertThat(time.path("order").asInt()).isEqualTo(1);
        assertThat(time.path("values").get(1).path("key").asText()).isEqualTo("NIGHT");

        // every datatype of the spec appears in some definition
        Set<String> datatypes = new HashSet<>();
        boolean informational = false;
        for (JsonNode service : json(get("/open311/v2/services.json"), 200)) {
            if (service.path("metadata").asBoolean()) {
                JsonNode definition = json(get("/open311/v2/services/" + service.path("service_code").asText()
                        + ".json"), 200);
                assertValid("service-definition.json", definition);
                for (JsonNode a : definition.path("attributes")) {
                    datatypes.add(a.path("datatype").asText());
                    informational |= !a.path("variable").asBoolean();
                }
            }
        }
        assertThat(datatypes).containsExactlyInAnyOrder("string", "number", "datetime", "text", "singlevaluelist",
                "multivaluelist");
        assertThat(informational).as("an attribute only informs (variable=false)").isTrue();

        Element xml = xml(get("/open311/v2/services/NOISE.xml"), 200, "service_definition");
        Element attribute = child(child(xml, "attributes"), "attribute");
        assertThat(childNames(attribute)).containsExactly("variable", "code", "datatype", "required",
                "datatype_description", "order", "description", "values");
        Element value = child(child(attribute, "values"), "value");
        assertThat(childNames(value)).containsExactly("key", "name");
        assertThat(child(value, "key").getTextContent()).isEqualTo("DAY");
    }

    @Test
    void unknownServicesRequestsTokensJurisdictionsAndPathsAre404AndABadFormatIs400() throws Exception {
        assertErrorsJson(get("/open311/v2/services/NO_SUCH.json"), 404);
        assertErrorsXml(get("/open311/v2/services/NO_SUCH.xml"), 404);
        assertErrorsJson(get("/open311/v2/requests/SQ-19990101-0001.json"), 404);
        assertErrorsXml(get("/open311/v2/requests/SQ-19990101-0001.xml"), 404);
        assertErrorsJson(get("/open311/v2/tokens/no-such-token.json"), 404);
        assertErrorsXml(get("/open311/v2/tokens/no-such-token.xml"), 404);
        assertErrorsJson(get("/open311/v2/services.json?jurisdiction_id=elsewhere"), 404);
        assertErrorsXml(get("/open311/v2/nothing-here.xml"), 404);
        assertErrorsXml(get("/open311/v2/services.csv"), 400);
        // the right jurisdiction is fine
        json(get("/open311/v2/services.json?jurisdiction_id=gridcase"), 200);
    }

    // ---------------------------------------------------------------- POST requests, GET a request, tokens

    @Test
    void aPostedRequestIsARealOpen311CaseAndItsStatusFollowsTheCase() throws Exception {
        // Given a client with a key
        String key = issueKey("东湖社区 App");

        // When it posts a noise report with its extra questions, a photo link and the reporter's contact
        MultiValueMap<String, String> form = noise(key);
        form.add("attribute[noise_source][]", "CONSTRUCTION");
        form.add("attribute[noise_source][]", "BUSINESS");
        form.add("attribute[noise_since]", "2026-11-30T22:30:00+08:00");
        form.add("media_url", "https://photos.example.org/noise/123.jpg");
        form.add("account_id", "acct-42");
        JsonNode created = json(post("json", form), 201);

        // Then it answers the case's tracking number at once (realtime), a token and the account id
        assertThat(created.isArray()).isTrue();
        String id = created.get(0).path("service_request_id").asText();
        String token = created.get(0).path("token").asText();
        assertThat(id).matches("SQ-\\d{8}-\\d{4}");
        assertThat(created.get(0).path("account_id").asText()).isEqualTo("acct-42");

        // and the case is a normal request case from channel OPEN311, the answers and the link on it
        JsonNode staffView = get(DISPATCHER, "/api/cases/" + id).getBody();
        assertThat(staffView.path("channel").asText()).isEqualTo("OPEN311");
        assertThat(staffView.path("category").asText()).isEqualTo("NOISE");
        assertThat(staffView.path("gridCode").asText()).isEqualTo("SFZ-C01-G01");
        assertThat(staffView.path("reporter").path("phone").asText()).isEqualTo(PHONE);
        assertThat(staffView.path("description").asText()).contains("楼下工地每晚施工", "夜间（22 时至次日 6 时）",
                "建筑施工、商铺经营", "2026-11-30T22:30:00+08:00");
        assertThat(staffView.path("timeline").toString()).contains("https://photos.example.org/noise/123.jpg");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);

        // and the token leads to it
        JsonNode byToken = json(get("/open311/v2/tokens/" + token + ".json"), 200);
        assertThat(byToken.get(0).path("service_request_id").asText()).isEqualTo(id);
        assertThat(byToken.get(0).path("token").asText()).isEqualTo(token);
        Element tokenXml = xml(get("/open311/v2/tokens/" + token + ".xml"), 200, "service_requests");
        assertThat(childNames(child(tokenXml, "request"))).containsExactly("service_request_id", "token");

        // When the public reads it: open, with its handling deadline, agency and place, and no personal data
        ResponseEntity<String> read = get("/open311/v2/requests/" + id + ".json");
        JsonNode open = json(read, 200);
        assertValid("requests.json", open);
        JsonNode request = open.get(0);
        assertThat(request.path("status").asText()).isEqualTo("open");
        assertThat(request.path("service_code").asText()).isEqualTo("NOISE");
        assertThat(request.path("service_name").asText()).isEqualTo("噪音扰民");
        assertThat(request.path("agency_responsible").asText()).isNotBlank();
        assertThat(request.path("requested_datetime").asText()).endsWith("+08:00");
        assertThat(request.path("expected_datetime").asText()).endsWith("+08:00")
                .isEqualTo(Open311Format.time(java.time.OffsetDateTime.parse(staffView.path("handlingDueAt").asText())
                        .toInstant()));
        assertThat(request.path("lat").asDouble()).isEqualTo(LAT);
        assertThat(request.path("long").asDouble()).isEqualTo(LNG);
        assertThat(request.path("media_url").asText()).isEqualTo("https://photos.example.org/noise/123.jpg");
        assertNoPersonalData(read.getBody());

        // When the grid worker finds nothing there and rejects it through the engine
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(id).singleResult();
        taskService.claim(verify.getId(), GRID_WORKER);
        taskService.complete(verify.getId(), Map.of("verifyOutcome", "INVALID", "verifyNote", "现场核实未发现施工"));
        new CaseInstances(engine).assertNothingLeftBehind(id);

        // Then GeoReport says closed, with the reason
        JsonNode closed = json(get("/open311/v2/requests/" + id + ".json"), 200);
        assertValid("requests.json", closed);
        assertThat(closed.get(0).path("status").asText()).isEqualTo("closed");
        assertThat(closed.get(0).path("status_notes").asText()).contains("不予受理", "现场核实未发现施工");
        Element xml = xml(get("/open311/v2/requests/" + id + ".xml"), 200, "service_requests");
        Element one = child(xml, "request");
        assertThat(childNames(one)).containsExactly("service_request_id", "status", "status_notes", "service_name",
                "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
                "updated_datetime", "expected_datetime", "address", "address_id", "lat", "long", "media_url");
        assertThat(child(one, "status").getTextContent()).isEqualTo("closed");
    }

    @Test
    void aPostInXmlAnswersServiceRequestsAndAnAddressAloneIsALocation() throws Exception {
        String key = issueKey("XML 客户端");
        MultiValueMap<String, String> form = form(key, "SANITATION");
        form.add("address_string", "示范镇东湖小区3号楼北侧");
        form.add("description", "垃圾桶满了三天没人清运");
        form.add("phone", PHONE);
        Element answer = xml(post("xml", form), 201, "service_requests");
        Element request = child(answer, "request");
        assertThat(childNames(request)).containsExactly("service_request_id", "token", "service_notice",
                "account_id");
        String id = child(request, "service_request_id").getTextContent();

        ResponseEntity<String> read = get("/open311/v2/requests/" + id + ".xml");
        Element one = child(xml(read, 200, "service_requests"), "request");
        assertThat(child(one, "address").getTextContent()).isEqualTo("示范镇东湖小区3号楼北侧");
        assertThat(child(one, "lat").getTextContent()).isEmpty();
        assertThat(child(one, "status").getTextContent()).isEqualTo("open");
        assertThat(read.getHeaders().getContentType().toString()).startsWith("text/xml").contains("UTF-8");
        assertThat(read.getBody()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assertNoPersonalData(read.getBody());

        // a building code of the registry (address_id) places the case in that building's grid
        MultiValueMap<String, String> byBuilding = form(key, "PROPERTY_MGMT");
        byBuilding.add("address_id", "SFZ-B0101");
        byBuilding.add("phone", PHONE);
        String inBuilding = child(child(xml(post("xml", byBuilding), 201, "service_requests"), "request"),
                "service_request_id").getTextContent();
        assertThat(get(DISPATCHER, "/api/cases/" + inBuilding).getBody().path("gridCode").asText())
                .isEqualTo("SFZ-C01-G01");
        assertThat(child(child(xml(get("/open311/v2/requests/" + inBuilding + ".xml"), 200, "service_requests"),
                "request"), "address_id").getTextContent()).isEqualTo("SFZ-B0101");
    }

    @Test
    void aGasLeakAnswersItsServiceNotice() throws Exception {
        String key = issueKey("燃气客户端");
        MultiValueMap<String, String> form = form(key, "GAS_LEAK");
        form.add("lat", String.valueOf(LAT));
        form.add("long", String.valueOf(LNG));
        form.add("phone", PHONE);
        JsonNode created = json(post("json", form), 201);
        assertThat(created.get(0).path("service_notice").asText()).contains("119");
        // the informational attribute cannot be answered
        form.add("attribute[gas_safety]", "知道了");
        assertThat(errorDescriptions(json(post("json", form), 400))).anyMatch(d -> d.startsWith("attribute[gas_safety]"));
    }

    @Test
    void scriptInTextIsStoredAsTextAndEscapedByBothWriters() throws Exception {
        String key = issueKey("脚本测试");
        MultiValueMap<String, String> form = form(key, "SANITATION");
        form.add("lat", String.valueOf(LAT));
        form.add("long", String.valueOf(LNG));
        form.add("phone", PHONE);
        form.add("description", "<script>alert('x')</script> & 垃圾");
        String id = json(post("json", form), 201).get(0).path("service_request_id").asText();

        String json = get("/open311/v2/requests/" + id + ".json").getBody();
        assertThat(json).doesNotContain("<script>").contains("\\u003Cscript\\u003E");
        assertThat(JSON.readTree(json).get(0).path("description").asText()).startsWith("<script>alert('x')</script>");
        String xml = get("/open311/v2/requests/" + id + ".xml").getBody();
        assertThat(xml).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(child(xml(get("/open311/v2/requests/" + id + ".xml"), 200, "service_requests"), "request")
                .getElementsByTagName("description").item(0).getTextContent()).startsWith("<script>");
    }

    // ---------------------------------------------------------------- GET requests

    @Test
    void getRequestsFiltersByIdsServiceCodeDatesAndStatusWithinNinetyDays() throws Exception {
        String key = issueKey("查询客户端");
        String noise = json(post("json", noise(key)), 201).get(0).path("service_request_id").asText();
        MultiValueMap<String, String> road = form(key, "ROAD_DAMAGE");
        road.add("lat", String.valueOf(LAT));
        road.add("long", String.valueOf(LNG));
        road.add("phone", PHONE);
        road.add("attribute[road_name]", "东湖路北段");
        road.add("attribute[damage_size]", "1.5");
        String roadId = json(post("json", road), 201).get(0).path("service_request_id").asText();

        // defaults: the last 90 days, newest first
        JsonNode all = json(get("/open311/v2/requests.json"), 200);
        assertValid("requests.json", all);
        assertThat(ids(all)).contains(noise, roadId);
        assertThat(ids(all).indexOf(roadId)).isLessThan(ids(all).indexOf(noise));
        assertNoPersonalData(get("/open311/v2/requests.json").getBody());
        assertNoPersonalData(get("/open311/v2/requests.xml").getBody());

        // a list of ids overrides every other filter
        JsonNode byIds = json(get("/open311/v2/requests.json?service_request_id=" + noise + "," + roadId
                + "&service_code=SANITATION&status=closed"), 200);
        assertThat(ids(byIds)).containsExactlyInAnyOrder(noise, roadId);

        assertThat(ids(json(get("/open311/v2/requests.json?service_code=ROAD_DAMAGE"), 200))).contains(roadId)
                .doesNotContain(noise);
        assertThat(ids(json(get("/open311/v2/requests.json?service_code=ROAD_DAMAGE,NOISE"), 200)))
                .contains(roadId, noise);
        assertThat(ids(json(get("/open311/v2/requests.json?status=closed"), 200))).doesNotContain(noise, roadId);
        assertThat(ids(json(get("/open311/v2/requests.json?status=open"), 200))).contains(noise, roadId);
        assertThat(ids(json(get("/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z"), 200)))
                .isEmpty();
        assertThat(ids(json(get("/open311/v2/requests.json?end_date=2001-01-01T00:00:00Z"), 200))).isEmpty();
        Element xml = xml(get("/open311/v2/requests.xml?service_code=ROAD_DAMAGE"), 200, "service_requests");
        assertThat(children(xml, "request")).isNotEmpty();

        // and bad filters are 400, in both formats
        assertErrorsJson(get("/open311/v2/requests.json?start_date=yesterday"), 400);
        assertErrorsXml(get("/open311/v2/requests.xml?status=pending"), 400);
        assertErrorsJson(get("/open311/v2/requests.json?service_code=NO_SUCH"), 400);
        assertErrorsJson(get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2025-12-01T00:00:00Z"),
                400);
        assertErrorsXml(get("/open311/v2/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"),
                400);
    }

    // ---------------------------------------------------------------- POST errors

    @Test
    void aPostWithoutAValidKeyIs403AndWritesNothing() throws Exception {
        long cases = caseCount();
        MultiValueMap<String, String> form = noise(null);
        assertThat(errorDescriptions(assertErrorsJson(post("json", form), 403))).allMatch(d -> d.contains("api_key"));
        assertErrorsXml(post("xml", form), 403);
        form.set("api_key", "o311_not-a-key");
        assertErrorsJson(post("json", form), 403);
        assertThat(caseCount()).isEqualTo(cases);
    }

    @Test
    void everyBadFieldOfAPostIs400NamingItAndWritesNothing() throws Exception {
        String key = issueKey("错误测试");
        long cases = caseCount();
        long rows = jdbc.queryForObject("select count(*) from open311_request", Long.class);

        assertRefused(key, Map.of("service_code", ""), "service_code");
        assertRefused(key, Map.of("service_code", "NO_SUCH"), "service_code");
        assertRefused(key, Map.of("lat", "95"), "lat");
        assertRefused(key, Map.of("long", "east"), "long");
        assertRefused(key, Map.of("lat", "", "long", "", "address_string", ""), "lat");
        assertRefused(key, Map.of("lat", "10.0", "long", "10.0"), "lat"); // outside every grid
        assertRefused(key, Map.of("phone", ""), "phone");
        assertRefused(key, Map.of("phone", "not a phone"), "phone");
        assertRefused(key, Map.of("email", "not-an-email"), "email");
        assertRefused(key, Map.of("attribute[noise_time]", ""), "attribute[noise_time]");
        assertRefused(key, Map.of("attribute[noise_time]", "MIDNIGHT"), "attribute[noise_time]");
        assertRefused(key, Map.of("attribute[noise_since]", "last night"), "attribute[noise_since]");
        assertRefused(key, Map.of("attribute[no_such]", "1"), "attribute[no_such]");
        assertRefused(key, Map.of("attribute[noise_source][]", "SPACESHIP"), "attribute[noise_source]");
        assertRefused(key, Map.of("attribute]", "1"), "attribute]");
        assertRefused(key, Map.of("description", "长".repeat(4001)), "description");
        assertRefused(key, Map.of("media_url", "javascript:alert(1)"), "media_url");
        assertRefused(key, Map.of("media_url", "http://user:secret@example.org/a.jpg"), "media_url");
        assertRefused(key, Map.of("address_id", "NO-SUCH-BUILDING"), "address_id");
        assertRefused(key, Map.of("first_name", "名".repeat(65)), "first_name");
        assertRefused(key, Map.of("device_id", "d".repeat(129)), "device_id");

        // a single-value attribute sent twice, and a number out of its range
        MultiValueMap<String, String> twice = noise(key);
        twice.add("attribute[noise_time]", "DAY");
        assertThat(errorDescriptions(json(post("json", twice), 400))).anyMatch(d -> d.startsWith("attribute[noise_time]"));
        MultiValueMap<String, String> road = form(key, "ROAD_DAMAGE");
        road.add("address_string", "东湖路");
        road.add("phone", PHONE);
        road.add("attribute[damage_size]", "5000");
        assertThat(errorDescriptions(json(post("json", road), 400))).anyMatch(d -> d.startsWith("attribute[road_name]"))
                .anyMatch(d -> d.startsWith("attribute[damage_size]"));

        // too many attributes
        MultiValueMap<String, String> many = noise(key);
        for (int i = 0; i < 31; i++) {
            many.add("attribute[extra_" + i + "]", "x");
        }
        assertThat(errorDescriptions(json(post("json", many), 400))).anyMatch(d -> d.startsWith("attribute:"));

        // a body beyond the limit, and not a form
        MultiValueMap<String, String> huge = noise(key);
        huge.set("description", "长".repeat(30_000));
        assertErrorsXml(post("xml", huge), 413);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertErrorsJson(rest.exchange("/open311/v2/requests.json?api_key=" + key, HttpMethod.POST,
                new HttpEntity<>("{\"service_code\":\"NOISE\"}", headers), String.class), 400);

        // and the XML form of a 400 has the spec's elements
        MultiValueMap<String, String> bad = noise(key);
        bad.set("lat", "95");
        assertErrorsXml(post("xml", bad), 400);

        assertThat(caseCount()).isEqualTo(cases);
        assertThat(jdbc.queryForObject("select count(*) from open311_request", Long.class)).isEqualTo(rows);
    }

    // ---------------------------------------------------------------- keys and the rate limit

    @Test
    void anAdministratorIssuesListsAndRevokesKeysAndARevokedKeyIsRefused() throws Exception {
        ResponseEntity<JsonNode> issued = postJson(ADMIN, "/api/open311/keys", Map.of("client", "吉祥社区小程序"));
        assertThat(issued.getStatusCode().value()).isEqualTo(201);
        String key = issued.getBody().path("apiKey").asText();
        long id = issued.getBody().path("id").asLong();
        assertThat(key).startsWith("o311_").hasSizeGreaterThan(40);

        ResponseEntity<String> list = as(ADMIN).getForEntity("/api/open311/keys", String.class);
        assertThat(list.getStatusCode().value()).isEqualTo(200);
        assertThat(list.getBody()).contains("吉祥社区小程序").doesNotContain(key).doesNotContain("apiKey");
        assertThat(jdbc.queryForObject("select count(*) from open311_api_key where key_hash = ?", Long.class,
                ApiKeyService.hash(key))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from open311_api_key where key_hash = ?", Long.class, key))
                .isZero();

        // staff who are not administrators may not, nor may anyone without a login
        assertProblem(postJson(DISPATCHER, "/api/open311/keys", Map.of("client", "x")), 403);
        assertThat(rest.getForEntity("/api/open311/keys", String.class).getStatusCode().value()).isEqualTo(401);
        assertProblem(postJson(ADMIN, "/api/open311/keys", Map.of("client", " ")), 400);

        json(post("json", noise(key)), 201);
        assertThat(as(ADMIN).exchange("/api/open311/keys/" + id, HttpMethod.DELETE, null, String.class)
                .getStatusCode().value()).isEqualTo(204);
        assertThat(as(ADMIN).exchange("/api/open311/keys/999999", HttpMethod.DELETE, null, String.class)
                .getStatusCode().value()).isEqualTo(404);
        assertErrorsJson(post("json", noise(key)), 403);
        JsonNode after = JSON.readTree(as(ADMIN).getForEntity("/api/open311/keys", String.class).getBody());
        assertThat(find(after, "id", String.valueOf(id)).path("active").asBoolean()).isFalse();
    }

    @Test
    void aFloodFromOneKeyIsRefusedWith429InGeoReportsFormat() throws Exception {
        String key = issueKey("洪水客户端");
        String other = issueKey("另一个客户端");
        MultiValueMap<String, String> cheap = form(key, ""); // refused as 400, but counted
        for (int i = 0; i < rateLimit; i++) {
            assertThat(post("json", cheap).getStatusCode().value()).isEqualTo(400);
        }
        JsonNode refused = assertErrorsJson(post("json", cheap), 429);
        assertThat(refused.get(0).path("code").asInt()).isEqualTo(429);
        assertErrorsXml(post("xml", noise(key)), 429);
        // another client's key has its own limit
        json(post("json", noise(other)), 201);
    }

    @Test
    void theSchemasRejectAnAnswerThatBreaksThem() throws Exception {
        // so that a green validation above means something: a request without requested_datetime, with a status
        // GeoReport does not know and a date without offset fails requests.json
        JsonNode broken = JSON.readTree("[{\"service_request_id\":\"SQ-1\",\"status\":\"pending\","
                + "\"service_code\":\"NOISE\",\"updated_datetime\":\"yesterday\"}]");
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Set<ValidationMessage> problems = SCHEMAS.getSchema(
                SchemaLocation.of("classpath:open311-schemas/requests.json"), config).validate(broken);
        assertThat(problems.toString()).contains("requested_datetime", "status", "updated_datetime");
    }

    // ---------------------------------------------------------------- helpers

    private void assertRefused(String key, Map<String, String> change, String field) throws Exception {
        MultiValueMap<String, String> form = noise(key);
        change.forEach(form::set);
        JsonNode errors = assertErrorsJson(post("json", form), 400);
        assertThat(errorDescriptions(errors)).as("%s", change).anyMatch(d -> d.startsWith(field));
    }

    private String issueKey(String client) {
        ResponseEntity<JsonNode> issued = postJson(ADMIN, "/api/open311/keys", Map.of("client", client));
        assertThat(issued.getStatusCode().value()).as("%s", issued.getBody()).isEqualTo(201);
        return issued.getBody().path("apiKey").asText();
    }

    private static MultiValueMap<String, String> form(String key, String serviceCode) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (key != null) {
            form.add("api_key", key);
        }
        form.add("service_code", serviceCode);
        return form;
    }

    /** A valid noise report with personal data in every field that takes it. */
    private static MultiValueMap<String, String> noise(String key) {
        MultiValueMap<String, String> form = form(key, "NOISE");
        form.add("lat", String.valueOf(LAT));
        form.add("long", String.valueOf(LNG));
        form.add("address_string", "示范镇东湖小区5号楼");
        form.add("description", "楼下工地每晚施工到十二点");
        form.add("attribute[noise_time]", "NIGHT");
        form.add("first_name", "芳");
        form.add("last_name", "王");
        form.add("phone", PHONE);
        form.add("email", EMAIL);
        form.add("device_id", DEVICE);
        return form;
    }

    private static void assertNoPersonalData(String body) {
        assertThat(body).doesNotContain(PHONE).doesNotContain(EMAIL).doesNotContain(DEVICE).doesNotContain("王芳")
                .doesNotContain("acct-42");
    }

    private ResponseEntity<String> post(String format, MultiValueMap<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return rest.exchange("/open311/v2/requests." + format, HttpMethod.POST, new HttpEntity<>(form, headers),
                String.class);
    }

    private ResponseEntity<String> get(String path) {
        return rest.getForEntity(path, String.class);
    }

    private static JsonNode json(ResponseEntity<String> response, int status) throws Exception {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/json")
                .contains("UTF-8");
        return JSON.readTree(response.getBody());
    }

    private static Element xml(ResponseEntity<String> response, int status, String root) throws Exception {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.getBody().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo(root);
        return doc.getDocumentElement();
    }

    /** GeoReport's JSON errors: an array of {code, description}, code the HTTP status. */
    private static JsonNode assertErrorsJson(ResponseEntity<String> response, int status) throws Exception {
        JsonNode errors = json(response, status);
        assertThat(errors.isArray()).isTrue();
        assertThat(errors.size()).isPositive();
        for (JsonNode e : errors) {
            assertThat(names(e)).containsExactly("code", "description");
            assertThat(e.path("code").asInt()).isEqualTo(status);
            assertThat(e.path("description").asText()).isNotBlank();
        }
        return errors;
    }

    /** GeoReport's XML errors: errors/error/(code, description). */
    private static void assertErrorsXml(ResponseEntity<String> response, int status) throws Exception {
        Element root = xml(response, status, "errors");
        List<Element> errors = children(root, "error");
        assertThat(errors).isNotEmpty();
        assertThat(childNames(root)).allMatch("error"::equals);
        for (Element e : errors) {
            assertThat(childNames(e)).containsExactly("code", "description");
            assertThat(child(e, "code").getTextContent()).isEqualTo(String.valueOf(status));
        }
    }

    private static List<String> errorDescriptions(JsonNode errors) {
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.path("description").asText()));
        return out;
    }

    private static void assertValid(String schemaFile, JsonNode node) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of("classpath:open311-schemas/" + schemaFile), config);
        Set<ValidationMessage> problems = schema.validate(node);
        assertThat(problems).as("%s against %s", node, schemaFile).isEmpty();
        if (schemaFile.equals("requests.json")) {
            // the list's items by request.json itself, so a $ref that failed to resolve cannot hide anything
            JsonSchema one = SCHEMAS.getSchema(SchemaLocation.of("classpath:open311-schemas/request.json"), config);
            node.forEach(item -> assertThat(one.validate(item)).as("%s", item).isEmpty());
        }
        if (schemaFile.equals("services.json")) {
            JsonSchema one = SCHEMAS.getSchema(SchemaLocation.of("classpath:open311-schemas/service.json"), config);
            node.forEach(item -> assertThat(one.validate(item)).as("%s", item).isEmpty());
        }
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode each : array) {
            if (each.path(field).asText().equals(value)) {
                return each;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static List<String> ids(JsonNode requests) {
        List<String> ids = new ArrayList<>();
        requests.forEach(r -> ids.add(r.path("service_request_id").asText()));
        return ids;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).isNotEmpty();
        return found.get(0);
    }

    private static List<String> childNames(Element parent) {
        List<String> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e) {
                out.add(e.getTagName());
            }
        }
        return out;
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream().map(Element::getTextContent).toList();
    }

    private long caseCount() {
        return jdbc.queryForObject("select count(*) from case_file", Long.class);
    }
}
