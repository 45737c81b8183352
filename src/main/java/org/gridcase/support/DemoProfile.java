package org.gridcase.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Where the demo town (and its logins with the password {@code demo}) may go: into an H2 database (the embedded
 * default, {@code ./data/gridcase}, or a test's in-memory one), or wherever the profile {@code demo} is named
 * explicitly ({@code --spring.profiles.active=mysql,demo}). Never into another database by default.
 * <ul>
 * <li>No profile given and the datasource is H2: the profile {@code demo} is activated and
 * {@code application-demo.yml} loaded, so {@code ./mvnw spring-boot:run} and a bare {@code java -jar} still open
 * the demo town.</li>
 * <li>No profile given and any other database (e.g. {@code GRIDCASE_DB_URL} pointing at MySQL): nothing is added;
 * the first administrator comes from {@code GRIDCASE_ADMIN_USER}.</li>
 * <li>Demo data configured for a non-H2 database without {@code demo} among the named profiles (for instance
 * through {@code SPRING_PROFILES_DEFAULT=demo}): the start fails with a message saying how to name it.</li>
 * </ul>
 * Runs right after Spring Boot has read the configuration files, so the datasource URL is the one the app will use.
 */
public final class DemoProfile implements EnvironmentPostProcessor, Ordered {

    public static final String DEMO = "demo";
    /** {@code explicit} when {@code demo} was named, {@code implicit} when this class activated it. */
    public static final String ACTIVATION = "gridcase.demo.activation";
    static final String DEMO_FILE = "application-demo.yml";

    private final Log log;

    public DemoProfile(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoProfile.class);
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> named = Arrays.asList(environment.getActiveProfiles());
        boolean h2 = isH2(environment);
        MutablePropertySources sources = environment.getPropertySources();
        if (named.contains(DEMO)) {
            sources.addFirst(new MapPropertySource("gridcase-demo-activation", Map.of(ACTIVATION, "explicit")));
            return;
        }
        if (named.isEmpty() && h2) {
            environment.addActiveProfile(DEMO);
            if (sources.stream().noneMatch(s -> s.getName().contains("[" + DEMO_FILE + "]"))) {
                addDemoFile(sources);
            }
            sources.addFirst(new MapPropertySource("gridcase-demo-activation", Map.of(ACTIVATION, "implicit")));
            log.info("No profile named and the database is H2: profile 'demo' (the demo town) is active");
            return;
        }
        requireNamedOutsideH2(environment);
    }

    /**
     * Fails when the demo data would go into a database other than H2 without {@code demo} among the named
     * profiles. Also called by the demo seeder itself, as the last guard before it writes.
     */
    public static void requireNamedOutsideH2(Environment environment) {
        if (isH2(environment) || "explicit".equals(environment.getProperty(ACTIVATION))) {
            return;
        }
        boolean demoData = environment.getProperty("gridcase.demo.enabled", Boolean.class, false)
                || Arrays.asList(environment.getActiveProfiles()).contains(DEMO)
                || Arrays.asList(environment.getDefaultProfiles()).contains(DEMO);
        if (demoData) {
            throw new IllegalStateException("Refusing to load the demo town (logins with password 'demo') into "
                    + "the database " + redacted(environment.getProperty("spring.datasource.url"))
                    + ": the profile 'demo' was not named. Name it to mean it (--spring.profiles.active=mysql,demo), "
                    + "or remove it from spring.profiles.default / SPRING_PROFILES_DEFAULT.");
        }
    }

    static boolean isH2(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        return url == null || url.isBlank() || url.startsWith("jdbc:h2:");
    }

    /** The URL without its user info and parameters: enough to recognise the database, no secret in a log. */
    private static String redacted(String url) {
        if (url == null) {
            return "(none)";
        }
        String bare = url.replaceAll("//[^/@]*@", "//");
        int cut = bare.indexOf('?');
        return cut < 0 ? bare : bare.substring(0, cut);
    }

    private static void addDemoFile(MutablePropertySources sources) {
        List<PropertySource<?>> loaded;
        try {
            loaded = new YamlPropertySourceLoader().load(
                    "Config resource 'class path resource [" + DEMO_FILE + "]' (implicit profile demo)",
                    new ClassPathResource(DEMO_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // like a profile-specific file: above the plain configuration files, below the command line and environment
        String firstConfigFile = sources.stream().map(PropertySource::getName)
                .filter(name -> name.startsWith("Config resource")).findFirst().orElse(null);
        for (PropertySource<?> source : loaded) {
            if (firstConfigFile == null) {
                sources.addLast(source);
            } else {
                sources.addBefore(firstConfigFile, source);
            }
        }
    }
}
