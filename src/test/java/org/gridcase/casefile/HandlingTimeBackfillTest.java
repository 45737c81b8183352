package org.gridcase.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.gridcase.GridCaseTest;
import org.gridcase.support.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case finishing keeps its handling time in working days; a case finished before V20 gets it from the one-time
 * backfill, which then clears its marker.
 */
class HandlingTimeBackfillTest extends GridCaseTest {

    @Autowired
    Cases cases;
    @Autowired
    CaseKinds kinds;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HandlingTimeBackfill backfill;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aFinishedCaseKeepsItsWorkingDaysAndTheBackfillGivesThemToOlderCases() {
        // registered Friday 2034-03-03 17:00 (2034 has no schedule: Monday to Friday), closed Monday 09:00: 7 + 9 h
        clock("2034-03-03T17:00");
        String tn = tx.execute(s -> cases.open(kinds.of(CaseKind.REQUEST), new NewCase(Channel.HOTLINE, "SANITATION",
                "办理时长测试", Urgency.NORMAL, null, null, "示范镇", "SFZ-C01-G01", null, null, null, null, null),
                "admin", null).getTrackingNumber());
        clock("2034-03-06T09:00");
        tx.executeWithoutResult(s -> cases.status(tn, CaseStatus.CLOSED, "admin", CaseEventType.CLOSED, "办结"));
        assertThat(handlingDays(tn)).isEqualByComparingTo("0.67");

        // as if it had finished before V20: no handling time, and the marker V20 leaves
        jdbc.update("update case_file set handling_working_days = null where tracking_number = ?", tn);
        jdbc.update("insert into pending_backfill (name) values (?)", HandlingTimeBackfill.JOB);

        backfill.run();

        assertThat(handlingDays(tn)).isEqualByComparingTo("0.67");
        assertThat(jdbc.queryForObject("select count(*) from pending_backfill", Integer.class)).isZero();
        // without the marker it does nothing, however many cases lack the figure
        jdbc.update("update case_file set handling_working_days = null where tracking_number = ?", tn);
        backfill.run();
        assertThat(handlingDays(tn)).isNull();
        jdbc.update("update case_file set handling_working_days = 0.67 where tracking_number = ?", tn);
    }

    private BigDecimal handlingDays(String tn) {
        return jdbc.queryForObject("select handling_working_days from case_file where tracking_number = ?",
                BigDecimal.class, tn);
    }

    private static void clock(String shanghai) {
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse(shanghai).atZone(BusinessClock.ZONE).toInstant()));
    }
}
