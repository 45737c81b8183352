package org.gridcase.casefile;

/** How urgent the reporter's matter is; an input of the SLA table. */
public enum Urgency {
    NORMAL("一般"),
    URGENT("紧急");

    private final String label;

    Urgency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
