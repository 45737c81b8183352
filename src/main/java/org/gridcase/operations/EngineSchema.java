package org.gridcase.operations;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Camunda's tables are under Flyway, like GridCase's own, and the engine never changes the schema itself
 * ({@code camunda.bpm.database.schema-update: false}):
 * <ul>
 * <li>Migration 9 runs the create scripts of the camunda-engine jar on the class path
 * ({@code org/camunda/bpm/engine/db/create/activiti.<h2|mysql>.create.*.sql}, the very scripts the engine ran
 * itself with schema-update true). A database whose Camunda tables an earlier GridCase had the engine create is
 * only checked.</li>
 * <li>At every start, after Flyway and before the engine, the schema's Camunda version (the newest entry of
 * {@code ACT_GE_SCHEMA_LOG}) must be the camunda-engine jar's major.minor: the engine would otherwise run against a
 * schema of another version without a word (it only checks that its tables exist). A Camunda upgrade therefore comes
 * with a migration that runs Camunda's upgrade script ({@code org/camunda/bpm/engine/db/upgrade/...}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class EngineSchema {

    private static final Logger log = LoggerFactory.getLogger(EngineSchema.class);
    /** In the order the engine creates them. */
    static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine", "case.history",
            "decision.engine", "decision.history");

    @Bean
    FlywayConfigurationCustomizer camundaSchemaUnderFlyway() {
        return flyway -> flyway.javaMigrations(new CreateCamundaTables()).callbacks(new VersionCheck());
    }

    /** V9: the Camunda tables of the engine jar's version. */
    static final class CreateCamundaTables implements JavaMigration {

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion("9");
        }

        @Override
        public String getDescription() {
            return "camunda " + ProductPropertiesUtil.getProductVersion() + " schema";
        }

        @Override
        public Integer getChecksum() {
            return null;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(org.flywaydb.core.api.migration.Context context) throws SQLException {
            Connection c = context.getConnection();
            if (hasEngineTables(c)) {
                requireLibraryVersion(schemaVersion(c));
                log.info("Camunda tables exist (created by the engine): kept as they are");
                return;
            }
            String type = databaseType(c);
            for (String component : COMPONENTS) {
                String script = "org/camunda/bpm/engine/db/create/activiti." + type + ".create." + component + ".sql";
                ScriptUtils.executeSqlScript(c, new EncodedResource(new ClassPathResource(script),
                        StandardCharsets.UTF_8));
            }
        }
    }

    /** After every migrate, before the engine is built. */
    static final class VersionCheck implements Callback {

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                requireLibraryVersion(schemaVersion(context.getConnection()));
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the Camunda schema version", e);
            }
        }

        @Override
        public String getCallbackName() {
            return "camunda-schema-version";
        }
    }

    static void requireLibraryVersion(String schema) {
        String library = ProductPropertiesUtil.getProductVersion();
        if (schema == null || !majorMinor(schema).equals(majorMinor(library))) {
            throw new IllegalStateException("The database holds the Camunda schema " + schema + ", this GridCase "
                    + "runs Camunda " + library + ": refusing to start the engine on it. Upgrade the schema with "
                    + "Camunda's upgrade scripts as a Flyway migration (or start the GridCase of that version).");
        }
    }

    static boolean hasEngineTables(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String name : new String[] {"ACT_GE_PROPERTY", "act_ge_property"}) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The newest version in ACT_GE_SCHEMA_LOG (create and upgrade scripts each add theirs); null without one. */
    static String schemaVersion(Connection c) throws SQLException {
        if (!hasEngineTables(c)) {
            return null;
        }
        List<String> versions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select VERSION_ from ACT_GE_SCHEMA_LOG")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions.stream().filter(v -> v != null && v.matches("\\d+(\\.\\d+)*.*"))
                .max((a, b) -> Arrays.compare(numbers(a), numbers(b))).orElse(null);
    }

    private static int[] numbers(String version) {
        return Arrays.stream(version.replaceAll("[^0-9.].*$", "").split("\\.")).filter(p -> !p.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
    }

    private static String majorMinor(String version) {
        int[] n = numbers(version);
        return n.length < 2 ? version : n[0] + "." + n[1];
    }

    private static String databaseType(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        return switch (product) {
            case "H2" -> "h2";
            case "MySQL", "MariaDB" -> "mysql";
            default -> throw new IllegalStateException("GridCase runs on H2 or MySQL/MariaDB, not on " + product);
        };
    }
}
