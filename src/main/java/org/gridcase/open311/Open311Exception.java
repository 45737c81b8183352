package org.gridcase.open311;

import java.util.List;

/**
 * A GeoReport error answer: the HTTP status and one {@code <error>} per fault, each a description a developer can
 * act on. Its messages name fields, never a reporter's data.
 */
class Open311Exception extends RuntimeException {

    private final int status;
    private final List<String> descriptions;

    Open311Exception(int status, List<String> descriptions) {
        super(String.join("; ", descriptions));
        this.status = status;
        this.descriptions = List.copyOf(descriptions);
    }

    Open311Exception(int status, String description) {
        this(status, List.of(description));
    }

    int status() {
        return status;
    }

    List<String> descriptions() {
        return descriptions;
    }
}
