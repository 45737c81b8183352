package org.gridcase.casefile;

/** Traffic light (亮灯): green in time, yellow past the yellow point, red overdue; none for a finished case. */
public enum Light {
    GREEN("绿灯"),
    YELLOW("黄灯"),
    RED("红灯"),
    NONE("无");

    private final String label;

    Light(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
