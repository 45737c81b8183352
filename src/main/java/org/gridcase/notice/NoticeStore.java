package org.gridcase.notice;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The notice tables, in plain JDBC: a town's 20,000 recipients are written with batch inserts, and the counts are
 * one grouped query. Times are stored as UTC wall-clock, as Hibernate and the outbox store an Instant. The
 * registry's resident and building tables are read here too, once per notice, for its recipients.
 */
@Repository
class NoticeStore {

    /** A notice row. */
    record NoticeRow(long id, String title, String text, NoticeKind kind, Instant confirmBy, String areaCodes,
            boolean perHousehold, String senderLogin, String senderUnit, NoticeState state,
            String processInstanceId, Instant createdAt, Instant finishedAt) {
    }

    /** A resident with a phone in one of the notice's grids: a possible recipient. */
    record Candidate(long residentId, String name, String phone, String room, String buildingCode,
            String buildingAddress, String gridCode) {
    }

    /** A recipient row to insert. */
    record NewRecipient(long residentId, String phone, String maskedName, String gridCode, String communityCode,
            String buildingCode, String buildingAddress, String room) {
    }

    /** A recipient row as the fan-out, the page and the follow-up read it. */
    record RecipientRow(long id, long noticeId, String phone, String maskedName, String gridCode,
            String buildingCode, String buildingAddress, String room, Instant confirmedAt, String confirmedVia,
            String unreachableReason) {
    }

    /** One grid's counts. */
    record GridCounts(String gridCode, String communityCode, long recipients, long sent, long delivered,
            long byLink, long byReply, long byVisit, long unreachable) {
    }

    private static final String NOTICE_COLUMNS = "id, title, body, kind, confirm_by, area_codes, per_household, "
            + "sender_login, sender_unit, state, process_instance_id, created_at, finished_at";
    private static final String RECIPIENT_COLUMNS = "id, notice_id, phone, masked_name, grid_code, building_code, "
            + "building_address, room, confirmed_at, confirmed_via, unreachable_reason";
    /** Neither confirmed nor marked unreachable. */
    private static final String OPEN = "confirmed_at is null and unreachable_reason is null";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    NoticeStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    long insertNotice(String title, String text, NoticeKind kind, Instant confirmBy, String areaCodes,
            boolean perHousehold, String senderLogin, String senderUnit, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("insert into notice (title, body, kind, confirm_by, "
                    + "area_codes, per_household, sender_login, sender_unit, state, created_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, title);
            ps.setString(2, text);
            ps.setString(3, kind.name());
            ps.setTimestamp(4, ts(confirmBy));
            ps.setString(5, areaCodes);
            ps.setBoolean(6, perHousehold);
            ps.setString(7, senderLogin);
            ps.setString(8, senderUnit);
            ps.setString(9, NoticeState.QUEUED.name());
            ps.setTimestamp(10, ts(now));
            return ps;
        }, key);
        return java.util.Objects.requireNonNull(key.getKey(), "no generated notice id").longValue();
    }

    void insertGrids(long noticeId, Collection<String> grids) {
        jdbc.batchUpdate("insert into notice_grid (notice_id, grid_code) values (?, ?)",
                grids.stream().map(g -> new Object[] {noticeId, g}).toList());
    }

    void processInstance(long noticeId, String processInstanceId) {
        jdbc.update("update notice set process_instance_id = ? where id = ?", processInstanceId, noticeId);
    }

    void state(long noticeId, NoticeState state, Instant finishedAt) {
        jdbc.update("update notice set state = ?, finished_at = ? where id = ?", state.name(), ts(finishedAt),
                noticeId);
    }

    Optional<NoticeRow> find(long noticeId) {
        return jdbc.query("select " + NOTICE_COLUMNS + " from notice where id = ?", NOTICE, noticeId).stream()
                .findFirst();
    }

    List<String> grids(long noticeId) {
        return jdbc.queryForList("select grid_code from notice_grid where notice_id = ? order by grid_code",
                String.class, noticeId);
    }

    /**
     * The notices whose every grid is among {@code grids} (all when {@code everything}), newest first.
     */
    List<NoticeRow> visible(boolean everything, Collection<String> grids, int offset, int limit) {
        MapSqlParameterSource p = visibility(grids).addValue("limit", limit).addValue("offset", offset);
        return named.query("select " + NOTICE_COLUMNS + " from notice n" + (everything ? "" : VISIBLE)
                + " order by n.created_at desc, n.id desc limit :limit offset :offset", p, NOTICE);
    }

    long countVisible(boolean everything, Collection<String> grids) {
        Long count = named.queryForObject("select count(*) from notice n" + (everything ? "" : VISIBLE),
                visibility(grids), Long.class);
        return count == null ? 0 : count;
    }

    private static final String VISIBLE = " where not exists (select 1 from notice_grid g where g.notice_id = n.id "
            + "and g.grid_code not in (:grids))";

    private static MapSqlParameterSource visibility(Collection<String> grids) {
        // an empty IN list is not valid SQL
        return new MapSqlParameterSource("grids", grids.isEmpty() ? List.of("-") : grids);
    }

    /** Residents with a phone in these grids, by id (the lowest id of a household is its recipient). */
    List<Candidate> candidates(Collection<String> grids) {
        if (grids.isEmpty()) {
            return List.of();
        }
        return named.query("select r.id, r.name, r.phone, r.room, b.code building_code, b.address, a.code grid_code "
                + "from resident r join building b on b.id = r.building_id join area a on a.id = b.grid_id "
                + "where a.code in (:grids) and r.phone is not null and r.phone <> '' order by r.id",
                new MapSqlParameterSource("grids", grids),
                (rs, i) -> new Candidate(rs.getLong("id"), rs.getString("name"), rs.getString("phone").strip(),
                        rs.getString("room"), rs.getString("building_code"), rs.getString("address"),
                        rs.getString("grid_code")));
    }

    /** Whether any resident with a phone lives in these grids. */
    boolean anyCandidate(Collection<String> grids) {
        return !grids.isEmpty() && !named.queryForList("select r.id from resident r join building b "
                + "on b.id = r.building_id join area a on a.id = b.grid_id where a.code in (:grids) "
                + "and r.phone is not null and r.phone <> '' limit 1", new MapSqlParameterSource("grids", grids),
                Long.class).isEmpty();
    }

    long countRecipients(long noticeId) {
        Long count = jdbc.queryForObject("select count(*) from notice_recipient where notice_id = ?", Long.class,
                noticeId);
        return count == null ? 0 : count;
    }

    void insertRecipients(long noticeId, List<NewRecipient> recipients, int chunk) {
        for (int from = 0; from < recipients.size(); from += chunk) {
            List<NewRecipient> part = recipients.subList(from, Math.min(recipients.size(), from + chunk));
            jdbc.batchUpdate("insert into notice_recipient (notice_id, resident_id, phone, masked_name, grid_code, "
                    + "community_code, building_code, building_address, room) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    part.stream().map(r -> new Object[] {noticeId, r.residentId(), r.phone(), r.maskedName(),
                            r.gridCode(), r.communityCode(), r.buildingCode(), r.buildingAddress(), r.room()})
                            .toList());
        }
    }

    /** Recipients whose SMS is not queued yet, by id. */
    List<RecipientRow> unsent(long noticeId, int limit) {
        return jdbc.query("select " + RECIPIENT_COLUMNS + " from notice_recipient where notice_id = ? "
                + "and token_hash is null order by id limit ?", RECIPIENT, noticeId, limit);
    }

    /** Each row: recipient id, token hash, dedup key of its SMS. */
    void markQueued(List<Object[]> idHashKey) {
        jdbc.batchUpdate("update notice_recipient set token_hash = ?, sms_dedup_key = ? where id = ? "
                + "and token_hash is null", idHashKey.stream().map(a -> new Object[] {a[1], a[2], a[0]}).toList());
    }

    boolean anyUnsent(long noticeId) {
        return !jdbc.queryForList("select id from notice_recipient where notice_id = ? and token_hash is null "
                + "limit 1", Long.class, noticeId).isEmpty();
    }

    /** The grids with households neither confirmed nor marked unreachable. */
    List<String> openGrids(long noticeId) {
        return jdbc.queryForList("select distinct grid_code from notice_recipient where notice_id = ? and " + OPEN
                + " order by grid_code", String.class, noticeId);
    }

    List<RecipientRow> open(long noticeId, String gridCode) {
        return jdbc.query("select " + RECIPIENT_COLUMNS + " from notice_recipient where notice_id = ? "
                + "and grid_code = ? and " + OPEN + " order by building_code, room, id", RECIPIENT, noticeId,
                gridCode);
    }

    List<RecipientRow> recipients(long noticeId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return named.query("select " + RECIPIENT_COLUMNS + " from notice_recipient where notice_id = :notice "
                + "and id in (:ids)", new MapSqlParameterSource("notice", noticeId).addValue("ids", ids),
                RECIPIENT);
    }

    Optional<RecipientRow> byTokenHash(String hash) {
        return jdbc.query("select " + RECIPIENT_COLUMNS + " from notice_recipient where token_hash = ?", RECIPIENT,
                hash).stream().findFirst();
    }

    /** Confirms a row not confirmed yet (a marked-unreachable one too: the resident answered after all). */
    boolean confirm(long recipientId, String via, String by, Instant at) {
        return jdbc.update("update notice_recipient set confirmed_at = ?, confirmed_via = ?, checked_by = ?, "
                + "checked_at = ? where id = ? and confirmed_at is null", ts(at), via, by, by == null ? null : ts(at),
                recipientId) == 1;
    }

    boolean unreachable(long recipientId, String reason, String by, Instant at) {
        return jdbc.update("update notice_recipient set unreachable_reason = ?, checked_by = ?, checked_at = ? "
                + "where id = ? and " + OPEN, reason, by, ts(at), recipientId) == 1;
    }

    /**
     * The newest notice, not finished, in which this phone has a row whose SMS was queued and which is not
     * confirmed yet.
     */
    Optional<Long> latestOpenNoticeOf(String phone) {
        Long id = jdbc.queryForObject("select max(r.notice_id) from notice_recipient r join notice n "
                + "on n.id = r.notice_id where r.phone = ? and r.token_hash is not null and r.confirmed_at is null "
                + "and n.state <> ?", Long.class, phone, NoticeState.DONE.name());
        return Optional.ofNullable(id);
    }

    int confirmPhone(long noticeId, String phone, String via, Instant at) {
        return jdbc.update("update notice_recipient set confirmed_at = ?, confirmed_via = ? where notice_id = ? "
                + "and phone = ? and token_hash is not null and confirmed_at is null", ts(at), via, noticeId, phone);
    }

    /** Counts per grid: delivery from the outbox row of each recipient's SMS (status as a string). */
    List<GridCounts> counts(long noticeId) {
        return jdbc.query("""
                select r.grid_code, max(r.community_code) community_code, count(*) recipients,
                    sum(case when m.status in ('SENT', 'DELIVERED') then 1 else 0 end) sent,
                    sum(case when m.status = 'DELIVERED' then 1 else 0 end) delivered,
                    sum(case when r.confirmed_via = 'LINK' then 1 else 0 end) by_link,
                    sum(case when r.confirmed_via = 'REPLY' then 1 else 0 end) by_reply,
                    sum(case when r.confirmed_via = 'VISIT' then 1 else 0 end) by_visit,
                    sum(case when r.confirmed_at is null and r.unreachable_reason is not null then 1 else 0 end)
                        unreachable
                from notice_recipient r left join notification m on m.dedup_key = r.sms_dedup_key
                where r.notice_id = ? group by r.grid_code order by r.grid_code""",
                (rs, i) -> new GridCounts(rs.getString("grid_code"), rs.getString("community_code"),
                        rs.getLong("recipients"), rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("by_link"),
                        rs.getLong("by_reply"), rs.getLong("by_visit"), rs.getLong("unreachable")),
                noticeId);
    }

    private static final RowMapper<NoticeRow> NOTICE = (rs, i) -> new NoticeRow(rs.getLong("id"),
            rs.getString("title"), rs.getString("body"), NoticeKind.valueOf(rs.getString("kind")),
            instant(rs, "confirm_by"), rs.getString("area_codes"), rs.getBoolean("per_household"),
            rs.getString("sender_login"), rs.getString("sender_unit"), NoticeState.valueOf(rs.getString("state")),
            rs.getString("process_instance_id"), instant(rs, "created_at"), instant(rs, "finished_at"));

    private static final RowMapper<RecipientRow> RECIPIENT = (rs, i) -> new RecipientRow(rs.getLong("id"),
            rs.getLong("notice_id"), rs.getString("phone"), rs.getString("masked_name"), rs.getString("grid_code"),
            rs.getString("building_code"), rs.getString("building_address"), rs.getString("room"),
            instant(rs, "confirmed_at"), rs.getString("confirmed_via"), rs.getString("unreachable_reason"));

    /** The same UTC wall-clock Hibernate writes for an Instant (hibernate.jdbc.time_zone=UTC). */
    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
