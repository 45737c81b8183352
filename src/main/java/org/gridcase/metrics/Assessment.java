package org.gridcase.metrics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The month's assessment (考核): one row per staff member who completed handling steps and, when a department is
 * asked for, one row for the department first. Counted over the cases whose <em>last</em> handling step (办理完成, the
 * timeline's HANDLED event) was completed in the month (Asia/Shanghai), attributed to that event's actor:
 * <ul>
 * <li><b>handled</b>: those cases.</li>
 * <li><b>onTime</b>: of them, handled by the handling deadline on the record (a reopen sets a new one); a case
 * without a deadline is on time. <b>onTimeRate</b> = onTime / handled.</li>
 * <li><b>reached</b> and <b>satisfied</b>: as in the rates ({@link RateDefinitions}), by the last survey; basically
 * satisfied weighs {@code gridcase.metrics.basically-satisfied-weight}. <b>satisfactionRate</b> = satisfied /
 * reached.</li>
 * <li><b>reopened</b>: of them, sent back for another round at least once. <b>reopenRate</b> = reopened /
 * handled.</li>
 * <li><b>wrongfulReturns</b>: returns (退单, RETURNED lines) made in the month by the staff member (for the
 * department: made for the department) that the dispatcher judged wrongful: the first re-dispatch (REDISPATCHED)
 * after the return sent the case back to the group that returned it. A return not yet re-dispatched, or re-dispatched
 * elsewhere, is not wrongful; lines from before V20 name no group and are never counted.</li>
 * <li><b>supervisionOrders</b>: of the handled cases, those under supervision (督办, the record's supervised
 * mark).</li>
 * <li><b>score</b> = max(0, 100 × (w<sub>t</sub> × onTimeRate + w<sub>s</sub> × satisfactionRate + w<sub>r</sub> ×
 * (1 − reopenRate)) / (sum of the w whose rate is not null) − p<sub>ret</sub> × wrongfulReturns − p<sub>sup</sub> ×
 * supervisionOrders), rounded to 0.01; null when no rate is defined (nothing handled). The weights w and penalties p
 * come from {@code processes/assessment-weights.dmn}.</li>
 * </ul>
 */
public record Assessment(String month, Weights weights, List<Row> rows) {

    /** The names of a row's figures, the CSV's header. */
    public static final List<String> COLUMNS = List.of("unit", "code", "name", "handled", "onTime", "onTimeRate",
            "reached", "satisfied", "satisfactionRate", "reopened", "reopenRate", "wrongfulReturns",
            "supervisionOrders", "score");

    /** A row's kind: a staff member or a department. */
    public enum Unit {
        WORKER, DEPARTMENT
    }

    public record Weights(double onTimeWeight, double satisfactionWeight, double reopenWeight, double returnPenalty,
            double supervisionPenalty) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(Unit unit, String code, String name, long handled, long onTime, Double onTimeRate, long reached,
            double satisfied, Double satisfactionRate, long reopened, Double reopenRate, long wrongfulReturns,
            long supervisionOrders, Double score) {

        List<Object> values() {
            return java.util.Arrays.asList(unit, code, name, handled, onTime, onTimeRate, reached, satisfied,
                    satisfactionRate, reopened, reopenRate, wrongfulReturns, supervisionOrders, score);
        }
    }

    /** The score of the rates and counts under the weights, as the class comment defines it. */
    static Double score(Weights w, Double onTimeRate, Double satisfactionRate, Double reopenRate, long returns,
            long supervision) {
        double sum = 0;
        double weights = 0;
        if (onTimeRate != null) {
            sum += w.onTimeWeight() * onTimeRate;
            weights += w.onTimeWeight();
        }
        if (satisfactionRate != null) {
            sum += w.satisfactionWeight() * satisfactionRate;
            weights += w.satisfactionWeight();
        }
        if (reopenRate != null) {
            sum += w.reopenWeight() * (1 - reopenRate);
            weights += w.reopenWeight();
        }
        if (weights == 0) {
            return null;
        }
        double score = 100 * sum / weights - w.returnPenalty() * returns - w.supervisionPenalty() * supervision;
        return Math.round(Math.max(0, score) * 100) / 100.0;
    }
}
