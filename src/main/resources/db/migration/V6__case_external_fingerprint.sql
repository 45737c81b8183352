-- With an external id, the intake keeps a fingerprint (SHA-256, hex) of the normalised request: a resend of the same
-- request answers the first case, another request under a used id is a conflict.
alter table case_file add column external_fingerprint varchar(64);
