package org.gridcase.identity;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A staff member completes a task ({@code complete}, {@code submit-form}, {@code resolve}) with the variables of the
 * task's Camunda Form only, and with plain values: so routing, deadline and escalation variables stay what the
 * engine's delegates wrote. The allowlist is the deployed form itself ({@link TaskFormFields}): a field added to a
 * {@code .form} file is allowed as soon as it is deployed. A read-only field sent back unchanged (Tasklist does) is
 * dropped; changed, it is refused.
 */
@Component
class CompletionCheck {

    /** The value types a form submits (Camunda REST type names, lower case). */
    private static final Set<String> PLAIN = Set.of("string", "boolean", "integer", "long", "short", "double", "date",
            "null");

    private final TaskService taskService;
    private final FormService formService;
    private final IdentityService identityService;
    private final ObjectMapper mapper;

    CompletionCheck(TaskService taskService, FormService formService, IdentityService identityService,
            ObjectMapper mapper) {
        this.taskService = taskService;
        this.formService = formService;
        this.identityService = identityService;
        this.mapper = mapper;
    }

    /** The outcome: faults (the call is refused), or the body to pass on (read-only echoes removed). */
    record Result(List<FieldProblem> faults, JsonNode body) {
    }

    /**
     * Checks the completion body of a task. Empty when the task does not exist (for anyone): the engine answers that
     * call itself. The form and current values are read as the system, so the answer does not depend on the caller.
     */
    Optional<Result> check(String taskId, JsonNode body) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
            if (task == null) {
                return Optional.empty();
            }
            return Optional.of(check(task, body));
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    private Result check(Task task, JsonNode body) {
        List<FieldProblem> faults = new ArrayList<>();
        JsonNode variables = body.path("variables");
        if (variables.isMissingNode() || variables.isNull()) {
            return new Result(faults, body);
        }
        if (!variables.isObject()) {
            faults.add(new FieldProblem("variables", "格式错误"));
            return new Result(faults, body);
        }
        TaskFormFields form = formOf(task);
        ObjectNode kept = mapper.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode variable = entry.getValue();
            String field = "variables." + name;
            TaskFormFields.Access access = form.access(name);
            if (access == null) {
                faults.add(new FieldProblem(field, "该任务的表单中没有此字段，不能提交"));
                continue;
            }
            String typeFault = typeFault(variable, access);
            if (typeFault != null) {
                faults.add(new FieldProblem(field, typeFault));
                continue;
            }
            Set<String> options = form.options(name);
            JsonNode value = variable.path("value");
            if (access == TaskFormFields.Access.WRITE && options != null && !value.isNull() && !value.isMissingNode()
                    && !value.asText().isEmpty() && !options.contains(value.asText())) {
                faults.add(new FieldProblem(field, "不是该字段的可选项"));
                continue;
            }
            if (access == TaskFormFields.Access.READ_ONLY) {
                if (!sameValue(taskService.getVariable(task.getId(), name), variable.path("value"))) {
                    faults.add(new FieldProblem(field, "只读字段，不能修改"));
                }
                continue; // unchanged: Tasklist sends read-only fields back; nothing to write
            }
            kept.set(name, variable);
        }
        if (!faults.isEmpty()) {
            return new Result(faults, body);
        }
        ObjectNode passed = ((ObjectNode) body).deepCopy();
        passed.set("variables", kept);
        return new Result(faults, passed);
    }

    private TaskFormFields formOf(Task task) {
        if (task.getCamundaFormRef() == null) {
            return TaskFormFields.NONE;
        }
        try (InputStream in = formService.getDeployedTaskForm(task.getId())) {
            return TaskFormFields.of(mapper.readTree(in));
        } catch (ProcessEngineException | IOException e) {
            return TaskFormFields.NONE;
        }
    }

    /** Null when the REST variable {@code {"value": …, "type": …}} is a value this field may take. */
    private static String typeFault(JsonNode variable, TaskFormFields.Access access) {
        if (!variable.isObject()) {
            return "格式错误";
        }
        JsonNode value = variable.path("value");
        String type = variable.path("type").asText("").toLowerCase(Locale.ROOT);
        boolean structured = access == TaskFormFields.Access.WRITE_STRUCTURED && "json".equals(type);
        if (!type.isEmpty() && !PLAIN.contains(type) && !structured) {
            return "不允许的变量类型：" + variable.path("type").asText();
        }
        if ((value.isContainerNode() || value.isBinary() || value.isPojo()) && !structured) {
            return "只能提交文字、数字、是否或日期";
        }
        return null;
    }

    /** Whether a submitted value is the variable's current value (null and "" count as the same). */
    static boolean sameValue(Object current, JsonNode submitted) {
        boolean submittedEmpty = submitted.isMissingNode() || submitted.isNull()
                || submitted.isTextual() && submitted.asText().isEmpty();
        if (current == null || "".equals(current)) {
            return submittedEmpty;
        }
        if (submittedEmpty) {
            return false;
        }
        if (current instanceof Number n && (submitted.isNumber() || submitted.isTextual())) {
            try {
                return new BigDecimal(n.toString()).compareTo(new BigDecimal(submitted.asText())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (current instanceof Date d) {
            return new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(d).equals(submitted.asText())
                    || String.valueOf(d.getTime()).equals(submitted.asText());
        }
        return submitted.isValueNode() && current.toString().equals(submitted.asText());
    }
}
