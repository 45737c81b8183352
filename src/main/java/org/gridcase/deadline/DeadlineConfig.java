package org.gridcase.deadline;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock business dates are read from; tests replace it to move "today". */
@Configuration(proxyBeanMethods = false)
class DeadlineConfig {

    @Bean
    Clock businessClock() {
        return Clock.system(WorkingCalendar.ZONE);
    }
}
