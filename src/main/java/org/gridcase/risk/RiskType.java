package org.gridcase.risk;

import java.util.Locale;
import java.util.Optional;

/**
 * What kind of hazard a report is about (风险隐患类型): the API's {@code type}, the case's category, an input of
 * {@code risk-grading.dmn} and {@code risk-routing.dmn}. Levels, limits and routes are in those tables.
 */
enum RiskType {
    FIRE("消防安全隐患"),
    GAS("燃气安全隐患"),
    BUILDING("房屋建筑安全隐患"),
    FLOOD_GEO("防汛及地质灾害隐患"),
    TRAFFIC("道路交通安全隐患"),
    PUBLIC_ORDER("社会治安隐患"),
    FOOD_DRUG("食品药品安全隐患"),
    STABILITY("社会稳定风险"),
    WELFARE("特殊人群帮扶风险");

    private final String label;

    RiskType(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Optional<RiskType> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
