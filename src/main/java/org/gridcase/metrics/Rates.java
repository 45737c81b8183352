package org.gridcase.metrics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The figures of one period and area, as {@code GET /api/metrics/rates} answers them; see {@link RateDefinitions}.
 * A rate without cases to count is an explicit null (the application otherwise leaves nulls out).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Rates(long received, long responded, Double responseRate, long resolved, Double resolutionRate,
        long closed, Double closureRate, long onTime, Double onTimeRate, long reached, Number satisfied,
        Double satisfactionRate, long notReached, long reopened, long overdueNow, Double handlingDaysAverage,
        Double handlingDaysP90) {

    /** The CSV columns, in the JSON's order and with its names. */
    static final List<String> COLUMNS = List.of("received", "responded", "responseRate", "resolved",
            "resolutionRate", "closed", "closureRate", "onTime", "onTimeRate", "reached", "satisfied",
            "satisfactionRate", "notReached", "reopened", "overdueNow", "handlingDaysAverage", "handlingDaysP90");

    List<Object> values() {
        return List.of(received, responded, orEmpty(responseRate), resolved, orEmpty(resolutionRate), closed,
                orEmpty(closureRate), onTime, orEmpty(onTimeRate), reached, satisfied, orEmpty(satisfactionRate),
                notReached, reopened, overdueNow, orEmpty(handlingDaysAverage), orEmpty(handlingDaysP90));
    }

    private static Object orEmpty(Double rate) {
        return rate == null ? "" : rate;
    }
}
