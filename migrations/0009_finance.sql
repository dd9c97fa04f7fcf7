-- 融资对接: bank products with eligibility rules, enterprise demands (to the pool or directed at one
-- product), which published products fit which open demands (商机), applications driven by commands
-- with their timeline, overdue marks of the time limits, the platform's time-limit settings,
-- the scheduler's lease, and the in-app messages (站内信).
CREATE TABLE products (
  id {{ID}},
  bank_id BIGINT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
  min_amount_fen BIGINT NOT NULL,
  max_amount_fen BIGINT NOT NULL,
  min_term_months INTEGER NOT NULL,
  max_term_months INTEGER NOT NULL,
  rate_kind TEXT NOT NULL CHECK (rate_kind IN ('fixed', 'lpr')),
  min_rate_bp INTEGER NOT NULL,    -- fixed: the annual rate; lpr: the spread over the 1-year LPR
  max_rate_bp INTEGER NOT NULL,
  approval_workdays INTEGER NOT NULL,
  spec TEXT NOT NULL,              -- JSON: repayment methods, guarantees, materials, description, rules
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT
);
CREATE INDEX products_bank ON products (bank_id, id);
CREATE INDEX products_status ON products (status, id);

CREATE TABLE demands (
  id {{ID}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  amount_fen BIGINT NOT NULL,
  term_months INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'very_urgent')),
  spec TEXT NOT NULL,              -- JSON: guarantees offered, preferred banks, contact
  mode TEXT NOT NULL CHECK (mode IN ('pool', 'directed')),
  product_id BIGINT REFERENCES products (id),
  status TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'directed', 'closed', 'withdrawn')),
  claimed_by BIGINT REFERENCES organisations (id),
  claimed_at TEXT,
  published_by BIGINT NOT NULL REFERENCES users (id),
  published_at TEXT NOT NULL,
  published_on TEXT NOT NULL,      -- the Shanghai day it was published
  open_since TEXT NOT NULL         -- the day it (last) entered the pool: the claim clock starts here
);
CREATE INDEX demands_enterprise ON demands (enterprise_id, id);
CREATE INDEX demands_status ON demands (status, id);

-- Published products that fit a pool demand, computed when either is published. `open` mirrors
-- the demand's status, so that a bank's 商机 (open demands its products fit) and their count are
-- read from one index without visiting the demands.
CREATE TABLE demand_matches (
  demand_id BIGINT NOT NULL REFERENCES demands (id),
  product_id BIGINT NOT NULL REFERENCES products (id),
  bank_id BIGINT NOT NULL REFERENCES organisations (id),
  open INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (demand_id, product_id)
);
CREATE INDEX demand_matches_bank ON demand_matches (bank_id, open, demand_id);

CREATE TABLE applications (
  id {{ID}},
  demand_id BIGINT NOT NULL REFERENCES demands (id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  bank_id BIGINT NOT NULL REFERENCES organisations (id),
  product_id BIGINT REFERENCES products (id),
  source TEXT NOT NULL CHECK (source IN ('directed', 'claim')),
  state TEXT NOT NULL,
  requested_fen BIGINT NOT NULL,
  approved_fen BIGINT NOT NULL DEFAULT 0,
  disbursed_fen BIGINT NOT NULL DEFAULT 0,
  rate_bp INTEGER,
  term_months INTEGER,
  offer_valid_until TEXT,
  decision_workdays INTEGER NOT NULL,  -- the product's promise or the platform's default
  created_at TEXT NOT NULL,
  created_on TEXT NOT NULL,
  accepted_on TEXT,
  decided_on TEXT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX applications_enterprise ON applications (enterprise_id, id);
CREATE INDEX applications_bank ON applications (bank_id, state, id);
CREATE INDEX applications_state ON applications (state, id);

CREATE TABLE application_events (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES applications (id),
  command TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  actor_kind TEXT NOT NULL,        -- enterprise, bank, system
  user_id BIGINT REFERENCES users (id),
  organisation_name TEXT NOT NULL,
  username TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}' -- JSON: amount, rate, term, valid until, reasons, date, contract
);
CREATE INDEX application_events_app ON application_events (application_id, id);

-- A time limit missed: marked once by the scheduler, listed for the government (超时督办).
CREATE TABLE finance_overdue (
  id {{ID}},
  step TEXT NOT NULL CHECK (step IN ('claim_or_respond', 'first_contact', 'decision')),
  demand_id BIGINT NOT NULL REFERENCES demands (id),
  application_id BIGINT NOT NULL DEFAULT 0,  -- 0 for an unclaimed demand (unique needs a value)
  bank_id BIGINT REFERENCES organisations (id),
  started_on TEXT NOT NULL,
  deadline TEXT NOT NULL,
  marked_at TEXT NOT NULL,
  resolved_at TEXT,
  outcome TEXT NOT NULL DEFAULT ''  -- what the scheduler did: notified, lapsed
);
-- Once per step and clock: a demand back in the pool after a lapsed claim has a new clock.
CREATE UNIQUE INDEX finance_overdue_once ON finance_overdue (step, demand_id, application_id, started_on);
CREATE INDEX finance_overdue_bank ON finance_overdue (bank_id, id);

CREATE TABLE finance_settings (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);

-- Who runs a periodic job now: one holder at a time across every server process sharing the
-- database, until the lease expires.
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL       -- milliseconds since the epoch
);

CREATE TABLE notifications (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
