-- One-time links that let a reporter rate the result directly (好差评).
create table survey_token (
    token               varchar(64)  not null primary key,
    tracking_number     varchar(32)  not null,
    process_instance_id varchar(64)  not null,
    expires_at          datetime(6)  not null,
    answered_at         datetime(6),
    created_at          datetime(6)  not null
) ${table_options};
create index ix_survey_token_case on survey_token (tracking_number);
