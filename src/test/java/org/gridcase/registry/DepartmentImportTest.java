package org.gridcase.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Departments through {@code POST /api/registry/departments}: their categories are the catalogue's, each once; a
 * category that is not in it (an area code, a typo, a flood of a thousand) is named and nothing is written.
 */
class DepartmentImportTest extends GridCaseTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAdministratorAddsADepartmentWithCatalogueCategories() {
        ResponseEntity<JsonNode> response = postJson("admin", "/api/registry/departments", List.of(Map.of(
                "code", "DEPT_TEST_OK", "name", "测试部门", "categories", List.of("SANITATION", "NOISE"))));
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForList("select c.category from department_category c join department d "
                + "on d.id = c.department_id where d.code = 'DEPT_TEST_OK' order by c.category", String.class))
                .containsExactly("NOISE", "SANITATION");
    }

    @Test
    void aCategoryOutsideTheCatalogueIsNamedAndNothingIsWritten() {
        List<String> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add("SANITATION");
        }
        List<List<String>> bad = List.of(List.of("SANITATION", "SFZ-C01-G01"), List.of("NOISE", "NOISE"), thousand);
        List<String> fields = List.of("[0].categories[1]", "[0].categories[1]", "[0].categories");
        for (int i = 0; i < bad.size(); i++) {
            long before = jdbc.queryForObject("select count(*) from department_category", Long.class);
            JsonNode problem = assertProblem(postJson("admin", "/api/registry/departments", List.of(Map.of(
                    "code", "DEPT_TEST_BAD", "name", "测试部门", "categories", bad.get(i)))), 400);
            assertThat(errorFields(problem)).containsExactly(fields.get(i));
            assertThat(jdbc.queryForObject("select count(*) from department where code = 'DEPT_TEST_BAD'",
                    Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from department_category", Long.class))
                    .isEqualTo(before);
        }
    }
}
