package org.gridcase.casefile;

/** Where a case came from. */
public enum Channel {
    HOTLINE("8890/12345 热线"),
    APP("随手拍"),
    QR_CODE("网格二维码"),
    WALK_IN("来访"),
    GRID_WORKER("网格员上报"),
    OPEN311("Open311 接口");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
