-- Photos and documents on a case (附件), in the database so that every node of a cluster serves them. The metadata
-- row is what lists read; the bytes (the stored file, metadata stripped, and an image's thumbnail) are in a table of
-- their own, read only when one file is served. longblob: up to 4 GB on MySQL; H2 takes it as a BLOB.

create table case_attachment (
    id              bigint auto_increment primary key,
    case_id         bigint        not null,
    file_name       varchar(128)  not null,
    content_type    varchar(16)   not null,
    size_bytes      bigint        not null,
    width           integer,
    height          integer,
    note            varchar(500),
    uploaded_by     varchar(64)   not null,
    uploaded_at     datetime(6)   not null,
    location_found  boolean       not null,
    lat             double precision,
    lng             double precision,
    sha256          varchar(64)   not null,
    constraint fk_case_attachment_case foreign key (case_id) references case_file (id)
) ${table_options};
create index ix_case_attachment_case on case_attachment (case_id, id);

create table case_attachment_content (
    attachment_id   bigint        not null primary key,
    content         longblob      not null,
    thumbnail       longblob,
    constraint fk_case_attachment_content foreign key (attachment_id) references case_attachment (id)
) ${table_options};
