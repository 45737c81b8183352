package org.gridcase.request;

/** Names of {@code processes/request.bpmn} and {@code request-routing.dmn} used from Java. */
public final class RequestProcess {

    public static final String PROCESS_ID = "request";
    public static final String ROUTING_DECISION = "request-routing";

    // element ids (tests and API)
    public static final String TASK_VERIFY = "VerifyRequest";
    public static final String TASK_HANDLE = "HandleRequest";
    public static final String TASK_REDISPATCH = "RedispatchRequest";

    // form variables
    public static final String VERIFY_OUTCOME = "verifyOutcome";
    public static final String VERIFY_NOTE = "verifyNote";
    public static final String HANDLING_OUTCOME = "handlingOutcome";
    public static final String HANDLING_NOTE = "handlingNote";
    public static final String EVIDENCE = "evidence";
    public static final String SITE_CHECK = "siteCheck";

    // values
    public static final String FIRST_HANDLER_GRID = "GRID";
    public static final String FIRST_HANDLER_HOTLINE = "HOTLINE";
    public static final String VALID = "VALID";
    public static final String INVALID = "INVALID";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String RESOLVED = "RESOLVED";
    public static final String RETURN = "RETURN";
    public static final String TRANSFER = "TRANSFER";
    public static final String SIGNOFF = "SIGNOFF";

    private RequestProcess() {
    }
}
