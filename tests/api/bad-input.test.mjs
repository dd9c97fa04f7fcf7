// Bad, broken and hostile input: every case gets the right status and a problem+json body (or,
// for a connection that never forms a request, is dropped), and the server keeps serving.
// The server runs with --body-limit 4096 so that "too large" needs only a few kilobytes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../support/server.mjs';
import { PROBLEM_TYPE, assertProblem, assertProblemBody, assertSecurityHeaders, createClient, rawExchange, sleep } from './helpers.mjs';

const LIMIT = 4096;
const VALIDATE = '/api/v1/uscc/validate';

let server;
let api;
let emptyWebRoot;

before(async () => {
  // No built front end: a non-API GET is then a deterministic 404 problem.
  emptyWebRoot = mkdtempSync(path.join(tmpdir(), 'jinfu-noweb-'));
  server = await startServer({ demo: true, extraArgs: ['--body-limit', String(LIMIT)], webRoot: emptyWebRoot });
  api = createClient(server.baseUrl);
});

after(async () => {
  try {
    api?.assertNo500();
    if (server) assert.equal(server.child.exitCode, null, `the server died: ${server.stderr()}`);
  } finally {
    await server?.stop();
    if (emptyWebRoot) rmSync(emptyWebRoot, { recursive: true, force: true });
  }
});

// The server still answers a normal request, quickly.
async function stillServing() {
  const started = Date.now();
  const { res, json } = await api.call('/api/v1/summary');
  assert.equal(res.status, 200);
  assert.deepEqual(json, { enterprises: 200, banks: 13, parks: 5 });
  return Date.now() - started;
}

// A raw response that must be a complete problem+json answer.
function assertRawProblem(r, { status, code }) {
  assert.equal(r.status, status, `expected ${status}: ${r.text.slice(0, 400)}`);
  assert.equal(r.headers['content-type'], PROBLEM_TYPE);
  assertSecurityHeaders(r.headers);
  const json = JSON.parse(r.body);
  assertProblemBody(json, { status, code });
  assert.equal(json.requestId, r.headers['x-request-id']);
  return json;
}

const post = (target, body, headers = {}) => `POST ${target} HTTP/1.1\r\nHost: t\r\n` +
  Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n' + body;

// The tests run concurrently: the slow connection tests (10+ s of waiting) start first and the
// others run meanwhile, which also shows that stalled clients do not hold up anybody else.
describe('bad input', { concurrency: true }, () => {
  test('slow and silent clients are dropped after the 10 s header timeout; others are served meanwhile', async () => {
    const slowHeader = ['GET /api/v1/summary HTTP/1.1\r\nHost: t\r\nX-Slow: ', ...Array(20).fill('a')];
    const started = Date.now();
    const [slowloris, silent, idleKeepAlive, prompt] = await Promise.all([
      // One header byte per second: never completes its header.
      rawExchange(api.port, slowHeader, { gapMs: 1000, timeoutMs: 16000 }),
      // Connects and sends nothing at all.
      rawExchange(api.port, [], { timeoutMs: 16000 }),
      // Asks one question on a keep-alive connection, then stays idle.
      rawExchange(api.port, 'GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n', { timeoutMs: 16000 }),
      // Meanwhile, normal requests are answered promptly.
      (async () => {
        const times = [];
        for (const at of [1000, 4000, 7000, 9500]) {
          await sleep(at - (Date.now() - started));
          times.push(await stillServing());
        }
        return times;
      })(),
    ]);
    for (const [name, r] of Object.entries({ slowloris, silent })) {
      assert.ok(r.closed, `${name}: the server must close the connection (${r.error ?? 'still open'})`);
      assert.ok(r.closedAfterMs >= 9000 && r.closedAfterMs <= 13000, `${name}: closed after ${r.closedAfterMs} ms`);
      assert.ok(r.status === undefined || r.status === 408, `${name}: unexpected answer ${r.text.slice(0, 100)}`);
      if (r.status) api.record('RAW', name, r.status);
    }
    assert.equal(idleKeepAlive.status, 200);
    assert.equal(idleKeepAlive.body, '{"status":"ok"}');
    assert.ok(idleKeepAlive.closed, 'an idle keep-alive connection must be closed by the server');
    assert.ok(idleKeepAlive.closedAfterMs >= 9000 && idleKeepAlive.closedAfterMs <= 13000,
      `idle keep-alive closed after ${idleKeepAlive.closedAfterMs} ms`);
    for (const ms of prompt) assert.ok(ms < 1000, `a normal request took ${ms} ms while slow clients were connected`);
    await stillServing();
  });

  test('malformed JSON → 400 malformed_json', async () => {
    for (const body of ['{', '{"codes": [}', "{'codes': []}", '{"codes":[]} trailing', '']) {
      const p = assertProblem(await api.postJson(VALIDATE, body), { status: 400, code: 'malformed_json', instance: VALIDATE });
      assert.equal(p.title, '请求有误');
      assert.equal(p.detail, '请求体不是格式正确的 JSON。', JSON.stringify(body));
    }
    await stillServing();
  });

  test('a JSON body that is not an object (array, string, number, null) → 400 malformed_json', async () => {
    for (const body of ['[]', '["914403001922038216"]', '"codes"', '42', 'null']) {
      const p = assertProblem(await api.postJson(VALIDATE, body), { status: 400, code: 'malformed_json' });
      assert.equal(p.detail, '请求体应为 JSON 对象。', body);
    }
    const en = assertProblem(await api.postJson(VALIDATE, '[]', { 'accept-language': 'en' }), {
      status: 400, code: 'malformed_json', lang: 'en',
    });
    assert.equal(en.detail, 'The body must be a JSON object.');
    await stillServing();
  });

  test('a deeply nested JSON body is refused before any handler walks it; 64 levels are still read', async () => {
    for (const depth of [65, 1000, 1500]) {
      const p = assertProblem(await api.postJson(VALIDATE, `{"codes":[${'['.repeat(depth)}${']'.repeat(depth)}]}`), {
        status: 400, code: 'json_too_deep',
      });
      assert.equal(p.detail, '请求体的 JSON 嵌套超过 64 层。');
    }
    // Brackets inside strings are text, not nesting.
    const quoted = await api.postJson(VALIDATE, JSON.stringify({ codes: ['['.repeat(2000)] }));
    assert.equal(quoted.res.status, 200, quoted.text);
    assert.equal(quoted.json.results[0].valid, false);
    const p = assertProblem(await api.postJson(VALIDATE, `{"codes":[${'['.repeat(62)}${']'.repeat(62)}]}`), {
      status: 422, code: 'validation_failed',
    });
    assert.deepEqual(p.errors.map((e) => e.field), ['codes[0]']);
    await stillServing();
  });

  test('a body that is not JSON → 415 unsupported_media_type', async () => {
    const body = JSON.stringify({ codes: ['914403001922038216'] });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const p = assertProblem(await api.call(VALIDATE, { method: 'POST', headers: { 'content-type': type }, body }), {
        status: 415, code: 'unsupported_media_type',
      });
      assert.equal(p.title, '不支持的内容类型');
      assert.equal(p.detail, '请求体应为 JSON，请设置 Content-Type: application/json。');
    }
    // No Content-Type at all (a byte body gets none from fetch).
    assertProblem(await api.call(VALIDATE, { method: 'POST', body: new TextEncoder().encode(body) }), {
      status: 415, code: 'unsupported_media_type',
    });
    // Parameters and case do not matter.
    const ok = await api.call(VALIDATE, { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=UTF-8' }, body });
    assert.equal(ok.res.status, 200);
    assert.equal(ok.json.results[0].valid, true);
  });

  test(`a body over the ${LIMIT}-byte limit (declared Content-Length) → 413 payload_too_large`, async () => {
    const big = JSON.stringify({ codes: Array(300).fill('914403001922038216') });
    assert.ok(Buffer.byteLength(big) > LIMIT);
    const r = await api.postJson(VALIDATE, big);
    const p = assertProblem(r, { status: 413, code: 'payload_too_large' });
    assert.equal(p.title, '请求体过大');
    assert.equal(p.detail, `请求体超过上限 ${LIMIT} 字节。`);
    assert.equal(r.res.headers.get('connection'), 'close');
    // Refused on the header alone: a raw client declaring a huge body gets 413 without sending it.
    const raw = await api.raw(post(VALIDATE, '', { 'Content-Type': 'application/json', 'Content-Length': '1000000000' }));
    assertRawProblem(raw, { status: 413, code: 'payload_too_large' });
    assert.ok(raw.closed, 'the connection is closed after a 413');
    await stillServing();
  });

  // The header was read in full (the 413 is decided from it), so the client's id is known; it is
  // echoed when the same body arrives chunked, but replaced when Content-Length gives it away.
  test('a 413 still echoes the client\'s X-Request-Id, whether the body is declared or chunked', async () => {
    const chunked = await api.raw(post(VALIDATE, `1388\r\n${'x'.repeat(5000)}\r\n0\r\n\r\n`, {
      'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'X-Request-Id': 'trace-chunked-413',
    }));
    assert.equal(chunked.status, 413);
    assert.equal(chunked.headers['x-request-id'], 'trace-chunked-413');
    const declared = await api.raw(post(VALIDATE, '', {
      'Content-Type': 'application/json', 'Content-Length': 5000, 'X-Request-Id': 'trace-declared-413',
    }));
    assert.equal(declared.status, 413);
    assert.equal(declared.headers['x-request-id'], 'trace-declared-413');
    assert.equal(JSON.parse(declared.body).requestId, 'trace-declared-413');
  });

  test('a body of exactly the limit is accepted', async () => {
    const json = JSON.stringify({ codes: ['914403001922038216'] });
    const body = json + ' '.repeat(LIMIT - Buffer.byteLength(json));
    assert.equal(Buffer.byteLength(body), LIMIT);
    const { res, json: out } = await api.postJson(VALIDATE, body);
    assert.equal(res.status, 200);
    assert.equal(out.results[0].valid, true);
  });

  test('a chunked body that grows past the limit → 413 payload_too_large', async () => {
    const chunk = 'x'.repeat(1000);
    const chunks = Array(6).fill(`${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('') + '0\r\n\r\n';
    const r = await api.raw(post(VALIDATE, chunks, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }));
    const p = assertRawProblem(r, { status: 413, code: 'payload_too_large' });
    assert.equal(p.detail, `请求体超过上限 ${LIMIT} 字节。`);
    assert.equal(r.headers.connection, 'close');
    assert.ok(r.closed);
    // A small chunked body is fine.
    const small = '{"codes":["914403001922038216"]}';
    const ok = await api.raw(post(VALIDATE, `${small.length.toString(16)}\r\n${small}\r\n0\r\n\r\n`, {
      'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', Connection: 'close',
    }));
    assert.equal(ok.status, 200);
    assert.equal(JSON.parse(ok.body).results[0].valid, true);
    await stillServing();
  });

  test('Expect: 100-continue gets 100 then the answer; over the limit gets 413 instead of 100', async () => {
    const body = '{"codes":[]}';
    const head = post(VALIDATE, '', { 'Content-Type': 'application/json', 'Content-Length': body.length, Expect: '100-continue', Connection: 'close' });
    const r = await rawExchange(api.port, [head, body], { gapMs: 300 });
    assert.match(r.text, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    assert.ok(r.text.endsWith('{"results":[]}'));
    api.record('RAW', '100-continue', 200);
    const big = await api.raw(post(VALIDATE, '', { 'Content-Type': 'application/json', 'Content-Length': LIMIT + 1, Expect: '100-continue' }));
    assertRawProblem(big, { status: 413, code: 'payload_too_large' });
  });

  test('unknown API route → 404 not_found, in Chinese by default and English on request', async () => {
    const zh = assertProblem(await api.call('/api/v1/nope'), { status: 404, code: 'not_found', instance: '/api/v1/nope' });
    assert.equal(zh.title, '资源不存在');
    assert.equal(zh.detail, '接口不存在：GET /api/v1/nope。');
    const en = assertProblem(await api.call('/api/v1/nope', { headers: { 'Accept-Language': 'en' } }), {
      status: 404, code: 'not_found', lang: 'en',
    });
    assert.equal(en.title, 'Not found');
    assert.equal(en.detail, 'No such endpoint: GET /api/v1/nope.');
    // Language negotiation honours q-values and falls back to Chinese.
    const weighted = await api.call('/api/v1/nope', { headers: { 'Accept-Language': 'zh-CN;q=0.3, en-GB;q=0.8' } });
    assert.equal(weighted.json.title, 'Not found');
    const french = await api.call('/api/v1/nope', { headers: { 'Accept-Language': 'fr-FR' } });
    assert.equal(french.json.title, '资源不存在');
    // Any method, and /api itself.
    assertProblem(await api.call('/api/v1/nope', { method: 'DELETE' }), { status: 404, code: 'not_found' });
    assertProblem(await api.call('/api'), { status: 404, code: 'not_found' });
    assertProblem(await api.call('/not-api', { method: 'POST' }), { status: 404, code: 'not_found' });
    await stillServing();
  });

  // RFC 9110 §12.4.2: q=0 means "not acceptable". negotiateLang (message.cpp) takes any q > -1,
  // so "en;q=0" — "anything but English" — gets English.
  test('Accept-Language with q=0 rules a language out', async () => {
    const r = await api.call('/api/v1/nope', { headers: { 'Accept-Language': 'en;q=0' } });
    assert.equal(r.res.status, 404);
    assert.equal(r.json.title, '资源不存在');
    assert.equal(r.res.headers.get('content-language'), 'zh-CN');
  });

  test('a non-API GET with no front end built → 404 problem saying so', async () => {
    const p = assertProblem(await api.call('/tools/uscc'), { status: 404, code: 'not_found' });
    assert.match(p.detail, /前端页面尚未构建/);
  });

  test('wrong method → 405 method_not_allowed with an Allow header', async () => {
    const cases = [['DELETE', '/api/v1/summary', 'GET'], ['PUT', '/api/v1/summary', 'GET'],
      ['GET', VALIDATE, 'POST'], ['PATCH', '/api/v1/calendar/2026-10-01', 'GET'], ['POST', '/metrics', 'GET']];
    for (const [method, target, allow] of cases) {
      const r = await api.call(target, { method });
      const p = assertProblem(r, { status: 405, code: 'method_not_allowed', instance: target });
      assert.equal(r.res.headers.get('allow'), allow, `${method} ${target}`);
      assert.equal(p.title, '不支持的请求方法');
      assert.equal(p.detail, `该地址不支持 ${method} 方法，可用：${allow}。`);
    }
    const en = assertProblem(await api.call('/api/v1/summary', { method: 'DELETE', headers: { 'accept-language': 'en' } }), {
      status: 405, code: 'method_not_allowed', lang: 'en',
    });
    assert.equal(en.detail, 'This address does not accept DELETE; allowed: GET.');
    await stillServing();
  });

  test('bad path parameter → 400 invalid_path_parameter naming the parameter', async () => {
    for (const date of ['2026-02-30', 'yesterday', '%E4%B8%AD', '2026-10-01%20']) {
      const p = assertProblem(await api.call(`/api/v1/calendar/${date}`), { status: 400, code: 'invalid_path_parameter' });
      assert.deepEqual(p.errors.map((e) => e.field), ['date'], date);
    }
    await stillServing();
  });

  test('invalid UTF-8 in a JSON body → 400 invalid_utf8', async () => {
    const bodies = [
      [0x7b, 0x22, 0x63, 0x6f, 0x64, 0x65, 0x73, 0x22, 0x3a, 0x5b, 0x22, 0xff, 0x22, 0x5d, 0x7d], // {"codes":["\xff"]}
      [...Buffer.from('{"codes":["'), 0xc0, 0xaf, ...Buffer.from('"]}')], // overlong "/"
      [...Buffer.from('{"codes":["'), 0xed, 0xa0, 0x80, ...Buffer.from('"]}')], // a UTF-16 surrogate
      [...Buffer.from('{"codes":["'), 0xe4, 0xb8, ...Buffer.from('"]}')], // truncated 中
    ];
    for (const bytes of bodies) {
      const p = assertProblem(await api.postJson(VALIDATE, new Uint8Array(bytes)), { status: 400, code: 'invalid_utf8' });
      assert.equal(p.detail, '请求体不是合法的 UTF-8 编码。');
    }
    // Well-formed non-ASCII text is of course fine.
    const ok = await api.postJson(VALIDATE, { codes: ['中文'] });
    assert.equal(ok.res.status, 200);
    assert.equal(ok.json.results[0].valid, false);
    await stillServing();
  });

  test('invalid UTF-8 and percent-encoded garbage in the path: 4xx problem+json, never 500', async () => {
    // Percent-encoded bytes that decode to invalid UTF-8 in a path parameter.
    const p = assertProblem(await api.call('/api/v1/calendar/%FF%FE'), { status: 400, code: 'invalid_path_parameter' });
    assert.deepEqual(p.errors, [{ field: 'date', message: '路径参数不是合法的 UTF-8 文本。' }]);
    // Elsewhere in the path: a 404, and the body is still valid UTF-8 JSON.
    for (const target of ['/api/%FF%FE', '/api/v1/%C0%AF', '/%FF', '/%00', '/api/v1/summary%00']) {
      const r = await api.call(target);
      assertProblem(r, { status: 404, code: 'not_found' });
    }
    // Raw bytes (not percent-encoded) and broken escapes never form a valid target.
    const rawTargets = [Buffer.from('GET /api/v1/calendar/\xff\xfe HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n', 'latin1'),
      'GET /api/v1/%ZZ HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
      'GET /api/v1/calendar/% HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'];
    for (const request of rawTargets) {
      const r = await api.raw(request);
      assertRawProblem(r, { status: 400, code: 'malformed_target' });
    }
    // Path traversal does not reach the file system.
    const traversal = await api.raw('GET /../../etc/passwd HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.ok(traversal.status === 400 || traversal.status === 404, traversal.text.slice(0, 200));
    assert.doesNotMatch(traversal.body, /root:/);
    // An encoded slash is refused outright: no route needs one.
    const encoded = await api.call('/assets/..%2F..%2F..%2Fetc%2Fpasswd');
    assertProblem(encoded, { status: 400, code: 'malformed_target' });
    await stillServing();
  });

  test('a malformed request line → 400 malformed_http and the connection is closed', async () => {
    const requests = ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1 extra\r\n\r\n', 'GET /healthz HTTP/9.9\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n', '\r\n\r\n\r\n',
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, 1, 2, 3, 4, 5, 6, 7])]; // a TLS hello
    for (const request of requests) {
      const r = await api.raw(request);
      assert.ok(r.closed, `${JSON.stringify(String(request))}: the connection must be closed`);
      if (r.status !== undefined) {
        const p = assertRawProblem(r, { status: 400, code: 'malformed_http' });
        assert.equal(r.headers.connection, 'close');
        assert.equal(p.title, '请求有误');
      }
    }
    await stillServing();
  });

  test('request smuggling shapes are refused: Content-Length with chunked, two Content-Lengths, a bad chunk', async () => {
    const cases = [
      post(VALIDATE, '0\r\n\r\n', { 'Content-Type': 'application/json', 'Content-Length': 5, 'Transfer-Encoding': 'chunked' }),
      post(VALIDATE, '{"codes":[]}', { 'Content-Type': 'application/json', 'Content-Length': 12, 'content-length': 13 }),
      post(VALIDATE, '', { 'Content-Type': 'application/json', 'Content-Length': -1 }),
      post(VALIDATE, 'zz\r\n', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }),
    ];
    for (const request of cases) {
      const r = await api.raw(request);
      assertRawProblem(r, { status: 400, code: 'malformed_http' });
      assert.ok(r.closed);
    }
    await stillServing();
  });

  test('oversized headers → 431 header_too_large', async () => {
    const oneBig = `GET /api/v1/summary HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`;
    const many = 'GET /api/v1/summary HTTP/1.1\r\nHost: t\r\n' +
      Array.from({ length: 1500 }, (_, i) => `X-H${i}: value\r\n`).join('') + '\r\n';
    for (const request of [oneBig, many]) {
      const r = await api.raw(request);
      const p = assertRawProblem(r, { status: 431, code: 'header_too_large' });
      assert.equal(p.title, '请求头过大');
      assert.equal(p.detail, '请求头超过上限 16384 字节。');
      assert.ok(r.closed);
    }
    // Headers just under the limit are fine.
    const r = await api.raw(`GET /api/v1/summary HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(15000)}\r\nConnection: close\r\n\r\n`);
    assert.equal(r.status, 200);
    await stillServing();
  });
});
