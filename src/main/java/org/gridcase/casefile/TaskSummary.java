package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.gridcase.support.TaskCreateListener;
import org.springframework.stereotype.Component;

/**
 * Gives every new task of a case the few facts Tasklist lists beside it (编号, 分类, 网格, 办结时限; see the filters).
 * Copied onto the task itself: staff may read their tasks' variables, not the whole case's. A task of a supervised
 * case, in whatever process of the case, gets the {@code supervised} flag the 督办 filter reads and the supervised
 * priority.
 */
@Component
class TaskSummary implements TaskCreateListener {

    static final List<String> LISTED = List.of(TRACKING_NUMBER, CATEGORY_NAME, GRID_NAME, HANDLING_DUE_TEXT);

    private final Cases cases;

    TaskSummary(Cases cases) {
        this.cases = cases;
    }

    @Override
    public void notify(DelegateTask task) {
        for (String name : LISTED) {
            Object value = task.getVariable(name);
            if (value != null) {
                task.setVariableLocal(name, value);
            }
        }
        Object tn = task.getVariable(TRACKING_NUMBER);
        if (tn instanceof String trackingNumber && cases.find(trackingNumber).map(CaseFile::isSupervised).orElse(false)) {
            task.setVariableLocal(SUPERVISED, true);
            task.setPriority(SUPERVISED_PRIORITY);
        }
    }
}
