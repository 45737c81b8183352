package org.gridcase.notice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridcase.notice.*}: how many recipient rows one batch insert writes ({@code insert-chunk}), how many SMS one
 * fan-out job queues before the next job (its own transaction) goes on ({@code sms-chunk}), and the longest title and
 * text a notice may have.
 */
@ConfigurationProperties(prefix = "gridcase.notice")
record NoticeProperties(@DefaultValue("1000") int insertChunk, @DefaultValue("2000") int smsChunk,
        @DefaultValue("60") int titleMax, @DefaultValue("1000") int textMax, @DefaultValue("50") int areasMax) {

    NoticeProperties {
        if (insertChunk <= 0 || smsChunk <= 0 || titleMax <= 0 || textMax <= 0 || areasMax <= 0) {
            throw new IllegalStateException("gridcase.notice.* sizes must be positive");
        }
        if (titleMax > 60 || textMax > 1000) {
            throw new IllegalStateException("gridcase.notice.title-max is at most 60 and text-max at most 1000 "
                    + "(the columns of V15__notice.sql)");
        }
    }
}
