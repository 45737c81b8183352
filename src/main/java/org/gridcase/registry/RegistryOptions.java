package org.gridcase.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

/**
 * What forms offer when staff choose a grid or a department: names from the registry, never codes to type. The
 * answers are JSON lists of {@code {label, value}}, what Camunda Forms' {@code valuesKey} reads; a process gives
 * them to a task as input parameters, e.g. {@code ${registryOptions.departments()}}.
 */
@Component("registryOptions")
public class RegistryOptions {

    private final Registry registry;

    RegistryOptions(Registry registry) {
        this.registry = registry;
    }

    public ObjectValue departments() {
        List<Map<String, String>> options = new ArrayList<>();
        for (Registry.DepartmentRef d : registry.departments()) {
            options.add(option(d.name(), d.code()));
        }
        return json(options);
    }

    /** The grids of the town the given area lies in (every grid when the area is unknown or null). */
    public ObjectValue gridsOfTown(String areaCode) {
        List<String> roots = areaCode == null ? List.of() : registry.lineage(areaCode).stream()
                .filter(a -> a.level() == AreaLevel.TOWN).map(Registry.AreaRef::code).toList();
        List<Map<String, String>> options = new ArrayList<>();
        for (String grid : registry.gridsUnder(roots.isEmpty() ? registry.towns() : roots)) {
            registry.area(grid).ifPresent(a -> options.add(option(a.name(), a.code())));
        }
        return json(options);
    }

    private static Map<String, String> option(String label, String value) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        return option;
    }

    private static ObjectValue json(List<Map<String, String>> options) {
        return Variables.objectValue(new ArrayList<>(options))
                .serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
    }
}
