-- The job executor's acquisition query (Camunda's selectNextJobsToExecute) asks every few seconds, on every node,
-- for unlocked jobs whose due date has passed, ordered by type and due date (job-executor-prefer-timer-jobs,
-- job-executor-acquire-by-due-date in application.yml). Camunda 7.24 creates no index on ACT_RU_JOB.DUEDATE_, so
-- each acquisition read the whole table and sorted it: every open case keeps at least one timer job (its deadline),
-- so at 40,000 open cases (84,000 jobs) one acquisition took about 79 ms on MariaDB, with this index about 5 ms,
-- reading only the due rows (docs/benchmarks.md, "Deadline storm"). Runs unchanged on H2 and MySQL 8 / MariaDB.
create index ix_job_duedate on ACT_RU_JOB (DUEDATE_);
