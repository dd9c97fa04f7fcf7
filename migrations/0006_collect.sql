-- 归集: batches as providers submitted them, the rows they refused (quarantine), the facts
-- they established with their provenance, and the history of every fact that changed.

-- One submitted file. Committed in the same transaction as its facts and quarantined rows, so a
-- batch row exists only for a complete batch. The same content from the same provider for the
-- same category, read in the same encoding, is recognised by its SHA-256 and never applied twice
-- (the same bytes read in another encoding are another batch: a file first sent with the wrong
-- encoding declared can be sent again with the right one).
CREATE TABLE collect_batches (
  id {{ID}},
  provider_id BIGINT NOT NULL REFERENCES organisations (id),
  category TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('upload', 'api', 'cli')),
  file_name TEXT NOT NULL,
  format TEXT NOT NULL,
  encoding TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  header TEXT NOT NULL,            -- JSON array: the file's header as written
  unknown_columns TEXT NOT NULL,   -- JSON array: header cells that map to no field
  rows_total BIGINT NOT NULL DEFAULT 0,
  rows_accepted BIGINT NOT NULL DEFAULT 0,
  rows_unchanged BIGINT NOT NULL DEFAULT 0,
  rows_quarantined BIGINT NOT NULL DEFAULT 0,
  rows_superseding BIGINT NOT NULL DEFAULT 0,
  resubmit_of BIGINT REFERENCES collect_batches (id),
  submitted_by BIGINT REFERENCES users (id),
  received_at TEXT NOT NULL,
  completed_at TEXT,
  UNIQUE (provider_id, category, content_sha256, encoding)
);

CREATE INDEX collect_batches_received ON collect_batches (received_at);

-- A refused row: its cells as read (JSON array aligned to the batch header) and every problem
-- found in it (JSON array of {column, value, reason: {zh, en}}).
CREATE TABLE collect_quarantine (
  batch_id BIGINT NOT NULL REFERENCES collect_batches (id),
  row_number BIGINT NOT NULL,
  cells TEXT NOT NULL,
  problems TEXT NOT NULL,
  PRIMARY KEY (batch_id, row_number)
);

-- The current value of each fact: one per enterprise, category and key (the period, the
-- document number …), with where it came from.
CREATE TABLE facts (
  id {{ID}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  category TEXT NOT NULL,
  fact_key TEXT NOT NULL,
  fact_date TEXT,                  -- the fact's own date, YYYY-MM-DD
  vals TEXT NOT NULL,              -- JSON object of typed, normalised values (amounts in fen)
  content_hash TEXT NOT NULL,
  provider_id BIGINT NOT NULL REFERENCES organisations (id),
  batch_id BIGINT NOT NULL REFERENCES collect_batches (id),
  row_number BIGINT NOT NULL,
  received_at TEXT NOT NULL,       -- when the platform learned this value
  UNIQUE (enterprise_id, category, fact_key)
);

CREATE INDEX facts_batch ON facts (batch_id);
CREATE INDEX facts_provider ON facts (provider_id, category);

-- Earlier values of a fact: what it was, from when (received_at) until when (superseded_at),
-- and which batch replaced it.
CREATE TABLE fact_history (
  id {{ID}},
  fact_id BIGINT NOT NULL REFERENCES facts (id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  category TEXT NOT NULL,
  fact_key TEXT NOT NULL,
  fact_date TEXT,
  vals TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  provider_id BIGINT NOT NULL REFERENCES organisations (id),
  batch_id BIGINT NOT NULL REFERENCES collect_batches (id),
  row_number BIGINT NOT NULL,
  received_at TEXT NOT NULL,
  superseded_at TEXT NOT NULL,
  superseded_by_batch BIGINT NOT NULL REFERENCES collect_batches (id)
);

CREATE INDEX fact_history_enterprise ON fact_history (enterprise_id, superseded_at);

-- Names an enterprise was registered under before, and the date each stopped being its name.
CREATE TABLE enterprise_names (
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  name TEXT NOT NULL,
  until_date TEXT NOT NULL,
  PRIMARY KEY (enterprise_id, name, until_date)
);
