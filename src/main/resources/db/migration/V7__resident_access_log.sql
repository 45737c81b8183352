-- Every read of a resident's full ID number: who, when, which resident, what was shown (the number itself is not
-- copied here, only its masked form). No foreign key: the record outlives the resident's row.
create table resident_access_log (
    id               bigint auto_increment primary key,
    at               datetime(6)  not null,
    login            varchar(64)  not null,
    resident_id      bigint       not null,
    id_number_masked varchar(32)  not null,
    shown            varchar(32)  not null
) ${table_options};
create index ix_resident_access_resident on resident_access_log (resident_id, at);
create index ix_resident_access_at on resident_access_log (at);
