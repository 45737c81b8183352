-- Grid registry (基础信息一网清). Runs unchanged on H2 and MySQL 8 / MariaDB.
-- Camunda creates its own ACT_* tables; Flyway owns only the tables below.
-- ${table_options} is empty on H2 and sets InnoDB/utf8mb4 on MySQL (application-mysql.yml).

create table area (
    id          bigint auto_increment primary key,
    code        varchar(64)  not null,
    name        varchar(128) not null,
    level       varchar(16)  not null,
    parent_id   bigint,
    boundary    longtext,
    version     bigint       not null,
    created_at  datetime(6)  not null,
    updated_at  datetime(6)  not null,
    constraint uk_area_code unique (code),
    constraint fk_area_parent foreign key (parent_id) references area (id)
) ${table_options};
create index ix_area_parent on area (parent_id);
create index ix_area_level on area (level);

create table department (
    id          bigint auto_increment primary key,
    code        varchar(64)  not null,
    name        varchar(128) not null,
    area_id     bigint,
    version     bigint       not null,
    constraint uk_department_code unique (code),
    constraint fk_department_area foreign key (area_id) references area (id)
) ${table_options};

create table department_category (
    department_id bigint      not null,
    category      varchar(64) not null,
    primary key (department_id, category),
    constraint fk_department_category foreign key (department_id) references department (id)
) ${table_options};

create table person (
    id          bigint auto_increment primary key,
    login       varchar(64)  not null,
    name        varchar(64)  not null,
    phone       varchar(32),
    email       varchar(128),
    version     bigint       not null,
    created_at  datetime(6)  not null,
    updated_at  datetime(6)  not null,
    constraint uk_person_login unique (login)
) ${table_options};

create table person_role (
    id            bigint auto_increment primary key,
    person_id     bigint      not null,
    role          varchar(32) not null,
    area_id       bigint,
    department_id bigint,
    constraint fk_person_role_person foreign key (person_id) references person (id),
    constraint fk_person_role_area foreign key (area_id) references area (id),
    constraint fk_person_role_department foreign key (department_id) references department (id)
) ${table_options};
create index ix_person_role_area on person_role (area_id, role);

create table building (
    id          bigint auto_increment primary key,
    code        varchar(64)  not null,
    address     varchar(255) not null,
    grid_id     bigint       not null,
    lat         double precision,
    lng         double precision,
    households  integer,
    verified_at datetime(6),
    verified_by varchar(64),
    version     bigint       not null,
    constraint uk_building_code unique (code),
    constraint fk_building_grid foreign key (grid_id) references area (id)
) ${table_options};
create index ix_building_grid on building (grid_id);

create table resident (
    id          bigint auto_increment primary key,
    id_number   varchar(32)  not null,
    name        varchar(64)  not null,
    phone       varchar(32),
    building_id bigint       not null,
    room        varchar(32),
    version     bigint       not null,
    constraint uk_resident_id_number unique (id_number),
    constraint fk_resident_building foreign key (building_id) references building (id)
) ${table_options};
create index ix_resident_building on resident (building_id);

create table resident_tag (
    resident_id bigint      not null,
    tag         varchar(32) not null,
    primary key (resident_id, tag),
    constraint fk_resident_tag foreign key (resident_id) references resident (id)
) ${table_options};

-- one row per registry change that every node of a cluster must pick up (spatial index rebuild)
create table registry_change (
    id          bigint auto_increment primary key,
    kind        varchar(32) not null,
    changed_at  datetime(6) not null
) ${table_options};
