// The built single-page app: served from a web root of our own (so the test does not depend on
// whether web/dist has been built), with the right types and caching, client routes falling back
// to index.html, and missing assets staying 404 problem+json. Also: a server with no front end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startServer } from '../support/server.mjs';
import { assertProblem, assertSecurityHeaders, createClient } from './helpers.mjs';

const INDEX = '<!doctype html><html lang="zh-CN"><head><title>企业融资公共服务平台</title>' +
  '<script type="module" src="/assets/app-abc123.js"></script></head><body><div id="app"></div></body></html>\n';
const APP_JS = 'console.log("jinfu");\n';
const IMMUTABLE = 'public, max-age=31536000, immutable';
// A built chunk with the Brotli and gzip copies the web build writes beside it.
const VENDOR_JS = `export const 平台 = ${JSON.stringify('企业融资公共服务平台'.repeat(200))};\n`;
const VENDOR_BR = brotliCompressSync(Buffer.from(VENDOR_JS));
const VENDOR_GZ = gzipSync(Buffer.from(VENDOR_JS));

describe('static files from a built front end', () => {
  let root;
  let server;
  let api;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'jinfu-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), INDEX);
    writeFileSync(path.join(root, 'assets', 'app-abc123.js'), APP_JS);
    writeFileSync(path.join(root, 'assets', 'style-def456.css'), 'body{margin:0}\n');
    writeFileSync(path.join(root, 'assets', 'vendor-0a1b2c.js'), VENDOR_JS);
    writeFileSync(path.join(root, 'assets', 'vendor-0a1b2c.js.br'), VENDOR_BR);
    writeFileSync(path.join(root, 'assets', 'vendor-0a1b2c.js.gz'), VENDOR_GZ);
    writeFileSync(path.join(root, 'robots.txt'), 'User-agent: *\n');
    writeFileSync(path.join(root, '.env'), 'SECRET=1\n');
    mkdirSync(path.join(root, '.git'));
    writeFileSync(path.join(root, '.git', 'config'), '[core]\n');
    server = await startServer({ demo: false, webRoot: root });
    api = createClient(server.baseUrl);
  });
  after(async () => {
    api?.assertNo500();
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('/ is index.html, revalidated on every visit (no-cache), with the security headers', async () => {
    const { res, text } = await api.call('/');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(text, INDEX);
    assertSecurityHeaders(res.headers);
  });

  test('client routes such as /tools/uscc fall back to index.html', async () => {
    for (const route of ['/tools/uscc', '/tools/calendar', '/enterprises/123']) {
      const { res, text } = await api.call(route);
      assert.equal(res.status, 200, route);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      assert.equal(text, INDEX);
    }
  });

  test('hashed assets are cached for a year and immutable, with their own content type', async () => {
    const js = await api.call('/assets/app-abc123.js');
    assert.equal(js.res.status, 200);
    assert.equal(js.res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.res.headers.get('cache-control'), IMMUTABLE);
    assert.equal(js.text, APP_JS);
    const css = await api.call('/assets/style-def456.css');
    assert.equal(css.res.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(css.res.headers.get('cache-control'), IMMUTABLE);
  });

  test('a precompressed asset is sent as Brotli or gzip, whichever the browser accepts, with Vary', async () => {
    const cases = [
      ['br, gzip, deflate', 'br', VENDOR_BR.length],
      ['gzip, deflate, br;q=0', 'gzip', VENDOR_GZ.length],
      ['GZIP', 'gzip', VENDOR_GZ.length],
      ['*', 'br', VENDOR_BR.length],
      ['identity', null, Buffer.byteLength(VENDOR_JS)],
      ['br;q=0, gzip;q=0', null, Buffer.byteLength(VENDOR_JS)],
    ];
    for (const [accept, coding, bytes] of cases) {
      const { res, text } = await api.call('/assets/vendor-0a1b2c.js', { headers: { 'Accept-Encoding': accept } });
      assert.equal(res.status, 200, accept);
      assert.equal(res.headers.get('content-encoding'), coding, `Accept-Encoding: ${accept}`);
      assert.equal(Number(res.headers.get('content-length')), bytes, `${accept}: the bytes sent`);
      assert.equal(res.headers.get('vary'), 'Accept-Encoding', accept);
      assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), IMMUTABLE);
      assert.equal(text, VENDOR_JS, `${accept}: the browser gets the file itself`);
    }
    // A file without copies is sent as it is, without Vary.
    const plain = await api.call('/assets/app-abc123.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
    assert.equal(plain.res.headers.get('content-encoding'), null);
    assert.equal(plain.res.headers.get('vary'), null);
    assert.equal(plain.text, APP_JS);
  });

  test('other files at the root are served but not cached forever', async () => {
    const { res, text } = await api.call('/robots.txt');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(text, 'User-agent: *\n');
  });

  test('a missing asset is a 404 problem, never index.html', async () => {
    for (const missing of ['/assets/x.js', '/assets/app-000000.js', '/favicon.ico', '/tools/uscc.json']) {
      const r = await api.call(missing);
      const p = assertProblem(r, { status: 404, code: 'not_found', instance: missing });
      assert.equal(p.detail, `页面或文件不存在：${missing}。`);
      assert.doesNotMatch(r.text, /<!doctype html>/i);
      assert.equal(r.res.headers.get('cache-control'), 'no-store');
    }
  });

  test('hidden files and path traversal are not served', async () => {
    // (fetch itself resolves "..", "%2e%2e" and so on; those go over a raw socket below.)
    for (const target of ['/.env', '/.git/config', '/assets/..%2F.env', '/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd']) {
      const r = await api.call(target);
      // Hidden files are 404; a target with an encoded slash is refused as malformed (400).
      const expected = /%2F/i.test(target) ? 400 : 404;
      assert.equal(r.res.status, expected, `${target}: ${r.text.slice(0, 100)}`);
      assert.doesNotMatch(r.text, /SECRET|\[core\]|root:/, target);
    }
    for (const target of ['/../../../../etc/passwd', '/assets/../.env', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%2e%2e/.env']) {
      const raw = await api.raw(`GET ${target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      assert.ok(raw.status === 400 || raw.status === 404, `${target}: ${raw.text.slice(0, 200)}`);
      assert.doesNotMatch(raw.body, /SECRET|root:/, target);
    }
  });

  test('HEAD on a page gives its headers without a body', async () => {
    const res = await api.request('/tools/uscc', { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('content-length'), String(Buffer.byteLength(INDEX)));
    assert.equal(await res.text(), '');
  });

  test('API paths never fall back to the page', async () => {
    for (const target of ['/api/v1/nope', '/api', '/api/']) {
      const r = await api.call(target);
      assertProblem(r, { status: 404, code: 'not_found' });
      assert.doesNotMatch(r.text, /<!doctype html>/i);
    }
    assert.deepEqual((await api.call('/api/v1/summary')).json, { enterprises: 0, banks: 0, parks: 0 });
  });
});

describe('a server whose front end is not built', () => {
  let root;
  let server;
  let api;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'jinfu-noweb-'));
    server = await startServer({ demo: false, webRoot: path.join(root, 'dist') });
    api = createClient(server.baseUrl);
  });
  after(async () => {
    api?.assertNo500();
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('pages answer 404 problem+json saying the front end is not built', async () => {
    for (const page of ['/', '/tools/uscc']) {
      const p = assertProblem(await api.call(page), { status: 404, code: 'not_found' });
      assert.equal(p.detail, `前端页面尚未构建（缺少 ${path.join(root, 'dist', 'index.html')}）。`);
    }
    const en = assertProblem(await api.call('/', { headers: { 'accept-language': 'en' } }), {
      status: 404, code: 'not_found', lang: 'en',
    });
    assert.match(en.detail, /^The web front end is not built/);
  });

  test('the API works regardless', async () => {
    const { res, json } = await api.call('/api/v1/summary');
    assert.equal(res.status, 200);
    assert.deepEqual(json, { enterprises: 0, banks: 0, parks: 0 });
  });
});
