package org.gridcase.support;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A form submission that a task listener's second look (such as {@code casefile.FormCheck}) refused: every listener
 * that refuses a submission throws this. Its message is the Chinese text staff read, after {@link #PREFIX}. The
 * engine wraps it (ENGINE-03051, a task listener failed); {@link FormRejectionCode} gives the wrapper the error code
 * {@link #CODE}, so the engine API answers it as a 400 with this message only, whatever wraps it.
 */
public class FormRejectedException extends ProcessEngineException {

    /** Camunda's custom exception codes are 20000–39999; this one says "a form check refused the submission". */
    public static final int CODE = 22001;

    /** Every message starts so, which lets a reader find the staff's text inside an engine message. */
    public static final String PREFIX = "提交内容有误：";

    public FormRejectedException(String faults) {
        super(PREFIX + faults, CODE);
    }

    /** The refusal this throwable is or was caused by, if any. */
    public static FormRejectedException in(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FormRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }
}
