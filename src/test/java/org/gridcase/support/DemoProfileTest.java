package org.gridcase.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Which start gets the demo town: the application's real environment logic (application*.yml from the classpath,
 * the EnvironmentPostProcessors of spring.factories, the command line) in an empty context, so no database is
 * opened. The arguments are what an operator would type; {@code --GRIDCASE_DB_URL=} stands for the environment
 * variable (the datasource URL reads it through a placeholder).
 */
class DemoProfileTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private static final String MYSQL = "--GRIDCASE_DB_URL=jdbc:mysql://db.example:3306/gridcase?sendFractionalSeconds=false";

    static Stream<Arguments> starts() {
        return Stream.of(
                // a bare java -jar / ./mvnw spring-boot:run: the embedded H2 default gets the demo town
                Arguments.of(new String[] {}, true),
                // java -jar with GRIDCASE_DB_URL at a production database and no profile: no demo logins
                Arguments.of(new String[] {MYSQL}, false),
                Arguments.of(new String[] {"--spring.datasource.url=jdbc:mysql://db.example:3306/gridcase"}, false),
                // the mysql profile alone: no demo
                Arguments.of(new String[] {"--spring.profiles.active=mysql"}, false),
                // demo named: wherever it is named
                Arguments.of(new String[] {"--spring.profiles.active=mysql,demo"}, true),
                Arguments.of(new String[] {MYSQL, "--spring.profiles.active=demo"}, true),
                // another profile named on H2: only what is named
                Arguments.of(new String[] {"--spring.profiles.active=test"}, false));
    }

    @ParameterizedTest(name = "{0} → demo {1}")
    @MethodSource("starts")
    void demoTownOnlyOnH2OrWhereNamed(String[] args, boolean demo) {
        // Given the start arguments; When the environment is prepared
        try (ConfigurableApplicationContext context = start(args)) {
            Environment env = context.getEnvironment();
            // Then demo (its profile, its seeder switch and its admin login) is active exactly as expected
            assertThat(Arrays.asList(env.getActiveProfiles()).contains("demo")).isEqualTo(demo);
            assertThat(env.getProperty("gridcase.demo.enabled", Boolean.class, false)).isEqualTo(demo);
            assertThat(env.getProperty("camunda.bpm.admin-user.password") != null).isEqualTo(demo);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoByDefaultOutsideH2")
    void demoAsDefaultProfileOnAnotherDatabaseRefusesToStart(String[] args) {
        // Given demo as a default profile (as application.yml had it) and a MySQL URL
        // When the app starts / Then it refuses, saying how to name demo, and shows no credentials
        assertThatThrownBy(() -> start(args).close())
                .hasMessageContaining("Refusing to load the demo town")
                .hasMessageContaining("--spring.profiles.active=mysql,demo")
                .hasMessageContaining("jdbc:mysql://db.example:3306/gridcase")
                .hasMessageNotContaining("secret");
    }

    static Stream<Arguments> demoByDefaultOutsideH2() {
        return Stream.of(
                Arguments.of((Object) new String[] {"--spring.profiles.default=demo",
                        "--spring.datasource.url=jdbc:mysql://gridcase:secret@db.example:3306/gridcase?password=secret"}),
                Arguments.of((Object) new String[] {"--gridcase.demo.enabled=true", MYSQL}));
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(args);
    }
}
