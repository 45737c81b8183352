package org.gridcase.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Point → deepest area, from an in-memory STR-tree of every area boundary.
 * <p>
 * The index is an immutable snapshot swapped atomically. It is rebuilt after an import commits on this node, and
 * every node polls the {@code registry_change} table so that an import on one node of a cluster reaches all.
 * A point on a shared border lies in both polygons; the deeper area wins, then the smaller code, so the answer is
 * deterministic.
 */
@Component
public class GridLocator {

    private static final Logger log = LoggerFactory.getLogger(GridLocator.class);
    static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private static final Comparator<Indexed> DEEPEST_FIRST = Comparator
            .comparing((Indexed i) -> i.level().ordinal()).reversed()
            .thenComparing(Indexed::code);

    private final Areas areas;
    private final RegistryChanges changes;
    private final TransactionTemplate readOnly;
    private final AtomicReference<RegistryChanges.Mark> builtFrom = new AtomicReference<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    GridLocator(Areas areas, RegistryChanges changes, TransactionTemplate transactionTemplate) {
        this.areas = areas;
        this.changes = changes;
        this.readOnly = new TransactionTemplate(transactionTemplate.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    public Optional<LocatedArea> locate(double lat, double lng) {
        Snapshot current = snapshot;
        Point point = GEOMETRY.createPoint(new Coordinate(lng, lat));
        @SuppressWarnings("unchecked")
        List<Indexed> candidates = current.tree.query(new Envelope(point.getCoordinate()));
        return candidates.stream()
                .filter(i -> i.shape().covers(point))
                .min(DEEPEST_FIRST)
                .map(i -> new LocatedArea(i.code(), i.name(), i.level(), current.pathOf(i.code())));
    }

    /** The codes from the root down to the given area, as the index last saw them. */
    public List<String> pathOf(String code) {
        return snapshot.pathOf(code);
    }

    /**
     * The area of this code as the index last saw it (its name, level and parent), or empty when the index does not
     * know it: an area created since the last rebuild (on another node, up to a poll ago) is looked up in the
     * database by the caller.
     */
    Optional<Registry.AreaRef> area(String code) {
        return Optional.ofNullable(snapshot.refs.get(code));
    }

    /** The area and its ancestors, deepest first, as the index last saw them; empty when it does not know it. */
    List<Registry.AreaRef> lineage(String code) {
        Snapshot current = snapshot;
        List<Registry.AreaRef> result = new ArrayList<>();
        Registry.AreaRef area = current.refs.get(code);
        while (area != null && result.size() <= AreaLevel.values().length) {
            result.add(area);
            area = area.parentCode() == null ? null : current.refs.get(area.parentCode());
        }
        return result;
    }

    public int size() {
        return snapshot.size;
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildAtStartup() {
        rebuild();
    }

    @TransactionalEventListener
    void afterImport(RegistryChanged event) {
        rebuild();
    }

    /** Picks up imports committed by other nodes of the cluster. */
    @Scheduled(fixedDelayString = "${gridcase.registry.index-poll-millis:5000}",
            initialDelayString = "${gridcase.registry.index-poll-millis:5000}")
    void pollForChanges() {
        if (!changes.mark().equals(builtFrom.get())) {
            rebuild();
        }
    }

    synchronized void rebuild() {
        long started = System.nanoTime();
        Snapshot next = readOnly.execute(tx -> {
            RegistryChanges.Mark mark = changes.mark();
            Snapshot built = build(areas.findOutlines(), areas.findParentLinks());
            builtFrom.set(mark);
            return built;
        });
        snapshot = next;
        log.info("Grid index rebuilt: {} areas with boundaries in {} ms", next.size,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static Snapshot build(List<Areas.Outline> outlines, List<Areas.ParentLink> links) {
        STRtree tree = new STRtree();
        WKTReader reader = new WKTReader(GEOMETRY);
        int size = 0;
        for (Areas.Outline outline : outlines) {
            try {
                Geometry geometry = reader.read(outline.wkt());
                PreparedGeometry prepared = PreparedGeometryFactory.prepare(geometry);
                tree.insert(geometry.getEnvelopeInternal(),
                        new Indexed(outline.code(), outline.name(), outline.level(), prepared));
                size++;
            } catch (ParseException e) {
                log.error("Area {} has an unreadable boundary and is left out of the grid index", outline.code());
            }
        }
        tree.build();
        Map<String, String> parents = new HashMap<>();
        Map<String, Registry.AreaRef> refs = new HashMap<>();
        for (Areas.ParentLink l : links) {
            parents.put(l.code(), l.parentCode());
            refs.put(l.code(), new Registry.AreaRef(l.code(), l.name(), l.level(), l.parentCode()));
        }
        return new Snapshot(tree, parents, Map.copyOf(refs), size);
    }

    private record Indexed(String code, String name, AreaLevel level, PreparedGeometry shape) {
    }

    private record Snapshot(STRtree tree, Map<String, String> parents, Map<String, Registry.AreaRef> refs, int size) {

        static final Snapshot EMPTY = new Snapshot(emptyTree(), Map.of(), Map.of(), 0);

        private static STRtree emptyTree() {
            STRtree tree = new STRtree();
            tree.build();
            return tree;
        }

        List<String> pathOf(String code) {
            List<String> path = new ArrayList<>();
            String current = code;
            while (current != null && path.size() < AreaLevel.values().length + 1) {
                path.add(current);
                current = parents.get(current);
            }
            Collections.reverse(path);
            return path;
        }
    }
}
