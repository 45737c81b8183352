package org.gridcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.BuildingVerification;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The whole application on a real MySQL-dialect server (MariaDB 10.11 on the test machines, MySQL 8 in production)
 * through MySQL Connector/J: Flyway, the Camunda schema, {@code ddl-auto=validate}, the demo town, utf8mb4, READ
 * COMMITTED, the grid locator, one verify-building process from task to registry row, and requests registered
 * through the API and worked to the survey, with Chinese text and emoji (Camunda's own tables are utf8, ours utf8mb4).
 * <p>
 * Runs with {@code ./mvnw -Pmysql-it verify}. The database must exist (utf8mb4); {@code .ci/run} drops and creates
 * {@code gridcase_it} before each run. The test also passes on a database left over from an earlier run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({"mysql", "demo"})
// This context runs the job executor on the shared database; left cached, it would pick up the jobs that the later
// ITs (which run their jobs by hand) expect to run themselves, and both would execute the same job.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MysqlDialectIT {

    private static final String BUILDING = "SFZ-B0101";
    private static final String GRID = "SFZ-C01-G01";
    private static final String GRID_WORKER = "zhangwei";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ItDatabase.register(registry);
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Registry registry;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    MockMvc mvc;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void everyTextColumnHasTheLengthItsEntityDeclaresOnMysqlToo() {
        List<String> checked = new java.util.ArrayList<>();
        assertThat(ColumnLengthsTest.mismatches(entityManagerFactory, jdbc, "table_schema = database()", checked))
                .isEmpty();
        assertThat(checked).contains("case_file.reporter_email", "case_file.external_fingerprint",
                "resident_access_log.id_number_masked");
    }

    @Test
    void theSameExternalIdSentInParallelIsOneCaseOnMysqlToo() throws Exception {
        // Given one request sent 40 times from 8 threads at once under one external id
        String externalId = "12345-" + java.util.UUID.randomUUID();
        Map<String, Object> body = Map.of("category", "SANITATION", "description", "东湖小区垃圾堆放",
                "channel", "HOTLINE", "location", Map.of("lat", 41.1035, "lng", 122.0060),
                "reporter", Map.of("name", "刘桂芝", "phone", "13700000101"), "externalId", externalId);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<ResponseEntity<JsonNode>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> rest.withBasicAuth("chenxiaoyan", "demo").exchange("/api/requests",
                        HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class)));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            java.util.Set<String> numbers = new java.util.HashSet<>();
            for (java.util.concurrent.Future<ResponseEntity<JsonNode>> answer : answers) {
                statuses.add(answer.get().getStatusCode().value());
                numbers.add(answer.get().getBody().path("trackingNumber").asText());
            }

            // Then one 201, 200 for the rest, one tracking number, one case, one process
            assertThat(statuses).as("%s", statuses).containsOnly(201, 200);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            assertThat(numbers).hasSize(1);
            assertThat(jdbc.queryForObject("select count(*) from case_file where external_id = ?", Long.class,
                    externalId)).isOne();
            assertThat(historyService.createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(numbers.iterator().next()).count()).isOne();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAttachmentOfMegabytesRoundTripsThroughALongblob() {
        // Given a case, and a 3 MB document: far more than a blob column (64 KB) or one network packet holds
        Map<String, Object> request = Map.of("category", "SANITATION", "description", "东湖小区垃圾堆放",
                "channel", "HOTLINE", "location", Map.of("lat", 41.1035, "lng", 122.0060),
                "reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        String tn = rest.withBasicAuth("chenxiaoyan", "demo").exchange("/api/requests", HttpMethod.POST,
                new HttpEntity<>(request, json), JsonNode.class).getBody().path("trackingNumber").asText();
        byte[] pdf = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(pdf);
        System.arraycopy("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        org.springframework.util.LinkedMultiValueMap<String, Object> parts =
                new org.springframework.util.LinkedMultiValueMap<>();
        parts.add("file", new org.springframework.core.io.ByteArrayResource(pdf) {
            @Override
            public String getFilename() {
                return "整改通知书.pdf";
            }
        });
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);

        // When a grid worker uploads it
        ResponseEntity<JsonNode> created = rest.withBasicAuth(GRID_WORKER, "demo").exchange(
                "/api/cases/" + tn + "/attachments", HttpMethod.POST, new HttpEntity<>(parts, multipart),
                JsonNode.class);

        // Then it is stored and served byte for byte
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        ResponseEntity<byte[]> file = rest.withBasicAuth(GRID_WORKER, "demo").getForEntity(
                "/api/cases/" + tn + "/attachments/" + created.getBody().path("id").asLong(), byte[].class);
        assertThat(file.getBody()).isEqualTo(pdf);
        assertThat(created.getBody().path("fileName").asText()).isEqualTo("整改通知书.pdf");
    }

    @Test
    void usesConnectorJAgainstAMysqlDialectServer() throws SQLException {
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) dataSource).getDriverClassName()).isEqualTo("com.mysql.cj.jdbc.Driver");
        try (Connection connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            assertThat(meta.getDriverName()).contains("Connector/J");
            assertThat(meta.getURL()).startsWith("jdbc:mysql:");
            assertThat(meta.getDatabaseProductName()).isIn("MySQL", "MariaDB");
            System.out.printf("MysqlDialectIT: %s %s through %s %s%n", meta.getDatabaseProductName(),
                    meta.getDatabaseProductVersion(), meta.getDriverName(), meta.getDriverVersion());
        }
    }

    @Test
    void sessionsRunReadCommitted() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
        // asked of the server, not of the driver's cache:
        // MySQL 8 knows transaction_isolation, MariaDB 10.11 only tx_isolation
        String level;
        try {
            level = jdbc.queryForObject("select @@session.transaction_isolation", String.class);
        } catch (DataAccessException e) {
            level = jdbc.queryForObject("select @@session.tx_isolation", String.class);
        }
        assertThat(level).isEqualTo("READ-COMMITTED");
    }

    @Test
    void schemaIsMigratedAndCamundasTablesExist() {
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success = 1",
                Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success = 0",
                Integer.class)).isZero();
        assertThat(jdbc.queryForList("select upper(table_name) from information_schema.tables"
                + " where table_schema = database()", String.class))
                .contains("ACT_RU_TASK", "ACT_RU_JOB", "ACT_HI_PROCINST", "ACT_GE_BYTEARRAY", "ACT_ID_USER");
    }

    @Test
    void ourTablesAndColumnsAreUtf8mb4() {
        List<Map<String, Object>> tables = jdbc.queryForList("select table_name, table_collation"
                + " from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'"
                + " and upper(table_name) not like 'ACT\\_%' and table_name <> 'flyway_schema_history'");
        assertThat(tables).extracting(t -> ((String) t.get("table_name")).toLowerCase())
                .contains("area", "department", "person", "person_role", "building", "resident", "registry_change");
        assertThat(tables).allSatisfy(t -> assertThat((String) t.get("table_collation"))
                .as("collation of table %s", t.get("table_name")).startsWith("utf8mb4_"));

        List<String> otherColumns = jdbc.queryForList("select concat(table_name, '.', column_name, ' ',"
                + " character_set_name) from information_schema.columns where table_schema = database()"
                + " and character_set_name is not null and character_set_name <> 'utf8mb4'"
                + " and upper(table_name) not like 'ACT\\_%' and table_name <> 'flyway_schema_history'",
                String.class);
        assertThat(otherColumns).isEmpty();
    }

    @Test
    void demoTownIsLoadedWithItsChineseNames() {
        assertThat(registry.area("SFZ")).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("示范镇");
            assertThat(a.level()).isEqualTo(AreaLevel.TOWN);
        });
        assertThat(registry.area("SFZ-C01")).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("东湖社区"));
        assertThat(registry.area("SFZ-C02")).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("西河村"));
        assertThat(registry.person(GRID_WORKER)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("张伟"));
        assertThat(registry.person("wulei")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("吴磊"));
        assertThat(registry.lineage(GRID)).extracting(Registry.AreaRef::code)
                .containsExactly(GRID, "SFZ-C01", "SFZ", "SFS-SFQ", "SFS");
        assertThat(registry.gridOfBuilding(BUILDING)).contains(GRID);
        assertThat(jdbc.queryForObject("select address from building where code = ?", String.class, "SFZ-B0401"))
                .isEqualTo("西河村一组12号");
    }

    @Test
    void fourByteCharactersRoundTripInOurTables() {
        // rare characters of personal names (𠮷, 𡒄) lie outside the BMP: utf8mb3 would reject them
        String name = "𠮷𡒄测试";
        String stored = tx.execute(status -> {
            jdbc.update("insert into person (login, name, version, created_at, updated_at)"
                    + " values ('it-utf8mb4', ?, 0, current_timestamp(6), current_timestamp(6))", name);
            String read = jdbc.queryForObject("select name from person where login = 'it-utf8mb4'", String.class);
            status.setRollbackOnly();
            return read;
        });
        assertThat(stored).isEqualTo(name);
        assertThat(jdbc.queryForObject("select count(*) from person where login = 'it-utf8mb4'", Integer.class))
                .isZero();
    }

    @Test
    void locatesAPointInItsGrid() throws Exception {
        // the building SFZ-B0101 stands in the micro grid of its grid; the deepest area wins
        assertThat(registry.locate(41.1035, 122.0060)).hasValueSatisfying(located -> {
            assertThat(located.code()).isEqualTo(GRID + "-M01");
            assertThat(located.level()).isEqualTo(AreaLevel.MICRO_GRID);
            assertThat(located.path()).containsExactly("SFS", "SFS-SFQ", "SFZ", "SFZ-C01", GRID, GRID + "-M01");
        });
        assertThat(registry.locate(41.108, 122.002)).hasValueSatisfying(located -> {
            assertThat(located.code()).isEqualTo(GRID);
            assertThat(located.name()).isEqualTo("东湖社区第一网格");
        });
        assertThat(registry.locate(0, 0)).isEmpty();

        mvc.perform(get("/api/registry/locate").param("lat", "41.108").param("lng", "122.002")
                        .with(httpBasic(GRID_WORKER, "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(GRID))
                .andExpect(jsonPath("$.name").value("东湖社区第一网格"));
    }

    @Test
    void aGridWorkerVerifiesABuildingAndTheRegistryIsUpdated() throws Exception {
        Task task = openVerification().orElse(null);
        if (task == null) {
            // a database left over from an earlier run: the demo's verification is done, ask for a new one
            mvc.perform(post("/api/registry/buildings/{code}/verifications", BUILDING)
                            .with(httpBasic("chenxiaoyan", "demo")))
                    .andExpect(status().isCreated());
            task = openVerification().orElseThrow();
        }
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(GroupIds.area(GRID)));

        int households = jdbc.queryForObject("select households from building where code = ?", Integer.class,
                BUILDING) + 1;
        String address = "示范镇东湖小区1号楼（东门）";
        Instant before = Instant.now();

        taskService.claim(task.getId(), GRID_WORKER);
        taskService.complete(task.getId(), Map.of(BuildingVerification.ADDRESS, address,
                BuildingVerification.HOUSEHOLDS, (long) households));

        String processInstanceId = task.getProcessInstanceId();
        // the registry is updated by an asynchronous continuation: the job executor runs it
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(historyService
                .createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count())
                .isOne());

        Map<String, Object> row = jdbc.queryForMap(
                "select address, households, verified_by, verified_at from building where code = ?", BUILDING);
        assertThat(row.get("address")).isEqualTo(address);
        assertThat(((Number) row.get("households")).intValue()).isEqualTo(households);
        assertThat(row.get("verified_by")).isEqualTo(GRID_WORKER);
        // stored in UTC (hibernate.jdbc.time_zone): an 8-hour shift would show here
        Object raw = row.get("verified_at");
        LocalDateTime utc = raw instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) raw;
        Instant verifiedAt = utc.toInstant(ZoneOffset.UTC);
        assertThat(Duration.between(before, verifiedAt).abs()).isLessThan(Duration.ofHours(1));
    }

    @Test
    void aRequestIsRegisteredVerifiedAndHandledAndItsChineseTextAndEmojiRoundTrip() throws Exception {
        // Given a hotline request whose description holds an emoji: 4 bytes in UTF-8, outside the BMP
        String description = "东湖小区3号楼前垃圾堆放多日无人清运🚮，气味很大";
        String address = "示范镇东湖小区3号楼（东门）";
        String body = new ObjectMapper().writeValueAsString(Map.of("category", "SANITATION",
                "description", description, "channel", "HOTLINE", "location", Map.of("lat", 41.1035, "lng", 122.0060),
                "address", address, "reporter", Map.of("name", "刘桂芝", "phone", "13700000101")));

        // When the dispatcher registers it through the API
        String response = mvc.perform(post("/api/requests").with(httpBasic("chenxiaoyan", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.gridCode").value(GRID))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String tn = new ObjectMapper().readTree(response).path("trackingNumber").asText();
        assertThat(tn).matches("SQ-\\d{8}-\\d{4}");

        // Then the case row (utf8mb4) keeps the emoji; the engine's copy (Camunda's tables are utf8) has U+FFFD
        assertThat(jdbc.queryForObject("select description from case_file where tracking_number = ?", String.class,
                tn)).isEqualTo(description);
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        assertThat(verify.getTaskDefinitionKey()).isEqualTo("VerifyRequest");
        assertThat(taskService.getVariable(verify.getId(), "description"))
                .isEqualTo(description.replace("🚮", "\uFFFD"));
        assertThat(taskService.getVariable(verify.getId(), "address")).isEqualTo(address);

        // When the grid worker verifies and settles it
        taskService.claim(verify.getId(), GRID_WORKER);
        taskService.complete(verify.getId(), Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实，已拍照取证"));
        Task handle = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        assertThat(handle.getTaskDefinitionKey()).isEqualTo("HandleRequest");
        assertThat(handle.getName()).isEqualTo("办理诉求");
        taskService.claim(handle.getId(), GRID_WORKER);
        taskService.complete(handle.getId(), Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已组织保洁员清运完毕"));

        // Then the case row and its timeline say so, in Chinese
        Map<String, Object> row = jdbc.queryForMap("select status, grid_code, department_code, address,"
                + " reporter_name, handling_due_at from case_file where tracking_number = ?", tn);
        assertThat(row.get("status")).isEqualTo("SURVEY");
        assertThat(row.get("grid_code")).isEqualTo(GRID);
        assertThat(row.get("department_code")).isEqualTo("URBAN_MGMT");
        assertThat(row.get("address")).isEqualTo(address);
        assertThat(row.get("reporter_name")).isEqualTo("刘桂芝");
        assertThat(row.get("handling_due_at")).isNotNull();
        List<Map<String, Object>> timeline = jdbc.queryForList("select e.type, e.actor, e.note from case_event e"
                + " join case_file c on c.id = e.case_id where c.tracking_number = ? order by e.at, e.id", tn);
        assertThat(timeline).extracting(e -> e.get("type")).containsExactly("REGISTERED", "ROUTED", "VERIFIED",
                "DISPATCHED", "HANDLED", "SURVEY_SENT");
        assertThat(timeline.get(0).get("note")).isEqualTo("8890/12345 热线受理");
        assertThat(timeline.get(2).get("actor")).isEqualTo(GRID_WORKER);
        assertThat(timeline.get(2).get("note")).isEqualTo("属实：现场属实，已拍照取证");
        assertThat(timeline.get(4).get("note")).isEqualTo("已组织保洁员清运完毕");
        assertThat(jdbc.queryForObject("select count(*) from survey_token where tracking_number = ?", Integer.class,
                tn)).isOne();

        // and the API reads it back unchanged
        mvc.perform(get("/api/cases/{tn}", tn).with(httpBasic("lizhenhua", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.description").value(description))
                .andExpect(jsonPath("$.statusName").value("回访中"))
                .andExpect(jsonPath("$.timeline[2].actor").value(GRID_WORKER))
                .andExpect(jsonPath("$.timeline[4].typeName").value("办理完成"));
    }

    @Test
    void anEmojiSurvivesTheLeadersSignoffAndTheReportersSurveyComment() throws Exception {
        // Given a request with an emoji in its description, verified, that the handler cannot settle alone
        String description = "楼道里电动车充电🔌，存在火灾隐患";
        String body = new ObjectMapper().writeValueAsString(Map.of("category", "SANITATION",
                "description", description, "channel", "APP", "location", Map.of("lat", 41.1035, "lng", 122.0060),
                "reporter", Map.of("name", "刘桂芝", "phone", "13700000101")));
        String response = mvc.perform(post("/api/requests").with(httpBasic("chenxiaoyan", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String tn = new ObjectMapper().readTree(response).path("trackingNumber").asText();
        completeOnly(tn, GRID_WORKER, Map.of("verifyOutcome", "VALID", "verifyNote", "属实"));

        // When the handler asks the leaders to sign it off (the sign-off copies the case summary into its variables)
        completeOnly(tn, GRID_WORKER, Map.of("handlingOutcome", "SIGNOFF", "handlingNote", "需物业和消防共同处理"));
        Task signoff = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        assertThat(signoff.getName()).isEqualTo("领导签批");
        assertThat(taskService.getVariable(signoff.getId(), "description"))
                .isEqualTo(description.replace("🔌", "\uFFFD"));

        // and the leader gives a new limit, and the handler settles it
        completeOnly(tn, "lizhenhua", Map.of("signoffDecision", "NEW_LIMIT", "signoffLimitDays", 3L,
                "signoffNote", "三日内协调物业办结"));
        completeOnly(tn, GRID_WORKER, Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已清理楼道，安装充电桩"));

        // Then the reporter's survey comment may hold an emoji too
        String token = jdbc.queryForObject("select token from survey_token where tracking_number = ?", String.class,
                tn);
        mvc.perform(post("/survey/{token}", token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .characterEncoding(StandardCharsets.UTF_8)
                        .param("satisfaction", "SATISFIED").param("resolved", "YES").param("comment", "很满意👍"))
                .andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select status from case_file where tracking_number = ?", String.class, tn))
                .isEqualTo("CLOSED");
        assertThat(jdbc.queryForObject("select description from case_file where tracking_number = ?", String.class,
                tn)).isEqualTo(description);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void anEmojiTypedIntoATasklistFormDoesNotBreakTheSubmission() throws Exception {
        // Given a request waiting for verification
        String body = new ObjectMapper().writeValueAsString(Map.of("category", "SANITATION",
                "description", "垃圾桶满溢", "channel", "HOTLINE", "location", Map.of("lat", 41.1035, "lng", 122.0060),
                "reporter", Map.of("name", "刘桂芝", "phone", "13700000101")));
        String response = mvc.perform(post("/api/requests").with(httpBasic("chenxiaoyan", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String tn = new ObjectMapper().readTree(response).path("trackingNumber").asText();
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        taskService.claim(verify.getId(), GRID_WORKER);

        // When the grid worker submits the form, as Tasklist does, with an emoji in the note (raw and escaped)
        String form = "{\"variables\":{\"verifyOutcome\":{\"value\":\"VALID\"},"
                + "\"verifyNote\":{\"value\":\"现场属实👍 \\ud83d\\udc4d\"}}}";
        java.net.http.HttpResponse<String> submitted = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                                + "/engine-rest/task/" + verify.getId() + "/submit-form"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                .encodeToString((GRID_WORKER + ":demo").getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        // Then it is accepted (Camunda's utf8 tables would refuse the emoji) and the note keeps the rest
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select e.note from case_event e join case_file c on c.id = e.case_id"
                + " where c.tracking_number = ? and e.type = 'VERIFIED'", String.class, tn))
                .isEqualTo("属实：现场属实\uFFFD \uFFFD");
    }

    private void completeOnly(String tn, String login, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        taskService.claim(task.getId(), login);
        taskService.complete(task.getId(), variables);
    }

    private Optional<Task> openVerification() {
        return taskService.createTaskQuery()
                .processDefinitionKey(BuildingVerification.PROCESS_ID)
                .processInstanceBusinessKey(BUILDING)
                .taskDefinitionKey(BuildingVerification.TASK_VERIFY)
                .taskCandidateUser(GRID_WORKER)
                .list().stream().findFirst();
    }
}
