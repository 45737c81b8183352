package org.gridcase.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dispatchers' search of cases by the reporter's phone ({@code GET /api/cases?phone=…}) over HTTP: any spelling
 * of a number finds its cases, only those of the caller's jurisdiction; only dispatchers and administrators may
 * search; bad input names {@code phone}; every search is recorded with the number masked and the number is in no
 * log. And V25's backfill in SQL computes the same key as the intake.
 */
@ExtendWith(OutputCaptureExtension.class)
class PhoneSearchTest extends GridCaseTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;

    /** A mobile number no other test uses, fresh for each test: 139 and eight random digits. */
    private String mobile;

    @BeforeEach
    void scene() {
        OtherTown.ensure(as("admin"));
        mobile = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @ParameterizedTest(name = "searched as \"{0}\"")
    @ValueSource(strings = {"%s", "%3s-%4s-%4s", "%3s %4s %4s", "+86 %3s %4s %4s", "+86-%s", "0086%s", "86%s",
        "(%3s) %4s-%4s", " %s "})
    void aDispatcherFindsTheCasesOfANumberInAnySpellingWithinHisTown(String spelling) {
        // Given two cases of 示范镇 reported from the number written two ways, and one of another town
        String dashed = mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
        String first = register("chenxiaoyan", "SFZ-C01-G01", dashed);
        String second = register("chenxiaoyan", "SFZ-C02-G03", "+86" + mobile);
        String elsewhere = register("admin", OtherTown.GRID, mobile);

        // When the town's dispatcher searches by the number as the caller says it
        ResponseEntity<JsonNode> found = at("chenxiaoyan", "/api/cases?phone=" + encode(spell(spelling)));

        // Then he gets the two cases of his town, newest first, with the reporter's number as it was given
        assertThat(found.getStatusCode()).as("%s", found.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(numbers(found.getBody())).containsExactly(second, first);
        assertThat(found.getBody().path("totalItems").asLong()).isEqualTo(2);
        assertThat(found.getBody().at("/items/1/reporter/phone").asText()).isEqualTo(dashed);
        // and the administrator, whose jurisdiction is everything, all three
        assertThat(numbers(at("admin", "/api/cases?phone=" + mobile).getBody()))
                .containsExactly(elsewhere, second, first);
    }

    @Test
    void aLandlineWrittenInternationallyIsTheSameNumber() {
        String local = "0411-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
        String tn = register("chenxiaoyan", "SFZ-C01-G02", local);

        assertThat(numbers(at("chenxiaoyan", "/api/cases?phone=" + encode("+86 411 " + mobile.substring(3)))
                .getBody())).containsExactly(tn);
        // a mobile number with the same last digits is another number
        assertThat(at("chenxiaoyan", "/api/cases?phone=" + mobile).getBody().path("totalItems").asLong())
                .isZero();
    }

    @Test
    void theSearchCombinesWithTheStatusOnly() {
        String tn = register("chenxiaoyan", "SFZ-C01-G01", mobile);

        assertThat(numbers(at("chenxiaoyan", "/api/cases?phone=" + mobile + "&status=VERIFYING").getBody()))
                .containsExactly(tn);
        assertThat(at("chenxiaoyan", "/api/cases?phone=" + mobile + "&status=CLOSED").getBody()
                .path("totalItems").asLong()).isZero();
        // a grid, department or light beside the phone is refused, naming phone
        JsonNode problem = assertProblem(at("chenxiaoyan", "/api/cases?phone=" + mobile + "&grid=SFZ-C01-G01"), 400);
        assertThat(errorFields(problem)).containsExactly("phone");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zhangwei", "maxiuying", "zhoulihua", "lizhenhua", "luojun", "panyulan", "zhongwen"})
    void rolesOtherThanDispatchersAndAdministratorsMayNotSearchByPhone(String login) {
        // Given a case of 示范镇 reported from the number
        String tn = register("chenxiaoyan", "SFZ-C01-G01", mobile);
        long logged = logged();

        // When another role of the town searches by the number
        ResponseEntity<JsonNode> refused = at(login, "/api/cases?phone=" + mobile);

        // Then 403, which shows nothing of the case, and nothing is recorded
        assertProblem(refused, 403);
        assertThat(refused.getBody().toString()).doesNotContain(tn).doesNotContain(mobile.substring(3));
        assertThat(logged()).isEqualTo(logged);
    }

    @Test
    void aRoleThatSeesPhonesMaskedCannotUseTheSearchToUnmaskThem() {
        // Given a case of 示范镇 from the number
        String tn = register("chenxiaoyan", "SFZ-C01-G01", mobile);

        // When the town's process owner (who reads cases to improve the process) lists it, he sees the number masked
        JsonNode listed = at("zhongwen", "/api/cases?status=VERIFYING&size=200").getBody();
        JsonNode item = null;
        for (JsonNode c : listed.path("items")) {
            if (c.path("trackingNumber").asText().equals(tn)) {
                item = c;
            }
        }
        assertThat(item).as("zhongwen sees the case of his town").isNotNull();
        assertThat(item.at("/reporter/phone").asText()).isEqualTo(mobile.substring(0, 3) + "****"
                + mobile.substring(7));
        // and guessing numbers by a search is refused to him
        assertProblem(at("zhongwen", "/api/cases?phone=" + mobile), 403);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "1234", "138001122334455667788", "13800112233; drop table case_file",
        "+86+13800112233", "１３８００１１２２３３", "13800112233 or 1=1", "12345678901234567890123456789012345"})
    void aSearchForWhatIsNoPhoneNumberIsRefusedNamingPhone(String phone) {
        long logged = logged();

        JsonNode problem = assertProblem(at("chenxiaoyan", "/api/cases?phone=" + encode(phone)), 400);

        assertThat(errorFields(problem)).containsExactly("phone");
        assertThat(logged()).isEqualTo(logged);
    }

    @Test
    void everySearchIsRecordedWithTheNumberMaskedAndTheNumberIsInNoLog(CapturedOutput output) {
        // Given a case from the number
        String tn = register("chenxiaoyan", "SFZ-C01-G01", mobile);
        int logFrom = output.getAll().length();

        // When the dispatcher searches by it, and by a number with no case
        at("chenxiaoyan", "/api/cases?phone=" + encode("+86 " + mobile));
        String nobody = "137" + mobile.substring(3);
        at("chenxiaoyan", "/api/cases?phone=" + nobody);

        // Then both searches are in the access log, masked, with what they found
        List<Map<String, Object>> rows = jdbc.queryForList("select login, kind, subject_masked, found, shown "
                + "from case_access_log order by id desc limit 2");
        String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
        assertThat(rows.get(1)).containsEntry("LOGIN", "chenxiaoyan").containsEntry("KIND", "PHONE_SEARCH")
                .containsEntry("SUBJECT_MASKED", masked).containsEntry("FOUND", 1L).containsEntry("SHOWN", tn);
        assertThat(rows.get(0)).containsEntry("SUBJECT_MASKED", "137****" + mobile.substring(7))
                .containsEntry("FOUND", 0L).containsEntry("SHOWN", "");
        // the administrator reads the log; the dispatcher may not
        JsonNode log = at("admin", "/api/cases/access-log?login=chenxiaoyan&size=2").getBody();
        assertThat(log.at("/items/1/subjectMasked").asText()).isEqualTo(masked);
        assertThat(log.at("/items/1/shown").asText()).isEqualTo(tn);
        assertProblem(at("chenxiaoyan", "/api/cases/access-log"), 403);
        // and neither number appears anywhere in the log output of the searches, only masked
        String logged = output.getAll().substring(logFrom);
        assertThat(logged).contains("Cases of phone " + masked + " searched by chenxiaoyan: 1 found")
                .doesNotContain(mobile).doesNotContain(nobody).doesNotContain(mobile.substring(3));
    }

    @Test
    void theMigrationsSqlBackfillGivesTheKeyTheIntakeGives() throws IOException {
        // Given cases whose reporters' numbers are written in every way the intake lets through (and older ones)
        List<String> spellings = List.of(mobile, "+86" + mobile, "0086" + mobile, "86" + mobile,
                mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7),
                "+86-411-" + mobile.substring(3), "0411-" + mobile.substring(3), "+852-" + mobile.substring(3),
                "(0411) " + mobile.substring(3), "12345", "not-a-phone");
        Map<Long, String> phones = new HashMap<>();
        String tn = register("chenxiaoyan", "SFZ-C01-G01", mobile);
        long id = jdbc.queryForObject("select id from case_file where tracking_number = ?", Long.class, tn);
        List<Long> ids = new ArrayList<>();
        for (String spelling : spellings) {
            String copy = register("chenxiaoyan", "SFZ-C01-G01", mobile);
            long copyId = jdbc.queryForObject("select id from case_file where tracking_number = ?", Long.class, copy);
            jdbc.update("update case_file set reporter_phone = ?, reporter_phone_key = null where id = ?", spelling,
                    copyId);
            phones.put(copyId, spelling);
            ids.add(copyId);
        }
        assertThat(id).isPositive();

        // When V25's update statements run over them (as on a database of before V25)
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        for (String statement : backfillStatements()) {
            jdbc.update(statement + " and id in (" + in + ")");
        }

        // Then every key is the one PhoneKeys computes (none for what is no phone number)
        for (Map.Entry<Long, String> p : phones.entrySet()) {
            String key = jdbc.queryForObject("select reporter_phone_key from case_file where id = ?", String.class,
                    p.getKey());
            if (PhoneKeys.normalise(p.getValue()).isPresent()) {
                assertThat(key).as(p.getValue()).isEqualTo(PhoneKeys.key(p.getValue()).orElseThrow());
            } else {
                assertThat(key).as(p.getValue()).isNotEqualTo(PhoneKeys.key(mobile).orElseThrow());
            }
        }
        // and the intake's own key is the same for the same number
        assertThat(jdbc.queryForObject("select reporter_phone_key from case_file where id = ?", String.class, id))
                .isEqualTo(PhoneKeys.key(mobile).orElseThrow());
    }

    // ---------------------------------------------------------------- scene

    /** The update statements of V25, with this database's placeholder. */
    private List<String> backfillStatements() throws IOException {
        String sql = new ClassPathResource("db/migration/V25__case_phone_search.sql")
                .getContentAsString(StandardCharsets.UTF_8)
                .replace("${phone_key_sha256}", environment.getProperty("spring.flyway.placeholders.phone_key_sha256"));
        List<String> updates = new ArrayList<>();
        for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            if (statement.strip().startsWith("update")) {
                updates.add(statement.strip());
            }
        }
        assertThat(updates).hasSize(5);
        return updates;
    }

    private String spell(String spelling) {
        return spelling.contains("%3s") ? String.format(spelling, mobile.substring(0, 3), mobile.substring(3, 7),
                mobile.substring(7)) : String.format(spelling, mobile);
    }

    private long logged() {
        return jdbc.queryForObject("select count(*) from case_access_log", Long.class);
    }

    private String register(String login, String grid, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "SANITATION");
        body.put("description", "按电话查询测试 " + System.nanoTime());
        body.put("channel", "HOTLINE");
        body.put("gridCode", grid);
        body.put("reporter", Map.of("name", "周玉兰", "phone", phone));
        ResponseEntity<JsonNode> registered = postJson(login, "/api/requests", body);
        assertThat(registered.getStatusCode()).as("%s", registered.getBody()).isEqualTo(HttpStatus.CREATED);
        return registered.getBody().path("trackingNumber").asText();
    }

    private static List<String> numbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.path("items").forEach(c -> numbers.add(c.path("trackingNumber").asText()));
        return numbers;
    }

    /** A GET of a path whose query is already encoded (TestRestTemplate would encode a String again). */
    private ResponseEntity<JsonNode> at(String login, String pathAndQuery) {
        return as(login).getForEntity(URI.create(pathAndQuery), JsonNode.class);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
