package org.gridcase.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Imports areas from a GeoJSON FeatureCollection: upsert by code, all or nothing. Every feature is checked before
 * anything is written; the first pass collects every fault so the caller can fix the file in one go.
 */
@Service
class AreaImport {

    private static final Logger log = LoggerFactory.getLogger(AreaImport.class);
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_REPORTED = 100;

    private final Areas areas;
    private final RegistryChanges changes;

    AreaImport(Areas areas, RegistryChanges changes) {
        this.areas = areas;
        this.changes = changes;
    }

    /** Counts of what an import did. */
    record Result(int created, int updated) {
    }

    private record Feature(int index, String code, String name, AreaLevel level, String parentCode, String wkt) {
    }

    @Transactional
    public Result importFeatureCollection(JsonNode root) {
        List<FieldProblem> errors = new ArrayList<>();
        List<Feature> features = parse(root, errors);
        Map<String, Feature> byCode = new LinkedHashMap<>();
        for (Feature f : features) {
            Feature previous = byCode.putIfAbsent(f.code(), f);
            if (previous != null) {
                errors.add(new FieldProblem(at(f.index(), "properties.code"),
                        "编码 " + f.code() + " 与第 " + previous.index() + " 个要素重复"));
            }
        }
        List<String> parentCodes = features.stream().map(Feature::parentCode)
                .filter(c -> c != null && !byCode.containsKey(c)).distinct().toList();
        Map<String, Area> existing = new HashMap<>();
        areas.findByCodeIn(byCode.keySet()).forEach(a -> existing.put(a.getCode(), a));
        areas.findByCodeIn(parentCodes).forEach(a -> existing.put(a.getCode(), a));
        for (Feature f : features) {
            if (f.parentCode() == null) {
                continue;
            }
            AreaLevel parentLevel = byCode.containsKey(f.parentCode()) ? byCode.get(f.parentCode()).level()
                    : existing.containsKey(f.parentCode()) ? existing.get(f.parentCode()).getLevel() : null;
            if (parentLevel == null) {
                errors.add(new FieldProblem(at(f.index(), "properties.parentCode"),
                        "上级区域 " + f.parentCode() + " 不存在（文件和系统中都没有）"));
            } else if (f.level() != null && !parentLevel.isAbove(f.level())) {
                errors.add(new FieldProblem(at(f.index(), "properties.level"),
                        "层级 " + f.level() + " 必须低于上级区域的层级 " + parentLevel));
            }
        }
        // an area the file re-levels keeps the children the file does not list: they must stay below it, else the
        // hierarchy breaks and can even loop (a town hung under its own community), which lineage walks forever
        List<Area> relisted = byCode.keySet().stream().map(existing::get).filter(Objects::nonNull).toList();
        for (Area child : relisted.isEmpty() ? List.<Area>of() : areas.findByParentIn(relisted)) {
            Feature parent = byCode.get(child.getParent().getCode());
            if (!byCode.containsKey(child.getCode()) && parent.level() != null
                    && !parent.level().isAbove(child.getLevel())) {
                errors.add(new FieldProblem(at(parent.index(), "properties.level"), "层级 " + parent.level()
                        + " 必须高于其现有下级区域 " + child.getCode() + " 的层级 " + child.getLevel()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("导入文件有 " + errors.size() + " 处错误，未写入任何数据",
                    errors.subList(0, Math.min(errors.size(), MAX_REPORTED)));
        }

        int created = 0;
        int updated = 0;
        // parents are always at a higher level than their children: writing by level writes parents first
        List<Feature> ordered = features.stream().sorted(Comparator.comparing(f -> f.level().ordinal())).toList();
        for (Feature f : ordered) {
            Area parent = f.parentCode() == null ? null : existing.get(f.parentCode());
            Area area = existing.get(f.code());
            if (area == null) {
                area = new Area(f.code(), f.name(), f.level());
                area.update(f.name(), f.level(), parent, f.wkt());
                areas.save(area);
                existing.put(f.code(), area);
                created++;
            } else {
                area.update(f.name(), f.level(), parent, f.wkt());
                updated++;
            }
        }
        areas.flush();
        changes.record("AREAS");
        log.info("Area import: {} created, {} updated", created, updated);
        return new Result(created, updated);
    }

    private List<Feature> parse(JsonNode root, List<FieldProblem> errors) {
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw InvalidInputException.of("type", "必须是 GeoJSON FeatureCollection");
        }
        JsonNode list = root.path("features");
        if (!list.isArray() || list.isEmpty()) {
            throw InvalidInputException.of("features", "必须是非空数组");
        }
        GeoJsonReader reader = new GeoJsonReader(GridLocator.GEOMETRY);
        WKTWriter writer = new WKTWriter();
        List<Feature> features = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            JsonNode props = node.path("properties");
            String code = text(props, "code");
            String name = text(props, "name");
            String levelText = text(props, "level");
            String parentCode = text(props, "parentCode");
            AreaLevel level = null;
            if (code == null || !CODE.matcher(code).matches()) {
                errors.add(new FieldProblem(at(i, "properties.code"), "必填，只能包含字母、数字、- 和 _，最长 64 位"));
            }
            if (name == null || name.length() > 128) {
                errors.add(new FieldProblem(at(i, "properties.name"), "必填，最长 128 字"));
            }
            try {
                level = levelText == null ? null : AreaLevel.valueOf(levelText);
            } catch (IllegalArgumentException e) {
                level = null;
            }
            if (level == null) {
                errors.add(new FieldProblem(at(i, "properties.level"), "必填，取值: " + List.of(AreaLevel.values())));
            }
            if (parentCode != null && parentCode.equals(code)) {
                errors.add(new FieldProblem(at(i, "properties.parentCode"), "不能是自身"));
            }
            String wkt = geometry(node.path("geometry"), i, reader, writer, errors);
            features.add(new Feature(i, code, name, level, parentCode, wkt));
        }
        return features;
    }

    private static String geometry(JsonNode node, int i, GeoJsonReader reader, WKTWriter writer,
            List<FieldProblem> errors) {
        String type = node.path("type").asText("");
        if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
            errors.add(new FieldProblem(at(i, "geometry"), "必须是 Polygon 或 MultiPolygon"));
            return null;
        }
        Geometry geometry;
        try {
            geometry = reader.read(node.toString());
        } catch (Exception e) {
            errors.add(new FieldProblem(at(i, "geometry"), "坐标无法解析"));
            return null;
        }
        if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon) || geometry.isEmpty()) {
            errors.add(new FieldProblem(at(i, "geometry"), "必须是非空的 Polygon 或 MultiPolygon"));
            return null;
        }
        for (Coordinate c : geometry.getCoordinates()) {
            if (c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
                errors.add(new FieldProblem(at(i, "geometry"), "坐标超出 WGS84 范围（[经度, 纬度]）: " + c.x + ", " + c.y));
                return null;
            }
        }
        TopologyValidationError fault = new IsValidOp(geometry).getValidationError();
        if (fault != null) {
            errors.add(new FieldProblem(at(i, "geometry"), "多边形无效: " + fault.getMessage()
                    + " @ " + fault.getCoordinate().x + ", " + fault.getCoordinate().y));
            return null;
        }
        return writer.write(geometry);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String at(int index, String field) {
        return "features[" + index + "]." + field;
    }

}
