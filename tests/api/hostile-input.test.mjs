// Hostile input on every route that takes a body, as a caller who may use it: a document nested
// 100 000 deep, huge strings and numbers, invalid UTF-8, NUL bytes, the wrong JSON type in every
// field the route names. Each answer must be a 4xx problem+json, and the server must still be
// serving afterwards. Then anonymous uploads: refused with 401 before their body is read, and the
// server's memory stays flat (resident size read from /proc, not a timing).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runJinfu, startServer } from '../support/server.mjs';
import { PROBLEM_TYPE, assertProblem, createClient, rawExchange } from './helpers.mjs';
import { DEMO_PASSWORD, as, login, loginAll } from './auth-helpers.mjs';

// Who calls a route of each permission: a demo role that holds it.
const CALLER_FOR = {
  public: 'anon',
  self: 'entStaff',
  'consent.manage': 'entAdmin',
  'demand.manage': 'entAdmin',
  'product.manage': 'bankManager',
  'deal.handle': 'bankManager',
};
const callerFor = (permission) => CALLER_FOR[permission] ?? 'platform';

// Routes that take no body, and whose success would change the session under test.
const NO_BODY = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/finance/sweep', 'POST /api/v1/notifications/read-all']);

const deepObject = (depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

// Whole bodies: [name, content type, bytes].
const BODIES = [
  ['an object nested 100 000 deep', 'application/json', deepObject(100_000)],
  ['an array nested 100 000 deep in a field', 'application/json', `{"x":${deepArray(100_000)}}`],
  ['a 900 KB string', 'application/json', JSON.stringify({ x: 'A'.repeat(900_000) })],
  ['invalid UTF-8', 'application/json', Buffer.from([0x7b, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['a raw NUL byte', 'application/json', Buffer.from('{"x":"a\u0000b"}', 'utf8')],
  ['a number beyond double', 'application/json', '{"x":1e400}'],
  ['not an object', 'application/json', '[1,2,3]'],
  ['a broken document', 'application/json', '{"x":'],
  ['an empty body', 'application/json', ''],
  ['the wrong content type', 'text/plain', '{}'],
];

// Values put in each field the route names, one at a time: wrong for every field of the API (no
// field takes 300 KB of text, a number beyond 10^15, or a NUL), whatever type it expects.
const WRONG = [
  ['nested 10 000 deep', deepArray(10_000)],
  ['a 300 KB string', JSON.stringify('字'.repeat(100_000))],
  ['a huge number', '1e308'],
  ['a huge negative number', '-1.7976931348623157e308'],
  ['beyond 64 bits', '18446744073709551616'],
  ['a NUL inside', JSON.stringify('a\u0000b')],
];

function expectProblem(r, what) {
  assert.ok(r.res.status >= 400 && r.res.status < 500, `${what}: ${r.res.status} ${r.text.slice(0, 300)}`);
  assert.equal(r.res.headers.get('content-type'), PROBLEM_TYPE, `${what}: ${r.text.slice(0, 200)}`);
  assert.equal(typeof r.json?.code, 'string', what);
  assert.equal(typeof r.json?.detail, 'string', what);
}

function rssKiB(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(m[1]);
}

describe('hostile bodies on every route that takes one', () => {
  let server, api, c, routes;
  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['entStaff', 'entAdmin', 'bankManager', 'platform']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    c.anon = as(api, undefined);
    routes = runJinfu(['--db', server.dbUrl, 'routes']).trim().split('\n').map((line) => {
      const [method, pattern, permission] = line.split('\t');
      return { method, pattern, permission };
    }).filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !NO_BODY.has(`${r.method} ${r.pattern}`));
  });
  after(async () => {
    api?.assertNo500();
    const alive = server?.child.exitCode === null && server?.child.signalCode === null;
    await server?.stop();
    assert.ok(alive, 'the server was still running at the end');
  });

  const send = (route, contentType, body) => {
    const caller = c[callerFor(route.permission)];
    const path = route.pattern.replace('{id:int}', '999999');
    return caller[route.method.toLowerCase()](path, body, { 'content-type': contentType });
  };

  test('every route: whole bodies that are deep, huge, not UTF-8, not JSON → 4xx problem, and still serving', async () => {
    assert.ok(routes.length >= 25, `${routes.length} routes take a body`);
    for (const route of routes) {
      for (const [name, type, body] of BODIES) {
        expectProblem(await send(route, type, body), `${route.method} ${route.pattern} with ${name}`);
      }
      assert.equal((await api.call('/healthz')).res.status, 200);
    }
  });

  test('every field a route names gets every wrong type: 4xx problem naming it, nothing stored', async () => {
    const auditBefore = Number((await c.platform.get('/api/v1/audit?pageSize=1')).json.total);
    let probed = 0;
    for (const route of routes) {
      // The fields: those {} is told it lacks; a route where every field is optional (a settings
      // update) answers {} with its current state, whose keys are its fields.
      const empty = await send(route, 'application/json', '{}');
      const named = empty.res.ok ? Object.keys(empty.json ?? {}) : (empty.json?.errors ?? []).map((e) => e.field);
      if (!empty.res.ok) expectProblem(empty, `${route.method} ${route.pattern} with {}`);
      const fields = [...new Set(named.map((f) => f.split(/[.[]/)[0]).filter(Boolean))];
      for (const field of fields) {
        for (const [name, value] of WRONG) {
          const r = await send(route, 'application/json', `{${JSON.stringify(field)}:${value}}`);
          expectProblem(r, `${route.method} ${route.pattern}: ${field} = ${name}`);
          probed++;
        }
      }
    }
    assert.ok(probed > 300, `${probed} field probes`);
    // Refusals of bad input are not writes: nothing but denials could have reached the trail.
    const { items } = (await c.platform.get(`/api/v1/audit?pageSize=100`)).json;
    const added = items.slice(0, Number((await c.platform.get('/api/v1/audit?pageSize=1')).json.total) - auditBefore);
    assert.ok(added.every((e) => e.outcome !== 'success' || e.action === 'audit.read'),
      `successful writes: ${JSON.stringify(added.filter((e) => e.outcome === 'success').slice(0, 3))}`);
  });
});

describe('duplicate codes and passwords with control characters', () => {
  let server, api, c;
  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['platform', 'entStaff']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
  });
  after(async () => { api?.assertNo500(); await server?.stop(); });

  test('an organisation with a USCC another organisation has → 409 uscc_taken, without naming it; nothing created', async () => {
    const orgs = await c.platform.get('/api/v1/organisations?pageSize=100');
    const holder = orgs.json.items.find((o) => o.uscc);
    assert.ok(holder, 'a demo organisation with a USCC');
    const r = await c.platform.post('/api/v1/organisations', { kind: 'enterprise', name: '重复代码测试企业', regionCode: '410871', uscc: holder.uscc });
    assertProblem(r, { status: 409, code: 'uscc_taken' });
    assert.ok(!r.text.includes(holder.name), r.text);
    assert.equal((await c.platform.get('/api/v1/organisations?pageSize=100')).json.total, orgs.json.total);
  });

  test('a crowd logging in at once: a few passwords are checked at a time, the rest are told 429 busy at once', async () => {
    const attempts = await Promise.all(Array.from({ length: 30 }, () =>
      api.postJson('/api/v1/auth/login', { username: 'demo-gov-viewer', password: DEMO_PASSWORD })));
    const statuses = attempts.map((r) => r.res.status);
    assert.ok(statuses.every((st) => st === 200 || st === 429), statuses.join(' '));
    const busy = attempts.filter((r) => r.res.status === 429);
    assert.ok(busy.length > 0, 'some were turned away');
    for (const r of busy) {
      assert.equal(r.json.code, 'busy');
      assert.equal(r.res.headers.get('retry-after'), '1');
    }
    assert.ok(statuses.includes(200), 'and some got in');
    // Being turned away is not a failed log-in: the account is not locked.
    const later = await login(api, 'demo-gov-viewer');
    assert.equal(later.res.status, 200, later.text);
  });

  test('passwords with NUL, line breaks or tabs → 422 naming the field', async () => {
    const orgId = (await c.platform.get('/api/v1/organisations?pageSize=100')).json.items.find((o) => o.kind === 'bank').id;
    for (const password of ['Strong-Pass\u0000word-1', 'Strong-Pass\nword-1', 'Strong-Pass\tword-1', 'Strong-Pass\u007fword-1']) {
      const user = await c.platform.post('/api/v1/users', {
        username: 'control-chars', displayName: '控制字符', password, organisationId: orgId, roles: ['bank-officer'],
      });
      assertProblem(user, { status: 422, code: 'validation_failed' });
      assert.deepEqual(user.json.errors.map((e) => e.field), ['password'], user.text);
      assert.match(user.json.errors[0].message, /控制字符/);
      const own = await c.entStaff.put('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: password });
      assertProblem(own, { status: 422, code: 'validation_failed' });
      assert.deepEqual(own.json.errors.map((e) => e.field), ['newPassword'], own.text);
    }
  });
});

describe('anonymous uploads', () => {
  let server, api;
  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
  });
  after(async () => { await server?.stop(); });

  test('ten anonymous 100 MB uploads are refused with 401 before their bodies, and memory stays flat', async () => {
    const pid = server.child.pid;
    assert.equal((await api.call('/healthz')).res.status, 200);
    const before = rssKiB(pid);
    const declared = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(1 << 20, 0x41);
    const head = `POST /api/v1/collect/batches?category=tax&fileName=a.csv HTTP/1.1\r\nHost: x\r\n` +
      `Content-Type: text/csv\r\nContent-Length: ${declared}\r\n\r\n`;
    // Each connection sends its header and 8 MiB of body, a chunk every 20 ms, and waits for the answer.
    const uploads = Array.from({ length: 10 }, () =>
      rawExchange(server.baseUrl.split(':').pop(), [head, ...Array(8).fill(chunk)], { gapMs: 20, timeoutMs: 8000, endWhenAnswered: true }));
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, rssKiB(pid)); }, 10);
    const answers = await Promise.all(uploads);
    clearInterval(sampler);
    for (const a of answers) {
      assert.equal(a.status, 401, a.text.slice(0, 300));
      assert.match(a.headers['content-type'] ?? '', /problem\+json/);
      assert.equal(a.headers.connection, 'close', 'the connection is not kept for more of that body');
    }
    // 80 MiB were offered; none of it may be held.
    assert.ok(peak - before < 40 * 1024, `resident memory grew by ${Math.round((peak - before) / 1024)} MiB`);
    assert.equal((await api.call('/healthz')).res.status, 200);
  });

  test('a caller without collect.submit is refused with 403 the same way', async () => {
    const creds = await loginAll(api, ['bankOfficer']);
    const port = server.baseUrl.split(':').pop();
    const head = `POST /api/v1/collect/batches?category=tax&fileName=a.csv HTTP/1.1\r\nHost: x\r\nCookie: ${creds.bankOfficer.cookie}\r\n` +
      `X-CSRF-Token: ${creds.bankOfficer.csrf}\r\nContent-Type: text/csv\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`;
    const a = await rawExchange(port, [head, Buffer.alloc(1 << 20, 0x41)], { gapMs: 20, timeoutMs: 8000, endWhenAnswered: true });
    assert.equal(a.status, 403, a.text.slice(0, 300));
    assert.equal(a.headers.connection, 'close');
  });
});
