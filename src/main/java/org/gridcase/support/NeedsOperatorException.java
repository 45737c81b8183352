package org.gridcase.support;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A job failure that no automatic retry can fix: only a person can (an operator corrects a variable in Cockpit).
 * Thrown inside a job, it skips the retries with back-off that every other failure gets
 * ({@code failed-job-retry-time-cycle} in application.yml): the job's retries go to 0 at once and Cockpit shows the
 * incident with this message ({@code operations.JobFailures}). Everything else that fails in a job (the database, the
 * registry, a decision table) is retried.
 */
public class NeedsOperatorException extends ProcessEngineException {

    public NeedsOperatorException(String message) {
        super(message);
    }

    /** Whether this throwable is or was caused by one. */
    public static boolean in(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NeedsOperatorException) {
                return true;
            }
        }
        return false;
    }
}
