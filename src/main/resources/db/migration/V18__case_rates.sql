-- What the rates (三率, org.gridcase.metrics) need, kept on the case record where the case changes, so that a
-- period's rates are one indexed scan of case_file and never a walk through Camunda's history.
--   responded_at       the first time staff acted on the case (verified, dispatched, handled or answered it)
--   responded_on_time  whether that was within the response limit in force then (null: not yet responded)
--   closed_on_time     whether it finished by the handling deadline in force then (null: not finished)
--   reopened           whether it was ever sent back for another round (a reporter not satisfied, a failed
--                      re-inspection)
--   survey_resolved    the reporter's answer to "is the problem solved" in the last survey: YES, NO, PARTLY
--                      (null: not asked, or not reached)
alter table case_file add column responded_at datetime(6);
alter table case_file add column responded_on_time boolean;
alter table case_file add column closed_on_time boolean;
alter table case_file add column reopened boolean default false not null;
alter table case_file add column survey_resolved varchar(8);
-- a period is the cases received (created) in it; most questions add a kind, grid or department
create index ix_case_received on case_file (created_at, kind);
create index ix_case_grid_received on case_file (grid_code, created_at);
create index ix_case_department_received on case_file (department_code, created_at);
-- cases from before this migration: the same facts from the record and its timeline
update case_file set reopened = true where reopen_count > 0
    or exists (select 1 from case_event e where e.case_id = case_file.id and e.type = 'REOPENED');
update case_file set responded_at = (select min(e.at) from case_event e where e.case_id = case_file.id
    and e.type in ('VERIFIED', 'DISPATCHED', 'HANDLED', 'ANSWERED'));
update case_file set responded_on_time = (response_due_at is null or responded_at <= response_due_at)
    where responded_at is not null;
update case_file set closed_on_time = (handling_due_at is null or closed_at <= handling_due_at)
    where closed_at is not null;
