-- Organisations of every kind that take part in the platform, and the market entities
-- (enterprises) of the registry. Codes are stored in English; dictionaries give the Chinese.

CREATE TABLE organisations (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('operator', 'government', 'bank', 'enterprise', 'provider', 'park')),
  name TEXT NOT NULL UNIQUE,
  short_name TEXT,
  region_code TEXT NOT NULL,
  parent_id BIGINT REFERENCES organisations (id),
  created_at TEXT NOT NULL
);

CREATE INDEX organisations_kind ON organisations (kind);

CREATE TABLE enterprises (
  id {{ID}},
  uscc TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  industry_section TEXT NOT NULL,
  industry_division TEXT NOT NULL,
  size_class TEXT NOT NULL CHECK (size_class IN ('large', 'medium', 'small', 'micro')),
  established_on TEXT NOT NULL,
  registered_capital_fen BIGINT NOT NULL,
  employees INTEGER,
  annual_revenue_fen BIGINT,
  total_assets_fen BIGINT,
  status TEXT NOT NULL CHECK (status IN ('operating', 'revoked', 'cancelled', 'moved_out')),
  park_id BIGINT REFERENCES organisations (id),
  address TEXT,
  created_at TEXT NOT NULL
);

CREATE INDEX enterprises_region ON enterprises (region_code);
CREATE INDEX enterprises_park ON enterprises (park_id);
