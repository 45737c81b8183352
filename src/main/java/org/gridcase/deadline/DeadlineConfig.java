package org.gridcase.deadline;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.gridcase.support.BusinessClock;

/** The clock business dates are read from: the engine's ({@link BusinessClock}), so tests move it with ClockUtil. */
@Configuration(proxyBeanMethods = false)
class DeadlineConfig {

    @Bean
    Clock businessClock() {
        return BusinessClock.INSTANCE;
    }
}
