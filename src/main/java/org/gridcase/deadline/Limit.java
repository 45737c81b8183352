package org.gridcase.deadline;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time limit as process owners write it in the DMN tables: {@code "30 MINUTES"}, {@code "24 HOURS"},
 * {@code "3 DAYS"}, {@code "5 WORKING_DAYS"}. Minutes are the smallest unit, so a test server can rehearse a whole
 * escalation ladder in minutes by editing the table.
 */
public record Limit(long amount, LimitUnit unit) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,6})\\s+([A-Za-z_]+)\\s*");

    public Limit {
        if (amount < 0) {
            throw new IllegalArgumentException("A limit cannot be negative: " + amount);
        }
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not "amount UNIT"; a table with a typo fails the
     *         step that reads it, so the engine raises an incident instead of guessing a limit
     */
    public static Limit parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Not a limit (\"<amount> MINUTES|HOURS|DAYS|WORKING_DAYS\"): " + text);
        }
        try {
            return new Limit(Long.parseLong(m.group(1)), LimitUnit.valueOf(m.group(2).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown unit in limit \"" + text + "\"; use MINUTES, HOURS, DAYS or "
                    + "WORKING_DAYS", e);
        }
    }

    public static Limit workingDays(long days) {
        return new Limit(days, LimitUnit.WORKING_DAYS);
    }

    /** How staff read it: "5 个工作日", "30 分钟". */
    public String label() {
        return amount + " " + unit.label();
    }

    /** The form the tables and process variables use. */
    @Override
    public String toString() {
        return amount + " " + unit.name();
    }
}
