package org.gridcase.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.gridcase.registry.GroupIds;
import org.springframework.stereotype.Component;

/**
 * The choices the 办理诉求 form offers its handler: only those the task will accept (the same rules as the form
 * check in {@code RequestDelegates.CheckHandling}): a grid may transfer to the category's department, a department
 * may not. Given to the task as the input parameter {@code handlingOptions} (Camunda Forms' valuesKey).
 */
@Component("handlingOptions")
public class HandlingOptions {

    public ObjectValue forHandler(String handlerGroup, String departmentCode) {
        List<Map<String, String>> options = new ArrayList<>();
        options.add(option("已办结", RequestProcess.RESOLVED));
        options.add(option("退单（不属于本单位职责）", RequestProcess.RETURN));
        if (mayTransfer(handlerGroup, departmentCode)) {
            options.add(option("网格解决不了，转责任部门", RequestProcess.TRANSFER));
        }
        options.add(option("疑难件，提请领导签批", RequestProcess.SIGNOFF));
        return Variables.objectValue(new ArrayList<>(options))
                .serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
    }

    /** Only a grid may transfer, and only when the category has a department. */
    static boolean mayTransfer(String handlerGroup, String departmentCode) {
        return departmentCode != null && handlerGroup != null && GroupIds.areaCodeOf(handlerGroup) != null;
    }

    private static Map<String, String> option(String label, String value) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        return option;
    }
}
