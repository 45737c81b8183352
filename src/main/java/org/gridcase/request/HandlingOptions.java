package org.gridcase.request;

import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.gridcase.registry.GroupIds;
import org.gridcase.support.FormOptions;
import org.springframework.stereotype.Component;

/**
 * The choices the 办理诉求 form offers its handler: only those the task will accept (the same rules as the form
 * check in {@code RequestDelegates.CheckHandling}): a grid may transfer to the category's department, a department
 * may not. Given to the task as the input parameter {@code handlingOptions} (Camunda Forms' valuesKey).
 */
@Component("handlingOptions")
public class HandlingOptions {

    public ObjectValue forHandler(String handlerGroup, String departmentCode) {
        FormOptions options = new FormOptions().add("已办结", RequestProcess.RESOLVED)
                .add("退单（不属于本单位职责）", RequestProcess.RETURN);
        if (mayTransfer(handlerGroup, departmentCode)) {
            options.add("网格解决不了，转责任部门", RequestProcess.TRANSFER);
        }
        return options.add("疑难件，提请领导签批", RequestProcess.SIGNOFF).toValue();
    }

    /** Only a grid may transfer, and only when the category has a department. */
    static boolean mayTransfer(String handlerGroup, String departmentCode) {
        return departmentCode != null && handlerGroup != null && GroupIds.areaCodeOf(handlerGroup) != null;
    }

}
