package org.gridcase.metrics;

import java.math.BigDecimal;

/** How many finished cases of a period took {@code workingDays} working days from registration to the finish. */
record HandlingDays(BigDecimal workingDays, long count) {
}
