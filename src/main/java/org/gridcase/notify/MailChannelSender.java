package org.gridcase.notify;

import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;

/** Email through Spring Mail; configured only where {@code spring.mail.host} is set. */
@Component
class MailChannelSender implements ChannelSender {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final Environment environment;
    private final NotifyProperties properties;

    MailChannelSender(ObjectProvider<JavaMailSender> mailSender, Environment environment,
            NotifyProperties properties) {
        this.mailSender = mailSender;
        this.environment = environment;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean configured() {
        return StringUtils.hasText(environment.getProperty("spring.mail.host")) && mailSender.getIfAvailable() != null;
    }

    @Override
    public void send(OutboxMessage message) throws Exception {
        JavaMailSender sender = mailSender.getObject();
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.mailFrom());
        try {
            helper.setTo(message.getRecipient());
        } catch (AddressException e) {
            // the address is not repeated here: the message text ends up in last_error
            throw new IllegalArgumentException("malformed email address");
        }
        helper.setSubject(message.getSubject());
        helper.setText(message.getBody(), false);
        sender.send(mime);
    }
}
