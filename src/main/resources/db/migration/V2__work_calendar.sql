-- Working-day calendar (工作日历): the State Council holiday schedule (国务院办公厅 节假日安排), one row per
-- exceptional day. Every day not listed follows the rule: Monday–Friday work, Saturday and Sunday rest.
--   HOLIDAY         放假: a day off, including the weekend days inside a holiday block
--   MAKEUP_WORKDAY  调休上班: a Saturday or Sunday that is worked
-- A year counts as loaded when it has a calendar_year row; process owners load the next year through
-- PUT /api/calendar/years/{year}. Years without data fall back to Monday–Friday (logged, health indicator).
-- The key columns are day_date / year_number: DAY and YEAR are reserved words in H2 2.x.

create table calendar_year (
    year_number  int          not null primary key,
    published_by varchar(128) not null,
    loaded_at    datetime(6)  not null
) ${table_options};

create table calendar_day (
    day_date  date         not null primary key,
    kind      varchar(16)  not null,
    name      varchar(64)  not null,
    note      varchar(255)
) ${table_options};

-- loaded_at of the seeded years: when this migration was written (UTC), the same on every database
insert into calendar_year (year_number, published_by, loaded_at) values
    (2025, '国办发明电〔2024〕12号', '2026-11-24 00:00:00'),
    (2026, '国务院办公厅通知（2025年11月4日）', '2026-11-24 00:00:00');

-- 2025 (国办发明电〔2024〕12号)
insert into calendar_day (day_date, kind, name) values
    ('2025-01-01', 'HOLIDAY', '元旦'),
    ('2025-01-26', 'MAKEUP_WORKDAY', '春节'),
    ('2025-01-28', 'HOLIDAY', '春节'),
    ('2025-01-29', 'HOLIDAY', '春节'),
    ('2025-01-30', 'HOLIDAY', '春节'),
    ('2025-01-31', 'HOLIDAY', '春节'),
    ('2025-02-01', 'HOLIDAY', '春节'),
    ('2025-02-02', 'HOLIDAY', '春节'),
    ('2025-02-03', 'HOLIDAY', '春节'),
    ('2025-02-04', 'HOLIDAY', '春节'),
    ('2025-02-08', 'MAKEUP_WORKDAY', '春节'),
    ('2025-04-04', 'HOLIDAY', '清明节'),
    ('2025-04-05', 'HOLIDAY', '清明节'),
    ('2025-04-06', 'HOLIDAY', '清明节'),
    ('2025-04-27', 'MAKEUP_WORKDAY', '劳动节'),
    ('2025-05-01', 'HOLIDAY', '劳动节'),
    ('2025-05-02', 'HOLIDAY', '劳动节'),
    ('2025-05-03', 'HOLIDAY', '劳动节'),
    ('2025-05-04', 'HOLIDAY', '劳动节'),
    ('2025-05-05', 'HOLIDAY', '劳动节'),
    ('2025-05-31', 'HOLIDAY', '端午节'),
    ('2025-06-01', 'HOLIDAY', '端午节'),
    ('2025-06-02', 'HOLIDAY', '端午节'),
    ('2025-09-28', 'MAKEUP_WORKDAY', '国庆节、中秋节'),
    ('2025-10-01', 'HOLIDAY', '国庆节、中秋节'),
    ('2025-10-02', 'HOLIDAY', '国庆节、中秋节'),
    ('2025-10-03', 'HOLIDAY', '国庆节、中秋节'),
    ('2025-10-04', 'HOLIDAY', '国庆节、中秋节'),
    ('2025-10-05', 'HOLIDAY', '国庆节、中秋节'),
    ('2025-10-06', 'HOLIDAY', '国庆节、中秋节'),
    ('2025-10-07', 'HOLIDAY', '国庆节、中秋节'),
    ('2025-10-08', 'HOLIDAY', '国庆节、中秋节'),
    ('2025-10-11', 'MAKEUP_WORKDAY', '国庆节、中秋节');

-- 2026 (国务院办公厅 2025年11月4日)
insert into calendar_day (day_date, kind, name) values
    ('2026-01-01', 'HOLIDAY', '元旦'),
    ('2026-01-02', 'HOLIDAY', '元旦'),
    ('2026-01-03', 'HOLIDAY', '元旦'),
    ('2026-01-04', 'MAKEUP_WORKDAY', '元旦'),
    ('2026-02-14', 'MAKEUP_WORKDAY', '春节'),
    ('2026-02-15', 'HOLIDAY', '春节'),
    ('2026-02-16', 'HOLIDAY', '春节'),
    ('2026-02-17', 'HOLIDAY', '春节'),
    ('2026-02-18', 'HOLIDAY', '春节'),
    ('2026-02-19', 'HOLIDAY', '春节'),
    ('2026-02-20', 'HOLIDAY', '春节'),
    ('2026-02-21', 'HOLIDAY', '春节'),
    ('2026-02-22', 'HOLIDAY', '春节'),
    ('2026-02-23', 'HOLIDAY', '春节'),
    ('2026-02-28', 'MAKEUP_WORKDAY', '春节'),
    ('2026-04-04', 'HOLIDAY', '清明节'),
    ('2026-04-05', 'HOLIDAY', '清明节'),
    ('2026-04-06', 'HOLIDAY', '清明节'),
    ('2026-05-01', 'HOLIDAY', '劳动节'),
    ('2026-05-02', 'HOLIDAY', '劳动节'),
    ('2026-05-03', 'HOLIDAY', '劳动节'),
    ('2026-05-04', 'HOLIDAY', '劳动节'),
    ('2026-05-05', 'HOLIDAY', '劳动节'),
    ('2026-05-09', 'MAKEUP_WORKDAY', '劳动节'),
    ('2026-06-19', 'HOLIDAY', '端午节'),
    ('2026-06-20', 'HOLIDAY', '端午节'),
    ('2026-06-21', 'HOLIDAY', '端午节'),
    ('2026-09-20', 'MAKEUP_WORKDAY', '国庆节'),
    ('2026-09-25', 'HOLIDAY', '中秋节'),
    ('2026-09-26', 'HOLIDAY', '中秋节'),
    ('2026-09-27', 'HOLIDAY', '中秋节'),
    ('2026-10-01', 'HOLIDAY', '国庆节'),
    ('2026-10-02', 'HOLIDAY', '国庆节'),
    ('2026-10-03', 'HOLIDAY', '国庆节'),
    ('2026-10-04', 'HOLIDAY', '国庆节'),
    ('2026-10-05', 'HOLIDAY', '国庆节'),
    ('2026-10-06', 'HOLIDAY', '国庆节'),
    ('2026-10-07', 'HOLIDAY', '国庆节'),
    ('2026-10-10', 'MAKEUP_WORKDAY', '国庆节');
