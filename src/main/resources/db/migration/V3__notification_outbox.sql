-- Notification outbox (notify/). Runs unchanged on H2 and MySQL 8 / MariaDB.
-- A row is written in the same transaction as the case/engine state that caused it, then sent by the
-- OutboxDispatcher. dedup_key makes enqueueing idempotent (a retried engine job stores its message once).
-- status: PENDING (to send), SENT, FAILED (gave up after max attempts), HELD (channel not configured: kept).

create table notification (
    id              bigint auto_increment primary key,
    dedup_key       varchar(190)  not null,
    channel         varchar(16)   not null,
    recipient       varchar(128)  not null,
    recipient_login varchar(64),
    template        varchar(64)   not null,
    subject         varchar(255)  not null,
    body            longtext      not null,
    case_ref        varchar(64),
    status          varchar(16)   not null,
    attempts        int           not null,
    next_attempt_at datetime(6)   not null,
    last_error      varchar(1000),
    created_at      datetime(6)   not null,
    sent_at         datetime(6),
    version         bigint        not null,
    constraint uk_notification_dedup_key unique (dedup_key)
) ${table_options};
create index ix_notification_due on notification (status, next_attempt_at);
create index ix_notification_case on notification (case_ref);
