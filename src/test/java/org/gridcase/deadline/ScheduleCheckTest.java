package org.gridcase.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.gridcase.support.InvalidInputException.FieldProblem;
import org.junit.jupiter.api.Test;

/** What a process owner may load as a year's holiday schedule. */
class ScheduleCheckTest {

    private static YearSchedule.HolidayRange off(String from, String to, String name) {
        return new YearSchedule.HolidayRange(from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to), name, null);
    }

    private static YearSchedule.MakeupWorkday work(String date, String name) {
        return new YearSchedule.MakeupWorkday(date == null ? null : LocalDate.parse(date), name, null);
    }

    private static List<String> fields(int year, YearSchedule schedule) {
        return ScheduleCheck.problems(year, schedule).stream().map(FieldProblem::field).toList();
    }

    @Test
    void wellFormedScheduleHasNoProblems() {
        YearSchedule schedule = new YearSchedule("国办发明电〔2026〕8号",
                List.of(off("2027-01-01", "2027-01-03", "元旦"), off("2027-02-06", "2027-02-14", "春节")),
                List.of(work("2027-02-20", "春节")));

        assertThat(ScheduleCheck.problems(2027, schedule)).isEmpty();
    }

    @Test
    void eachFaultIsNamedByItsJsonPath() {
        YearSchedule schedule = new YearSchedule(" ",
                Arrays.asList(off("2027-01-01", "2027-01-01", "元旦"), off("2027-05-05", "2027-05-01", "劳动节"),
                        off("2027-10-01", "2028-01-02", "国庆节"), off(null, "2027-06-01", ""), null),
                List.of(work("2027-03-03", "春节"), work("2027-01-01", "元旦"), work("2026-12-27", "元旦")));

        assertThat(fields(2027, schedule)).containsExactly("publishedBy", "holidays[1].to", "holidays[2].to",
                "holidays[3].from", "holidays[3].name", "holidays[4]", "makeupWorkdays[0].date",
                "makeupWorkdays[1].date", "makeupWorkdays[2].date");
    }

    @Test
    void overlappingRangesNameTheSecond() {
        YearSchedule schedule = new YearSchedule("通知",
                List.of(off("2027-02-06", "2027-02-14", "春节"), off("2027-02-14", "2027-02-15", "春节")), null);

        List<FieldProblem> problems = ScheduleCheck.problems(2027, schedule);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("holidays[1]");
            assertThat(p.message()).contains("2027-02-14").contains("holidays[0]");
        });
    }

    @Test
    void yearWithoutHolidaysOrOutsideTheSupportedRangeIsRefused() {
        assertThat(fields(2027, new YearSchedule("通知", List.of(), List.of()))).containsExactly("holidays");
        assertThat(fields(1999, new YearSchedule("通知", List.of(off("1999-01-01", "1999-01-01", "元旦")), null)))
                .containsExactly("year");
    }
}
