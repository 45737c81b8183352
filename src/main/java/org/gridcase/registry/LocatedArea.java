package org.gridcase.registry;

import java.util.List;

/** The deepest area that contains a point, with the codes from the root down to it. */
public record LocatedArea(String code, String name, AreaLevel level, List<String> path) {
}
