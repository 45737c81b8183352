-- Open311 GeoReport v2 (open311/): the API keys an administrator issues per client application, kept as the
-- SHA-256 of the key only, and the requests that came in through the API, one row per case, with what GeoReport
-- carries beyond a case: the service code, the token, the media link (never fetched), the attribute answers, the
-- client's account and device ids. The reporter's name, phone and e-mail are on the case (case_file), not here.

create table open311_api_key (
    id            bigint auto_increment primary key,
    client        varchar(100) not null,
    key_hash      varchar(64)  not null,
    created_by    varchar(64)  not null,
    created_at    datetime(6)  not null,
    revoked_by    varchar(64),
    revoked_at    datetime(6),
    constraint uk_open311_api_key_hash unique (key_hash)
) ${table_options};

create table open311_request (
    id               bigint auto_increment primary key,
    tracking_number  varchar(32)   not null,
    token            varchar(64)   not null,
    service_code     varchar(64)   not null,
    api_key_id       bigint        not null,
    media_url        varchar(500),
    address_id       varchar(64),
    account_id       varchar(64),
    device_id        varchar(128),
    attributes       varchar(4000),
    requested_at     datetime(6)   not null,
    constraint uk_open311_request_case unique (tracking_number),
    constraint uk_open311_request_token unique (token),
    constraint fk_open311_request_case foreign key (tracking_number) references case_file (tracking_number),
    constraint fk_open311_request_key foreign key (api_key_id) references open311_api_key (id)
) ${table_options};
create index ix_open311_request_requested on open311_request (requested_at);
create index ix_open311_request_service on open311_request (service_code, requested_at);
