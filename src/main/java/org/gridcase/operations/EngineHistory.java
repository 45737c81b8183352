package org.gridcase.operations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.gridcase.casefile.CaseKindDefinition;
import org.gridcase.casefile.CaseVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What of the engine's history GridCase writes. The history level stays {@code full} (Cockpit, the user operation
 * log, incidents, job log, task and activity history are all kept), but the engine's own database history handler
 * is replaced by one that leaves out what the case record already keeps (issue 12: it was most of an intake's SQL):
 * <ul>
 * <li>no {@code ACT_HI_DETAIL} rows for variables: every value a variable ever had, a second time beside
 * {@code ACT_HI_VARINST}. The timeline of the case (case_event) says who changed what and when;</li>
 * <li>no {@code ACT_HI_VARINST} row for the variables of {@link CaseVariables#WITHOUT_HISTORY} and of each kind's
 * {@link CaseKindDefinition#variablesWithoutHistory()}: copies of the case record, the registry or a decision table,
 * and what residents and staff wrote — so residents' names and phone numbers are not kept again for as long as the
 * history lives;</li>
 * <li>no decision history for the decision tables of {@code gridcase.history.decisions-without-history} (by default
 * the SLA and routing tables every intake evaluates, and the assessment weights every assessment evaluates: their
 * result is on the case record — the route on the timeline, the limits on the case — or on the page that asked).
 * The risk tables keep theirs: a grading decides what happens to a hazard, and a process owner checks which rule
 * matched in Cockpit.</li>
 * </ul>
 * Runtime variables are untouched: forms, gateways and timers read them as before.
 */
@Component
class EngineHistory extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineHistory.class);

    private final ObjectProvider<CaseKindDefinition> kinds;
    private final Set<String> decisionsWithoutHistory;
    private volatile Set<String> variablesWithoutHistory;

    EngineHistory(ObjectProvider<CaseKindDefinition> kinds,
            @Value("${gridcase.history.decisions-without-history}")
            List<String> decisionsWithoutHistory) {
        this.kinds = kinds;
        this.decisionsWithoutHistory = Set.copyOf(decisionsWithoutHistory);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the engine's own database handler is off; ours takes its place, before any other custom handler
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new CaseHistoryHandler());
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        configuration.setCustomHistoryEventHandlers(handlers);
        log.info("Engine history: no variable details, no history for {} case variables, none for decisions {}",
                CaseVariables.WITHOUT_HISTORY.size(), decisionsWithoutHistory);
    }

    /** Whether a variable of this name gets a row in ACT_HI_VARINST. */
    boolean keepsVariable(String name) {
        Set<String> without = variablesWithoutHistory;
        if (without == null) {
            // the kinds are beans the engine must not wait for while it is built: read them at the first event
            Set<String> names = new HashSet<>(CaseVariables.WITHOUT_HISTORY);
            kinds.orderedStream().forEach(kind -> names.addAll(kind.variablesWithoutHistory()));
            variablesWithoutHistory = without = Set.copyOf(names);
        }
        return !without.contains(name);
    }

    boolean keepsDecision(String key) {
        return !decisionsWithoutHistory.contains(key);
    }

    private final class CaseHistoryHandler extends DbHistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity variable
                    && !keepsVariable(variable.getVariableName())) {
                return;
            }
            if (event instanceof HistoricDecisionEvaluationEvent decision
                    && !keepsDecision(decision.getRootHistoricDecisionInstance().getDecisionDefinitionKey())) {
                return;
            }
            super.handleEvent(event);
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return false;
        }
    }
}
