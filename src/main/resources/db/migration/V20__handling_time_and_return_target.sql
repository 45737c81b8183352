-- Handling time (issue 11): how many working days a case took from registration to its finish, kept on the record
-- when it finishes (WorkingCalendar.workingDaysBetween, two decimals), so a period's average and 90th percentile are
-- one indexed scan of case_file. Cases finished before this migration get it from HandlingTimeBackfill at start-up.
alter table case_file add column handling_working_days decimal(9,2);
-- The group a case lay with once a timeline line happened: a return (退单) names the unit that returned it, the
-- re-dispatch after it the unit it went to; the assessment counts a return as wrongful when the dispatcher sent the
-- case straight back. Lines written before this migration have none (their returns cannot be judged).
alter table case_event add column handler_group varchar(80);
-- Work a migration leaves to the application (it needs the holiday calendar, which SQL does not have): one row per
-- pending job, deleted when the job has run, so a start-up checks one tiny table instead of scanning case_file.
create table pending_backfill (
    name varchar(64) not null primary key
) ${table_options};
insert into pending_backfill (name) values ('case_file.handling_working_days');
