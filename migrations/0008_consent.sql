-- 数据授权: an enterprise's consent for one bank to read its data, for a scope and a period,
-- revocable at any time. A read is allowed only while a consent is live (not revoked, not
-- expired) and is audited; the enterprise's read log comes from the audit trail.
CREATE TABLE consents (
  id {{ID}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  bank_id BIGINT NOT NULL REFERENCES organisations (id),
  scopes TEXT NOT NULL,            -- JSON array of scope codes: credit, profile, tax, …
  purpose TEXT NOT NULL DEFAULT '',
  granted_by BIGINT NOT NULL REFERENCES users (id),
  granted_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,        -- RFC 3339 +08:00
  revoked_at TEXT,
  revoked_by BIGINT REFERENCES users (id)
);

CREATE INDEX consents_enterprise ON consents (enterprise_id, id);
CREATE INDEX consents_bank ON consents (bank_id, enterprise_id);
