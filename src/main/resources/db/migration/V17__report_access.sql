-- The keys of the public status page (/report/{trackingNumber}?k=…): one per report filed on the page and one per
-- resident who chose to follow an open case instead of filing a duplicate. Only a hash of the key is kept.
create table report_access (
    id               bigint auto_increment primary key,
    tracking_number  varchar(32)  not null,
    key_hash         varchar(64)  not null,
    kind             varchar(16)  not null,
    created_at       datetime(6)  not null,
    constraint uk_report_access_key unique (key_hash)
) ${table_options};
create index ix_report_access_case on report_access (tracking_number);
