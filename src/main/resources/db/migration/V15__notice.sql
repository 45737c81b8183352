-- 一键达 notices (notice/): one notice to the households of some areas, one row per recipient with its receipt.
-- Runs unchanged on H2 and MySQL 8 / MariaDB. Written with plain JDBC (batch inserts at town scale).
-- notice.state: QUEUED (recipients being chosen), SENDING (SMS being queued), AWAITING (waiting for receipts),
-- FOLLOW_UP (grid workers check the rest), DONE.

create table notice (
    id                  bigint auto_increment primary key,
    title               varchar(60)   not null,
    body                varchar(1000) not null,
    kind                varchar(32)   not null,
    confirm_by          datetime(6)   not null,
    area_codes          varchar(1000) not null,
    per_household       boolean       not null,
    sender_login        varchar(64)   not null,
    sender_unit         varchar(128)  not null,
    state               varchar(16)   not null,
    process_instance_id varchar(64),
    created_at          datetime(6)   not null,
    finished_at         datetime(6)
) ${table_options};
create index ix_notice_created on notice (created_at);

-- the grids a notice reaches: who may see it (a caller must cover every one)
create table notice_grid (
    notice_id bigint      not null,
    grid_code varchar(64) not null,
    primary key (notice_id, grid_code),
    constraint fk_notice_grid_notice foreign key (notice_id) references notice (id)
) ${table_options};

-- one recipient (one household's resident, or every resident): a snapshot of what the follow-up needs, the name
-- masked already; token_hash is the SHA-256 of the one-time link's token (the token itself is only in the SMS)
create table notice_recipient (
    id                 bigint auto_increment primary key,
    notice_id          bigint       not null,
    resident_id        bigint       not null,
    phone              varchar(32)  not null,
    masked_name        varchar(64)  not null,
    grid_code          varchar(64)  not null,
    community_code     varchar(64),
    building_code      varchar(64)  not null,
    building_address   varchar(255) not null,
    room               varchar(32),
    token_hash         varchar(64),
    sms_dedup_key      varchar(190),
    confirmed_at       datetime(6),
    confirmed_via      varchar(16),
    unreachable_reason varchar(500),
    checked_by         varchar(64),
    checked_at         datetime(6),
    constraint uk_notice_recipient unique (notice_id, resident_id),
    constraint uk_notice_recipient_token unique (token_hash),
    constraint fk_notice_recipient_notice foreign key (notice_id) references notice (id)
) ${table_options};
create index ix_notice_recipient_grid on notice_recipient (notice_id, grid_code);
create index ix_notice_recipient_phone on notice_recipient (phone);
