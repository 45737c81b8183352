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

    /**
     * How far the change log is: its length and its highest id. The highest id alone misses a change that commits
     * after a later-numbered one (ids are handed out at insert, not at commit: two imports on two nodes at once);
     * the length grows with every commit, as rows are never deleted.
     */
    Mark mark() {
        return jdbc.queryForObject("select count(*), coalesce(max(id), 0) from registry_change",
                (row, n) -> new Mark(row.getLong(1), row.getLong(2)));
    }

    record Mark(long count, long maxId) {
    }
}
