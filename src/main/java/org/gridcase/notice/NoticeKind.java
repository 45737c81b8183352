package org.gridcase.notice;

/** What a notice is about; the label is what residents and staff read. */
public enum NoticeKind {
    WEATHER_WARNING("天气预警"),
    SAFETY("安全提示"),
    POLICY("政策宣传"),
    OTHER("其他");

    private final String label;

    NoticeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
