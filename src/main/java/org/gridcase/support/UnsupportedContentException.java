package org.gridcase.support;

import java.util.List;

import org.gridcase.support.InvalidInputException.FieldProblem;

/**
 * An upload whose content (as read from its bytes, never its name or declared type) is not of an accepted type:
 * answered as 415 problem+json naming the field. Nothing has been stored.
 */
public class UnsupportedContentException extends RuntimeException {

    private final List<FieldProblem> errors;

    public UnsupportedContentException(String field, String message) {
        super(message);
        this.errors = List.of(new FieldProblem(field, message));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
