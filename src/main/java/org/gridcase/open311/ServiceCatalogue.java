package org.gridcase.open311;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridcase.request.Categories;
import org.springframework.stereotype.Component;

/**
 * The GeoReport services: one per request category ({@link Categories}: codes and names), with the group, keywords
 * and description residents' apps show, a notice for the few categories where what to do now matters more than the
 * report (a gas leak), and the extra questions ({@link Attribute}) of the categories that need them. Every service
 * is {@code realtime}: the case is created in the POST and its tracking number answered at once.
 */
@Component
class ServiceCatalogue {

    static final String TYPE = "realtime";

    enum Datatype {
        STRING, NUMBER, DATETIME, TEXT, SINGLEVALUELIST, MULTIVALUELIST;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean list() {
            return this == SINGLEVALUELIST || this == MULTIVALUELIST;
        }
    }

    /** A list value: {@code key} is what a client sends, {@code name} what a person reads. */
    record Value(String key, String name) {
    }

    /**
     * An extra question. {@code variable} false: information for the user only, never sent. {@code maxLength} for
     * string and text, {@code min}/{@code max} for number.
     */
    record Attribute(String code, Datatype datatype, boolean variable, boolean required, String description,
            String datatypeDescription, int order, List<Value> values, int maxLength, double min, double max) {

        Optional<Value> value(String key) {
            return values.stream().filter(v -> v.key().equals(key)).findFirst();
        }
    }

    record Service(String code, String name, String description, String group, String keywords, String notice,
            List<Attribute> attributes) {

        boolean metadata() {
            return !attributes.isEmpty();
        }
    }

    private final Map<String, Service> services = new LinkedHashMap<>();

    ServiceCatalogue() {
        String[][] rows = {
            // code, keywords, description (the group is the residents' one: Categories.group)
            {"SANITATION", "垃圾,脏乱,卫生", "垃圾未清运、路面脏乱等环境卫生问题"},
            {"STREET_STALL", "摆摊,占道,流动摊贩", "占用道路、人行道经营"},
            {"ILLEGAL_BUILDING", "违建,私搭乱建", "未经批准的建筑、搭建"},
            {"STREET_LIGHT", "路灯,照明", "路灯不亮、闪烁或白天常亮"},
            {"PUBLIC_FACILITY", "设施,井盖,护栏,座椅", "井盖、护栏、健身器材等公共设施损坏"},
            {"GREENING", "绿化,树木,草坪", "树木倒伏、绿地被毁等园林绿化问题"},
            {"POLLUTION", "污染,油烟,污水,废气", "油烟、污水、废气等环境污染"},
            {"ROAD_DAMAGE", "坑洼,路面,破损", "道路坑洼、塌陷、破损"},
            {"TRAFFIC", "停车,交通,拥堵", "乱停车、交通秩序问题"},
            {"WATER_SUPPLY", "停水,水压,水质", "停水、水压低、水质问题"},
            {"DRAINAGE", "下水道,堵塞,积水", "下水道堵塞、路面积水"},
            {"POWER_SUPPLY", "停电,电力", "停电、电压不稳"},
            {"HEATING", "暖气,供暖", "暖气不热、供暖中断"},
            {"GAS", "燃气,煤气", "燃气供应、燃气设施问题（泄漏请选“燃气泄漏”）"},
            {"GAS_LEAK", "燃气泄漏,煤气味", "闻到燃气味、燃气泄漏"},
            {"PROPERTY_MGMT", "物业,小区,电梯", "物业服务、小区管理问题"},
            {"NOISE", "噪音,扰民,施工", "施工、商铺、住户等噪音扰民"},
            {"PUBLIC_ORDER", "治安,安全", "社会治安问题"},
            {"NEIGHBOUR", "邻里,纠纷", "邻里之间的矛盾纠纷"},
            {"FOOD_SAFETY", "食品,餐饮,过期", "食品安全问题"},
            {"CONSUMER", "消费,价格,退款", "消费纠纷、价格问题"},
            {"WAGES_OWED", "欠薪,工资", "拖欠工资"},
            {"SOCIAL_ASSISTANCE", "救助,困难", "生活困难、需要救助"},
            {"ELDERLY_CARE", "养老,老人", "养老服务"},
            {"HEALTH_SERVICE", "医疗,卫生,诊所", "医疗卫生服务"},
            {"SCHOOL", "学校,教育,幼儿园", "学校、幼儿园等教育问题"},
            {"SAFETY_HAZARD", "隐患,危险", "房屋、设施等安全隐患"},
            {"FIRE_RISK", "消防,通道,火灾", "消防通道堵塞等消防隐患（着火请拨打 119）"},
            {"CONSULTATION", "咨询,政策", "政策咨询"},
            {"SUGGESTION", "建议,意见", "意见建议"},
            {"OTHER", "其他", "以上都不是的其他问题"}};
        Map<String, String> names = Categories.all();
        for (String[] row : rows) {
            String name = Categories.name(row[0]).orElseThrow(
                    () -> new IllegalStateException("Open311 service " + row[0] + " is no request category"));
            services.put(row[0], new Service(row[0], name, row[2], Categories.group(row[0]), row[1], notice(row[0]),
                    attributes(row[0])));
        }
        if (!services.keySet().containsAll(names.keySet())) {
            throw new IllegalStateException("Open311 services miss request categories: " + names.keySet());
        }
    }

    List<Service> all() {
        return List.copyOf(services.values());
    }

    Optional<Service> service(String code) {
        return Optional.ofNullable(code == null ? null : services.get(code));
    }

    private static String notice(String code) {
        return switch (code) {
            case "GAS_LEAK" -> "请立即开窗通风、不要开关电器和使用明火，人员撤离后拨打燃气抢修电话或 119；本平台同时派单处置。";
            case "FIRE_RISK" -> "如已起火请立即拨打 119。";
            default -> null;
        };
    }

    private static List<Attribute> attributes(String code) {
        return switch (code) {
            case "NOISE" -> List.of(
                    new Attribute("noise_time", Datatype.SINGLEVALUELIST, true, true, "噪音主要出现在什么时段？", null, 1,
                            List.of(new Value("DAY", "白天（6 时至 22 时）"), new Value("NIGHT", "夜间（22 时至次日 6 时）"),
                                    new Value("ALL_DAY", "全天")), 0, 0, 0),
                    new Attribute("noise_source", Datatype.MULTIVALUELIST, true, false, "噪音来自哪里？（可多选）", null, 2,
                            List.of(new Value("CONSTRUCTION", "建筑施工"), new Value("BUSINESS", "商铺经营"),
                                    new Value("RESIDENT", "住户"), new Value("TRAFFIC", "交通"),
                                    new Value("OTHER", "其他")), 0, 0, 0),
                    new Attribute("noise_since", Datatype.DATETIME, true, false, "从什么时候开始？",
                            "日期时间，例如 2026-12-01T22:30:00+08:00", 3, List.of(), 0, 0, 0));
            case "ROAD_DAMAGE" -> List.of(
                    new Attribute("road_name", Datatype.STRING, true, true, "哪条路、哪一段？", "最长 100 字", 1, List.of(),
                            100, 0, 0),
                    new Attribute("damage_size", Datatype.NUMBER, true, false, "破损处大约多大（米，最长边）？",
                            "数字，0.1 到 1000", 2, List.of(), 0, 0.1, 1000));
            case "STREET_LIGHT" -> List.of(
                    new Attribute("pole_number", Datatype.STRING, true, false, "灯杆上的编号（如有）", "最长 32 字", 1,
                            List.of(), 32, 0, 0),
                    new Attribute("lights_out", Datatype.NUMBER, true, false, "不亮的路灯有几盏？", "数字，1 到 100", 2,
                            List.of(), 0, 1, 100));
            case "WATER_SUPPLY" -> List.of(
                    new Attribute("water_detail", Datatype.TEXT, true, false, "停水或水质情况（影响范围、持续多久）",
                            "最长 500 字", 1, List.of(), 500, 0, 0));
            case "GAS_LEAK" -> List.of(
                    new Attribute("gas_safety", Datatype.STRING, false, false,
                            "闻到燃气味时：立即开窗、不要开关电器、不要使用明火，撤离后再报告。", null, 1, List.of(), 0, 0, 0));
            default -> List.of();
        };
    }
}
