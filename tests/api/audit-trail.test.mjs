// The audit trail: writes carry before/after, no secret ever lands in it (entries, export, table),
// the search filters and paging, a government admin's view limited to its region, the XLSX
// export (itself audited), and `jinfu audit verify` — ok on an intact trail, naming the entry when
// the database was tampered with (after dropping the append-only triggers, which otherwise refuse).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { runJinfu, startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import {
  DEMO_PASSWORD, DEMO_USERS, ORG, STRONG_PASSWORD, allAudit, as, jinfu, login, loginAll, organisationIds, ownDatabase,
  shanghaiDate, sql, trySql, xlsxRows, xlsxText,
} from './auth-helpers.mjs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CONTENT_COLUMNS = ['at', 'request_id', 'user_id', 'username', 'organisation_id', 'organisation_name',
  'organisation_region', 'token_id', 'action', 'object_type', 'object_id', 'outcome', 'ip', 'user_agent', 'before_json',
  'after_json', 'detail'];

function verify(dbUrl) {
  return jinfu(['--db', dbUrl, 'audit', 'verify']);
}

describe('audit trail over the API', () => {
  let server;
  let api;
  let creds;
  let c;
  let orgs;
  let orgList;
  const secrets = [];
  const ids = {};

  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    creds = await loginAll(api, ['platform', 'govAdmin', 'bankManager']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    orgList = (await c.platform.get('/api/v1/organisations?pageSize=100')).json.items;
    orgs = await organisationIds(c.platform);
    for (const cred of Object.values(creds)) secrets.push(cred.cookie.split('=')[1], cred.csrf);

    // Writes with secrets in play: a user with a password and a mobile number, its rename, a
    // password reset, a token, an organisation change, and a failed log-in.
    const firstPassword = 'Audit-Secret-Pw-1';
    const resetPassword = 'Audit-Secret-Pw-2';
    const created = await c.platform.post('/api/v1/users', {
      username: 'audit-subject', displayName: '旧名字', mobile: '13811112222', password: firstPassword,
      organisationId: orgs[ORG.icbc], roles: ['bank-officer'],
    });
    assert.equal(created.res.status, 201, created.text);
    ids.subject = created.json.id;
    const renamed = await c.platform.patch(`/api/v1/users/${ids.subject}`, { displayName: '新名字' });
    assert.equal(renamed.res.status, 200, renamed.text);
    const reset = await c.platform.put(`/api/v1/users/${ids.subject}/password`, { password: resetPassword });
    assert.equal(reset.res.status, 204, reset.text);
    const token = await c.bankManager.post('/api/v1/tokens', { name: '审计测试令牌', permissions: ['token.manage'], expiresInDays: 3 });
    assert.equal(token.res.status, 201, token.text);
    ids.token = token.json.id;
    const org = await c.platform.patch(`/api/v1/organisations/${orgs[ORG.abc]}`, { shortName: '农行焦作' });
    assert.equal(org.res.status, 200, org.text);
    const failed = await login(api, DEMO_USERS.bankOfficer, 'Wrong-Secret-Pw-3');
    assert.equal(failed.res.status, 401);
    // A denial by the bank manager, one by the government admin.
    assert.equal((await c.bankManager.get('/api/v1/audit')).res.status, 403);
    assert.equal((await c.govAdmin.get(`/api/v1/users/${ids.subject}`)).res.status, 404);
    secrets.push(firstPassword, resetPassword, 'Wrong-Secret-Pw-3', DEMO_PASSWORD, token.json.token, token.json.token.slice(3));
    for (const [hash] of sql(server.dbUrl, 'SELECT password_hash FROM users')) secrets.push(hash);
    for (const [hash] of sql(server.dbUrl, 'SELECT token_hash FROM api_tokens UNION ALL SELECT token_hash FROM sessions')) secrets.push(hash);
    for (const [csrf] of sql(server.dbUrl, 'SELECT csrf_token FROM sessions')) secrets.push(csrf);
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  const leaks = (text) => secrets.filter((s) => s && text.includes(s)).concat(/\$argon2/.test(text) ? ['$argon2…'] : []);

  test('a user update carries before and after (displayName), with the mobile number masked', async () => {
    const { items } = await allAudit(c.platform, `action=user.update&objectType=user&objectId=${ids.subject}`);
    assert.equal(items.length, 1);
    const e = items[0];
    assert.equal(e.username, DEMO_USERS.platform);
    assert.equal(e.outcome, 'success');
    assert.equal(e.before.displayName, '旧名字');
    assert.equal(e.after.displayName, '新名字');
    assert.equal(e.after.id, ids.subject);
    assert.equal(e.before.mobile, '138****2222');
    const created = (await allAudit(c.platform, `action=user.create&objectId=${ids.subject}`)).items[0];
    assert.equal(created.before, null);
    assert.equal(created.after.username, 'audit-subject');
    assert.deepEqual(created.after.roles, ['bank-officer']);
    const orgUpdate = (await allAudit(c.platform, `action=org.update&objectId=${orgs[ORG.abc]}`)).items[0];
    assert.equal(orgUpdate.after.shortName, '农行焦作');
    assert.notEqual(orgUpdate.before.shortName, '农行焦作');
    const reset = (await allAudit(c.platform, `action=user.password.reset&objectId=${ids.subject}`)).items;
    assert.equal(reset.length, 1);
    const issued = (await allAudit(c.platform, `action=token.issue&objectId=${ids.token}`)).items[0];
    assert.equal(issued.after.name, '审计测试令牌');
    assert.deepEqual(issued.after.permissions, ['token.manage']);
    assert.equal(issued.organisationId, orgs[ORG.icbc]);
  });

  test('no password, password hash, token, session id or CSRF token appears in any entry, the export or the table', async () => {
    const { items } = await allAudit(c.platform);
    assert.ok(items.length >= 20, `${items.length} entries`);
    assert.deepEqual(leaks(JSON.stringify(items)), []);
    for (const e of items) {
      for (const side of [e.before, e.after]) {
        if (side) for (const key of Object.keys(side)) assert.doesNotMatch(key, /password|hash|secret|token$/i, `${e.action}: ${key}`);
      }
    }
    const r = await api.request('/api/v1/audit/export', { headers: { cookie: creds.platform.cookie } });
    assert.equal(r.status, 200);
    const body = Buffer.from(await r.arrayBuffer());
    const rows = xlsxRows(body);
    assert.equal(rows.length - 1, items.length, 'the export holds every entry (and a header row)');
    assert.deepEqual(leaks(xlsxText(body)), []);
    const table = sql(server.dbUrl, 'SELECT * FROM audit_log').map((row) => row.join('|')).join('\n');
    assert.deepEqual(leaks(table), []);
  });

  test('filters: user (substring, any case), action, outcome, organisationId, objectType/objectId', async () => {
    const byUser = await c.platform.get('/api/v1/audit?user=gov-admin&pageSize=100');
    assert.ok(byUser.json.total > 0);
    assert.ok(byUser.json.items.every((e) => e.username.includes('gov-admin')));
    const upper = await c.platform.get('/api/v1/audit?user=GOV-ADMIN&pageSize=100');
    assert.equal(upper.json.total, byUser.json.total);
    // LIKE wildcards in the filter are literal.
    assert.equal((await c.platform.get('/api/v1/audit?user=%25')).json.total, 0);
    assert.equal((await c.platform.get('/api/v1/audit?user=_')).json.total, 0);

    const byAction = await c.platform.get('/api/v1/audit?action=auth.login&pageSize=100');
    assert.ok(byAction.json.total >= 4);
    assert.ok(byAction.json.items.every((e) => e.action === 'auth.login'));

    for (const outcome of ['success', 'failure', 'denied']) {
      const r = await c.platform.get(`/api/v1/audit?outcome=${outcome}&pageSize=100`);
      assert.ok(r.json.total > 0, outcome);
      assert.ok(r.json.items.every((e) => e.outcome === outcome), outcome);
    }
    const combined = await c.platform.get('/api/v1/audit?action=auth.login&outcome=failure&user=bank-officer');
    assert.equal(combined.json.total, 1);
    assert.match(combined.json.items[0].detail, /wrong username or password|用户名或密码错误/);
    assert.equal(combined.json.items[0].ip, '127.0.0.1');

    const byOrg = await c.platform.get(`/api/v1/audit?organisationId=${orgs[ORG.icbc]}&pageSize=100`);
    assert.ok(byOrg.json.total >= 2);
    assert.ok(byOrg.json.items.every((e) => e.organisationId === orgs[ORG.icbc]));
    assert.ok(byOrg.json.items.some((e) => e.action === 'access.denied' && e.username === DEMO_USERS.bankManager));

    const byObject = await c.platform.get(`/api/v1/audit?objectType=user&objectId=${ids.subject}&pageSize=100`);
    assert.deepEqual(byObject.json.items.map((e) => e.action).sort(), ['user.create', 'user.password.reset', 'user.update']);

    for (const bad of ['outcome=maybe', 'from=2026-02-30', 'to=yesterday', 'organisationId=0', 'page=0', 'pageSize=101',
      `from=${shanghaiDate(1)}&to=${shanghaiDate(0)}`]) {
      assertProblem(await c.platform.get(`/api/v1/audit?${bad}`), { status: 400, code: 'invalid_query_parameter' });
    }
  });

  test('from/to are inclusive Shanghai dates', async () => {
    const all = (await c.platform.get('/api/v1/audit')).json.total;
    const today = shanghaiDate(0);
    assert.equal((await c.platform.get(`/api/v1/audit?from=${today}&to=${today}`)).json.total, all);
    assert.equal((await c.platform.get(`/api/v1/audit?from=${today}`)).json.total, all);
    assert.equal((await c.platform.get(`/api/v1/audit?to=${today}`)).json.total, all);
    assert.equal((await c.platform.get(`/api/v1/audit?from=${shanghaiDate(1)}`)).json.total, 0);
    assert.equal((await c.platform.get(`/api/v1/audit?to=${shanghaiDate(-1)}`)).json.total, 0);
    const { items } = await allAudit(c.platform);
    assert.ok(items.every((e) => e.at.startsWith(today) && e.at.endsWith('+08:00')), 'times at +08:00, today');
  });

  test('paging: newest first, pages do not overlap, total stays', async () => {
    const p1 = await c.platform.get('/api/v1/audit?pageSize=3&page=1');
    const p2 = await c.platform.get('/api/v1/audit?pageSize=3&page=2');
    assert.equal(p1.json.page, 1);
    assert.equal(p1.json.pageSize, 3);
    assert.equal(p2.json.page, 2);
    assert.equal(p1.json.total, p2.json.total);
    const idsSeen = [...p1.json.items, ...p2.json.items].map((e) => e.id);
    assert.equal(idsSeen.length, 6);
    assert.deepEqual(idsSeen, [...idsSeen].sort((a, b) => b - a), 'newest first, page 2 after page 1');
    assert.equal(new Set(idsSeen).size, 6);
    const defaults = await c.platform.get('/api/v1/audit');
    assert.equal(defaults.json.page, 1);
    assert.equal(defaults.json.pageSize, 20);
    assert.equal(defaults.json.items.length, 20);
    const beyond = await c.platform.get(`/api/v1/audit?pageSize=100&page=${Math.ceil(p1.json.total / 100) + 1}`);
    assert.deepEqual(beyond.json.items, []);
    assert.equal(beyond.json.total, p1.json.total);
    const e = p1.json.items[0];
    for (const k of ['id', 'at', 'requestId', 'userId', 'username', 'organisationId', 'organisationName', 'tokenId', 'action',
      'objectType', 'objectId', 'outcome', 'ip', 'userAgent', 'before', 'after', 'detail']) assert.ok(k in e, `AuditEntry has ${k}`);
  });

  test('gov-admin sees only entries of its region (410871)', async () => {
    const zone = new Set(orgList.filter((o) => o.regionCode.startsWith('410871')).map((o) => o.id));
    const { items, total } = await allAudit(c.govAdmin);
    assert.ok(total > 0);
    const foreign = items.filter((e) => !zone.has(e.organisationId));
    assert.deepEqual(foreign.map((e) => `${e.id} ${e.username} ${e.action}`), []);
    assert.ok(items.some((e) => e.username === DEMO_USERS.govAdmin && e.action === 'auth.login'));
    assert.ok(items.some((e) => e.username === DEMO_USERS.govAdmin && e.action === 'access.denied'));
    const everything = (await c.platform.get('/api/v1/audit')).json.total;
    assert.ok(total < everything);
    const bank = await c.govAdmin.get(`/api/v1/audit?organisationId=${orgs[ORG.icbc]}`);
    assert.equal(bank.json.total, 0);
    // The export is cut the same way.
    const r = await api.request('/api/v1/audit/export', { headers: { cookie: creds.govAdmin.cookie } });
    assert.equal(r.status, 200);
    const rows = xlsxRows(Buffer.from(await r.arrayBuffer())).slice(1);
    assert.equal(rows.length, total);
    const zoneNames = new Set(orgList.filter((o) => zone.has(o.id)).map((o) => o.name));
    assert.deepEqual(rows.filter((row) => !zoneNames.has(row[2])), [], 'rows of other organisations in gov-admin\'s export');
    assert.ok(rows.some((row) => row[1] === DEMO_USERS.govAdmin));
  });

  test('export: an XLSX file as an attachment named by today\'s date, and the export is itself audited', async () => {
    const expected = (await c.platform.get('/api/v1/audit?action=user.create')).json.total;
    const r = await api.request('/api/v1/audit/export?action=user.create', { headers: { cookie: creds.platform.cookie } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), XLSX_TYPE);
    const day = shanghaiDate(0).replaceAll('-', '');
    assert.equal(r.headers.get('content-disposition'),
      `attachment; filename="audit-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志-${day}.xlsx`)}`);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const body = Buffer.from(await r.arrayBuffer());
    assert.equal(body.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    const rows = xlsxRows(body);
    assert.deepEqual(rows[0].slice(0, 4), ['时间', '用户', '机构', '操作']);
    assert.equal(rows.length - 1, expected, 'one row per matching entry');
    assert.ok(rows.slice(1).every((row) => row[3].includes('user.create')), 'the filter applies to the export');
    assert.ok(rows.slice(1).some((row) => row[5] === String(ids.subject) && row[1] === DEMO_USERS.platform));

    const { items } = await allAudit(c.platform, 'action=audit.export');
    const newest = items[0];
    assert.equal(newest.username, DEMO_USERS.platform);
    assert.equal(newest.outcome, 'success');
    assert.equal(newest.objectType, 'audit_log');
    const detail = JSON.parse(newest.detail);
    assert.deepEqual(detail.filter, { action: 'user.create' });
    assert.equal(detail.rows, expected);
    // Without the permission: 403, and no export entry.
    assertProblem(await c.bankManager.get('/api/v1/audit/export'), { status: 403, code: 'forbidden' });
    assert.equal((await allAudit(c.platform, 'action=audit.export')).total, items.length);
  });

  test('`jinfu audit verify` says ok with the number of entries', async () => {
    const total = (await c.platform.get('/api/v1/audit')).json.total;
    const r = verify(server.dbUrl);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim(), `ok ${total} entries`);
  });

  test('the database refuses UPDATE and DELETE on audit_log (append-only triggers)', () => {
    for (const statement of ["UPDATE audit_log SET detail = 'x' WHERE id = 1", 'DELETE FROM audit_log WHERE id = 1']) {
      const r = trySql(server.dbUrl, statement);
      assert.notEqual(r.status, 0, `${statement} was accepted`);
      assert.match(r.stderr, /append-only/);
    }
    if (!server.dbUrl.startsWith('sqlite:')) {
      const r = trySql(server.dbUrl, 'TRUNCATE audit_log');
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /append-only/);
    }
    assert.equal(verify(server.dbUrl).status, 0);
  });

  test('tampering with this database (triggers dropped, one detail changed) is found by verify', () => {
    if (server.dbUrl.startsWith('sqlite:')) {
      for (const [name] of sql(server.dbUrl, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")) {
        sql(server.dbUrl, `DROP TRIGGER ${name}`);
      }
    } else {
      sql(server.dbUrl, 'DROP TRIGGER audit_log_append_only ON audit_log');
    }
    const [[id]] = sql(server.dbUrl, `SELECT id FROM audit_log WHERE action = 'user.update' AND object_id = '${ids.subject}'`);
    sql(server.dbUrl, `UPDATE audit_log SET after_json = replace(after_json, '新名字', '别的名字') WHERE id = ${id}`);
    const r = verify(server.dbUrl);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`^tampered: entry ${id}: `));
  });
});

describe('`jinfu audit verify` on a tampered SQLite database', () => {
  let base;
  let count;
  const copies = [];
  const COLS = [...CONTENT_COLUMNS, 'prev_hash', 'hash'];

  // A fresh copy of the base database, with the append-only triggers dropped.
  function fresh() {
    const db = ownDatabase();
    copies.push(db);
    copyFileSync(base.url.slice('sqlite:'.length), db.url.slice('sqlite:'.length));
    const triggers = sql(db.url, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").map(([n]) => n);
    assert.deepEqual(triggers.sort(), ['audit_log_no_delete', 'audit_log_no_update']);
    for (const name of triggers) sql(db.url, `DROP TRIGGER ${name}`);
    return db.url;
  }

  before(() => {
    // A small trail made on the command line: one organisation (inserted directly: there is no
    // command for it), a user added with `jinfu user add` (one password hash, not the demo's
    // nine), tokens issued and revoked, the user disabled.
    base = ownDatabase();
    runJinfu(['--db', base.url, 'migrate']);
    sql(base.url, "INSERT INTO organisations (kind, name, short_name, region_code, created_at) "
      + "VALUES ('bank', '篡改测试银行', '测试', '410800', '2026-11-27T09:00:00.000+08:00')");
    runJinfu(['--db', base.url, 'user', 'add', '--username', 'tamper-user', '--org', '篡改测试银行', '--role', 'bank-manager',
      '--display-name', '篡改测试'], { input: `${STRONG_PASSWORD}\n` });
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      runJinfu(['--db', base.url, 'token', 'issue', '--user', 'tamper-user', '--name', name, '--permission', 'token.manage']);
    }
    runJinfu(['--db', base.url, 'token', 'revoke', '1']);
    runJinfu(['--db', base.url, 'token', 'revoke', '2']);
    runJinfu(['--db', base.url, 'user', 'disable', 'tamper-user']);
    // One file, no write-ahead log beside it, so that a plain copy is the whole database.
    execFileSync('sqlite3', [base.url.slice('sqlite:'.length), 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;']);
    count = Number(sql(base.url, 'SELECT COUNT(*) FROM audit_log')[0][0]);
    assert.equal(count, 13);
    assert.deepEqual(sql(base.url, 'SELECT action FROM audit_log WHERE id IN (1, 2, 13) ORDER BY id').map(([a]) => a),
      ['user.create', 'token.issue', 'user.update']);
  });

  after(() => {
    for (const db of [base, ...copies]) db?.cleanup();
  });

  test('the untouched database verifies: ok N entries', () => {
    const r = verify(base.url);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), `ok ${count} entries`);
  });

  test('with the triggers in place, UPDATE and DELETE on audit_log fail', () => {
    const db = ownDatabase();
    copies.push(db);
    copyFileSync(base.url.slice('sqlite:'.length), path.join(db.dir, 'jinfu.db'));
    for (const statement of ["UPDATE audit_log SET detail = 'x' WHERE id = 3", 'DELETE FROM audit_log WHERE id = 3']) {
      const r = trySql(db.url, statement);
      assert.notEqual(r.status, 0, `${statement} was accepted`);
      assert.match(r.stderr, /append-only/);
    }
    assert.equal(verify(db.url).stdout.trim(), `ok ${count} entries`);
  });

  test('(a) a changed detail: exit 1 naming that entry', () => {
    const url = fresh();
    sql(url, "UPDATE audit_log SET detail = 'nothing to see' WHERE id = 5");
    const r = verify(url);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^tampered: entry 5: .*篡改/);
  });

  test('(a) a changed after-image (displayName) or username (of the last entry): exit 1 naming that entry', () => {
    const url = fresh();
    sql(url, "UPDATE audit_log SET after_json = replace(after_json, '篡改测试', '伪造') WHERE id = 1");
    const r = verify(url);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^tampered: entry 1: /);
    const url2 = fresh();
    sql(url2, `UPDATE audit_log SET username = 'someone-else' WHERE id = ${count}`);
    const r2 = verify(url2);
    assert.equal(r2.status, 1);
    assert.match(r2.stdout, new RegExp(`^tampered: entry ${count}: `));
  });

  test('(b) a deleted middle entry: exit 1 naming the entry after the gap', () => {
    const url = fresh();
    sql(url, 'DELETE FROM audit_log WHERE id = 5');
    const r = verify(url);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^tampered: entry 6: .*第 4 条/);
  });

  test('(b) a deleted first entry: exit 1 naming the new first entry', () => {
    const url = fresh();
    sql(url, 'DELETE FROM audit_log WHERE id = 1');
    const r = verify(url);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^tampered: entry 2: /);
  });

  test('(c) two entries swapped (whole rows, hashes included): exit 1 naming the first of them', () => {
    const url = fresh();
    const set = COLS.map((col) => `${col} = (SELECT ${col} FROM swap WHERE swap.id = 11 - audit_log.id)`).join(', ');
    sql(url, `BEGIN; CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE id IN (5, 6);
      UPDATE audit_log SET prev_hash = 'moving-' || id WHERE id IN (5, 6);
      UPDATE audit_log SET ${set} WHERE id IN (5, 6); COMMIT;`);
    assert.equal(sql(url, 'SELECT object_id FROM audit_log WHERE id = 5')[0][0], sql(base.url, 'SELECT object_id FROM audit_log WHERE id = 6')[0][0]);
    const r = verify(url);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^tampered: entry 5: /);
  });

  test('(c) two entries\' contents swapped, hashes left in place: exit 1 naming the first of them', () => {
    const url = fresh();
    const set = CONTENT_COLUMNS.map((col) => `${col} = (SELECT ${col} FROM swap WHERE swap.id = 11 - audit_log.id)`).join(', ');
    sql(url, `BEGIN; CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE id IN (5, 6);
      UPDATE audit_log SET ${set} WHERE id IN (5, 6); COMMIT;`);
    const r = verify(url);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^tampered: entry 5: .*篡改/);
  });

  test('an entry inserted into the middle of the chain (a forged row) is found', () => {
    const url = fresh();
    // Re-number entries 6.. upwards by one to make room, and put a forged entry 6 there (a copy of
    // entry 5's content; prev_hash is UNIQUE, so it cannot claim entry 5 as its predecessor too).
    const cols = COLS.join(', ');
    sql(url, `BEGIN; CREATE TEMP TABLE tail AS SELECT * FROM audit_log WHERE id >= 6;
      DELETE FROM audit_log WHERE id >= 6;
      INSERT INTO audit_log (id, ${cols}) SELECT id + 1, ${cols} FROM tail;
      INSERT INTO audit_log (id, ${cols}) SELECT 6, ${CONTENT_COLUMNS.join(', ')}, 'forged-prev', 'forged' FROM audit_log WHERE id = 5;
      COMMIT;`);
    const r = verify(url);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^tampered: entry 6: /);
  });
});
