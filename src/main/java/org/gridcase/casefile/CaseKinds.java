package org.gridcase.casefile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The definitions of the kinds this installation runs, by kind. */
@Component
public class CaseKinds {

    private final Map<CaseKind, CaseKindDefinition> byKind = new EnumMap<>(CaseKind.class);

    CaseKinds(List<CaseKindDefinition> definitions) {
        for (CaseKindDefinition definition : definitions) {
            if (byKind.put(definition.kind(), definition) != null) {
                throw new IllegalStateException("Two definitions of case kind " + definition.kind());
            }
        }
    }

    /** @throws IllegalStateException for a kind without a definition (its process is not built yet) */
    public CaseKindDefinition of(CaseKind kind) {
        CaseKindDefinition definition = byKind.get(kind);
        if (definition == null) {
            throw new IllegalStateException("No definition of case kind " + kind);
        }
        return definition;
    }

    public CaseKindDefinition of(CaseFile file) {
        return of(file.getKind());
    }
}
