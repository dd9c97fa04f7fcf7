// GET /api/v1/summary: the counts on the home page, and the response conventions every route
// shares (JSON type, security headers, request ids, HEAD).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { startServer } from '../support/server.mjs';
import { JSON_TYPE, assertSecurityHeaders, createClient } from './helpers.mjs';

// The server's "serving <database> on <address>" line, once it has written it.
function servingLine(server) {
  const find = () => server.stderr().split('\n').map((l) => l.match(/(serving \S+ on \S+)/)?.[1]).find(Boolean);
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = find();
      if (line !== undefined) { server.child.stderr.off('data', check); resolve(line); }
    };
    server.child.stderr.on('data', check);
    server.exited.then(() => reject(new Error(`the server exited: ${server.stderr()}`)));
    check();
  });
}

describe('GET /api/v1/summary with the demo data', () => {
  let server;
  let api;
  before(async () => {
    server = await startServer({ demo: true, logLevel: 'info' });
    api = createClient(server.baseUrl);
  });
  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('runs on the database the suite was asked for (JINFU_TEST_PG or SQLite)', async () => {
    if (process.env.JINFU_TEST_PG) assert.match(server.dbUrl, /^postgres(ql)?:\/\//);
    else assert.match(server.dbUrl, /^sqlite:/);
    // What the server itself says it opened (its info line on start-up), and what the backend sees:
    // PostgreSQL lists the server's connections in this test's database; a SQLite server holds the file.
    const serving = await servingLine(server);
    const pg = process.env.JINFU_TEST_PG;
    if (pg) {
      const name = new URL(server.dbUrl).pathname.slice(1);
      assert.match(serving, new RegExp(`^serving postgresql://[^ ]*/${name}\\b`));
      const n = execFileSync('psql', [pg, '-X', '-A', '-t', '-c',
        `SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`], { encoding: 'utf8' });
      assert.ok(Number(n) >= 1, `the server holds a connection to ${name}: ${n}`);
    } else {
      const file = server.dbUrl.slice('sqlite:'.length);
      assert.ok(serving.startsWith(`serving sqlite:${file} on `), serving);
      const open = readdirSync(`/proc/${server.child.pid}/fd`).map((fd) => {
        try { return readlinkSync(`/proc/${server.child.pid}/fd/${fd}`); } catch { return ''; }
      });
      assert.ok(open.includes(file), `the server has ${file} open`);
    }
  });

  test('counts 200 enterprises, 13 partner banks and 5 parks', async () => {
    const { res, json } = await api.call('/api/v1/summary');
    assert.equal(res.status, 200);
    assert.deepEqual(json, { enterprises: 200, banks: 13, parks: 5 });
  });

  test('answers JSON, not cacheable, with the security headers', async () => {
    const { res } = await api.call('/api/v1/summary');
    assert.equal(res.headers.get('content-type'), JSON_TYPE);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assertSecurityHeaders(res.headers);
    assert.equal(
      res.headers.get('content-security-policy'),
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'",
    );
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
  });

  test('echoes a plain X-Request-Id sent by the client', async () => {
    const { res } = await api.call('/api/v1/summary', { headers: { 'X-Request-Id': 'gateway-42_a.b' } });
    assert.equal(res.headers.get('x-request-id'), 'gateway-42_a.b');
  });

  test('generates a 16-hex-digit request id when none is sent, a new one each time', async () => {
    const a = await api.call('/api/v1/summary');
    const b = await api.call('/api/v1/summary');
    assert.match(a.res.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
    assert.match(b.res.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
    assert.notEqual(a.res.headers.get('x-request-id'), b.res.headers.get('x-request-id'));
  });

  test('replaces a client request id that is not plain (spaces, too long) with its own', async () => {
    for (const sent of ['has space', 'a'.repeat(65), 'semi;colon', '<script>']) {
      const { res } = await api.call('/api/v1/summary', { headers: { 'X-Request-Id': sent } });
      assert.match(res.headers.get('x-request-id'), /^[0-9a-f]{16}$/, `for ${JSON.stringify(sent)}`);
    }
    // 64 characters is still accepted.
    const longest = 'b'.repeat(64);
    const { res } = await api.call('/api/v1/summary', { headers: { 'X-Request-Id': longest } });
    assert.equal(res.headers.get('x-request-id'), longest);
  });

  test('HEAD gives the GET headers (with the GET Content-Length) and no body', async () => {
    const get = await api.call('/api/v1/summary');
    const head = await api.request('/api/v1/summary', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), JSON_TYPE);
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(get.text)));
    assertSecurityHeaders(head.headers);
    assert.equal(await head.text(), '');
  });

  test('HEAD over a raw socket sends no body bytes, and the connection stays usable', async () => {
    const r = await api.raw(
      'HEAD /api/v1/summary HTTP/1.1\r\nHost: t\r\n\r\nGET /api/v1/summary HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
    );
    const responses = r.text.split(/(?=HTTP\/1\.1 )/);
    assert.equal(responses.length, 2, r.text);
    const head = responses[0];
    assert.match(head, /^HTTP\/1\.1 200 /);
    assert.ok(head.endsWith('\r\n\r\n'), 'the HEAD response must end with its headers');
    assert.match(responses[1], /\r\n\r\n\{"banks":13,"enterprises":200,"parks":5\}$/);
  });
});

describe('GET /api/v1/summary on an empty database', () => {
  let server;
  let api;
  before(async () => {
    server = await startServer({ demo: false });
    api = createClient(server.baseUrl);
  });
  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('counts zero of everything', async () => {
    const { res, json } = await api.call('/api/v1/summary');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), JSON_TYPE);
    assert.deepEqual(json, { enterprises: 0, banks: 0, parks: 0 });
  });
});
