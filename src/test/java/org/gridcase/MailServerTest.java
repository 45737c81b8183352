package org.gridcase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * What a full-stack test needs beside the running app: a real SMTP server (GreenMail) the outbox delivers to, and
 * {@code /engine-rest} bound to this context's engine. Each subclass names its own {@code @SpringBootTest} context.
 */
public abstract class MailServerTest {

    /**
     * A free port chosen up front: the context may start before the extension does (a test execution listener
     * loads it in beforeAll), and it only needs the number; the first mail is sent long after the server is up.
     */
    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    protected static GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    protected TestRestTemplate rest;
    @Autowired
    protected ApplicationContext context;
    @Autowired
    protected ProcessEngine processEngine;

    /** {@code /engine-rest} finds its engine by name in a JVM-wide registry that other test contexts share. */
    @BeforeEach
    void engineRestUsesThisContextsEngine() {
        ProcessEngines.registerProcessEngine(processEngine);
    }
}
