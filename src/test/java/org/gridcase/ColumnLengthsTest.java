package org.gridcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.EntityType;

/**
 * One source of truth for field lengths: every entity declares its text lengths as constants used in its
 * {@code @Column(length = …)} and in the validation of every API and import. This test holds the constants to the
 * real schema that Flyway built, so a validated limit can never exceed its column.
 */
class ColumnLengthsTest extends GridCaseTest {

    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyTextColumnOfEveryEntityHasTheLengthItsEntityDeclares() {
        List<String> checked = new ArrayList<>();
        List<String> mismatches = mismatches(entityManagerFactory, jdbc, "table_schema = 'PUBLIC'", checked);

        assertThat(checked).contains("case_file.reporter_email", "case_file.outcome_note", "case_event.note",
                "person.email", "resident.room", "building.address", "resident_access_log.id_number_masked",
                "case_attachment.file_name", "case_attachment.note", "case_attachment.content_type");
        assertThat(mismatches).isEmpty();
    }

    /**
     * Every text column (String or enum field, element collection) of every GridCase entity whose declared
     * {@code @Column} length differs from the real column's, in the schema that {@code schemaCondition} selects
     * from {@code information_schema.columns}; {@code checked} collects the columns compared. MysqlDialectIT runs it on
     * MySQL/MariaDB.
     */
    static List<String> mismatches(EntityManagerFactory entityManagerFactory, JdbcTemplate jdbc,
            String schemaCondition, List<String> checked) {
        List<String> mismatches = new ArrayList<>();
        for (EntityType<?> entity : entityManagerFactory.getMetamodel().getEntities()) {
            Class<?> type = entity.getJavaType();
            if (!type.getPackageName().startsWith("org.gridcase")) {
                continue;
            }
            String table = type.getAnnotation(Table.class).name();
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(Lob.class) || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Column column = field.getAnnotation(Column.class);
                boolean text = field.getType() == String.class || field.getType().isEnum()
                        || field.isAnnotationPresent(CollectionTable.class);
                if (!text) {
                    continue;
                }
                String tableName = field.isAnnotationPresent(CollectionTable.class)
                        ? field.getAnnotation(CollectionTable.class).name() : table;
                String columnName = column != null && !column.name().isEmpty() ? column.name() : snake(field.getName());
                int declared = column == null ? 255 : column.length();
                List<Long> actual = jdbc.queryForList("select character_maximum_length from information_schema.columns "
                        + "where " + schemaCondition + " and upper(table_name) = ? and upper(column_name) = ?",
                        Long.class, tableName.toUpperCase(Locale.ROOT), columnName.toUpperCase(Locale.ROOT));
                if (actual.size() != 1) {
                    mismatches.add(type.getSimpleName() + "." + field.getName() + ": no column " + tableName + "."
                            + columnName);
                    continue;
                }
                if (actual.get(0) == null || actual.get(0) > 1_000_000) {
                    continue; // not a varchar (a CLOB, say): nothing to overflow
                }
                checked.add(tableName + "." + columnName);
                if (actual.get(0) != declared) {
                    mismatches.add(type.getSimpleName() + "." + field.getName() + " declares " + declared + ", "
                            + tableName + "." + columnName + " is " + actual.get(0));
                }
            }
        }
        return mismatches;
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
