-- The registry learns what registration data (登记注册) brings: type, legal representative,
-- contacts, the reported industry class, the rule that decided the size class, and the pinyin
-- of the name for search. Size and capital may be unknown until the data arrives.
ALTER TABLE enterprises ALTER COLUMN size_class DROP NOT NULL;
ALTER TABLE enterprises ALTER COLUMN registered_capital_fen DROP NOT NULL;
ALTER TABLE enterprises ADD COLUMN industry_code TEXT;
ALTER TABLE enterprises ADD COLUMN size_rule TEXT;
ALTER TABLE enterprises ADD COLUMN entity_type TEXT;
ALTER TABLE enterprises ADD COLUMN legal_representative TEXT;
ALTER TABLE enterprises ADD COLUMN contact_name TEXT;
ALTER TABLE enterprises ADD COLUMN contact_mobile TEXT;
ALTER TABLE enterprises ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN search_terms TEXT NOT NULL DEFAULT '';  -- name, pinyin, initials, USCC, lower case
ALTER TABLE enterprises ADD COLUMN updated_at TEXT;
CREATE INDEX enterprises_name ON enterprises (name);
-- Substring search over name, pinyin, initials and code: a trigram index, which
-- `search_terms LIKE '%…%'` uses for three or more characters. pg_trgm is a trusted extension;
-- it lives in public whatever the search path, so that several schemas of one database (one
-- per tenant, or per test) share it instead of each expecting its own.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX enterprises_search ON enterprises USING gin (search_terms public.gin_trgm_ops);
CREATE INDEX enterprises_industry ON enterprises (industry_section, industry_division);
