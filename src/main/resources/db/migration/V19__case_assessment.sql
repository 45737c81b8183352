-- The assessment (考核, org.gridcase.metrics) reads a month of the timeline by event type: the handling steps
-- completed and the returns made in it.
create index ix_case_event_type_at on case_event (type, at);
