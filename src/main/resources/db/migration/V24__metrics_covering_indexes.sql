-- At a city's scale (1M cases, docs/benchmarks.md) the rates and the light board spent their time fetching rows
-- through ix_case_received / ix_case_status: the index found a month's 130,000 cases, then every row was read for
-- the facts. These two indexes hold every column those questions read, so each question is one scan of one index.
--   rates (CaseTallies): a period by received time; the scope (grid, department), the narrowing (kind, category) and
--   every fact the rates count, the handling time and deadline
create index ix_case_rates on case_file (created_at, grid_code, department_code, kind, category, status, satisfaction,
    survey_resolved, responded_on_time, closed_on_time, reopened, handling_working_days, handling_due_at);
--   light board (LightBoardCases): the open cases by status and deadline, with the yellow point, the supervision mark
--   and the scope
create index ix_case_board on case_file (status, handling_due_at, yellow_at, supervised, grid_code, department_code);
