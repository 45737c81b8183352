package org.gridcase.casefile;

/** TEMPORARY stub of the spine's interface (SPINE.md), reverted before main's spine is merged. */
public interface CaseKindDefinition {
    CaseKind kind();

    String processId();

    String prefix();

    String noun();

    String handlingTaskName();

    String callbackGroup();
}
