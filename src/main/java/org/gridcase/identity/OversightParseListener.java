package org.gridcase.identity;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.gridcase.support.TaskCreateListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds every {@link TaskCreateListener} bean ({@link TaskOversight}, the case summary …) to every user task of every
 * deployed process; process owners need not model them.
 */
@Component
class OversightParseListener extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TaskCreateListener> taskListeners;

    OversightParseListener(ObjectProvider<TaskCreateListener> taskListeners) {
        this.taskListeners = taskListeners;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    // resolved when a task is created: the beans need the engine that is being built here
                    behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE,
                            task -> taskListeners.orderedStream().forEach(l -> l.notify(task)));
                }
            }
        });
    }
}
