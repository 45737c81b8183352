package org.gridcase.support;

/** A resource the caller named does not exist: answered as 404 problem+json. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
