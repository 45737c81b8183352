package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.gridcase.support.TaskCreateListener;
import org.springframework.stereotype.Component;

/**
 * Gives every new task of a case the few facts Tasklist lists beside it (编号, 分类, 网格, 办结时限; see the filters).
 * Copied onto the task itself: staff may read their tasks' variables, not the whole case's. Every task gets the
 * case's story ({@link CaseStory}) as it stands when the task is created. A task of a supervised
 * case, in whatever process of the case, gets the {@code supervised} flag the 督办 filter reads and the supervised
 * priority.
 */
@Component
class TaskSummary implements TaskCreateListener {

    static final List<String> LISTED = List.of(TRACKING_NUMBER, CATEGORY_NAME, GRID_NAME, HANDLING_DUE_TEXT);

    private final Cases cases;
    private final CaseStory story;

    TaskSummary(Cases cases, CaseStory story) {
        this.cases = cases;
        this.story = story;
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
        CaseFile file = tn instanceof String trackingNumber ? cases.find(trackingNumber).orElse(null) : null;
        if (file == null) {
            return;
        }
        // what happened before this task, for its form (field caseStory, read-only)
        task.setVariableLocal(CASE_STORY, story.of(file));
        if (file.isSupervised()) {
            task.setVariableLocal(SUPERVISED, true);
            task.setPriority(SUPERVISED_PRIORITY);
        }
    }
}
