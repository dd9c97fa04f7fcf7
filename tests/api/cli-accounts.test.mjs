// Account administration on the command line goes through the same AccountService as the admin
// routes: a token issued by `jinfu token issue` obeys the same limits as one issued over HTTP
// (permissions the owner holds, 1–365 days, and a token issued with it expires no later than it),
// and every CLI write lands in the audit trail in the same shape, with the local operator
// ("cli:<os user>") as the actor.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import {
  DEMO_USERS, ORG, STRONG_PASSWORD, allAudit, as, jinfu, loginAll, organisationIds, send,
} from './auth-helpers.mjs';

const DAY = 24 * 3600 * 1000;

describe('accounts on the command line, through the one account service', () => {
  let server;
  let api;
  let c; // role → client
  let orgs;
  const cli = (args, options) => jinfu(['--db', server.dbUrl, ...args], options);
  const issue = (...args) => cli(['token', 'issue', '--user', DEMO_USERS.bankManager, ...args]);
  const auditOf = async (action, objectId) =>
    (await allAudit(c.platform, `action=${action}`)).items.filter((e) => e.objectId === String(objectId));

  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['bankManager', 'platform']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    orgs = await organisationIds(c.platform);
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('the expiry limit is the same: 1–365 days on both paths, refused with a Chinese reason', async () => {
    for (const days of ['0', '366']) {
      const r = issue('--name', `days-${days}`, '--permission', 'user.read', '--days', days);
      assert.equal(r.status, 2, `--days ${days}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^错误：有效期应为 1–365 天。/);
      assertProblem(await c.bankManager.post('/api/v1/tokens', { name: `days-${days}`, permissions: ['user.read'],
        expiresInDays: Number(days) }), { status: 422, code: 'validation_failed' });
    }
    const listed = (await c.bankManager.get('/api/v1/tokens')).json.items.map((t) => t.name);
    assert.ok(!listed.some((n) => n.startsWith('days-')), 'no refused token was stored');
  });

  test('the permission limit is the same: only what the owner holds, only real permissions', async () => {
    for (const permission of ['audit.read', 'no.such.permission']) {
      const r = issue('--name', 'too-much', '--permission', 'user.read', '--permission', permission);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(`“${permission}”`), r.stderr);
      assert.ok(r.stderr.includes(DEMO_USERS.bankManager), 'the CLI names the user who lacks it');
      const http = await c.bankManager.post('/api/v1/tokens', { name: 'too-much', permissions: ['user.read', permission],
        expiresInDays: 7 });
      assertProblem(http, { status: 422, code: 'validation_failed' });
      assert.deepEqual(http.json.errors.map((e) => e.field), ['permissions[1]']);
    }
  });

  test('a CLI-issued token caps the tokens issued with it, exactly like an HTTP-issued one', async () => {
    const cliToken = issue('--name', 'cli-capped', '--permission', 'token.manage', '--days', '3').stdout.trim();
    assert.match(cliToken, /^jf_/);
    const viaCli = await send(api, { bearer: cliToken }, 'POST', '/api/v1/tokens',
      { name: 'child-of-cli', permissions: ['token.manage'], expiresInDays: 365 });
    assert.equal(viaCli.res.status, 201, viaCli.text);

    const httpParent = await c.bankManager.post('/api/v1/tokens', { name: 'http-capped', permissions: ['token.manage'],
      expiresInDays: 3 });
    assert.equal(httpParent.res.status, 201, httpParent.text);
    const viaHttp = await send(api, { bearer: httpParent.json.token }, 'POST', '/api/v1/tokens',
      { name: 'child-of-http', permissions: ['token.manage'], expiresInDays: 365 });
    assert.equal(viaHttp.res.status, 201, viaHttp.text);

    const tokens = (await c.bankManager.get('/api/v1/tokens')).json.items;
    const byName = Object.fromEntries(tokens.map((t) => [t.name, t]));
    assert.equal(byName['child-of-cli'].expiresAt, byName['cli-capped'].expiresAt, 'cut to the CLI token');
    assert.equal(byName['child-of-http'].expiresAt, byName['http-capped'].expiresAt, 'cut to the HTTP token');
    const span = (t) => Date.parse(t.expiresAt) - Date.parse(t.createdAt);
    for (const name of ['cli-capped', 'http-capped']) assert.ok(Math.abs(span(byName[name]) - 3 * DAY) < 60_000, name);
  });

  test('CLI token issue and revoke are audited like the HTTP ones, with the local operator as actor', async () => {
    const token = issue('--name', 'audited', '--permission', 'user.read', '--days', '5').stdout.trim();
    const row = (await c.bankManager.get('/api/v1/tokens')).json.items.find((t) => t.name === 'audited');
    const [entry] = await auditOf('token.issue', row.id);
    assert.ok(entry, 'the CLI issue is in the audit trail');
    assert.match(entry.username, /^cli:/);
    assert.equal(entry.userId, null);
    assert.equal(entry.outcome, 'success');
    assert.equal(entry.objectType, 'token');
    assert.deepEqual(entry.after, { name: 'audited', prefix: token.slice(0, 7), permissions: ['user.read'],
      expiresAt: row.expiresAt });
    assert.ok(!JSON.stringify(entry).includes(token.slice(7)), 'the token itself is never audited');

    const http = await c.bankManager.post('/api/v1/tokens', { name: 'audited-http', permissions: ['user.read'],
      expiresInDays: 5 });
    const [httpEntry] = await auditOf('token.issue', http.json.id);
    assert.deepEqual(Object.keys(entry.after).sort(), Object.keys(httpEntry.after).sort(), 'the same shape');
    assert.equal(httpEntry.username, DEMO_USERS.bankManager);

    const revoked = cli(['token', 'revoke', String(row.id)]);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.equal(revoked.stdout, `已吊销令牌 ${row.id}\n`);
    const [revokeEntry] = await auditOf('token.revoke', row.id);
    assert.match(revokeEntry.username, /^cli:/);
    assert.equal(revokeEntry.detail, 'audited');

    const missing = cli(['token', 'revoke', '999999']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^错误：令牌不存在：999999/);
  });

  test('`jinfu user add` applies the rules of the admin route and is audited', async () => {
    const add = (username, extra = [], input = `${STRONG_PASSWORD}\n`) =>
      cli(['user', 'add', '--username', username, '--org', ORG.icbc, '--role', 'bank-officer', ...extra], { input });
    const badMobile = add('cli-user-a', ['--mobile', '12345']);
    assert.equal(badMobile.status, 2);
    assert.match(badMobile.stderr, /^错误：手机号格式不正确。/);
    const badName = add('ab');
    assert.equal(badName.status, 2);
    assert.match(badName.stderr, /^错误：用户名为 3–64 位字母、数字或 \. _ -/);
    const badRole = add('cli-user-a', ['--role', 'gov-admin']);
    assert.equal(badRole.status, 2);
    assert.match(badRole.stderr, /不适用于该类型的机构/);

    const ok = add('cli-user-a', ['--mobile', '13912345678', '--display-name', '命令行用户']);
    assert.equal(ok.status, 0, ok.stderr);
    const id = Number(/编号 (\d+)/.exec(ok.stdout)[1]);
    const user = (await c.platform.get(`/api/v1/users/${id}`)).json;
    assert.equal(user.organisationId, orgs[ORG.icbc]);
    assert.deepEqual(user.roles, ['bank-officer']);

    const takenMobile = add('cli-user-b', ['--mobile', '13912345678']);
    assert.equal(takenMobile.status, 1, 'a conflict, as over HTTP (409)');
    assert.match(takenMobile.stderr, /^错误：手机号已被其他用户使用。/);

    const [entry] = await auditOf('user.create', id);
    assert.match(entry.username, /^cli:/);
    assert.equal(entry.after.username, 'cli-user-a');

    const disabled = cli(['user', 'disable', 'cli-user-a']);
    assert.equal(disabled.status, 0, disabled.stderr);
    const [update] = await auditOf('user.update', id);
    assert.equal(update.before.disabled, false);
    assert.equal(update.after.disabled, true);
  });
});
