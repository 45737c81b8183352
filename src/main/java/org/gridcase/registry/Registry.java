package org.gridcase.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other features may ask of the grid registry. */
@Service
@Transactional(readOnly = true)
public class Registry {

    private final Areas areas;
    private final Departments departments;
    private final People people;
    private final Buildings buildings;
    private final GridLocator locator;
    private final Residents residents;

    Registry(Areas areas, Departments departments, People people, Buildings buildings, GridLocator locator,
            Residents residents) {
        this.areas = areas;
        this.departments = departments;
        this.people = people;
        this.buildings = buildings;
        this.locator = locator;
        this.residents = residents;
    }

    /** An area as other features see it. */
    public record AreaRef(String code, String name, AreaLevel level, String parentCode) {
    }

    /** A staff member as other features see it. */
    public record StaffRef(String login, String name, String email) {
    }

    /**
     * A resident as other features see him: the grid he lives in and his special-population tags, no personal data
     * (name, phone and ID number stay with {@link ResidentDirectory}).
     */
    public record ResidentRef(long id, String gridCode, Set<SpecialPopulation> tags) {

        /** Whether he belongs to a special population the grid must look after (重点人群). */
        public boolean vulnerable() {
            return !tags.isEmpty();
        }
    }

    /** A department as other features see it. */
    public record DepartmentRef(String code, String name, String areaCode) {
    }

    /**
     * Where a staff member works, as the registry says (not as a group name claims): every grid in or under the
     * areas of his roles, his departments, and whether he stands at town level or above, where cases without a
     * grid (an address the map could not place) are handled. An administrator's covers everything.
     */
    public record Jurisdiction(boolean everything, Set<String> grids, Set<String> departments, boolean ungridded) {

        public static final Jurisdiction EVERYTHING = new Jurisdiction(true, Set.of(), Set.of(), true);
        public static final Jurisdiction NOTHING = new Jurisdiction(false, Set.of(), Set.of(), false);

        /** Whether a thing of this grid (null: no grid) is in the jurisdiction by its grid. */
        public boolean coversGrid(String gridCode) {
            return everything || (gridCode == null ? ungridded : grids.contains(gridCode));
        }

        /** Whether a thing of this grid and department is in the jurisdiction by either. */
        public boolean covers(String gridCode, String departmentCode) {
            return coversGrid(gridCode) || (departmentCode != null && departments.contains(departmentCode));
        }
    }

    /**
     * The jurisdiction of a person's roles among {@code roles} (all of them when empty): grid staff their grid,
     * community staff the community's grids, town staff the town's, department staff their department; the
     * administrator role everything. Nobody the registry does not know has any.
     */
    public Jurisdiction jurisdiction(String login, Collection<Role> roles) {
        Person person = login == null ? null : people.findByLogin(login).orElse(null);
        if (person == null) {
            return Jurisdiction.NOTHING;
        }
        Set<String> areaCodes = new TreeSet<>();
        Set<String> departmentCodes = new TreeSet<>();
        boolean ungridded = false;
        for (PersonRole role : person.getRoles()) {
            if (!roles.isEmpty() && !roles.contains(role.getRole())) {
                continue;
            }
            if (role.getRole() == Role.ADMIN) {
                return Jurisdiction.EVERYTHING;
            }
            if (role.getArea() != null) {
                areaCodes.add(role.getArea().getCode());
                ungridded |= role.getArea().getLevel().isAbove(AreaLevel.COMMUNITY);
            }
            if (role.getDepartment() != null) {
                departmentCodes.add(role.getDepartment().getCode());
            }
        }
        return new Jurisdiction(false, Set.copyOf(gridsUnder(areaCodes)), Set.copyOf(departmentCodes), ungridded);
    }

    /**
     * The same, for a caller with these Camunda groups: membership of the administrators' group counts as the
     * administrator role, wherever that role counts.
     */
    public Jurisdiction jurisdiction(String login, Set<String> groups, Collection<Role> roles) {
        if (groups.contains(GroupIds.ADMINS) && (roles.isEmpty() || roles.contains(Role.ADMIN))) {
            return Jurisdiction.EVERYTHING;
        }
        return jurisdiction(login, roles);
    }

    public Optional<LocatedArea> locate(double lat, double lng) {
        return locator.locate(lat, lng);
    }

    /**
     * The grid a case in this area belongs to: the area itself when it is a grid, its grid when it is a
     * micro-grid; empty above grid level (a point that only a community or town polygon contains).
     */
    public Optional<String> gridOf(String code) {
        return lineage(code).stream().filter(a -> a.level() == AreaLevel.GRID).map(AreaRef::code).findFirst();
    }

    /** The grid a point lies in (through its micro-grid when it lies in one), or empty outside every grid. */
    public Optional<String> gridAt(double lat, double lng) {
        return locate(lat, lng).flatMap(area -> gridOf(area.code()));
    }

    /** The codes of every grid in or under the given areas (a grid itself, a community's grids, a town's grids). */
    public java.util.Set<String> gridsUnder(java.util.Collection<String> areaCodes) {
        java.util.Set<String> grids = new java.util.TreeSet<>();
        if (areaCodes.isEmpty()) {
            return grids;
        }
        List<Area> level = areas.findByCodeIn(areaCodes);
        while (!level.isEmpty()) {
            level.stream().filter(a -> a.getLevel() == AreaLevel.GRID).forEach(a -> grids.add(a.getCode()));
            level = areas.findByParentIn(level).stream().filter(a -> a.getLevel() != AreaLevel.MICRO_GRID).toList();
        }
        return grids;
    }

    /**
     * The area (name, level, parent) from the in-memory index ({@link GridLocator}: rebuilt after an import on this
     * node, polled from the others), or from the database when the index does not know the code yet.
     */
    public Optional<AreaRef> area(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return locator.area(code).or(() -> areas.findByCode(code).map(Registry::ref));
    }

    /** The area and its ancestors, deepest first; from the in-memory index like {@link #area}. */
    public List<AreaRef> lineage(String code) {
        if (code == null) {
            return List.of();
        }
        List<AreaRef> known = locator.lineage(code);
        if (!known.isEmpty()) {
            return known;
        }
        List<AreaRef> result = new java.util.ArrayList<>();
        Area current = areas.findByCode(code).orElse(null);
        while (current != null) {
            result.add(ref(current));
            current = current.getParent();
        }
        return result;
    }

    public Optional<DepartmentRef> department(String code) {
        return departments.findByCode(code)
                .map(d -> new DepartmentRef(d.getCode(), d.getName(), d.getArea() == null ? null : d.getArea().getCode()));
    }

    /**
     * The names of the given areas by code, from the in-memory index and one query for any it lacks (a list of many
     * cases names its grids this way, not one query each); a code that is no area is left out.
     */
    public Map<String, String> areaNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        List<String> unindexed = new ArrayList<>();
        for (String code : codes) {
            locator.area(code).ifPresentOrElse(a -> names.put(code, a.name()), () -> unindexed.add(code));
        }
        if (!unindexed.isEmpty()) {
            areas.findNames(unindexed).forEach(a -> names.put(a.code(), a.name()));
        }
        return names;
    }

    /** The codes of every town. */
    public List<String> towns() {
        return areas.findByLevelOrderByCode(AreaLevel.TOWN).stream().map(Area::getCode).toList();
    }

    /** Every department, by code: what a form offers when a case is re-assigned. */
    public List<DepartmentRef> departments() {
        return departments.findAllByOrderByCode().stream()
                .map(d -> new DepartmentRef(d.getCode(), d.getName(), d.getArea() == null ? null : d.getArea().getCode()))
                .toList();
    }

    /** The people holding a role in an area (for example the grid leader of a grid). */
    public List<StaffRef> staff(String areaCode, Role role) {
        return areas.findByCode(areaCode)
                .map(a -> people.findByAreaAndRole(a, role).stream()
                        .map(p -> new StaffRef(p.getLogin(), p.getName(), p.getEmail())).toList())
                .orElse(List.of());
    }

    public Optional<StaffRef> person(String login) {
        return people.findByLogin(login).map(p -> new StaffRef(p.getLogin(), p.getName(), p.getEmail()));
    }

    /** The names of the given staff by login, in one query; a login that is nobody's is left out. */
    public Map<String, String> personNames(Collection<String> logins) {
        Map<String, String> names = new HashMap<>();
        if (!logins.isEmpty()) {
            people.findByLoginIn(logins).forEach(p -> names.put(p.getLogin(), p.getName()));
        }
        return names;
    }

    /** The residents with these ids that exist (unknown ids are left out). */
    public List<ResidentRef> residents(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return residents.findAllById(ids).stream()
                .map(r -> new ResidentRef(r.getId(), r.getBuilding().getGrid().getCode(), Set.copyOf(r.getTags())))
                .toList();
    }

    /** The grid a building stands in. */
    public Optional<String> gridOfBuilding(String buildingCode) {
        return buildings.findByCode(buildingCode).map(b -> b.getGrid().getCode());
    }

    /**
     * A grid's outline for a map drawn without tiles: its name, its community's name and its outer ring as
     * [lng, lat] pairs (simplified; empty when the grid has no boundary).
     */
    public record GridOutline(String code, String name, String communityName, List<double[]> ring) {
    }

    /** The grids under the given area (every grid when null), with their outlines, for public maps. */
    public List<GridOutline> gridOutlines(String underAreaCode) {
        Collection<String> codes = underAreaCode == null
                ? areas.findByLevelOrderByCode(AreaLevel.GRID).stream().map(Area::getCode).toList()
                : gridsUnder(List.of(underAreaCode));
        WKTReader wkt = new WKTReader();
        List<GridOutline> result = new ArrayList<>();
        for (Area grid : areas.findByCodeIn(codes)) {
            List<double[]> ring = new ArrayList<>();
            if (grid.getBoundaryWkt() != null) {
                try {
                    Geometry shape = TopologyPreservingSimplifier
                            .simplify(wkt.read(grid.getBoundaryWkt()), 0.00002);
                    Geometry outer = shape instanceof Polygon p
                            ? p.getExteriorRing() : shape.getGeometryN(0).getBoundary();
                    for (Coordinate c : outer.getCoordinates()) {
                        ring.add(new double[] {c.x, c.y});
                    }
                } catch (ParseException e) {
                    ring.clear();
                }
            }
            String community = grid.getParent() == null ? null : grid.getParent().getName();
            result.add(new GridOutline(grid.getCode(), grid.getName(), community, ring));
        }
        result.sort(Comparator.comparing(GridOutline::code));
        return result;
    }

    /** Whom residents reach in a grid: its grid workers by name with their work phone (public by their role). */
    public record GridContact(String name, String phone) {
    }

    public List<GridContact> gridContacts(String gridCode) {
        return areas.findByCode(gridCode)
                .map(a -> people.findByAreaAndRole(a, Role.GRID_WORKER).stream()
                        .map(p -> new GridContact(p.getName(), p.getPhone())).toList())
                .orElse(List.of());
    }

    private static AreaRef ref(Area a) {
        return new AreaRef(a.getCode(), a.getName(), a.getLevel(), a.getParent() == null ? null : a.getParent().getCode());
    }
}
