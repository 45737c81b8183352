package org.gridcase.registry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.gridcase.support.Csv;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports buildings ({@code code,address,grid,lat,lng,households}) and residents
 * ({@code idNumber,name,phone,building,room,tags}) from CSV: upsert, all or nothing, an error per bad cell.
 */
@Service
class HousingImport {

    private static final Logger log = LoggerFactory.getLogger(HousingImport.class);
    private static final Pattern ID_NUMBER = Pattern.compile("[0-9]{17}[0-9Xx]");

    private final Buildings buildings;
    private final Residents residents;
    private final Areas areas;
    private final GridLocator locator;

    HousingImport(Buildings buildings, Residents residents, Areas areas, GridLocator locator) {
        this.buildings = buildings;
        this.residents = residents;
        this.areas = areas;
        this.locator = locator;
    }

    record Result(int created, int updated) {
    }

    @Transactional
    public Result importBuildings(String csv, Predicate<String> gridAllowed) {
        List<Csv.Row> rows = Csv.read(csv, List.of("code", "address"));
        List<FieldProblem> errors = new ArrayList<>();
        Map<String, Area> grids = new HashMap<>();
        Set<String> seen = new HashSet<>();
        record Draft(String code, String address, Area grid, Double lat, Double lng, Integer households) {
        }
        List<Draft> drafts = new ArrayList<>();
        for (Csv.Row row : rows) {
            int before = errors.size();
            String code = row.get("code");
            String address = row.get("address");
            if (code == null || code.length() > Building.CODE_LENGTH || !AreaImport.CODE.matcher(code).matches()) {
                errors.add(StaffImport.problem(row, "code", "必填，只能包含字母、数字、- 和 _"));
            } else if (!seen.add(code)) {
                errors.add(StaffImport.problem(row, "code", "编码重复"));
            }
            if (address == null || address.length() > Building.ADDRESS_LENGTH) {
                errors.add(StaffImport.problem(row, "address", "必填，最长 " + Building.ADDRESS_LENGTH + " 字"));
            }
            Double lat = number(row, "lat", -90, 90, errors);
            Double lng = number(row, "lng", -180, 180, errors);
            Double households = number(row, "households", 0, 100_000, errors);
            String gridCode = row.get("grid");
            if (gridCode == null && lat != null && lng != null) {
                gridCode = locator.locate(lat, lng).map(LocatedArea::code).orElse(null);
            }
            Area grid = gridCode == null ? null : grids.computeIfAbsent(gridCode, c -> areas.findByCode(c).orElse(null));
            if (grid == null) {
                errors.add(StaffImport.problem(row, "grid", gridCode == null
                        ? "必填（或给出位于某网格内的经纬度）" : "网格 " + gridCode + " 不存在"));
            } else if (!gridAllowed.test(grid.getCode())) {
                errors.add(StaffImport.problem(row, "grid", "网格 " + gridCode + " 不在您的辖区内"));
                grid = null;
            }
            Building existing = code == null ? null : buildings.findByCode(code).orElse(null);
            if (existing != null && !gridAllowed.test(existing.getGrid().getCode())) {
                errors.add(StaffImport.problem(row, "code", "楼栋 " + code + " 登记在您辖区以外的网格"));
            }
            if (errors.size() == before) {
                drafts.add(new Draft(code, address, grid, lat, lng,
                        households == null ? null : households.intValue()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("楼栋 CSV 有 " + errors.size() + " 处错误，未写入任何数据", errors);
        }
        int created = 0;
        for (Draft d : drafts) {
            Building building = buildings.findByCode(d.code()).orElse(null);
            if (building == null) {
                buildings.save(new Building(d.code(), d.address(), d.grid(), d.lat(), d.lng(), d.households()));
                created++;
            } else {
                building.relocate(d.address(), d.grid(), d.lat(), d.lng(), d.households());
            }
        }
        log.info("Building import: {} rows ({} new)", drafts.size(), created);
        return new Result(created, drafts.size() - created);
    }

    @Transactional
    public Result importResidents(String csv, Predicate<String> gridAllowed) {
        List<Csv.Row> rows = Csv.read(csv, List.of("idNumber", "name", "building"));
        List<FieldProblem> errors = new ArrayList<>();
        Map<String, Building> buildingCache = new HashMap<>();
        Set<String> seen = new HashSet<>();
        record Draft(String idNumber, String name, String phone, Building building, String room,
                Set<SpecialPopulation> tags) {
        }
        List<Draft> drafts = new ArrayList<>();
        for (Csv.Row row : rows) {
            int before = errors.size();
            String idNumber = Csv.upper(row.get("idNumber"));
            String name = row.get("name");
            String phone = row.get("phone");
            String buildingCode = row.get("building");
            if (idNumber == null || !ID_NUMBER.matcher(idNumber).matches()) {
                errors.add(StaffImport.problem(row, "idNumber", "必填，18 位公民身份号码"));
            } else if (!seen.add(idNumber)) {
                errors.add(StaffImport.problem(row, "idNumber", "身份号码重复"));
            }
            if (name == null || name.length() > Resident.NAME_LENGTH) {
                errors.add(StaffImport.problem(row, "name", "必填，最长 " + Resident.NAME_LENGTH + " 字"));
            }
            if (phone != null && (phone.length() > Resident.PHONE_LENGTH
                    || !StaffImport.PHONE.matcher(phone).matches())) {
                errors.add(StaffImport.problem(row, "phone", "电话格式不正确"));
            }
            String room = row.get("room");
            if (room != null && room.length() > Resident.ROOM_LENGTH) {
                errors.add(StaffImport.problem(row, "room", "最长 " + Resident.ROOM_LENGTH + " 字"));
            }
            Building building = buildingCode == null ? null
                    : buildingCache.computeIfAbsent(buildingCode, c -> buildings.findByCode(c).orElse(null));
            if (building == null) {
                errors.add(StaffImport.problem(row, "building",
                        buildingCode == null ? "必填" : "楼栋 " + buildingCode + " 不存在"));
            } else if (!gridAllowed.test(building.getGrid().getCode())) {
                errors.add(StaffImport.problem(row, "building", "楼栋 " + buildingCode + " 不在您的辖区内"));
            }
            Set<SpecialPopulation> tags = EnumSet.noneOf(SpecialPopulation.class);
            String tagText = row.get("tags");
            if (tagText != null) {
                for (String t : tagText.split("[;|；]")) {
                    if (t.isBlank()) {
                        continue;
                    }
                    try {
                        tags.add(SpecialPopulation.valueOf(t.strip().toUpperCase()));
                    } catch (IllegalArgumentException e) {
                        errors.add(StaffImport.problem(row, "tags", "未知标签 " + t.strip() + "，取值: "
                                + List.of(SpecialPopulation.values())));
                    }
                }
            }
            if (errors.size() == before) {
                drafts.add(new Draft(idNumber, name, phone, building, room, tags));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("居民 CSV 有 " + errors.size() + " 处错误，未写入任何数据", errors);
        }
        Map<String, Resident> existing = new HashMap<>();
        residents.findByIdNumberIn(seen).forEach(r -> existing.put(r.getIdNumber(), r));
        // a resident registered in another grid is that grid's to change: neither moved nor overwritten from here
        List<FieldProblem> elsewhere = new ArrayList<>();
        for (Csv.Row row : rows) {
            Resident known = existing.get(Csv.upper(row.get("idNumber")));
            if (known != null && !gridAllowed.test(known.getBuilding().getGrid().getCode())) {
                elsewhere.add(StaffImport.problem(row, "idNumber", "该居民登记在您辖区以外的网格"));
            }
        }
        if (!elsewhere.isEmpty()) {
            throw new InvalidInputException("居民 CSV 有 " + elsewhere.size() + " 处错误，未写入任何数据", elsewhere);
        }
        int created = 0;
        for (Draft d : drafts) {
            Resident resident = existing.get(d.idNumber());
            if (resident == null) {
                resident = new Resident(d.idNumber());
                created++;
            }
            resident.update(d.name(), d.phone(), d.building(), d.room(), d.tags());
            residents.save(resident);
        }
        log.info("Resident import: {} rows ({} new)", drafts.size(), created);
        return new Result(created, drafts.size() - created);
    }

    private static Double number(Csv.Row row, String column, double min, double max, List<FieldProblem> errors) {
        String text = row.get(column);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (!(value >= min && value <= max)) { // NaN is out of range too
                errors.add(StaffImport.problem(row, column, "应在 " + min + " 到 " + max + " 之间"));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(StaffImport.problem(row, column, "不是数字"));
            return null;
        }
    }
}
