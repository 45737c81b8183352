package org.gridcase.notify;

/** A gateway refused a message for now (throttling, a full queue, a 5xx): it was not sent and is retried. */
class SmsGatewayException extends Exception {

    SmsGatewayException(String message) {
        super(message);
    }
}
