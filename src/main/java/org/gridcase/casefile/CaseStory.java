package org.gridcase.casefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.Registry;
import org.springframework.stereotype.Service;

/**
 * The case's story as every task form shows it, read-only and from the case record, whatever the kind: what was
 * reported (channel, when, urgency, the place by name) and the timeline of the earlier steps (when, who by name,
 * what, the note). No reporter's personal data: forms that need it show it in their own fields.
 */
@Service
public class CaseStory {

    /** What a form field keeps (a textarea of the engine, no larger than its text columns are safe with). */
    public static final int MAX_LENGTH = 3800;

    private final Cases cases;
    private final Registry registry;

    CaseStory(Cases cases, Registry registry) {
        this.cases = cases;
        this.registry = registry;
    }

    public String of(CaseFile file) {
        List<String> lines = new ArrayList<>();
        lines.add("来源：" + file.getChannel().label() + "，" + CaseAlerts.time(file.getCreatedAt()) + " 受理，"
                + file.getUrgency().label());
        lines.add("地点：" + place(file));
        lines.add("");
        Map<String, String> names = new ConcurrentHashMap<>();
        List<CaseEvent> timeline = cases.timeline(file);
        for (CaseEvent e : timeline) {
            String who = e.getActor() == null ? "系统" : names.computeIfAbsent(e.getActor(),
                    login -> registry.person(login).map(Registry.StaffRef::name).orElse(login));
            lines.add(CaseAlerts.time(e.getAt()) + " " + e.getType().label() + "（" + who + "）"
                    + (e.getNote() == null || e.getNote().isBlank() ? "" : "：" + e.getNote().strip()));
        }
        String story = String.join("\n", lines);
        if (story.length() <= MAX_LENGTH) {
            return CaseVariables.engineText(story);
        }
        // the latest steps matter most: keep the head and the end of the timeline
        String head = String.join("\n", lines.subList(0, 3));
        String tail = story.substring(story.length() - (MAX_LENGTH - head.length() - 20));
        return CaseVariables.engineText(head + "\n……（较早的记录略）\n" + tail.substring(tail.indexOf('\n') + 1));
    }

    /**
     * The place by name: the address, the micro-grid the reported position lies in, and the grid with its
     * community and town.
     */
    private String place(CaseFile file) {
        String where = CaseVariables.place(file);
        if (file.getGridCode() == null) {
            return where;
        }
        List<String> areas = new ArrayList<>();
        if (file.getLat() != null && file.getLng() != null) {
            registry.locate(file.getLat(), file.getLng())
                    .filter(a -> a.level() == AreaLevel.MICRO_GRID)
                    .filter(a -> registry.gridOf(a.code()).filter(file.getGridCode()::equals).isPresent())
                    .ifPresent(a -> areas.add(a.name()));
        }
        registry.lineage(file.getGridCode()).stream().map(Registry.AreaRef::name).forEach(areas::add);
        return where + "（" + String.join("，", areas) + "）";
    }
}
