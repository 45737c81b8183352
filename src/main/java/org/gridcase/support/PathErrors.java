package org.gridcase.support;

import java.util.Optional;

import org.springframework.http.ResponseEntity;

/**
 * A feature whose paths speak an error format of their own (Open311's GeoReport error list) answers the errors that
 * reach the container's error dispatch on those paths (see {@link ErrorAnswers}).
 */
public interface PathErrors {

    /** The answer for an error on that path, or empty when the path is not the feature's. */
    Optional<ResponseEntity<byte[]>> answer(String path, int status, String detail);
}
