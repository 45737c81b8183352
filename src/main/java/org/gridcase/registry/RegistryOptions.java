package org.gridcase.registry;

import java.util.List;

import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.gridcase.support.FormOptions;
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
        FormOptions options = new FormOptions();
        registry.departments().forEach(d -> options.add(d.name(), d.code()));
        return options.toValue();
    }

    /** The grids of the town the given area lies in (every grid when the area is unknown or null). */
    public ObjectValue gridsOfTown(String areaCode) {
        List<String> roots = areaCode == null ? List.of() : registry.lineage(areaCode).stream()
                .filter(a -> a.level() == AreaLevel.TOWN).map(Registry.AreaRef::code).toList();
        FormOptions options = new FormOptions();
        for (String grid : registry.gridsUnder(roots.isEmpty() ? registry.towns() : roots)) {
            registry.area(grid).ifPresent(a -> options.add(a.name(), a.code()));
        }
        return options.toValue();
    }

}
