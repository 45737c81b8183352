package org.gridcase.casefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.gridcase.support.FormRejectedException;

/**
 * The server's second look at what a Camunda Form submitted (the form validated it first). A fault rolls back the
 * completion and Tasklist shows the message; the task stays open. The refusal is a {@link FormRejectedException}: the
 * engine API answers it as a 400 with the message only.
 */
public final class FormCheck {

    private final VariableScope scope;
    private final List<String> faults = new ArrayList<>();

    private FormCheck(VariableScope scope) {
        this.scope = scope;
    }

    public static FormCheck of(VariableScope scope) {
        return new FormCheck(scope);
    }

    public FormCheck oneOf(String name, String label, Set<String> allowed) {
        Object value = scope.getVariable(name);
        if (!(value instanceof String s) || !allowed.contains(s)) {
            faults.add(label + "必须选择一项");
        }
        return this;
    }

    public FormCheck text(String name, String label, boolean required, int maxLength) {
        Object value = scope.getVariable(name);
        String s = value == null ? null : value.toString().strip();
        if (required && (s == null || s.isEmpty())) {
            faults.add(label + "必填");
        } else if (s != null && s.length() > maxLength) {
            faults.add(label + "最长 " + maxLength + " 字");
        }
        return this;
    }

    public FormCheck number(String name, String label, long min, long max) {
        Object value = scope.getVariable(name);
        if (!(value instanceof Number n) || n.longValue() < min || n.longValue() > max) {
            faults.add(label + "应为 " + min + " 到 " + max + " 之间的整数");
        }
        return this;
    }

    public FormCheck require(boolean condition, String fault) {
        if (!condition) {
            faults.add(fault);
        }
        return this;
    }

    public boolean is(String name, String value) {
        return value.equals(scope.getVariable(name));
    }

    public void orReject() {
        if (!faults.isEmpty()) {
            throw new FormRejectedException(String.join("；", faults));
        }
    }
}
