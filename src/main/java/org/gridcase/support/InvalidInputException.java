package org.gridcase.support;

import java.util.List;

/**
 * Bad input from a caller: answered as 400 problem+json that names every field at fault.
 * Nothing has been written when this is thrown from a transactional service.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidInputException(String message, List<FieldProblem> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(message, List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One fault: the field (a JSON path, a CSV row and column, a feature index) and what is wrong. */
    public record FieldProblem(String field, String message) {
    }
}
