package org.gridcase.notice;

/** Where a notice stands. */
public enum NoticeState {
    /** Posted; the recipients are being chosen. */
    QUEUED("排队中"),
    /** Recipients chosen; their SMS are being queued in the outbox. */
    SENDING("发送中"),
    /** Every SMS queued; waiting for receipts until the confirm-by time. */
    AWAITING("待确认"),
    /** The confirm-by time has passed: grid workers check the households that have not confirmed. */
    FOLLOW_UP("核实中"),
    /** Every household confirmed or marked unreachable. */
    DONE("已完成");

    private final String label;

    NoticeState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
