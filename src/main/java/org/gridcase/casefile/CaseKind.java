package org.gridcase.casefile;

/**
 * The case kinds, as the case row stores them. What a kind is called, its process, its tracking-number prefix and
 * its vocabulary come from its {@link CaseKindDefinition}, which lives in the kind's own package.
 */
public enum CaseKind {
    REQUEST,
    RISK,
    MEDIATION,
    ENFORCEMENT
}
