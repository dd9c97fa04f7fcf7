-- The audit trail (src/platform/audit): one row per security-relevant event. Users and
-- organisations are copied in by id and name rather than referenced, so that the trail outlives
-- renames and removals and never blocks them. Each row carries the hash of the row before it
-- (prev_hash) and its own (hash), see src/platform/audit/chain.hpp; 0004 makes the table
-- append-only.

CREATE TABLE audit_log (
  id {{ID}},
  at TEXT NOT NULL,                        -- RFC 3339, always +08:00, so it sorts as text
  request_id TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  organisation_id BIGINT,
  organisation_name TEXT NOT NULL,
  organisation_region TEXT NOT NULL,       -- the organisation's region code: government scope
  token_id BIGINT,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  detail TEXT NOT NULL,
  -- UNIQUE: two rows can never claim the same predecessor, so even a bug in the append lock
  -- could not fork the chain; the second append would fail instead.
  prev_hash TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, id);
CREATE INDEX audit_log_region ON audit_log (organisation_region, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);
