package org.gridcase.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridcase.GridCaseApplication;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The Chinese notification texts: {@code classpath:notify/templates/<NAME>.txt}, first line {@code subject: …},
 * then the body. {@code {name}} is replaced by the model's value; a placeholder the model lacks (or holds null)
 * is a bug and fails loudly. Dates are written the Chinese way in Asia/Shanghai: 2025年3月8日 17:30.
 */
@Component
class NotificationTemplates {

    static final String LOCATION = "classpath*:notify/templates/*.txt";
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final String SUBJECT = "subject:";
    private static final int SUBJECT_MAX = 255;
    private static final ZoneId ZONE = ZoneId.of(GridCaseApplication.ZONE);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    record Template(String name, String subject, String body) {

        /** The placeholders the subject and body use. */
        Set<String> placeholders() {
            Set<String> names = new TreeSet<>();
            for (String text : List.of(subject, body)) {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        }
    }

    record Rendered(String subject, String body) {
    }

    private final Map<String, Template> templates;

    NotificationTemplates() {
        this.templates = loadAll();
    }

    /** The template names, sorted. */
    List<String> names() {
        return List.copyOf(templates.keySet());
    }

    Template template(String name) {
        Template template = name == null ? null : templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("Unknown notification template '" + name + "'; known: " + names());
        }
        return template;
    }

    Rendered render(String name, Map<String, ?> model) {
        Template template = template(name);
        Map<String, ?> values = model == null ? Map.of() : model;
        Set<String> missing = new TreeSet<>();
        for (String placeholder : template.placeholders()) {
            if (values.get(placeholder) == null) {
                missing.add(placeholder);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Notification template " + name + " needs values for " + missing
                    + " (model has " + new TreeSet<>(values.keySet()) + ")");
        }
        String subject = fill(template.subject(), values).replaceAll("[\\r\\n]+", " ").strip();
        if (subject.length() > SUBJECT_MAX) {
            subject = subject.substring(0, subject.offsetByCodePoints(0, subject.codePointCount(0, SUBJECT_MAX - 1)))
                    + "…";
        }
        return new Rendered(subject, fill(template.body(), values));
    }

    private static String fill(String text, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(format(values.get(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String format(Object value) {
        if (value instanceof Instant i) {
            return DATE_TIME.format(i.atZone(ZONE));
        }
        if (value instanceof ZonedDateTime z) {
            return DATE_TIME.format(z.withZoneSameInstant(ZONE));
        }
        if (value instanceof OffsetDateTime o) {
            return DATE_TIME.format(o.atZoneSameInstant(ZONE));
        }
        if (value instanceof LocalDateTime l) {
            return DATE_TIME.format(l);
        }
        if (value instanceof LocalDate d) {
            return DATE.format(d);
        }
        if (value instanceof Date d) {
            return DATE_TIME.format(d.toInstant().atZone(ZONE));
        }
        return String.valueOf(value);
    }

    private static Map<String, Template> loadAll() {
        try {
            Map<String, Template> all = new TreeMap<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                String file = resource.getFilename();
                String name = file.substring(0, file.length() - ".txt".length());
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalStateException("Notification template name must be UPPER_SNAKE_CASE: " + file);
                }
                all.put(name, parse(name, resource.getContentAsString(StandardCharsets.UTF_8)));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the notification templates", e);
        }
    }

    static Template parse(String name, String text) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        content = content.replace("\r\n", "\n");
        int eol = content.indexOf('\n');
        String first = eol < 0 ? content : content.substring(0, eol);
        if (!first.startsWith(SUBJECT)) {
            throw new IllegalStateException("Notification template " + name + " must start with 'subject: …'");
        }
        String subject = first.substring(SUBJECT.length()).strip();
        String body = eol < 0 ? "" : content.substring(eol + 1).replaceFirst("^\\n+", "").stripTrailing();
        if (subject.isEmpty() || body.isEmpty()) {
            throw new IllegalStateException("Notification template " + name + " needs a subject and a body");
        }
        return new Template(name, subject, body + "\n");
    }
}
