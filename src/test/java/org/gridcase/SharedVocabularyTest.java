package org.gridcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Shared means shared: the building blocks every case kind references carry no kind's words. A kind brings its
 * vocabulary through its {@code CaseKindDefinition}, its own process, forms and package. Scanned as text: the shared
 * packages' sources, the building-block processes (every process another one calls) and their forms, the mail
 * templates and the Modeler's element templates.
 */
class SharedVocabularyTest {

    /** What the four kinds call their cases and their work: 诉求, 风险隐患, 矛盾纠纷调解, 联合执法. */
    static final List<String> KIND_WORDS = List.of("诉求", "隐患", "风险", "纠纷", "调解", "执法");

    static final List<String> SHARED_PACKAGES = List.of("casefile", "deadline", "escalation", "survey", "notify",
            "support", "attachment");

    private static final Pattern CALLED = Pattern.compile("calledElement=\"([^\"$]+)\"");
    private static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"]+)\"");

    @Test
    void sharedPackagesFormsProcessesAndTemplatesCarryNoKindsWords() throws IOException {
        List<Path> shared = sharedFiles();
        assertThat(shared).as("files scanned").hasSizeGreaterThan(40);
        List<String> found = new ArrayList<>();
        for (Path file : shared) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (String word : KIND_WORDS) {
                    if (lines.get(i).contains(word)) {
                        found.add(file + ":" + (i + 1) + " " + word);
                    }
                }
            }
        }
        assertThat(found).as("kind words in shared files").isEmpty();
    }

    /** The control: the scan would see a kind's words, and the building blocks are what another process calls. */
    @Test
    void theScanSeesAKindsWordsWhereTheyBelong() throws IOException {
        assertThat(Files.readString(Path.of("processes/request.bpmn"))).contains("诉求");
        assertThat(Files.readString(Path.of("src/main/java/org/gridcase/request/RequestKind.java"))).contains("诉求");
        assertThat(buildingBlocks()).contains("case-clock", "case-supervision", "leader-signoff", "callback-survey")
                .doesNotContain("request");
    }

    private static List<Path> sharedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String pkg : SHARED_PACKAGES) {
            try (Stream<Path> walk = Files.walk(Path.of("src/main/java/org/gridcase", pkg))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/notify/templates"))) {
            templates.forEach(files::add);
        }
        try (Stream<Path> templates = Files.list(Path.of("processes/.camunda/element-templates"))) {
            templates.forEach(files::add);
        }
        for (String block : buildingBlocks()) {
            Path bpmn = Path.of("processes", block + ".bpmn");
            files.add(bpmn);
            Matcher forms = FORM_REF.matcher(Files.readString(bpmn));
            while (forms.find()) {
                files.add(Path.of("forms", forms.group(1) + ".form"));
            }
        }
        return files;
    }

    /** Every process another process calls. */
    private static Set<String> buildingBlocks() throws IOException {
        Set<String> called = new TreeSet<>();
        try (Stream<Path> processes = Files.list(Path.of("processes"))) {
            for (Path bpmn : processes.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                Matcher m = CALLED.matcher(Files.readString(bpmn));
                while (m.find()) {
                    called.add(m.group(1));
                }
            }
        }
        return called;
    }
}
