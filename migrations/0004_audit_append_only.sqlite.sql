-- The audit trail is append-only: the server never updates or deletes a row, so the database
-- refuses it outright. Someone with file access can still drop these triggers; the hash chain
-- (jinfu audit verify) is what detects that kind of tampering.

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能修改（audit_log is append-only）');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能删除（audit_log is append-only）');
END;
