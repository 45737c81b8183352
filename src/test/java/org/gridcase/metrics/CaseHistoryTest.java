package org.gridcase.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.gridcase.GridCaseTest;
import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseKinds;
import org.gridcase.casefile.Cases;
import org.gridcase.casefile.Channel;
import org.gridcase.casefile.NewCase;
import org.gridcase.casefile.Urgency;
import org.gridcase.support.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the metrics tests share: a hand-made history of cases written through the casefile services at chosen
 * Shanghai times (the engine's clock moved for each step), so that every figure can be worked out by hand.
 */
abstract class CaseHistoryTest extends GridCaseTest {

    @Autowired
    Cases cases;
    @Autowired
    CaseKinds kinds;
    @Autowired
    TransactionTemplate tx;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** Registers a case of the kind in the grid at that time (a risk report as a fire hazard, else sanitation). */
    String open(String at, CaseKind kind, String grid, String description) {
        clock(at);
        return tx.execute(s -> cases.open(kinds.of(kind), new NewCase(kind == CaseKind.RISK ? Channel.GRID_WORKER
                : Channel.HOTLINE, kind == CaseKind.RISK ? "FIRE" : "SANITATION", description, Urgency.NORMAL, null,
                null, "示范镇", grid, null, null, null, null, null), "admin", null).getTrackingNumber());
    }

    /** Runs a change of the case record at that time, in a transaction of its own. */
    void in(String at, Runnable change) {
        clock(at);
        tx.executeWithoutResult(s -> change.run());
    }

    static Instant at(String shanghai) {
        return LocalDateTime.parse(shanghai).atZone(BusinessClock.ZONE).toInstant();
    }

    static void clock(String shanghai) {
        ClockUtil.setCurrentTime(Date.from(at(shanghai)));
    }

    static JsonNode ok(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
