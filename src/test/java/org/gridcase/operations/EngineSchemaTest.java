package org.gridcase.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Camunda's tables come from Flyway; the engine neither changes the schema nor runs on one of another version. */
class EngineSchemaTest extends GridCaseTest {

    @Autowired
    private ProcessEngine engine;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private Flyway flyway;

    @Test
    void flywayCreatesCamundaTablesAndTheEngineChangesNoSchema() {
        // Given the app as started / Then Flyway's history holds the Camunda schema of the engine jar
        assertThat(Arrays.stream(flyway.info().applied()).filter(m -> "9".equals(m.getVersion().getVersion()))
                .map(MigrationInfo::getDescription)).containsExactly("camunda 7.24.0 schema");
        // and the engine only checks that its tables are there
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseSchemaUpdate())
                .isEqualTo("false");
        assertThat(jdbc.queryForObject("select max(VERSION_) from ACT_GE_SCHEMA_LOG", String.class))
                .isEqualTo("7.24.0");
    }

    @Test
    void theJobExecutorFindsDueJobsThroughAnIndexOnTheirDueDate() throws SQLException {
        // Given the app as started (V26) / Then ACT_RU_JOB, which the job executor's acquisition query filters and
        // sorts by due date, has an index on it (Camunda's own scripts create none)
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet index = c.getMetaData().getIndexInfo(c.getCatalog(), null, "ACT_RU_JOB", false, true)) {
            while (index.next()) {
                if ("ix_job_duedate".equalsIgnoreCase(index.getString("INDEX_NAME"))) {
                    columns.add(index.getString("COLUMN_NAME"));
                }
            }
        }
        assertThat(columns).containsExactly("DUEDATE_");
    }

    @ParameterizedTest(name = "schema {0}: starts {1}")
    @CsvSource({"7.24.0, true", "7.24.2, true", "7.23.0, false", "7.25.0, false", "8.0.0, false"})
    void engineStartsOnlyOnItsOwnSchemaVersion(String schema, boolean starts) {
        // Given a schema of that version; When the start checks it / Then only the engine jar's minor version passes
        if (starts) {
            EngineSchema.requireLibraryVersion(schema);
        } else {
            assertThatThrownBy(() -> EngineSchema.requireLibraryVersion(schema))
                    .hasMessageContaining("Camunda schema " + schema).hasMessageContaining("runs Camunda 7.24.0");
        }
    }

    @Test
    void aSchemaUpgradedBeyondTheEngineIsRefused() throws SQLException {
        // Given the schema log of a database upgraded to Camunda 7.25 (by a newer GridCase)
        jdbc.update("insert into ACT_GE_SCHEMA_LOG (ID_, TIMESTAMP_, VERSION_) values ('gridcase-test', "
                + "current_timestamp, '7.25.0')");
        try (Connection c = dataSource.getConnection()) {
            // When this GridCase reads its version / Then it refuses to run the engine on it
            assertThat(EngineSchema.schemaVersion(c)).isEqualTo("7.25.0");
            assertThatThrownBy(() -> EngineSchema.requireLibraryVersion(EngineSchema.schemaVersion(c)))
                    .hasMessageContaining("refusing to start the engine");
        } finally {
            jdbc.update("delete from ACT_GE_SCHEMA_LOG where ID_ = 'gridcase-test'");
        }
    }
}
