-- Issue 12, target 5: the dispatchers find a caller's cases by the phone number he reported with.
-- reporter_phone_key: SHA-256 (hex) of the normalised number (casefile/PhoneKeys says how and why a hash); the intake
-- fills it for every case with a phone, and here it is computed for the cases registered before, in the same steps:
-- separators dropped, a leading + as 00, China's country code (0086, or 86 before an 11-digit mobile) dropped and a
-- landline's trunk 0 given back, then hashed (${phone_key_sha256}: the database's own SHA-256 in lower-case hex).
alter table case_file add column reporter_phone_key varchar(64);
update case_file set reporter_phone_key = replace(replace(replace(replace(replace(reporter_phone, ' ', ''), '-', ''),
    '.', ''), '(', ''), ')', '') where reporter_phone is not null;
update case_file set reporter_phone_key = concat('00', substring(reporter_phone_key, 2))
    where reporter_phone_key like '+%';
update case_file set reporter_phone_key = case when substring(reporter_phone_key, 5, 1) in ('0', '1')
    then substring(reporter_phone_key, 5) else concat('0', substring(reporter_phone_key, 5)) end
    where reporter_phone_key like '0086%';
update case_file set reporter_phone_key = substring(reporter_phone_key, 3)
    where reporter_phone_key like '861%' and length(reporter_phone_key) = 13;
update case_file set reporter_phone_key = ${phone_key_sha256} where reporter_phone_key is not null;
-- a caller's cases, newest first
create index ix_case_phone on case_file (reporter_phone_key, created_at);

-- Every search by phone is an access to personal data, recorded like a read of a resident's ID number (V7): who,
-- when, the number masked (never the number itself), how many cases were found and which were shown.
create table case_access_log (
    id               bigint auto_increment primary key,
    at               datetime(6)   not null,
    login            varchar(64)   not null,
    kind             varchar(32)   not null,
    subject_masked   varchar(32)   not null,
    found            bigint        not null,
    shown            varchar(2000) not null
) ${table_options};
create index ix_case_access_login on case_access_log (login, at);
create index ix_case_access_at on case_access_log (at);
