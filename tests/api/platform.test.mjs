// Operations endpoints: liveness, readiness and the Prometheus metrics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { JSON_TYPE, assertProblem, assertSecurityHeaders, createClient } from './helpers.mjs';
import { rawExchange } from './helpers.mjs';

// Reads one sample's value from Prometheus text; undefined when the series is absent.
function sample(text, name, labels = '') {
  const series = labels ? `${name}{${labels}}` : name;
  for (const line of text.split('\n')) {
    if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

const SUMMARY = 'method="GET",route="/api/v1/summary",status="200"';

describe('platform endpoints', () => {
  let server;
  let api;
  before(async () => {
    server = await startServer({ demo: true, extraArgs: ['--pool-size', '3'] });
    api = createClient(server.baseUrl);
  });
  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  async function metrics() {
    const { res, text } = await api.call('/metrics');
    assert.equal(res.status, 200);
    return text;
  }

  test('GET /healthz says the process is alive', async () => {
    const { res, json } = await api.call('/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), JSON_TYPE);
    assert.deepEqual(json, { status: 'ok' });
    assertSecurityHeaders(res.headers);
  });

  test('GET /readyz says the database is reachable', async () => {
    const { res, json } = await api.call('/readyz');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), JSON_TYPE);
    assert.deepEqual(json, { status: 'ready' });
  });

  test('/healthz accepts only GET and HEAD', async () => {
    const head = await api.request('/healthz', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    const post = await api.call('/healthz', { method: 'POST' });
    assertProblem(post, { status: 405, code: 'method_not_allowed' });
    assert.equal(post.res.headers.get('allow'), 'GET');
  });

  test('GET /metrics is Prometheus text exposition format', async () => {
    await api.call('/api/v1/summary');
    const { res, text } = await api.call('/metrics');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.ok(text.endsWith('\n'));
    assert.match(text, /^# HELP jinfu_http_requests_total /m);
    assert.match(text, /^# TYPE jinfu_http_requests_total counter$/m);
    assert.match(text, /^# TYPE jinfu_http_request_duration_seconds histogram$/m);
    // Every non-comment line is `name{labels} value` or `name value`.
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
      assert.match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})? -?[0-9.e+-]+$/,
        `not a Prometheus sample: ${line}`);
    }
  });

  test('counts summary requests, and the count grows with each call', async () => {
    await api.call('/api/v1/summary');
    const before = sample(await metrics(), 'jinfu_http_requests_total', SUMMARY);
    assert.ok(before >= 1, 'the summary series must exist after a call');
    for (let i = 0; i < 3; i++) assert.equal((await api.call('/api/v1/summary')).res.status, 200);
    const afterCalls = sample(await metrics(), 'jinfu_http_requests_total', SUMMARY);
    assert.equal(afterCalls, before + 3);
  });

  test('has a latency histogram whose +Inf bucket equals the count', async () => {
    await api.call('/api/v1/summary');
    const text = await metrics();
    const inf = sample(text, 'jinfu_http_request_duration_seconds_bucket', `${SUMMARY},le="+Inf"`);
    const count = sample(text, 'jinfu_http_request_duration_seconds_count', SUMMARY);
    const total = sample(text, 'jinfu_http_requests_total', SUMMARY);
    assert.ok(inf >= 1);
    assert.equal(inf, count);
    assert.equal(count, total);
    assert.ok(sample(text, 'jinfu_http_request_duration_seconds_sum', SUMMARY) >= 0);
    // Buckets are cumulative: never decreasing with le.
    const buckets = [...text.matchAll(/^jinfu_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/summary",status="200",le="([^"]+)"\} (\d+)$/gm)]
      .map((m) => [m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2])]);
    assert.ok(buckets.length >= 2, 'several buckets expected');
    for (let i = 1; i < buckets.length; i++) {
      assert.ok(buckets[i][0] > buckets[i - 1][0], 'le values must increase');
      assert.ok(buckets[i][1] >= buckets[i - 1][1], 'buckets must be cumulative');
    }
  });

  test('reports the database pool size', async () => {
    const text = await metrics();
    assert.match(text, /^# TYPE jinfu_db_pool_connections gauge$/m);
    assert.equal(sample(text, 'jinfu_db_pool_connections'), 3);
    assert.ok(sample(text, 'jinfu_db_pool_in_use') >= 0);
    assert.ok(sample(text, 'jinfu_db_pool_leases_total') >= 1, 'summary calls lease connections');
    assert.equal(sample(text, 'jinfu_db_pool_timeouts_total'), 0);
  });

  test('counts a 404 under route "unmatched", not under the path asked for', async () => {
    const label = 'method="GET",route="unmatched",status="404"';
    const before = sample(await metrics(), 'jinfu_http_requests_total', label) ?? 0;
    const missing = await api.call('/api/v1/no-such-thing-12345');
    assertProblem(missing, { status: 404, code: 'not_found' });
    const text = await metrics();
    assert.equal(sample(text, 'jinfu_http_requests_total', label), before + 1);
    assert.doesNotMatch(text, /no-such-thing-12345/, 'raw paths must not become label values');
  });

  test('100 concurrent requests are all answered correctly, without pool timeouts', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) =>
      api.call(i % 2 ? '/api/v1/summary' : '/readyz').then(({ res, text }) => `${res.status} ${text}`)));
    assert.deepEqual(new Set(results), new Set([
      '200 {"banks":13,"enterprises":200,"parks":5}',
      '200 {"status":"ready"}',
    ]));
    const text = await metrics();
    assert.equal(sample(text, 'jinfu_db_pool_timeouts_total'), 0);
    assert.equal(sample(text, 'jinfu_db_pool_in_use'), 0, 'every leased connection is returned');
  });

  // The method label is copied from the request line, so each made-up method a client sends adds
  // a new series that lives for the life of the process: unbounded memory and label cardinality.
  // Methods the platform does not route should share one label (e.g. method="other").
  test('made-up HTTP methods do not create a metrics series each', async () => {
    const methods = Array.from({ length: 20 }, (_, i) => `MADEUP${i}X`);
    for (const m of methods) {
      const r = await rawExchange(api.port, `${m} /api/v1/summary HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      assert.equal(r.status, 405, `${m}: ${r.text.slice(0, 100)}`);
      api.record(m, '/api/v1/summary', r.status);
    }
    const text = await metrics();
    const leaked = methods.filter((m) => text.includes(`method="${m}"`));
    assert.deepEqual(leaked, [], `${leaked.length} of ${methods.length} made-up methods became label values`);
  });
});
