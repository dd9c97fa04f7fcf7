// POST /api/v1/auth/login: what a failure tells (nothing), lock-out per username, the limit per
// client address, disabled users and organisations, log-in by mobile number, session fixation and
// the session cookie's attributes. Failures are counted per client address too, so the tests that
// need many of them send from other loopback addresses (127.0.0.2–4) with node:http.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testNowMs } from '../support/clock.mjs';
import { runJinfu, startServer } from '../support/server.mjs';
import { assertProblem, assertProblemBody, createClient } from './helpers.mjs';
import {
  DEMO_PASSWORD, DEMO_USERS, ORG, allAudit, as, eventually, login, loginAll, organisationIds, postFrom, sessionCookieOf, sql,
} from './auth-helpers.mjs';

const LOGIN = '/api/v1/auth/login';
const strip = ({ requestId, instance, ...rest }) => rest;

describe('log-in', () => {
  let server;
  let api;
  let platform;
  let orgs;
  let userIds;

  before(async () => {
    // More server threads than the two a small test machine has, so that concurrent log-ins
    // really run at the same time (the lock-out must hold under concurrency).
    server = await startServer({ demo: true, extraArgs: ['--threads', '8'] });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['platform']);
    platform = as(api, creds.platform);
    orgs = await organisationIds(platform);
    const users = await platform.get('/api/v1/users?pageSize=100');
    userIds = Object.fromEntries(users.json.items.map((u) => [u.username, u.id]));
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('a wrong password and an unknown username get the same 401, apart from requestId and instance', async () => {
    const wrong = await login(api, DEMO_USERS.entStaff, 'Wrong-Password-1');
    const unknown = await login(api, 'no-such-user-anywhere', 'Wrong-Password-1');
    const a = assertProblem(wrong, { status: 401, code: 'invalid_credentials' });
    const b = assertProblem(unknown, { status: 401, code: 'invalid_credentials' });
    assert.match(a.detail, /用户名或密码错误/);
    assert.deepEqual(strip(a), strip(b));
    assert.equal(wrong.res.headers.get('set-cookie'), null);
    assert.equal(unknown.res.headers.get('set-cookie'), null);
    // In English too, and still the same.
    const en = { 'accept-language': 'en' };
    const wrongEn = await api.postJson(LOGIN, { username: DEMO_USERS.entStaff, password: 'Wrong-Password-2' }, en);
    const unknownEn = await api.postJson(LOGIN, { username: 'no-such-user-anywhere', password: 'Wrong-Password-2' }, en);
    assertProblem(wrongEn, { status: 401, code: 'invalid_credentials', lang: 'en' });
    assert.deepEqual(strip(wrongEn.json), strip(unknownEn.json));
  });

  test('5 failures lock the username: account_locked, even with the right password; all of it audited', async () => {
    // Two failures above already; three more make five.
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const r = await login(api, DEMO_USERS.entStaff, `Wrong-Password-${i + 10}`);
      assert.equal(r.res.status, 401);
      statuses.push(r.json.code);
    }
    assert.deepEqual(statuses.slice(0, 2), ['invalid_credentials', 'invalid_credentials']);
    const right = await login(api, DEMO_USERS.entStaff, DEMO_PASSWORD);
    const body = assertProblem(right, { status: 401, code: 'account_locked' });
    assert.match(body.detail, /锁定/);
    assert.match(body.detail, /15 分钟/);
    assert.equal(right.res.headers.get('set-cookie'), null);

    const { items } = await allAudit(platform, `action=auth.login&user=${DEMO_USERS.entStaff}`);
    const failures = items.filter((e) => e.outcome === 'failure' && e.username === DEMO_USERS.entStaff);
    assert.equal(failures.length, 6, 'five failures and the refused log-in while locked');
    assert.equal(failures.filter((e) => /locked|锁定/.test(e.detail)).length, 1, 'the refusal while locked says so');
    assert.ok(!items.some((e) => e.outcome === 'success'));
    for (const e of failures) assert.equal(e.objectType, 'user');
  });

  test('a locked user shows lockedUntil (a time in the future); others show null', async () => {
    const locked = await platform.get(`/api/v1/users/${userIds[DEMO_USERS.entStaff]}`);
    assert.equal(locked.res.status, 200);
    assert.ok('lockedUntil' in locked.json, `User has no lockedUntil: ${locked.text}`);
    assert.match(String(locked.json.lockedUntil), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$/);
    assert.ok(Date.parse(locked.json.lockedUntil) > testNowMs(), 'lockedUntil lies in the future');
    const other = await platform.get(`/api/v1/users/${userIds[DEMO_USERS.entAdmin]}`);
    assert.equal(other.json.lockedUntil, null);
  });

  test('a username that does not exist locks the same way after 5 failures', async () => {
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await login(api, 'ghost-user', `Wrong-Password-${i}`)).json.code);
    assert.deepEqual(codes.slice(0, 4), Array(4).fill('invalid_credentials'));
    assert.equal(codes[5], 'account_locked');
    // And it looks exactly like a real locked account.
    const ghost = await login(api, 'ghost-user', 'Whatever-Pass-1');
    const real = await login(api, DEMO_USERS.entStaff, 'Whatever-Pass-1');
    assert.deepEqual(strip(ghost.json), strip(real.json));
    const { items } = await allAudit(platform, 'action=auth.login&outcome=failure&user=ghost-user');
    assert.equal(items.length, 7, 'every failed attempt for the unknown name is audited');
    assert.ok(items.every((e) => e.username === 'ghost-user' && e.userId === null));
  });

  test('a failed log-in sent along with someone\'s session cookie is not put on that someone\'s account', async () => {
    const r = await api.postJson(LOGIN, { username: 'ghost-with-cookie', password: 'Wrong-Password-1' },
      { cookie: platform.cred.cookie });
    assertProblem(r, { status: 401, code: 'invalid_credentials' });
    const { items } = await allAudit(platform, 'action=auth.login&outcome=failure&user=ghost-with-cookie');
    assert.equal(items.length, 1);
    const e = items[0];
    // userId and username must name the same account: the platform admin's user id next to the
    // name "ghost-with-cookie" misattributes the attempt.
    const consistent = (e.userId === null && e.organisationId === null && e.username === 'ghost-with-cookie')
      || (e.userId === userIds[DEMO_USERS.platform] && e.username === DEMO_USERS.platform);
    assert.ok(consistent, `inconsistent actor: userId ${e.userId}, username ${e.username}, organisation ${e.organisationName}`);
  });

  test('the lock-out holds for the account, whether it is named by username or mobile number', async () => {
    const mobile = '13600002222';
    const patched = await platform.patch(`/api/v1/users/${userIds[DEMO_USERS.bankManager]}`, { mobile });
    assert.equal(patched.res.status, 200, patched.text);
    for (let i = 0; i < 5; i++) {
      const r = await postFrom(api, '127.0.0.4', LOGIN, { username: DEMO_USERS.bankManager, password: `Wrong-Password-${i}` });
      assert.equal(r.status, 401);
    }
    const byMobile = await postFrom(api, '127.0.0.4', LOGIN, { username: mobile, password: DEMO_PASSWORD });
    assert.equal(byMobile.status, 401, `a locked account logs in by its mobile number: ${byMobile.text}`);
    assert.equal(byMobile.json.code, 'account_locked');
  });

  test('concurrent guesses do not get past the lock-out: at most 5 passwords are checked', async () => {
    // Ten wrong passwords for one account at once. The lock must be taken before a password is
    // checked, not after: otherwise every request in flight gets its guess checked (and one with
    // the right password logs in although more than five failures came before it).
    const rs = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      postFrom(api, '127.0.0.5', LOGIN, { username: DEMO_USERS.entAdmin, password: `Wrong-Password-${i}` })));
    assert.ok(rs.every((r) => r.status === 401), rs.map((r) => r.text).join('\n'));
    assert.ok(rs.every((r) => ['invalid_credentials', 'account_locked'].includes(r.json.code)));
    const right = await postFrom(api, '127.0.0.5', LOGIN, { username: DEMO_USERS.entAdmin, password: DEMO_PASSWORD });
    assert.equal(right.json?.code, 'account_locked');
    // The trail tells checked guesses ("wrong username or password") from refusals while locked.
    const { items } = await allAudit(platform, `action=auth.login&outcome=failure&user=${DEMO_USERS.entAdmin}`);
    assert.equal(items.length, 11);
    const checked = items.filter((e) => !/locked|锁定/.test(e.detail));
    assert.ok(checked.length <= 5, `${checked.length} of 10 concurrent guesses had their password checked`);
  });

  test('more than 20 failures from one address → 429 too_many_attempts with Retry-After; other addresses unaffected', async () => {
    const from = '127.0.0.3';
    const attempt = (i) => postFrom(api, from, LOGIN, { username: `spray-${i}`, password: 'Wrong-Password-1' });
    // Twenty at once: each one counts, however close together they come.
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i)));
    assert.deepEqual(rs.map((r) => r.status), Array(20).fill(401), rs.map((r) => r.text).join('\n'));
    assert.deepEqual(sql(server.dbUrl, `SELECT failures FROM login_attempts WHERE attempt_key = 'ip:${from}'`), [['20']],
      'every concurrent failure is counted (no lost updates)');
    const refused = await attempt(20);
    assert.equal(refused.status, 429, refused.text);
    assertProblemBody(refused.json, { status: 429, code: 'too_many_attempts' });
    assert.match(refused.headers['retry-after'] ?? '', /^[1-9]\d*$/);
    assert.ok(Number(refused.headers['retry-after']) <= 15 * 60);
    // The right password does not help from that address …
    const right = await postFrom(api, from, LOGIN, { username: DEMO_USERS.govOfficer, password: DEMO_PASSWORD });
    assert.equal(right.status, 429);
    // … but another address logs in.
    const elsewhere = await postFrom(api, '127.0.0.2', LOGIN, { username: DEMO_USERS.govOfficer, password: DEMO_PASSWORD });
    assert.equal(elsewhere.status, 200, elsewhere.text);
    const { items } = await allAudit(platform, 'action=auth.login&outcome=failure&user=spray-20');
    assert.equal(items.length, 1);
    assert.equal(items[0].ip, from);
    assert.match(items[0].detail, /too many|过多/);
  });

  test('a user disabled by an admin (PATCH disabled) loses its session and cannot log in', async () => {
    const r = await login(api, DEMO_USERS.bankOfficer);
    assert.equal(r.res.status, 200);
    const officer = as(api, r.cred);
    assert.equal((await officer.get('/api/v1/auth/me')).res.status, 200);
    const patched = await platform.patch(`/api/v1/users/${userIds[DEMO_USERS.bankOfficer]}`, { disabled: true });
    assert.equal(patched.res.status, 200, patched.text);
    assert.equal(patched.json.disabled, true);
    assertProblem(await officer.get('/api/v1/auth/me'), { status: 401, code: 'unauthenticated' });
    assertProblem(await login(api, DEMO_USERS.bankOfficer), { status: 401, code: 'invalid_credentials' });
  });

  test('a user disabled with `jinfu user disable` loses its session and cannot log in', async () => {
    const r = await login(api, DEMO_USERS.govViewer);
    assert.equal(r.res.status, 200);
    const viewer = as(api, r.cred);
    assert.equal((await viewer.get('/api/v1/auth/me')).res.status, 200);
    const out = runJinfu(['--db', server.dbUrl, 'user', 'disable', DEMO_USERS.govViewer]);
    assert.match(out, /已停用/);
    // Another process: the server notices within its credential cache time.
    assertProblem(await eventually(() => viewer.get('/api/v1/auth/me'), 401), { status: 401, code: 'unauthenticated' });
    assertProblem(await login(api, DEMO_USERS.govViewer), { status: 401, code: 'invalid_credentials' });
    const listed = runJinfu(['--db', server.dbUrl, 'user', 'list']);
    assert.match(listed.split('\n').find((l) => l.includes(DEMO_USERS.govViewer)), /停用/);
  });

  test('log-in by mobile number works; a disabled organisation ends its users\' sessions and log-ins', async () => {
    const mobile = '13700001111';
    const patched = await platform.patch(`/api/v1/users/${userIds[DEMO_USERS.provider]}`, { mobile });
    assert.equal(patched.res.status, 200, patched.text);
    const r = await login(api, mobile);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.json.user.username, DEMO_USERS.provider);
    assert.equal(r.json.user.mobile, mobile, 'the user sees its own number unmasked');
    assert.equal(r.json.organisation.name, ORG.market);
    assert.match(r.json.csrfToken, /^[A-Za-z0-9_-]{20,}$/);

    const provider = as(api, r.cred);
    const off = await platform.patch(`/api/v1/organisations/${orgs[ORG.market]}`, { disabled: true });
    assert.equal(off.res.status, 200, off.text);
    assertProblem(await provider.get('/api/v1/auth/me'), { status: 401, code: 'unauthenticated' });
    assertProblem(await login(api, mobile), { status: 401, code: 'invalid_credentials' });
  });

  test('a new username that is someone\'s mobile number is refused (409): it would take over their mobile log-in', async () => {
    // demo-provider has 13700001111 since the test above; log-in looks the name up as username OR mobile.
    const r = await platform.post('/api/v1/users', {
      username: '13700001111', displayName: '冒名', password: 'Qx7!vWm2#Lp9', organisationId: orgs[ORG.abc], roles: ['bank-officer'],
    });
    assertProblem(r, { status: 409, code: 'username_taken' });
  });

  test('session fixation: a planted jinfu_session is not adopted and never becomes valid', async () => {
    const planted = 'planted-by-an-attacker-0123456789abcdefghij';
    const r = await api.postJson(LOGIN, { username: DEMO_USERS.govOfficer, password: DEMO_PASSWORD },
      { cookie: `jinfu_session=${planted}` });
    assert.equal(r.res.status, 200, r.text);
    const cookie = sessionCookieOf(r.res);
    assert.ok(cookie.value && cookie.value !== planted, 'the log-in issues a new session id');
    assert.ok(cookie.value.length >= 32);
    assertProblem(await api.call('/api/v1/auth/me', { headers: { cookie: `jinfu_session=${planted}` } }),
      { status: 401, code: 'unauthenticated' });
    const me = await api.call('/api/v1/auth/me', { headers: { cookie: cookie.pair } });
    assert.equal(me.res.status, 200);
    assert.equal(me.json.user.username, DEMO_USERS.govOfficer);
  });

  test('the session cookie: HttpOnly, SameSite=Lax, Path=/; no Secure over plain HTTP, whatever an untrusted X-Forwarded-Proto says', async () => {
    const attributes = (header) => header.split(';').slice(1).map((a) => a.trim().toLowerCase());
    const plain = await login(api, DEMO_USERS.govAdmin);
    assert.equal(plain.res.status, 200);
    const a = attributes(plain.cookie.header);
    assert.ok(a.includes('httponly'), plain.cookie.header);
    assert.ok(a.includes('samesite=lax'), plain.cookie.header);
    assert.ok(a.includes('path=/'), plain.cookie.header);
    assert.ok(!a.includes('secure'), `no Secure over plain HTTP: ${plain.cookie.header}`);
    assert.equal(plain.res.headers.get('cache-control'), 'no-store');

    // No proxy is trusted by default: the header is anyone's to send (trusted-proxy.test.mjs has
    // the server behind a trusted one, where it sets Secure).
    const claimed = await api.postJson(LOGIN, { username: DEMO_USERS.govAdmin, password: DEMO_PASSWORD },
      { 'x-forwarded-proto': 'https' });
    assert.equal(claimed.res.status, 200);
    const b = attributes(sessionCookieOf(claimed.res).header);
    assert.ok(!b.includes('secure'), sessionCookieOf(claimed.res).header);
    assert.ok(b.includes('httponly') && b.includes('samesite=lax') && b.includes('path=/'));
  });

  test('successful log-ins are audited with the user and organisation, and set lastLoginAt', async () => {
    const user = await platform.get(`/api/v1/users/${userIds[DEMO_USERS.govAdmin]}`);
    assert.match(String(user.json.lastLoginAt), /\+08:00$/);
    const never = await platform.get(`/api/v1/users/${userIds[DEMO_USERS.entAdmin]}`);
    assert.equal(never.json.lastLoginAt, null);
    const { items } = await allAudit(platform, `action=auth.login&outcome=success&user=${DEMO_USERS.govAdmin}`);
    assert.equal(items.length, 2);
    for (const e of items) {
      assert.equal(e.userId, userIds[DEMO_USERS.govAdmin]);
      assert.equal(e.organisationName, ORG.zone);
      assert.equal(e.objectId, String(userIds[DEMO_USERS.govAdmin]));
    }
  });
});
