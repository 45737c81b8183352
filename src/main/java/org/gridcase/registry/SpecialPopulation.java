package org.gridcase.registry;

/** Special-population tags (重点人群): residents the grid must visit regularly. */
public enum SpecialPopulation {
    ELDERLY_ALONE("独居老人"),
    LEFT_BEHIND_CHILD("留守儿童"),
    DISABLED("残疾人"),
    SERIOUSLY_ILL("重病患者"),
    LOW_INCOME("低保户"),
    VETERAN("退役军人"),
    COMMUNITY_CORRECTION("社区矫正人员"),
    MENTAL_DISORDER("严重精神障碍患者");

    private final String label;

    SpecialPopulation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
