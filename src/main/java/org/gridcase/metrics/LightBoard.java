package org.gridcase.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The light board (亮灯): the open cases of a scope by light, with the cases themselves sorted by lateness.
 *
 * @param counts     the open cases with a handling deadline by light: GREEN, YELLOW, RED
 * @param supervised how many of them are supervised (督办)
 * @param cases      at most {@link #LIMIT} of them, most overdue first, then the nearest deadline
 * @param truncated  whether there were more than {@link #LIMIT}
 */
public record LightBoard(Map<String, Long> counts, long supervised, List<BoardCase> cases, boolean truncated) {

    public static final int LIMIT = 500;

    /**
     * One open case. {@code handlerGroup} is the group accountable now, {@code handlerName} its grid's or
     * department's name, {@code escalationLevel} the rung of the ladder reached (0: not escalated);
     * {@code overdueMinutes} is 0 until the handling deadline passes.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BoardCase(String trackingNumber, String kind, String categoryName, String gridCode, String gridName,
            String departmentName, String light, Instant handlingDueAt, long overdueMinutes, boolean supervised,
            String handlerGroup, String handlerName, int escalationLevel) {
    }
}
