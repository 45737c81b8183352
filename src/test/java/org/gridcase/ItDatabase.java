package org.gridcase;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The MySQL/MariaDB database of the {@code *IT} tests ({@code -Pmysql-it}): {@code GRIDCASE_IT_DB_URL},
 * {@code GRIDCASE_IT_DB_USER} and {@code GRIDCASE_IT_DB_PASSWORD}, by default the local server's {@code gridcase_it}
 * as root without a password (what {@code .ci/run} creates afresh).
 */
public final class ItDatabase {

    static final String DEFAULT_URL = "jdbc:mysql://127.0.0.1:3306/gridcase_it"
            + "?sendFractionalSeconds=false&nullDatabaseMeansCurrent=true&characterEncoding=UTF-8";

    private ItDatabase() {
    }

    /** For a test's {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> env("GRIDCASE_IT_DB_URL", DEFAULT_URL));
        registry.add("spring.datasource.username", () -> env("GRIDCASE_IT_DB_USER", "root"));
        registry.add("spring.datasource.password", () -> env("GRIDCASE_IT_DB_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
