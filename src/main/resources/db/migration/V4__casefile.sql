-- The case record every case kind shares, and its timeline. Written in the engine's transaction.

create table case_file (
    id                 bigint auto_increment primary key,
    tracking_number    varchar(32)  not null,
    kind               varchar(16)  not null,
    channel            varchar(16)  not null,
    category           varchar(64)  not null,
    description        varchar(4000) not null,
    lat                double precision,
    lng                double precision,
    address            varchar(255),
    grid_code          varchar(64),
    department_code    varchar(64),
    reporter_name      varchar(64),
    reporter_phone     varchar(32),
    reporter_email     varchar(128),
    urgency            varchar(16)  not null,
    status             varchar(16)  not null,
    handler_group      varchar(80),
    response_due_at    datetime(6),
    handling_due_at    datetime(6),
    yellow_at          datetime(6),
    supervised         boolean      not null,
    supervision_due_at datetime(6),
    escalation_level   integer      not null,
    reopen_count       integer      not null,
    satisfaction       varchar(24),
    outcome_note       varchar(1000),
    merged_into        varchar(32),
    external_id        varchar(128),
    process_instance_id varchar(64),
    created_by         varchar(64),
    created_at         datetime(6)  not null,
    updated_at         datetime(6)  not null,
    closed_at          datetime(6),
    version            bigint       not null,
    constraint uk_case_tracking_number unique (tracking_number),
    constraint uk_case_external_id unique (external_id)
) ${table_options};
create index ix_case_status on case_file (status, handling_due_at);
create index ix_case_grid on case_file (grid_code, status);
create index ix_case_department on case_file (department_code, status);

create table case_event (
    id          bigint auto_increment primary key,
    case_id     bigint       not null,
    at          datetime(6)  not null,
    actor       varchar(64),
    type        varchar(32)  not null,
    note        varchar(2000),
    constraint fk_case_event_case foreign key (case_id) references case_file (id)
) ${table_options};
create index ix_case_event_case on case_event (case_id, at);

-- per prefix and day: the last number handed out (SQ-20261122-0001)
create table tracking_sequence (
    prefix_day  varchar(32) not null primary key,
    last_value  bigint      not null
) ${table_options};
