package org.gridcase.registry;

import static org.gridcase.registry.BuildingVerification.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.gridcase.support.FormRejectedException;
import org.gridcase.support.InvalidInputException;
import org.springframework.stereotype.Component;

/** The Java side of {@code verify-building.bpmn}: thin adapters around {@link BuildingVerificationService}. */
final class BuildingVerificationDelegates {

    private BuildingVerificationDelegates() {
    }

    /** On completing the verify task: the server checks the form again and remembers who verified. */
    @Component("checkBuildingVerification")
    static class Check implements TaskListener {

        @Override
        public void notify(DelegateTask task) {
            try {
                BuildingVerificationService.check(task.getVariable(ADDRESS), task.getVariable(HOUSEHOLDS));
            } catch (InvalidInputException e) {
                throw new FormRejectedException(e.getMessage());
            }
            task.setVariable(VERIFIED_BY, task.getAssignee());
        }
    }

    @Component("recordBuildingVerification")
    static class Record implements JavaDelegate {

        private final BuildingVerificationService service;

        Record(BuildingVerificationService service) {
            this.service = service;
        }

        @Override
        public void execute(DelegateExecution execution) {
            service.record((String) execution.getVariable(BUILDING_CODE), (String) execution.getVariable(ADDRESS),
                    ((Number) execution.getVariable(HOUSEHOLDS)).longValue(),
                    (String) execution.getVariable(VERIFIED_BY));
        }
    }
}
