package org.gridcase.identity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The variables a Camunda Form (form-js schema) lets its user submit: the {@code key} of every input component at any
 * depth, or the first segment of a group's or dynamic list's {@code path} (its fields are nested in that variable).
 * A component marked {@code readonly} or {@code disabled} shows a variable but does not let it change.
 */
final class TaskFormFields {

    enum Access {
        /** The form lets the user type or pick a plain value. */
        WRITE,
        /** The form lets the user submit a list or a nested object (checklist, tag list, group with a path). */
        WRITE_STRUCTURED,
        /** The form shows the value but the user cannot change it. */
        READ_ONLY
    }

    /** A task without a Camunda Form: nothing may be submitted. */
    static final TaskFormFields NONE = new TaskFormFields(Map.of(), Map.of());

    private final Map<String, Access> fields;
    private final Map<String, Set<String>> options;

    private TaskFormFields(Map<String, Access> fields, Map<String, Set<String>> options) {
        this.fields = fields;
        this.options = options;
    }

    static TaskFormFields of(JsonNode schema) {
        Map<String, Access> fields = new HashMap<>();
        Map<String, Set<String>> options = new HashMap<>();
        collect(schema.path("components"), fields, options);
        return new TaskFormFields(Map.copyOf(fields), Map.copyOf(options));
    }

    /** The access the form gives to this variable, or null when the form has no such field. */
    Access access(String variable) {
        return fields.get(variable);
    }

    /**
     * The values a radio or select with fixed {@code values} offers for this variable, or null when any value may be
     * typed (or the options come from a variable, {@code valuesKey}, or two components show the variable).
     */
    Set<String> options(String variable) {
        return options.get(variable);
    }

    private static void collect(JsonNode components, Map<String, Access> fields, Map<String, Set<String>> options) {
        for (JsonNode component : components) {
            String path = component.path("path").asText("");
            if (!path.isBlank()) {
                // a group or dynamic list with a path: its fields live inside one (object or list) variable
                put(fields, topSegment(path), locked(component) ? Access.READ_ONLY : Access.WRITE_STRUCTURED);
                continue;
            }
            String key = component.path("key").asText("");
            if (!key.isBlank()) {
                String type = component.path("type").asText("");
                Access access = locked(component) ? Access.READ_ONLY
                        : key.contains(".") || type.equals("checklist") || type.equals("taglist")
                                ? Access.WRITE_STRUCTURED : Access.WRITE;
                boolean fixed = (type.equals("radio") || type.equals("select")) && component.path("values").isArray();
                if (fields.containsKey(topSegment(key)) || !fixed) {
                    options.remove(topSegment(key));
                } else {
                    Set<String> values = new HashSet<>();
                    component.path("values").forEach(v -> values.add(v.path("value").asText()));
                    options.put(topSegment(key), Set.copyOf(values));
                }
                put(fields, topSegment(key), access);
            }
            collect(component.path("components"), fields, options);
        }
    }

    /** Two components on one variable: the more permissive wins (a form may show a value and also edit it). */
    private static void put(Map<String, Access> fields, String name, Access access) {
        fields.merge(name, access, (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
    }

    /** {@code readonly: true} or a FEEL condition; {@code disabled: true}. */
    private static boolean locked(JsonNode component) {
        JsonNode readonly = component.path("readonly");
        boolean ro = readonly.isBoolean() ? readonly.asBoolean() : readonly.isTextual() && !readonly.asText().isBlank();
        return ro || component.path("disabled").asBoolean(false);
    }

    private static String topSegment(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }
}
