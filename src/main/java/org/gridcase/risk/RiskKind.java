package org.gridcase.risk;

import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseKindDefinition;
import org.springframework.stereotype.Component;

/** Risk reports (风险隐患) as the shared case spine sees them. */
@Component
class RiskKind implements CaseKindDefinition {

    @Override
    public CaseKind kind() {
        return CaseKind.RISK;
    }

    @Override
    public String processId() {
        return RiskProcess.PROCESS_ID;
    }

    @Override
    public String prefix() {
        return CaseKind.RISK.prefix();
    }

    @Override
    public String noun() {
        return "风险隐患";
    }

    @Override
    public String handlingTaskName() {
        return "处置隐患";
    }

    /** No callback survey: the grid worker's re-inspection (复查) closes the loop. */
    @Override
    public String callbackGroup() {
        return null;
    }
}
