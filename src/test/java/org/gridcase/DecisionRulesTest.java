package org.gridcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.gridcase.deadline.Limit;
import org.gridcase.request.Categories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the shared limits table ({@code case-sla.dmn}) and of the request routing table is hit by a test
 * case, and what it answers can be carried out (every limit parses, every category is routed). The rules matched are
 * recorded by the DMN engine itself, so a rule no case reaches fails the test.
 */
class DecisionRulesTest {

    private static final Pattern RULE = Pattern.compile("<rule id=\"([^\"]+)\"");

    private final Set<String> matched = new TreeSet<>();
    private DmnEngine dmn;

    @BeforeEach
    void engine() {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of((DmnDecisionTableEvaluationEvent event) ->
                event.getMatchingRules().forEach(rule -> matched.add(rule.getId()))));
        dmn = configuration.buildEngine();
    }

    @Test
    void everyLimitsRuleIsHitAndAnswersLimitsThatParse() throws IOException {
        DmnDecision table = decision("case-sla");
        // kind, category, urgency -> the time class the rule stands for
        List<List<String>> cases = List.of(
                List.of("RISK", "FIRE", "NORMAL", "DISPOSAL"),
                List.of("REQUEST", "CONSULTATION", "NORMAL", "INSTANT"),
                List.of("REQUEST", "GAS_LEAK", "NORMAL", "EMERGENCY"),
                List.of("REQUEST", "WATER_SUPPLY", "NORMAL", "UTILITY"),
                List.of("REQUEST", "SANITATION", "URGENT", "UTILITY"),
                List.of("REQUEST", "ILLEGAL_BUILDING", "NORMAL", "COMPLEX"),
                List.of("REQUEST", "SANITATION", "NORMAL", "ORDINARY"));
        for (List<String> c : cases) {
            DmnDecisionResultEntries row = dmn.evaluateDecision(table, Variables.createVariables()
                    .putValue("kind", c.get(0)).putValue("category", c.get(1)).putValue("urgency", c.get(2)))
                    .getSingleResult();
            assertThat(row.<String>getEntry("timeClass")).as("%s", c).isEqualTo(c.get(3));
            for (String limit : List.of("response", "handling", "escalationStep", "redispatch", "signoff",
                    "supervision", "surveyLink", "phoneCallback")) {
                assertThat(Limit.parse(row.getEntry(limit))).as("%s %s", c, limit).isNotNull();
            }
            assertThat(row.<Integer>getEntry("ladderTop")).as("%s ladderTop", c).isPositive();
            assertThat(row.<Integer>getEntry("maxReopens")).as("%s maxReopens", c).isNotNegative();
        }
        assertThat(matched).isEqualTo(ruleIds("case-sla"));
    }

    @Test
    void everyRoutingRuleIsHitAndEveryCategoryOfTheCatalogueIsRouted() throws IOException {
        DmnDecision table = decision("request-routing");
        for (Map.Entry<String, String> category : Categories.all().entrySet()) {
            DmnDecisionResultEntries row = dmn.evaluateDecision(table,
                    Variables.createVariables().putValue("category", category.getKey())).getSingleResult();
            assertThat(row).as("route of %s (%s)", category.getKey(), category.getValue()).isNotNull();
            assertThat(row.<String>getEntry("firstHandler")).isIn("GRID", "DEPARTMENT", "HOTLINE");
        }
        assertThat(matched).isEqualTo(ruleIds("request-routing"));
    }

    private DmnDecision decision(String key) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("processes", key + ".dmn"))) {
            return dmn.parseDecision(key, in);
        }
    }

    private static Set<String> ruleIds(String key) throws IOException {
        Matcher m = RULE.matcher(Files.readString(Path.of("processes", key + ".dmn")));
        Set<String> ids = new TreeSet<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).as("rules of %s", key).isNotEmpty();
        return ids;
    }
}
