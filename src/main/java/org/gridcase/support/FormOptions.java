package org.gridcase.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;

/**
 * The choices of a Camunda Forms select or radio that a process gives its task ({@code valuesKey}): a JSON list of
 * {@code {label, value}}, in the order added. Plain lists and maps, so the engine's JSON format reads them back.
 */
public final class FormOptions {

    private final List<Map<String, String>> options = new ArrayList<>();

    public FormOptions add(String label, String value) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        options.add(option);
        return this;
    }

    public ObjectValue toValue() {
        return Variables.objectValue(new ArrayList<>(options))
                .serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
    }
}
