-- People and machines that act on the platform, each for one organisation.

ALTER TABLE organisations ADD COLUMN uscc TEXT;
ALTER TABLE organisations ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX organisations_uscc ON organisations (uscc);

CREATE TABLE users (
  id {{ID}},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  mobile TEXT UNIQUE,
  password_hash TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  -- Role codes separated by single spaces, sorted: read with the user in one query on every request.
  roles TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  last_login_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

-- Only a hash of the token is stored: a copy of the table does not let anyone log in.
CREATE TABLE sessions (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  permissions TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed log-ins per username (whether or not it exists, so a lock-out reveals nothing) and per
-- client address.
CREATE TABLE login_attempts (
  attempt_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_started_at TEXT NOT NULL,
  locked_until TEXT
);
