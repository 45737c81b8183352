package org.gridcase.risk;

/**
 * The grade {@code risk-grading.dmn} gives a verified hazard (风险等级); {@code risk-report.bpmn} sends I and II
 * straight to the town's leaders (风险隐患信息直报).
 */
enum RiskLevel {
    I("Ⅰ级（重大）"),
    II("Ⅱ级（较大）"),
    III("Ⅲ级（一般）"),
    IV("Ⅳ级（轻微）");

    private final String label;

    RiskLevel(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
