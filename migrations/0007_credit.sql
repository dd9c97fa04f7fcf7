-- 信用画像: scorecard versions, scoring runs and the scores they recorded.

-- One scorecard artifact, stored byte for byte as loaded (its checksum covers its content). At
-- most one is active; scores always name the version that produced them.
CREATE TABLE credit_scorecards (
  id {{ID}},
  version TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  method TEXT NOT NULL,
  artifact TEXT NOT NULL,
  checksum TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('candidate', 'active', 'retired')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,        -- a user name, or "cli:<os user>", or "system" for the default
  activated_at TEXT,
  activated_by TEXT
);

CREATE UNIQUE INDEX credit_scorecards_one_active ON credit_scorecards (status) WHERE status = 'active';

-- A run of `jinfu credit score --all`: every enterprise as of one moment with one scorecard,
-- committed chunk by chunk with its progress so that a run cut short resumes where it stopped.
CREATE TABLE credit_runs (
  id {{ID}},
  scorecard_id BIGINT NOT NULL REFERENCES credit_scorecards (id),
  as_of TEXT NOT NULL,             -- the moment: facts received after it are not seen
  status TEXT NOT NULL CHECK (status IN ('running', 'completed')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  last_enterprise_id BIGINT NOT NULL DEFAULT 0,
  enterprises BIGINT NOT NULL DEFAULT 0,
  grade_counts TEXT                -- JSON {region code: {grade: count}}, written when the run completes
);

-- A recorded score: the scorecard, the moment, the inputs (canonical text and its hash) and the
-- points per feature, so that it can be recomputed and checked. From a run, or from a single
-- request when the score changed since the enterprise's previous one.
CREATE TABLE credit_scores (
  id {{ID}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  scorecard_id BIGINT NOT NULL REFERENCES credit_scorecards (id),
  run_id BIGINT REFERENCES credit_runs (id),
  as_of TEXT NOT NULL,
  score BIGINT NOT NULL,
  grade TEXT NOT NULL,
  inputs TEXT NOT NULL,
  inputs_hash TEXT NOT NULL,
  points TEXT NOT NULL,            -- JSON array: points per scorecard feature, in card order
  computed_at TEXT NOT NULL
);

CREATE INDEX credit_scores_enterprise ON credit_scores (enterprise_id, id);
CREATE UNIQUE INDEX credit_scores_run ON credit_scores (run_id, enterprise_id);
