package org.gridcase.notice;

import org.gridcase.notify.InboundSms;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A resident's SMS reply (from the SMS gateway adapter) may confirm a notice: see {@link NoticeService#reply}. */
@Component
class NoticeReplies {

    private final NoticeService notices;

    NoticeReplies(NoticeService notices) {
        this.notices = notices;
    }

    @EventListener
    void on(InboundSms sms) {
        notices.reply(sms.from(), sms.text(), sms.receivedAt());
    }
}
