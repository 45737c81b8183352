package org.gridcase.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request categories of the catalogue (派单目录): stable codes (the API's {@code category}, DMN inputs, Open311
 * service codes) and the names staff and residents read. Routes and limits are in the DMN tables.
 */
public final class Categories {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        String[][] rows = {
            {"SANITATION", "环境卫生"}, {"STREET_STALL", "占道经营"}, {"ILLEGAL_BUILDING", "违章建筑"},
            {"STREET_LIGHT", "路灯不亮"}, {"PUBLIC_FACILITY", "公共设施损坏"}, {"GREENING", "园林绿化"},
            {"ROAD_DAMAGE", "道路破损"}, {"PROPERTY_MGMT", "物业管理"}, {"WATER_SUPPLY", "供水"},
            {"DRAINAGE", "排水"}, {"POWER_SUPPLY", "供电"}, {"HEATING", "供暖"}, {"GAS", "燃气"},
            {"GAS_LEAK", "燃气泄漏"}, {"NOISE", "噪音扰民"}, {"POLLUTION", "环境污染"}, {"PUBLIC_ORDER", "社会治安"},
            {"TRAFFIC", "交通秩序、乱停车"}, {"FOOD_SAFETY", "食品安全"}, {"CONSUMER", "消费纠纷"},
            {"NEIGHBOUR", "邻里纠纷"}, {"WAGES_OWED", "拖欠工资"}, {"SOCIAL_ASSISTANCE", "困难救助"},
            {"ELDERLY_CARE", "养老服务"}, {"HEALTH_SERVICE", "医疗卫生"}, {"SCHOOL", "教育"},
            {"SAFETY_HAZARD", "安全隐患"}, {"FIRE_RISK", "消防隐患"}, {"CONSULTATION", "政策咨询"},
            {"SUGGESTION", "意见建议"}, {"OTHER", "其他"}};
        for (String[] row : rows) {
            NAMES.put(row[0], row[1]);
        }
    }

    /** The groups residents pick from (the report page, Open311's {@code group}), in the order they are shown. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        String[][] groups = {
            {"市容环境", "SANITATION STREET_STALL ILLEGAL_BUILDING STREET_LIGHT PUBLIC_FACILITY GREENING POLLUTION"},
            {"道路交通", "ROAD_DAMAGE TRAFFIC"},
            {"水电气暖", "WATER_SUPPLY DRAINAGE POWER_SUPPLY HEATING GAS GAS_LEAK"},
            {"住房物业", "PROPERTY_MGMT"},
            {"社会治安", "NOISE PUBLIC_ORDER NEIGHBOUR"},
            {"市场消费", "FOOD_SAFETY CONSUMER"},
            {"民生服务", "WAGES_OWED SOCIAL_ASSISTANCE ELDERLY_CARE HEALTH_SERVICE SCHOOL"},
            {"安全隐患", "SAFETY_HAZARD FIRE_RISK"},
            {"咨询建议", "CONSULTATION SUGGESTION OTHER"}};
        for (String[] group : groups) {
            for (String code : group[1].split(" ")) {
                GROUPS.put(code, group[0]);
            }
        }
    }

    private Categories() {
    }

    /** The category's group for residents (市容环境, 水电气暖, …); 其他 for a category no group lists. */
    public static String group(String code) {
        return GROUPS.getOrDefault(code, "其他");
    }

    /** Every category code in the order of the catalogue. */
    public static List<String> codes() {
        return List.copyOf(NAMES.keySet());
    }

    public static Optional<String> name(String code) {
        return Optional.ofNullable(NAMES.get(code));
    }

    public static Map<String, String> all() {
        return Map.copyOf(NAMES);
    }
}
