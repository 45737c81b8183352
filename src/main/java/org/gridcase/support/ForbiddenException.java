package org.gridcase.support;

/**
 * The caller may see the thing but his role may not do this to it: answered as 403 problem+json. (A thing the caller
 * may not see at all is a {@link NotFoundException}, so its existence is not revealed.)
 */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
