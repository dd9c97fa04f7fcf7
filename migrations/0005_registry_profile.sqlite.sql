-- The registry learns what registration data (登记注册) brings: type, legal representative,
-- contacts, the reported industry class, the rule that decided the size class, and the pinyin
-- of the name for search. Size and capital may be unknown until the data arrives, so SQLite
-- rebuilds the table to drop those NOT NULLs (nothing references enterprises yet).
CREATE TABLE enterprises_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uscc TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  industry_section TEXT NOT NULL,
  industry_division TEXT NOT NULL,
  industry_code TEXT,
  size_class TEXT CHECK (size_class IN ('large', 'medium', 'small', 'micro')),
  size_rule TEXT,
  established_on TEXT NOT NULL,
  registered_capital_fen BIGINT,
  employees INTEGER,
  annual_revenue_fen BIGINT,
  total_assets_fen BIGINT,
  status TEXT NOT NULL CHECK (status IN ('operating', 'revoked', 'cancelled', 'moved_out')),
  entity_type TEXT,
  legal_representative TEXT,
  contact_name TEXT,
  contact_mobile TEXT,
  park_id BIGINT REFERENCES organisations (id),
  address TEXT,
  name_pinyin TEXT NOT NULL DEFAULT '',
  name_initials TEXT NOT NULL DEFAULT '',
  search_terms TEXT NOT NULL DEFAULT '',  -- name, pinyin, initials and USCC, lower case
  created_at TEXT NOT NULL,
  updated_at TEXT
);

INSERT INTO enterprises_new (id, uscc, name, region_code, industry_section, industry_division, size_class,
  established_on, registered_capital_fen, employees, annual_revenue_fen, total_assets_fen, status, park_id,
  address, created_at)
SELECT id, uscc, name, region_code, industry_section, industry_division, size_class, established_on,
  registered_capital_fen, employees, annual_revenue_fen, total_assets_fen, status, park_id, address, created_at
FROM enterprises;

DROP TABLE enterprises;
ALTER TABLE enterprises_new RENAME TO enterprises;
CREATE INDEX enterprises_region ON enterprises (region_code);
CREATE INDEX enterprises_park ON enterprises (park_id);
CREATE INDEX enterprises_name ON enterprises (name);

-- Substring search over name, pinyin, initials and code: an FTS5 trigram index kept in step by
-- triggers; `search_terms LIKE '%…%'` on it uses the index for three or more characters.
CREATE VIRTUAL TABLE enterprise_search USING fts5 (search_terms, content = 'enterprises', content_rowid = 'id',
  tokenize = 'trigram');
CREATE TRIGGER enterprises_search_insert AFTER INSERT ON enterprises BEGIN
  INSERT INTO enterprise_search (rowid, search_terms) VALUES (new.id, new.search_terms);
END;
CREATE TRIGGER enterprises_search_delete AFTER DELETE ON enterprises BEGIN
  INSERT INTO enterprise_search (enterprise_search, rowid, search_terms) VALUES ('delete', old.id, old.search_terms);
END;
CREATE TRIGGER enterprises_search_update AFTER UPDATE OF search_terms ON enterprises BEGIN
  INSERT INTO enterprise_search (enterprise_search, rowid, search_terms) VALUES ('delete', old.id, old.search_terms);
  INSERT INTO enterprise_search (rowid, search_terms) VALUES (new.id, new.search_terms);
END;
CREATE INDEX enterprises_industry ON enterprises (industry_section, industry_division);
