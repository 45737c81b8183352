package org.gridcase.support;

import java.util.List;

import org.gridcase.support.InvalidInputException.FieldProblem;

/** An upload larger than its limit: answered as 413 problem+json naming the field. Nothing has been stored. */
public class PayloadTooLargeException extends RuntimeException {

    private final List<FieldProblem> errors;

    public PayloadTooLargeException(String field, String message) {
        super(message);
        this.errors = List.of(new FieldProblem(field, message));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
