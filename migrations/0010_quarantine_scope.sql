-- Whose row a quarantined row is: the USCC it names, when that is a valid code. A government
-- body sees only the rows of enterprises in its region (the same rule as the registry), so the
-- store needs it without parsing the cells; rows stored before this migration name nobody and
-- stay visible to their provider and the operator only.
ALTER TABLE collect_quarantine ADD COLUMN uscc TEXT;
CREATE INDEX collect_quarantine_uscc ON collect_quarantine (uscc);
