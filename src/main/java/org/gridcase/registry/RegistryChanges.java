package org.gridcase.registry;

import java.sql.Timestamp;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.gridcase.support.BusinessClock;

/** The change log every node of a cluster polls to know that its grid index is stale. */
@Component
class RegistryChanges {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    RegistryChanges(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Records a change in the current transaction; this node and the others rebuild once it commits. */
    void record(String kind) {
        jdbc.update("insert into registry_change (kind, changed_at) values (?, ?)", kind,
                Timestamp.from(BusinessClock.now()));
        events.publishEvent(new RegistryChanged(kind));
    }

    long latestId() {
        Long id = jdbc.queryForObject("select max(id) from registry_change", Long.class);
        return id == null ? 0 : id;
    }
}
