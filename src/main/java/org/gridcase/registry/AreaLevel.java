package org.gridcase.registry;

/** The levels of the area hierarchy, from the root down. A child is always at a deeper level than its parent. */
public enum AreaLevel {
    CITY("市"),
    DISTRICT("区/县"),
    TOWN("镇/街道"),
    COMMUNITY("社区/村"),
    GRID("网格"),
    MICRO_GRID("微网格");

    private final String label;

    AreaLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isAbove(AreaLevel other) {
        return ordinal() < other.ordinal();
    }
}
