-- The audit trail is append-only: the server never updates, deletes or truncates a row, so the
-- database refuses it outright. A superuser can still drop the trigger; the hash chain
-- (jinfu audit verify) is what detects that kind of tampering.
--
-- Written for the migration splitter as it is (db::splitStatements): the function body is an
-- ordinary quoted string instead of $$ … $$, the return type is spelled "trigger" in quotes so
-- that the word does not start a SQLite-style CREATE TRIGGER … END block, and the CREATE TRIGGER
-- statement (which has no END) comes last.

CREATE FUNCTION audit_log_refuse_change() RETURNS "trigger" LANGUAGE plpgsql AS '
BEGIN
  RAISE EXCEPTION ''审计日志只能追加，不能修改或删除（audit_log is append-only）''
    USING ERRCODE = ''insufficient_privilege'';
END
';

-- One statement-level trigger covers UPDATE, DELETE and TRUNCATE (TRUNCATE triggers must be
-- statement-level); it also fires for a statement that matches no row, which is harmless here.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
