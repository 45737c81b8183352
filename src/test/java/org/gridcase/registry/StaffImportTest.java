package org.gridcase.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * POST /api/registry/people/import: staff from CSV, and the Camunda users and memberships that follow them in the
 * same transaction.
 */
class StaffImportTest extends GridCaseTest {

    private static final String HEADER = "login,name,phone,email,role,area,department\n";

    @Autowired
    IdentityService identityService;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void importCreatesUsersAndMembershipsAndAMoveReplacesTheAreaMembership() {
        // Given a new grid worker and a new grid leader who also mediates in the community
        String csv = HEADER
                + "tangxiaoming,唐小明,13800000201,tangxiaoming@demo.gridcase.org,GRID_WORKER,SFZ-C01-G02,\n"
                + "songjia,宋佳,13800000202,,GRID_LEADER,SFZ-C01-G02,\n"
                + "songjia,宋佳,13800000202,,mediator,SFZ-C01,\n";

        // When an administrator imports them
        ResponseEntity<JsonNode> first = postCsv("admin", "/api/registry/people/import", csv);

        // Then both are Camunda users in their role and area groups, and can log in with the demo password
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().path("created").asInt()).isEqualTo(2);
        assertThat(first.getBody().path("updated").asInt()).isEqualTo(0);
        var user = identityService.createUserQuery().userId("tangxiaoming").singleResult();
        assertThat(user).isNotNull();
        assertThat(user.getLastName() + user.getFirstName()).isEqualTo("唐小明");
        assertThat(groupsOf("tangxiaoming")).containsExactlyInAnyOrder("grid-workers", "area-SFZ-C01-G02");
        assertThat(groupsOf("songjia"))
                .containsExactlyInAnyOrder("grid-leaders", "mediators", "area-SFZ-C01-G02", "area-SFZ-C01",
                        "grid-leaders-SFZ-C01-G02");
        assertThat(get("tangxiaoming", "/api/registry/areas/SFZ-C01-G02").getStatusCode()).isEqualTo(HttpStatus.OK);

        // When a second import moves the grid worker to another grid
        ResponseEntity<JsonNode> second = postCsv("admin", "/api/registry/people/import", HEADER
                + "tangxiaoming,唐小明,13800000201,tangxiaoming@demo.gridcase.org,GRID_WORKER,SFZ-C02-G03,\n");

        // Then he is in the new grid's group only; the old area membership is gone
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody().path("created").asInt()).isEqualTo(0);
        assertThat(second.getBody().path("updated").asInt()).isEqualTo(1);
        assertThat(groupsOf("tangxiaoming")).containsExactlyInAnyOrder("grid-workers", "area-SFZ-C02-G03");
        assertThat(identityService.createUserQuery().memberOfGroup("area-SFZ-C01-G02").list())
                .extracting(u -> u.getId()).doesNotContain("tangxiaoming").contains("songjia");
        JsonNode people = get("admin", "/api/registry/people?q=tangxiaoming").getBody();
        assertThat(people.path("items").get(0).path("roles").get(0).path("area").asText()).isEqualTo("SFZ-C02-G03");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown role              | yeqing,叶青,,,CHIEF,SFZ-C01-G01,        | row 3.role",
            "unknown area              | yeqing,叶青,,,GRID_WORKER,SFZ-C09-G09,  | row 3.area",
            "grid worker without area  | yeqing,叶青,,,GRID_WORKER,,             | row 3.area"})
    void oneBadRowRejectsTheFileAndNamesRowAndColumn(String fault, String badRow, String field) {
        // Given a good new person on row 2 and a bad one on row 3
        String csv = HEADER + "xiaqing,夏青,13800000301,,GRID_WORKER,SFZ-C01-G03,\n" + badRow + "\n";
        int peopleBefore = count("person");
        int usersBefore = count("act_id_user");

        // When it is imported
        ResponseEntity<JsonNode> response = postCsv("admin", "/api/registry/people/import", csv);

        // Then 400 names row 3 and its column, and neither the registry nor Camunda has anyone new
        JsonNode problem = assertProblem(response, 400);
        assertThat(errorFields(problem)).containsExactly(field);
        assertNobodyWritten(peopleBefore, usersBefore, "xiaqing", "yeqing");
    }

    @Test
    void anImportThatWouldLeaveNoAdministratorIsRolledBackEntirely() {
        // Given a file that adds a person and turns the only administrator into a leader
        String csv = HEADER + "xiaqing,夏青,13800000301,,GRID_WORKER,SFZ-C01-G03,\n"
                + "admin,赵建国,13900000001,admin@demo.gridcase.org,LEADER,SFZ,\n";
        int peopleBefore = count("person");
        int usersBefore = count("act_id_user");

        // When it is imported (the check runs after the Camunda memberships were already changed)
        ResponseEntity<JsonNode> response = postCsv("admin", "/api/registry/people/import", csv);

        // Then it is refused and both the registry and Camunda are as before: admin is still an administrator
        assertThat(errorFields(assertProblem(response, 400))).containsExactly("role");
        assertNobodyWritten(peopleBefore, usersBefore, "xiaqing");
        assertThat(groupsOf("admin")).contains("camunda-admin").doesNotContain("leaders");
        assertThat(jdbc.queryForList("select r.role from person_role r join person p on p.id = r.person_id "
                + "where p.login = 'admin'", String.class)).containsExactly("ADMIN");
    }

    @Test
    void onlyAdministratorsMayImportStaff() {
        int peopleBefore = count("person");
        int usersBefore = count("act_id_user");

        ResponseEntity<JsonNode> response = postCsv("chenxiaoyan", "/api/registry/people/import",
                HEADER + "xiaqing,夏青,13800000301,,GRID_WORKER,SFZ-C01-G03,\n");

        assertProblem(response, 403);
        assertNobodyWritten(peopleBefore, usersBefore, "xiaqing");
    }

    private void assertNobodyWritten(int peopleBefore, int usersBefore, String... logins) {
        assertThat(count("person")).isEqualTo(peopleBefore);
        assertThat(count("act_id_user")).isEqualTo(usersBefore);
        for (String login : logins) {
            assertThat(jdbc.queryForObject("select count(*) from person where login = ?", Integer.class, login))
                    .as("person %s", login).isZero();
            assertThat(identityService.createUserQuery().userId(login).count()).as("Camunda user %s", login)
                    .isZero();
        }
    }

    private List<String> groupsOf(String login) {
        return identityService.createGroupQuery().groupMember(login).list().stream().map(Group::getId).toList();
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
