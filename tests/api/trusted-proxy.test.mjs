// Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from a trusted
// proxy (--trusted-proxy), and then the client is the right-most address that is not a trusted
// proxy. Without it, one person's failed log-ins behind a shared proxy would lock out everyone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import { DEMO_PASSWORD, DEMO_USERS, allAudit, as, loginAll, sessionCookieOf } from './auth-helpers.mjs';

const LOGIN = '/api/v1/auth/login';

// The server sees every test request come from 127.0.0.1: the "proxy".
async function loginVia(api, forwardedFor, { username = DEMO_USERS.govOfficer, password = DEMO_PASSWORD, proto } = {}) {
  const headers = {};
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  if (proto) headers['x-forwarded-proto'] = proto;
  return api.postJson(LOGIN, { username, password }, headers);
}

const loginIps = async (platform, user) =>
  (await allAudit(platform, `action=auth.login&user=${user}`)).items.map((e) => e.ip);

describe('behind a trusted proxy (--trusted-proxy 127.0.0.0/8)', () => {
  let server, api, platform;
  before(async () => {
    server = await startServer({ demo: 'registry', extraArgs: ['--trusted-proxy', '127.0.0.0/8,10.0.0.0/8'] });
    api = createClient(server.baseUrl);
    platform = as(api, (await loginAll(api, ['platform'])).platform);
  });
  after(async () => { api?.assertNo500(); await server?.stop(); });

  test('the client is the forwarded address: in the audit trail and the session list', async () => {
    const r = await loginVia(api, '203.0.113.7', { username: DEMO_USERS.bankOfficer });
    assert.equal(r.res.status, 200, r.text);
    assert.deepEqual(await loginIps(platform, DEMO_USERS.bankOfficer), ['203.0.113.7']);
    const cookie = sessionCookieOf(r.res).pair;
    const sessions = await api.call('/api/v1/auth/sessions', { headers: { cookie } });
    assert.equal(sessions.res.status, 200, sessions.text);
    assert.deepEqual(sessions.json.items.map((s) => s.ip), ['203.0.113.7']);
  });

  test('hops are read from the right: trusted proxies are skipped, a forged left part is ignored', async () => {
    for (const [chain, client] of [
      ['198.51.100.1, 10.1.2.3', '198.51.100.1'],          // through a second, trusted proxy
      ['6.6.6.6, 198.51.100.2', '198.51.100.2'],           // the client made up a hop before its own
      ['198.51.100.3:5123', '198.51.100.3'],               // with a port
      ['[2001:db8::9]:443', '2001:db8::9'],               // IPv6 in brackets
      ['garbage, 198.51.100.4', '198.51.100.4'],
      ['198.51.100.5, garbage', '127.0.0.1'],              // the nearest hop is unreadable: the peer
    ]) {
      const user = DEMO_USERS.govViewer;
      const before = (await loginIps(platform, user)).length;
      const r = await loginVia(api, chain, { username: user });
      assert.equal(r.res.status, 200, r.text);
      const ips = await loginIps(platform, user);
      assert.equal(ips.length, before + 1);
      assert.equal(ips[0], client, chain);
    }
  });

  test("one client's failed log-ins lock out that client only, not everyone behind the proxy", async () => {
    const attacker = '203.0.113.66';
    let last;
    for (let i = 0; i < 21; i++) last = await loginVia(api, attacker, { username: `spray-${i}`, password: 'Wrong-Password-1' });
    assertProblem(last, { status: 429, code: 'too_many_attempts' });
    const refused = await loginVia(api, attacker, { username: DEMO_USERS.govAdmin });
    assert.equal(refused.res.status, 429);
    const colleague = await loginVia(api, '203.0.113.67', { username: DEMO_USERS.govAdmin });
    assert.equal(colleague.res.status, 200, colleague.text);
  });

  test('X-Forwarded-Proto: https from the proxy makes the session cookie Secure', async () => {
    const tls = await loginVia(api, '203.0.113.8', { username: DEMO_USERS.govAdmin, proto: 'https' });
    assert.equal(tls.res.status, 200);
    assert.match(sessionCookieOf(tls.res).header, /;\s*Secure/i);
    const plain = await loginVia(api, '203.0.113.8', { username: DEMO_USERS.govAdmin, proto: 'http' });
    assert.doesNotMatch(sessionCookieOf(plain.res).header, /Secure/i);
  });
});

describe('no trusted proxy (the default)', () => {
  let server, api, platform;
  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
    platform = as(api, (await loginAll(api, ['platform'])).platform);
  });
  after(async () => { api?.assertNo500(); await server?.stop(); });

  test("X-Forwarded-For is anyone's to send: the peer address is recorded", async () => {
    const r = await loginVia(api, '203.0.113.7', { username: DEMO_USERS.bankOfficer, proto: 'https' });
    assert.equal(r.res.status, 200, r.text);
    assert.deepEqual(await loginIps(platform, DEMO_USERS.bankOfficer), ['127.0.0.1']);
    assert.doesNotMatch(sessionCookieOf(r.res).header, /Secure/i);
  });
});

test('a --trusted-proxy that is not an address or network stops the server with a message', async () => {
  await assert.rejects(startServer({ demo: false, extraArgs: ['--trusted-proxy', '10.0.0.0/33'] }),
    /--trusted-proxy 应为 IP 地址或网段/);
});
