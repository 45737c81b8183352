package org.gridcase.notify;

import org.springframework.context.ApplicationContext;

/** For tests of other features: one run of the outbox dispatcher now, instead of waiting for its schedule. */
public final class OutboxRun {

    private OutboxRun() {
    }

    /** Sends what is due; returns the number of messages attempted. */
    public static int now(ApplicationContext context) {
        return context.getBean(OutboxDispatcher.class).dispatch();
    }
}
