// Sessions, CSRF and API tokens: the CSRF check on unsafe requests with a cookie (and not with a
// bearer token), log-out, listing and ending one's sessions, changing one's password (policy,
// wrong current password, every other session ended), absolute and idle expiry (set directly in
// the database), and API tokens (shown once, revoked, expired, never more than their user may do,
// issued on the command line).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runJinfu, startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import {
  DEMO_PASSWORD, DEMO_USERS, ORG, STRONG_PASSWORD, allAudit, as, eventually, jinfu, login, loginAll, mustLogin,
  organisationIds, send, sessionCookieOf, shanghaiTime, sql,
} from './auth-helpers.mjs';

const MINUTE = 60 * 1000;

describe('sessions, CSRF and API tokens', () => {
  let server;
  let api;
  let creds; // role → cred
  let c; // role → client
  let orgs;
  const sessionIdOf = async (cred) => {
    const r = await send(api, cred, 'GET', '/api/v1/auth/sessions');
    assert.equal(r.res.status, 200, r.text);
    return r.json.items.find((s) => s.current).id;
  };
  const tokenBody = (name, permissions = ['token.manage'], expiresInDays = 7) => ({ name, permissions, expiresInDays });

  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    creds = await loginAll(api, ['bankManager', 'platform', 'govOfficer', 'govViewer', 'bankOfficer']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    orgs = await organisationIds(c.platform);
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  describe('CSRF', () => {
    test('an unsafe request with the cookie but no or a wrong X-CSRF-Token → 403 csrf_failed, nothing done', async () => {
      const cookieOnly = { cookie: creds.bankManager.cookie };
      const before = (await c.bankManager.get('/api/v1/tokens')).json.items.length;
      const missing = await send(api, cookieOnly, 'POST', '/api/v1/tokens', tokenBody('no csrf'));
      assertProblem(missing, { status: 403, code: 'csrf_failed' });
      const wrong = await send(api, cookieOnly, 'POST', '/api/v1/tokens', tokenBody('wrong csrf'), { 'x-csrf-token': 'x'.repeat(43) });
      assertProblem(wrong, { status: 403, code: 'csrf_failed' });
      const empty = await send(api, cookieOnly, 'POST', '/api/v1/tokens', tokenBody('empty csrf'), { 'x-csrf-token': '' });
      assertProblem(empty, { status: 403, code: 'csrf_failed' });
      // Another session's token (of another user) does not fit this session.
      const foreign = await send(api, cookieOnly, 'POST', '/api/v1/tokens', tokenBody('foreign csrf'),
        { 'x-csrf-token': creds.platform.csrf });
      assertProblem(foreign, { status: 403, code: 'csrf_failed' });
      for (const [method, path] of [['PUT', '/api/v1/auth/password'], ['POST', '/api/v1/auth/logout'], ['DELETE', '/api/v1/tokens/1'],
        ['PATCH', '/api/v1/users/1']]) {
        const r = await send(api, cookieOnly, method, path, method === 'DELETE' || path.endsWith('logout') ? undefined : {});
        assertProblem(r, { status: 403, code: 'csrf_failed' });
      }
      assert.equal((await c.bankManager.get('/api/v1/tokens')).json.items.length, before, 'no token was issued');
      // The session survived the refused log-out.
      assert.equal((await c.bankManager.get('/api/v1/auth/me')).res.status, 200);
      const { items } = await allAudit(c.platform, `action=access.denied&user=${DEMO_USERS.bankManager}`);
      assert.ok(items.filter((e) => /csrf/i.test(e.detail)).length >= 8, 'CSRF refusals are audited as denials');
    });

    test('a GET needs no CSRF token; the right one lets the POST through', async () => {
      const get = await send(api, { cookie: creds.bankManager.cookie }, 'GET', '/api/v1/tokens');
      assert.equal(get.res.status, 200);
      const ok = await c.bankManager.post('/api/v1/tokens', tokenBody('with csrf'));
      assert.equal(ok.res.status, 201, ok.text);
    });

    test('a bearer token needs no CSRF token, and a cookie-less request with a CSRF header is not a session', async () => {
      const issued = await c.bankManager.post('/api/v1/tokens', tokenBody('machine'));
      const bearer = { bearer: issued.json.token };
      const r = await send(api, bearer, 'POST', '/api/v1/tokens', tokenBody('issued by a machine'));
      assert.equal(r.res.status, 201, r.text);
      const del = await send(api, bearer, 'DELETE', `/api/v1/tokens/${r.json.id}`);
      assert.equal(del.res.status, 204, del.text);
      // A CSRF header alone is no credential.
      const alone = await send(api, undefined, 'POST', '/api/v1/tokens', tokenBody('nobody'), { 'x-csrf-token': creds.bankManager.csrf });
      assertProblem(alone, { status: 401, code: 'unauthenticated' });
    });
  });

  describe('log-out and the session list', () => {
    test('log-out: 204, the cookie is cleared, and the session no longer works', async () => {
      const officer = c.bankOfficer;
      const r = await officer.post('/api/v1/auth/logout', undefined);
      assert.equal(r.res.status, 204, r.text);
      assert.equal(r.text, '');
      const cleared = sessionCookieOf(r.res);
      assert.ok(cleared.header, 'log-out sends Set-Cookie');
      assert.equal(cleared.value, '');
      assert.match(cleared.header, /Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      assert.match(cleared.header, /Path=\//);
      assertProblem(await officer.get('/api/v1/auth/me'), { status: 401, code: 'unauthenticated' });
      assertProblem(await officer.post('/api/v1/auth/logout', undefined), { status: 401, code: 'unauthenticated' });
      const { items } = await allAudit(c.platform, `action=auth.logout&user=${DEMO_USERS.bankOfficer}`);
      assert.equal(items.length, 1);
    });

    test('two log-ins: both listed, the current one marked; DELETE ends the other; someone else\'s → 404', async () => {
      const second = await mustLogin(api, DEMO_USERS.bankManager);
      const list = await c.bankManager.get('/api/v1/auth/sessions');
      assert.equal(list.res.status, 200);
      assert.equal(list.json.items.length, 2, list.text);
      const current = list.json.items.filter((s) => s.current);
      assert.equal(current.length, 1);
      for (const s of list.json.items) {
        for (const k of ['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent', 'current']) assert.ok(k in s, `session has ${k}`);
        assert.equal(s.ip, '127.0.0.1');
        assert.match(s.expiresAt, /\+08:00$/);
      }
      assert.ok(!list.text.includes(creds.bankManager.cookie.split('=')[1]), 'the list shows no session secret');
      const secondId = await sessionIdOf(second);
      const other = list.json.items.find((s) => !s.current);
      assert.equal(other.id, secondId);

      // Someone else's session: 404, and it lives on.
      const platformSession = await sessionIdOf(creds.platform);
      assertProblem(await c.bankManager.del(`/api/v1/auth/sessions/${platformSession}`), { status: 404, code: 'not_found' });
      assert.equal((await c.platform.get('/api/v1/auth/me')).res.status, 200);
      assertProblem(await c.bankManager.del('/api/v1/auth/sessions/99999999'), { status: 404, code: 'not_found' });

      const del = await c.bankManager.del(`/api/v1/auth/sessions/${secondId}`);
      assert.equal(del.res.status, 204, del.text);
      assertProblem(await send(api, second, 'GET', '/api/v1/auth/me'), { status: 401, code: 'unauthenticated' });
      const after = await c.bankManager.get('/api/v1/auth/sessions');
      assert.deepEqual(after.json.items.map((s) => s.id), [list.json.items.find((s) => s.current).id]);
      // Ending it again: it is gone.
      assertProblem(await c.bankManager.del(`/api/v1/auth/sessions/${secondId}`), { status: 404, code: 'not_found' });
      const { items } = await allAudit(c.platform, `action=session.revoke&user=${DEMO_USERS.bankManager}`);
      assert.deepEqual(items.map((e) => e.objectId), [String(secondId)]);
    });
  });

  describe('changing one\'s password', () => {
    let first;
    let second;
    let token;
    let changeStatus;
    before(async () => {
      [first, second] = await Promise.all([mustLogin(api, DEMO_USERS.entAdmin), mustLogin(api, DEMO_USERS.entAdmin)]);
      // A token of the user (issued on the command line: enterprise admins have no token.manage).
      token = runJinfu(['--db', server.dbUrl, 'token', 'issue', '--user', DEMO_USERS.entAdmin, '--name', 'before the change',
        '--permission', 'user.read']).trim();
    });

    test('weak new passwords → 422 with a field error on newPassword naming the rule', async () => {
      const messages = new Set();
      for (const weak of ['Ab1!xyz', 'Password@123', `X${DEMO_USERS.entAdmin}9`, 'abcdefghijk12']) {
        const r = await send(api, first, 'PUT', '/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: weak });
        assertProblem(r, { status: 422, code: 'validation_failed' });
        assert.deepEqual(r.json.errors.map((e) => e.field), ['newPassword'], `${weak}: ${r.text}`);
        messages.add(r.json.errors[0].message);
      }
      assert.equal(messages.size, 4, `each rule has its own message: ${[...messages].join(' / ')}`);
      assert.equal((await send(api, second, 'GET', '/api/v1/auth/me')).res.status, 200, 'a refused change ends nothing');
    });

    test('a wrong current password → 401 invalid_credentials; the session stays', async () => {
      const r = await send(api, first, 'PUT', '/api/v1/auth/password', { currentPassword: 'Not-The-Password-1', newPassword: STRONG_PASSWORD });
      assertProblem(r, { status: 401, code: 'invalid_credentials' });
      assert.equal((await send(api, first, 'GET', '/api/v1/auth/me')).res.status, 200);
    });

    test('success ends every session (old cookies → 401), sets a working new cookie, and tokens stay', async () => {
      const r = await send(api, first, 'PUT', '/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: STRONG_PASSWORD });
      changeStatus = r.res.status;
      assert.ok(changeStatus === 204 || changeStatus === 200, r.text);
      const fresh = sessionCookieOf(r.res);
      assert.ok(fresh.value, 'a fresh session cookie is set');
      assert.notEqual(fresh.pair, first.cookie);
      assert.notEqual(fresh.pair, second.cookie);
      assertProblem(await send(api, first, 'GET', '/api/v1/auth/me'), { status: 401, code: 'unauthenticated' });
      assertProblem(await send(api, second, 'GET', '/api/v1/auth/me'), { status: 401, code: 'unauthenticated' });
      const me = await api.call('/api/v1/auth/me', { headers: { cookie: fresh.pair } });
      assert.equal(me.res.status, 200);
      const next = { cookie: fresh.pair, csrf: me.json.csrfToken };
      const sessions = await send(api, next, 'GET', '/api/v1/auth/sessions');
      assert.equal(sessions.json.items.length, 1);
      assert.equal(sessions.json.items[0].current, true);
      const patch = await send(api, next, 'PATCH', `/api/v1/users/${me.json.user.id}`, { displayName: '企业管理员（已改密）' });
      assert.equal(patch.res.status, 200, 'the CSRF token from /me fits the new session');
      assert.equal((await send(api, { bearer: token }, 'GET', '/api/v1/users')).res.status, 200, 'tokens stay');
      assertProblem(await login(api, DEMO_USERS.entAdmin, DEMO_PASSWORD), { status: 401, code: 'invalid_credentials' });
      assert.equal((await login(api, DEMO_USERS.entAdmin, STRONG_PASSWORD)).res.status, 200);
      const { items } = await allAudit(c.platform, `action=auth.password.change&user=${DEMO_USERS.entAdmin}`);
      assert.deepEqual(items.map((e) => e.outcome).sort(), ['failure', 'success']);
    });

    test('PUT /api/v1/auth/password answers 204 as documented', () => {
      assert.equal(changeStatus, 204, 'docs/identity-api.md: "PUT /api/v1/auth/password … 204"');
    });
  });

  describe('password reset by an admin', () => {
    test('PUT /users/{id}/password ends the user\'s sessions; the old password stops working', async () => {
      const provider = await mustLogin(api, DEMO_USERS.provider);
      const me = await send(api, provider, 'GET', '/api/v1/auth/me');
      const weak = await c.platform.put(`/api/v1/users/${me.json.user.id}/password`, { password: 'short' });
      assertProblem(weak, { status: 422, code: 'validation_failed' });
      assert.deepEqual(weak.json.errors.map((e) => e.field), ['password']);
      assert.equal((await send(api, provider, 'GET', '/api/v1/auth/me')).res.status, 200);
      const reset = await c.platform.put(`/api/v1/users/${me.json.user.id}/password`, { password: STRONG_PASSWORD });
      assert.equal(reset.res.status, 204, reset.text);
      assertProblem(await send(api, provider, 'GET', '/api/v1/auth/me'), { status: 401, code: 'unauthenticated' });
      assertProblem(await login(api, DEMO_USERS.provider, DEMO_PASSWORD), { status: 401, code: 'invalid_credentials' });
    });
  });

  describe('expiry', () => {
    test('a session past expires_at → 401', async () => {
      const id = await sessionIdOf(creds.govOfficer);
      sql(server.dbUrl, `UPDATE sessions SET expires_at = '${shanghaiTime(-MINUTE)}' WHERE id = ${id}`);
      assertProblem(await eventually(() => c.govOfficer.get('/api/v1/auth/me'), 401), { status: 401, code: 'unauthenticated' });
    });

    test('a session idle for more than 30 minutes → 401; 29 minutes is fine and refreshes last_seen_at', async () => {
      const idle = await sessionIdOf(creds.govViewer);
      sql(server.dbUrl, `UPDATE sessions SET last_seen_at = '${shanghaiTime(-31 * MINUTE)}' WHERE id = ${idle}`);
      assertProblem(await eventually(() => c.govViewer.get('/api/v1/auth/me'), 401), { status: 401, code: 'unauthenticated' });

      const active = await sessionIdOf(creds.bankManager);
      const stale = shanghaiTime(-29 * MINUTE);
      sql(server.dbUrl, `UPDATE sessions SET last_seen_at = '${stale}' WHERE id = ${active}`);
      // Used within the idle time, it stays valid, and the next look-up in the database (at the
      // latest when the server's credential cache expires) refreshes last_seen_at.
      let seen = stale;
      for (const deadline = Date.now() + 4000; seen === stale && Date.now() < deadline;) {
        assert.equal((await c.bankManager.get('/api/v1/auth/me')).res.status, 200);
        [[seen]] = sql(server.dbUrl, `SELECT last_seen_at FROM sessions WHERE id = ${active}`);
        if (seen === stale) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.ok(seen > stale, `last_seen_at was refreshed: ${seen}`);
      assert.ok(seen >= shanghaiTime(-MINUTE));
    });
  });

  describe('API tokens', () => {
    test('issued once: 201 with the token; the list, the audit trail and the CLI list never show it', async () => {
      const r = await c.bankManager.post('/api/v1/tokens', tokenBody('对账接口', ['token.manage', 'user.read'], 30));
      assert.equal(r.res.status, 201, r.text);
      const t = r.json;
      assert.match(t.token, /^jf_[A-Za-z0-9_-]{40,}$/);
      assert.equal(t.prefix, t.token.slice(0, 7));
      assert.deepEqual([...t.permissions].sort(), ['token.manage', 'user.read']);
      assert.equal(t.revoked, false);
      assert.equal(t.username, DEMO_USERS.bankManager);
      assert.match(t.expiresAt, /\+08:00$/);
      const days = (new Date(t.expiresAt) - new Date(t.createdAt)) / 86400000;
      assert.ok(Math.abs(days - 30) < 0.01, `expires in 30 days: ${t.createdAt} → ${t.expiresAt}`);

      const list = await c.bankManager.get('/api/v1/tokens');
      const listed = list.json.items.find((x) => x.id === t.id);
      assert.ok(listed && !('token' in listed));
      assert.ok(!list.text.includes(t.token.slice(7)), 'the list shows the token');
      const trail = await c.platform.get('/api/v1/audit?action=token.issue&pageSize=100');
      assert.ok(!trail.text.includes(t.token.slice(7)), 'the audit trail shows the token');
      assert.ok(!runJinfu(['--db', server.dbUrl, 'token', 'list']).includes(t.token.slice(7)));
      assert.ok(!sql(server.dbUrl, `SELECT * FROM api_tokens WHERE id = ${t.id}`)[0].join('|').includes(t.token.slice(7)),
        'only a hash of the token is stored');

      const bearer = as(api, { bearer: t.token });
      const users = await bearer.get('/api/v1/users');
      assert.equal(users.res.status, 200);
      assert.ok(users.json.items.every((u) => u.organisationId === orgs[ORG.icbc]), 'the token works in its user\'s scope');
      // No permission it was not issued for: enterprise.read, self.
      assertProblem(await bearer.get('/api/v1/auth/me'), { status: 403, code: 'forbidden' });
      const used = (await c.bankManager.get('/api/v1/tokens')).json.items.find((x) => x.id === t.id);
      assert.match(String(used.lastUsedAt), /\+08:00$/);
    });

    test('revoked → 401; DELETE is audited', async () => {
      const t = (await c.bankManager.post('/api/v1/tokens', tokenBody('to revoke'))).json;
      assert.equal((await send(api, { bearer: t.token }, 'GET', '/api/v1/tokens')).res.status, 200);
      const del = await c.bankManager.del(`/api/v1/tokens/${t.id}`);
      assert.equal(del.res.status, 204, del.text);
      assertProblem(await send(api, { bearer: t.token }, 'GET', '/api/v1/tokens'), { status: 401, code: 'unauthenticated' });
      const listed = (await c.bankManager.get('/api/v1/tokens')).json.items.find((x) => x.id === t.id);
      assert.equal(listed.revoked, true);
      const { items } = await allAudit(c.platform, `action=token.revoke&objectId=${t.id}`);
      assert.equal(items.length, 1);
      assert.equal(items[0].username, DEMO_USERS.bankManager);
    });

    test('expired (expires_at in the past) → 401; malformed and unknown tokens → 401', async () => {
      const t = (await c.bankManager.post('/api/v1/tokens', tokenBody('to expire'))).json;
      sql(server.dbUrl, `UPDATE api_tokens SET expires_at = '${shanghaiTime(-MINUTE)}' WHERE id = ${t.id}`);
      assertProblem(await eventually(() => send(api, { bearer: t.token }, 'GET', '/api/v1/tokens'), 401),
        { status: 401, code: 'unauthenticated' });
      for (const authorization of [`Bearer ${t.token}x`, 'Bearer jf_unknown', `Basic ${t.token}`, `bearer${t.token}`, 'Bearer ']) {
        const r = await api.call('/api/v1/tokens', { headers: { authorization } });
        assertProblem(r, { status: 401, code: 'unauthenticated' });
      }
    });

    test('a token cannot carry a permission its issuer lacks, nor an unknown one (422)', async () => {
      for (const [permissions, field] of [[['audit.read'], 'permissions[0]'], [['token.manage', 'org.manage'], 'permissions[1]'],
        [['root'], 'permissions[0]'], [[], 'permissions']]) {
        const r = await c.bankManager.post('/api/v1/tokens', tokenBody('too much', permissions));
        assertProblem(r, { status: 422, code: 'validation_failed' });
        assert.ok(r.json.errors.some((e) => e.field === field), `${permissions}: ${r.text}`);
      }
      for (const days of [0, 366]) {
        const r = await c.bankManager.post('/api/v1/tokens', tokenBody('bad days', ['token.manage'], days));
        assertProblem(r, { status: 422, code: 'validation_failed' });
        assert.ok(r.json.errors.some((e) => e.field === 'expiresInDays'));
      }
      // A token cannot mint a token with more than it carries itself.
      const narrow = (await c.bankManager.post('/api/v1/tokens', tokenBody('narrow', ['token.manage']))).json;
      const r = await send(api, { bearer: narrow.token }, 'POST', '/api/v1/tokens', tokenBody('wider', ['user.read']));
      assertProblem(r, { status: 422, code: 'validation_failed' });
      // Nor one that outlives it: a leaked short-lived token must not become a long-lived one.
      const short = (await c.bankManager.post('/api/v1/tokens', tokenBody('short', ['token.manage'], 1))).json;
      const longer = await send(api, { bearer: short.token }, 'POST', '/api/v1/tokens', tokenBody('longer', ['token.manage'], 365));
      assert.equal(longer.res.status, 201, longer.text);
      assert.equal(longer.json.expiresAt, short.expiresAt, 'expires with the token that issued it');
    });

    test('a token loses what its user can no longer do (role reduced → 403), and regains it', async () => {
      const created = await c.platform.post('/api/v1/users', {
        username: 'cut-manager', displayName: '权限收回测试', password: STRONG_PASSWORD,
        organisationId: orgs[ORG.icbc], roles: ['bank-manager'],
      });
      assert.equal(created.res.status, 201, created.text);
      const token = runJinfu(['--db', server.dbUrl, 'token', 'issue', '--user', 'cut-manager', '--name', 'cut',
        '--permission', 'user.read', '--permission', 'token.manage']).trim();
      const bearer = as(api, { bearer: token });
      assert.equal((await bearer.get('/api/v1/users')).res.status, 200);
      assert.equal((await bearer.get('/api/v1/tokens')).res.status, 200);

      const reduced = await c.platform.patch(`/api/v1/users/${created.json.id}`, { roles: ['bank-officer'] });
      assert.equal(reduced.res.status, 200, reduced.text);
      assertProblem(await bearer.get('/api/v1/users'), { status: 403, code: 'forbidden' });
      assertProblem(await bearer.get('/api/v1/tokens'), { status: 403, code: 'forbidden' });
      assertProblem(await bearer.post('/api/v1/tokens', tokenBody('escalate')), { status: 403, code: 'forbidden' });

      await c.platform.patch(`/api/v1/users/${created.json.id}`, { roles: ['bank-manager'] });
      assert.equal((await bearer.get('/api/v1/users')).res.status, 200);
      // A disabled user's token stops working.
      await c.platform.patch(`/api/v1/users/${created.json.id}`, { disabled: true });
      assertProblem(await bearer.get('/api/v1/users'), { status: 401, code: 'unauthenticated' });
    });

    test('`jinfu token issue` prints a working token once; it refuses permissions the user lacks; `token revoke` ends it', async () => {
      const out = runJinfu(['--db', server.dbUrl, 'token', 'issue', '--user', DEMO_USERS.bankManager, '--name', 'cli-token',
        '--permission', 'token.manage', '--days', '2']);
      const token = out.trim();
      assert.match(token, /^jf_[A-Za-z0-9_-]{40,}$/);
      assert.equal(out.trim().split('\n').length, 1);
      const r = await send(api, { bearer: token }, 'GET', '/api/v1/tokens');
      assert.equal(r.res.status, 200, r.text);
      const listed = r.json.items.find((x) => x.name === 'cli-token');
      assert.equal(listed.prefix, token.slice(0, 7));
      assert.equal(listed.username, DEMO_USERS.bankManager);

      const refused = jinfu(['--db', server.dbUrl, 'token', 'issue', '--user', DEMO_USERS.bankManager, '--name', 'x',
        '--permission', 'audit.read']);
      assert.notEqual(refused.status, 0);
      assert.doesNotMatch(refused.stdout, /jf_/);
      assert.match(refused.stderr, /audit\.read/);

      const revoked = jinfu(['--db', server.dbUrl, 'token', 'revoke', String(listed.id)]);
      assert.equal(revoked.status, 0, revoked.stderr);
      assertProblem(await eventually(() => send(api, { bearer: token }, 'GET', '/api/v1/tokens'), 401),
        { status: 401, code: 'unauthenticated' });
    });
  });
});
