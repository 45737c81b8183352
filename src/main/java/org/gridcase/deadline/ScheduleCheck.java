package org.gridcase.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridcase.support.InvalidInputException.FieldProblem;

/**
 * Checks a year's schedule before it replaces the stored one, naming each fault by its JSON path
 * ({@code holidays[2].to}, {@code makeupWorkdays[0].date}) so a process owner can find it.
 */
final class ScheduleCheck {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    static final int MAX_NAME = 64;
    static final int MAX_NOTE = 255;
    static final int MAX_PUBLISHED_BY = 128;

    private ScheduleCheck() {
    }

    static List<FieldProblem> problems(int year, YearSchedule schedule) {
        List<FieldProblem> problems = new ArrayList<>();
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            problems.add(new FieldProblem("year", "年份应在 " + FIRST_YEAR + " 到 " + LAST_YEAR + " 之间"));
            return problems;
        }
        if (schedule == null) {
            problems.add(new FieldProblem("body", "必填"));
            return problems;
        }
        text(problems, "publishedBy", schedule.publishedBy(), MAX_PUBLISHED_BY, true);

        // date -> where it was first listed, to name both ends of an overlap
        Map<LocalDate, String> listed = new HashMap<>();
        List<YearSchedule.HolidayRange> holidays = schedule.holidays();
        if (holidays == null || holidays.isEmpty()) {
            problems.add(new FieldProblem("holidays", "至少填写一段放假安排"));
        } else {
            for (int i = 0; i < holidays.size(); i++) {
                String at = "holidays[" + i + "]";
                YearSchedule.HolidayRange range = holidays.get(i);
                if (range == null) {
                    problems.add(new FieldProblem(at, "不能为空"));
                    continue;
                }
                boolean fromOk = date(problems, at + ".from", range.from(), year);
                boolean toOk = date(problems, at + ".to", range.to(), year);
                text(problems, at + ".name", range.name(), MAX_NAME, true);
                text(problems, at + ".note", range.note(), MAX_NOTE, false);
                if (!fromOk || !toOk) {
                    continue;
                }
                if (range.to().isBefore(range.from())) {
                    problems.add(new FieldProblem(at + ".to", "结束日期不能早于开始日期 " + range.from()));
                    continue;
                }
                for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
                    String first = listed.putIfAbsent(d, at);
                    if (first != null) {
                        problems.add(new FieldProblem(at, d + " 已在 " + first + " 中列出"));
                        break;
                    }
                }
            }
        }
        List<YearSchedule.MakeupWorkday> makeups = schedule.makeupWorkdays();
        if (makeups != null) {
            for (int i = 0; i < makeups.size(); i++) {
                String at = "makeupWorkdays[" + i + "]";
                YearSchedule.MakeupWorkday makeup = makeups.get(i);
                if (makeup == null) {
                    problems.add(new FieldProblem(at, "不能为空"));
                    continue;
                }
                boolean dateOk = date(problems, at + ".date", makeup.date(), year);
                text(problems, at + ".name", makeup.name(), MAX_NAME, true);
                text(problems, at + ".note", makeup.note(), MAX_NOTE, false);
                if (!dateOk) {
                    continue;
                }
                DayOfWeek dow = makeup.date().getDayOfWeek();
                if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                    problems.add(new FieldProblem(at + ".date", makeup.date() + " 不是周六或周日，无需调休上班"));
                    continue;
                }
                String first = listed.putIfAbsent(makeup.date(), at);
                if (first != null) {
                    problems.add(new FieldProblem(at + ".date", makeup.date() + " 已在 " + first + " 中列出"));
                }
            }
        }
        return problems;
    }

    private static boolean date(List<FieldProblem> problems, String field, LocalDate date, int year) {
        if (date == null) {
            problems.add(new FieldProblem(field, "必填，格式 yyyy-MM-dd"));
            return false;
        }
        if (date.getYear() != year) {
            problems.add(new FieldProblem(field, date + " 不在 " + year + " 年内"));
            return false;
        }
        return true;
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "必填"));
            }
        } else if (value.strip().length() > max) {
            problems.add(new FieldProblem(field, "不能超过 " + max + " 个字符"));
        }
    }
}
