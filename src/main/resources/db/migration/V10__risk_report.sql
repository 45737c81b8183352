-- A risk report's own data (风险隐患上报), beside the case record every kind shares (case_file): what the reporter
-- saw, what the grid leader found on site and how risk-grading.dmn graded it, what was done, how often it was
-- re-inspected. Written in the engine's transaction, like the case record.

create table risk_report (
    id                  bigint auto_increment primary key,
    case_id             bigint       not null,
    tracking_number     varchar(32)  not null,
    risk_type           varchar(16)  not null,
    reported_severity   varchar(16)  not null,
    reported_people     integer      not null,
    verified_severity   varchar(16),
    verified_people     integer,
    vulnerable          boolean      not null,
    risk_level          varchar(8),
    disposal_limit      varchar(32),
    reinspect_after     varchar(32),
    needs_joint         boolean      not null,
    joint_requested_at  datetime(6),
    instructions        integer      not null,
    disposal_rounds     integer      not null,
    reinspections       integer      not null,
    measures            varchar(2000),
    graded_at           datetime(6),
    reinspect_at        datetime(6),
    version             bigint       not null,
    constraint uk_risk_report_case unique (case_id),
    constraint uk_risk_report_tracking_number unique (tracking_number),
    constraint fk_risk_report_case foreign key (case_id) references case_file (id)
) ${table_options};
create index ix_risk_report_level on risk_report (risk_level);

-- residents the report involves (ids of the registry's residents; no personal data is copied here)
create table risk_report_resident (
    risk_report_id  bigint not null,
    resident_id     bigint not null,
    constraint pk_risk_report_resident primary key (risk_report_id, resident_id),
    constraint fk_risk_report_resident_report foreign key (risk_report_id) references risk_report (id)
) ${table_options};
