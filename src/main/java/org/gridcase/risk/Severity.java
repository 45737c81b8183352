package org.gridcase.risk;

import java.util.Locale;
import java.util.Optional;

/** How serious a hazard looks: as the reporter saw it, then as the grid leader found it on site. */
enum Severity {
    LOW("轻微"),
    MEDIUM("一般"),
    HIGH("严重"),
    CRITICAL("特别严重");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Optional<Severity> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
