// Shared helpers for the API tests: an HTTP client that remembers every status it saw (so each
// file can assert at the end that the server never answered 500), a raw-socket client for what
// fetch cannot send, and assertions for the platform's response conventions.
import assert from 'node:assert/strict';
import net from 'node:net';

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

// One per test file. `request` is fetch with the base URL filled in; every response (and every
// raw-socket response passed to `record`) is remembered.
export function createClient(baseUrl) {
  const seen = [];
  const url = new URL(baseUrl);
  const client = {
    baseUrl,
    port: Number(url.port),
    seen,
    record(method, target, status) {
      seen.push({ method, target, status });
    },
    async request(target, init = {}) {
      // Let the event loop turn once first. Tests run psql synchronously, which blocks it; a
      // kept-alive socket the server closed meanwhile (after its 10 s idle timeout) would not be
      // noticed yet, and fetch would send on it and see "other side closed".
      await new Promise((resolve) => setImmediate(resolve));
      const res = await fetch(baseUrl + target, { redirect: 'manual', ...init });
      client.record(init.method ?? 'GET', target, res.status);
      return res;
    },
    // Fetches and reads the body: { res, text, json } (json is undefined when the body is not JSON).
    async call(target, init = {}) {
      const res = await client.request(target, init);
      const text = await res.text();
      let json;
      try { json = JSON.parse(text); } catch { json = undefined; }
      return { res, text, json };
    },
    async postJson(target, body, headers = {}) {
      return client.call(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
      });
    },
    async raw(data, options = {}) {
      const result = await rawExchange(client.port, data, options);
      if (result.status) client.record('RAW', String(data).slice(0, 40), result.status);
      return result;
    },
    assertNo500() {
      const bad = seen.filter((s) => s.status >= 500);
      assert.deepEqual(bad, [], `the server answered ${bad.length} request(s) with 5xx`);
      assert.ok(seen.length > 0, 'no responses were recorded');
    },
  };
  return client;
}

// Opens a TCP connection, writes `data` (a string, Buffer, or an array of chunks written with
// `gapMs` between them), and collects what comes back until the server closes the connection
// or `timeoutMs` passes. Resolves { text, status, headers, body, closed, closedAfterMs, error }.
// `closed` is true when the server ended or reset the connection (not when we timed out).
export function rawExchange(port, data, { timeoutMs = 3000, gapMs = 0, endWhenAnswered = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    let finished = false;
    let timer;
    let writer;
    const finish = (closed, error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(writer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ ...parseRawResponse(text), text, closed, closedAfterMs: Date.now() - started, error });
    };
    socket.on('data', (d) => {
      chunks.push(d);
      if (endWhenAnswered && parseRawResponse(Buffer.concat(chunks).toString('utf8')).complete) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (e) => finish(e.code !== 'ECONNREFUSED', e.code));
    socket.on('connect', () => {
      const parts = Array.isArray(data) ? [...data] : [data];
      if (gapMs <= 0) {
        for (const p of parts) socket.write(p);
        return;
      }
      socket.write(parts.shift());
      writer = setInterval(() => {
        if (parts.length === 0 || socket.destroyed) return clearInterval(writer);
        socket.write(parts.shift());
      }, gapMs);
    });
    timer = setTimeout(() => finish(false), timeoutMs);
  });
}

// Splits one HTTP/1.1 response: status, lower-cased headers, body (by Content-Length).
export function parseRawResponse(text) {
  const m = text.match(/^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/);
  if (!m) return { status: undefined, headers: {}, body: '', complete: false };
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { status: Number(m[1]), headers: {}, body: '', complete: false };
  const headers = {};
  for (const line of text.slice(m[0].length, end).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = text.slice(end + 4);
  const length = headers['content-length'] === undefined ? rest.length : Number(headers['content-length']);
  const bodyBytes = Buffer.from(rest, 'utf8').subarray(0, length);
  return {
    status: Number(m[1]),
    headers,
    body: bodyBytes.toString('utf8'),
    complete: Buffer.byteLength(rest, 'utf8') >= length,
  };
}

// The headers every response must carry. `headers` is a fetch Headers or a plain object with
// lower-case keys (from parseRawResponse).
export function assertSecurityHeaders(headers) {
  const get = (name) => (typeof headers.get === 'function' ? headers.get(name) : headers[name]);
  const csp = get('content-security-policy');
  assert.ok(csp, 'Content-Security-Policy is missing');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /default-src 'self'/);
  assert.equal(get('x-content-type-options'), 'nosniff');
  assert.equal(get('x-frame-options'), 'DENY');
  assert.match(get('x-request-id') ?? '', /^[A-Za-z0-9._-]{1,64}$/);
}

// Checks an RFC 9457 problem response from fetch: content type, the standard fields, and that
// requestId matches the X-Request-Id header. Returns the parsed body.
export function assertProblem({ res, json, text }, { status, code, lang = 'zh', instance } = {}) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
  assert.equal(res.headers.get('content-type'), PROBLEM_TYPE);
  assertSecurityHeaders(res.headers);
  assert.ok(json, `problem body is not JSON: ${text}`);
  assertProblemBody(json, { status, code, lang, instance });
  assert.equal(json.requestId, res.headers.get('x-request-id'));
  assert.equal(res.headers.get('content-language'), lang === 'en' ? 'en' : 'zh-CN');
  return json;
}

export function assertProblemBody(json, { status, code, lang = 'zh', instance } = {}) {
  assert.equal(json.status, status);
  if (code) {
    assert.equal(json.code, code);
    assert.equal(json.type, `urn:jinfu:problem:${code}`);
  }
  assert.equal(typeof json.title, 'string');
  assert.equal(typeof json.detail, 'string');
  assert.ok(json.title.length > 0 && json.detail.length > 0);
  assert.equal(typeof json.requestId, 'string');
  assert.equal(typeof json.instance, 'string');
  if (instance !== undefined) assert.equal(json.instance, instance);
  const han = /[\u4e00-\u9fff]/;
  if (lang === 'en') {
    assert.doesNotMatch(json.title + json.detail, han, `expected English text: ${json.title} / ${json.detail}`);
  } else {
    assert.match(json.title, han, `expected a Chinese title: ${json.title}`);
    assert.match(json.detail, han, `expected a Chinese detail: ${json.detail}`);
  }
  if (json.errors !== undefined) {
    assert.ok(Array.isArray(json.errors));
    for (const e of json.errors) {
      assert.equal(typeof e.field, 'string');
      assert.equal(typeof e.message, 'string');
    }
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves with `promise`'s value, or with `onTimeout` after `ms` — without leaving a timer behind
// that would keep the test process alive.
export function within(promise, ms, onTimeout = 'timeout') {
  let timer;
  return Promise.race([
    promise,
    new Promise((resolve) => { timer = setTimeout(() => resolve(onTimeout), ms); }),
  ]).finally(() => clearTimeout(timer));
}
