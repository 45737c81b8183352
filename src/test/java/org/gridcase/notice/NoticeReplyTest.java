package org.gridcase.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.gridcase.notify.InboundSms;
import org.gridcase.support.BusinessClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A resident's SMS reply, as the SMS gateway adapter publishes it ({@link InboundSms}): an acknowledgement from a
 * recipient's phone confirms that phone's open notice; anything else and any other phone confirms nothing.
 */
class NoticeReplyTest extends NoticeTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void anAcknowledgingReplyConfirmsThePhonesNewestOpenNotice() {
        // Given two notices to 西河村 grid 3, the newer one fanned out
        long older = send(TOWN_LEADER, notice("森林防火", List.of(WEST_RIVER_G3)));
        fanOut(older);
        long newer = send(TOWN_LEADER, notice("道路结冰", List.of(WEST_RIVER_G3)));
        fanOut(newer);

        // When 何玉珍 asks a question and a stranger says 收到, nothing is confirmed
        reply("13700000113", "请问明天还上学吗？");
        reply("13900009999", "收到");
        assertThat(confirmedVia(newer, "13700000113")).isNull();

        // When she replies 收到了！ with the country code the gateway passed on
        reply("+86 137 0000 0113", "收到了！");

        // Then her household of the newer notice is confirmed by reply, the older one and the neighbour not
        assertThat(confirmedVia(newer, "13700000113")).isEqualTo("REPLY");
        assertThat(confirmedVia(older, "13700000113")).isNull();
        assertThat(confirmedVia(newer, "13700000114")).isNull();
        assertThat(detail(TOWN_LEADER, newer).path("counts").path("confirmedByReply").asInt()).isEqualTo(1);

        // And her next acknowledgement goes to the older notice, which is still open for her
        reply("13700000113", "1");
        assertThat(confirmedVia(older, "13700000113")).isEqualTo("REPLY");
    }

    @Test
    void theRepliesThatAcknowledge() {
        assertThat(List.of("收到", "收到。", "已收到，谢谢", "知道了", "知道", "1", " 1 ", "已阅", "好的", "OK", "明白"))
                .allMatch(Replies::acknowledges);
        assertThat(List.of("", "2", "不知道", "什么时候停水？", "退订", "11")).noneMatch(Replies::acknowledges);
        assertThat(Replies.phone("+8613700000113")).isEqualTo("13700000113");
        assertThat(Replies.phone("008613700000113")).isEqualTo("13700000113");
        assertThat(Replies.phone("10086")).isNull();
    }

    private void reply(String from, String text) {
        events.publishEvent(new InboundSms(from, text, BusinessClock.now(), "test-" + text.hashCode()));
    }
}
