package org.gridcase.casefile;

/** Where a case stands. The last six are final. */
public enum CaseStatus {
    REGISTERED("已登记", false),
    VERIFYING("核实研判中", false),
    HANDLING("办理中", false),
    REDISPATCHING("待重新派单", false),
    SIGNOFF("领导签批中", false),
    SURVEY("回访中", false),
    REINSPECTING("待复查", false),
    CLOSED("已办结", true),
    REJECTED("不予受理", true),
    MERGED("已合并", true),
    WITHDRAWN("已撤回", true),
    UNRESOLVABLE("无法解决，已结案", true),
    ANSWERED("当场答复", true);

    private final String label;
    private final boolean finished;

    CaseStatus(String label, boolean finished) {
        this.label = label;
        this.finished = finished;
    }

    public String label() {
        return label;
    }

    public boolean finished() {
        return finished;
    }
}
