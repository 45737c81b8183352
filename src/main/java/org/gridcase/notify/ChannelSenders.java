package org.gridcase.notify;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/** The senders of this node, by channel. */
@Component
class ChannelSenders {

    private final List<ChannelSender> senders;

    ChannelSenders(List<ChannelSender> senders) {
        this.senders = List.copyOf(senders);
    }

    Optional<ChannelSender> configured(Channel channel) {
        return senders.stream().filter(s -> s.channel() == channel && s.configured()).findFirst();
    }

    Set<Channel> configuredChannels() {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (Channel channel : Channel.values()) {
            configured(channel).ifPresent(s -> channels.add(channel));
        }
        return channels;
    }
}
