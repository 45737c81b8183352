package org.gridcase.identity;

import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gridcase.admin.*}: the first administrator outside the demo profile;
 * {@code gridcase.demo.*}: the demo profile's shared password for every demo login.
 */
@ConfigurationProperties(prefix = "gridcase")
record IdentityProperties(Admin admin, Demo demo) {

    record Admin(String userId, String password) {
    }

    record Demo(boolean enabled, String password) {
    }

    /** The password new accounts get: the demo password in the demo profile, none otherwise. */
    Optional<String> initialPassword() {
        return demo != null && demo.enabled() && demo.password() != null && !demo.password().isBlank()
                ? Optional.of(demo.password()) : Optional.empty();
    }
}
