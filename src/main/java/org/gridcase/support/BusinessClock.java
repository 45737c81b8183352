package org.gridcase.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of GridCase: the engine's ({@link ClockUtil}), so timers, due dates, lights, the timeline, entity
 * timestamps, the outbox and the working calendar agree on "now". Tests move it with {@code ClockUtil}. Business
 * dates are read in Asia/Shanghai.
 */
public final class BusinessClock extends Clock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final BusinessClock INSTANCE = new BusinessClock();

    private BusinessClock() {
    }

    public static Instant now() {
        return ClockUtil.now().toInstant();
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZONE) ? this : Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return now();
    }
}
