package org.gridcase.support;

import java.util.List;

import org.gridcase.support.InvalidInputException.FieldProblem;

/** The input is well-formed but clashes with what is stored (a used idempotency key): 409 problem+json. */
public class ConflictException extends RuntimeException {

    private final List<FieldProblem> errors;

    public ConflictException(String field, String message) {
        super(message);
        this.errors = List.of(new FieldProblem(field, message));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
