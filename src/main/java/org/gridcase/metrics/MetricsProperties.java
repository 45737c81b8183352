package org.gridcase.metrics;

import java.util.Set;

import org.gridcase.casefile.CaseStatus;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The choices the rates leave to the installation ({@code gridcase.metrics.*}); {@link RateDefinitions} applies them.
 *
 * @param satisfiedWeight          what one "satisfied" (满意) answer counts in the satisfied figure
 * @param basicallySatisfiedWeight what one "basically satisfied" (基本满意) answer counts (1: as satisfied, as Beijing's
 *                                 满意率 counts it; 0.5: half; 0: not at all)
 * @param partlySolvedResolves     whether a survey answer "partly solved" (部分解决) leaves a case resolved; a "not
 *                                 solved" answer always contradicts the handler
 * @param notReceived              the final statuses that do not count as received at all (a merged duplicate is the
 *                                 same matter as the case it went into; a rejected or withdrawn case was never taken
 *                                 on)
 * @param maxDays                  the longest period one question may cover, in days
 */
@ConfigurationProperties("gridcase.metrics")
record MetricsProperties(@DefaultValue("1") double satisfiedWeight, @DefaultValue("1") double basicallySatisfiedWeight,
        @DefaultValue("false") boolean partlySolvedResolves,
        @DefaultValue({"MERGED", "REJECTED", "WITHDRAWN"}) Set<CaseStatus> notReceived,
        @DefaultValue("366") int maxDays) {
}
