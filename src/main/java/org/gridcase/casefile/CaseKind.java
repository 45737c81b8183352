package org.gridcase.casefile;

/** The four case kinds; the prefix starts their tracking numbers (SQ-20261122-0001). */
public enum CaseKind {
    REQUEST("SQ", "诉求"),
    RISK("FX", "风险隐患"),
    MEDIATION("TJ", "矛盾纠纷调解"),
    ENFORCEMENT("ZF", "联合执法");

    private final String prefix;
    private final String label;

    CaseKind(String prefix, String label) {
        this.prefix = prefix;
        this.label = label;
    }

    public String prefix() {
        return prefix;
    }

    public String label() {
        return label;
    }
}
