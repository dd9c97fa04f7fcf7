// Helpers for the identity, access and audit tests (auth-*, authz-*, audit-*): logging in the demo
// users, sending requests with a session cookie (and its CSRF token) or an API token, reading and
// writing the test database directly (sqlite3 or psql), Shanghai times, and reading XLSX files.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { jinfuBin, repoRoot } from '../support/server.mjs';
import { testClockEnv } from '../support/clock.mjs';

// Every demo user has this password (the template databases are made with it, and jinfu demo run
// by a test reads it from the environment: runJinfu and startServer pass process.env on).
export const DEMO_PASSWORD = 'Jinfu-Demo-2026!';
process.env.JINFU_DEMO_PASSWORD = DEMO_PASSWORD;

// A password that passes the policy for any username used in these tests.
export const STRONG_PASSWORD = 'Qx7!vWm2#Lp9';

export const DEMO_USERS = {
  entStaff: 'demo-enterprise-staff',
  entAdmin: 'demo-enterprise-admin',
  bankOfficer: 'demo-bank-officer',
  bankManager: 'demo-bank-manager',
  govViewer: 'demo-gov-viewer',
  govOfficer: 'demo-gov-officer',
  govAdmin: 'demo-gov-admin',
  provider: 'demo-provider', // 焦作市市场监督管理局: 登记注册, 行政处罚, 经营异常, 知识产权
  taxProvider: 'demo-tax-provider', // 国家税务总局焦作市税务局: 纳税
  platform: 'demo-platform-admin',
};

// The demo organisations by name.
export const ORG = {
  platform: '焦作智慧金服公司',
  zone: '示范区（高新区）党工委、管委会',
  icbc: '工商银行焦作分行',
  abc: '农业银行焦作分行',
  market: '焦作市市场监督管理局',
  tax: '国家税务总局焦作市税务局',
  tianbao: '焦作市天宝桓祥科技有限公司',
  songyang: '焦作嵩阳光电科技有限公司',
};

// The `jinfu_session=…` pair from a response's Set-Cookie headers, and the whole header.
export function sessionCookieOf(res) {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('jinfu_session='));
  if (!header) return { header: undefined, pair: undefined, value: undefined };
  const pair = header.split(';')[0];
  return { header, pair, value: pair.slice('jinfu_session='.length) };
}

// Logs in; resolves { res, json, text, cred } where cred = { cookie, csrf, username } for send().
// A log-in refused because the server is busy hashing others' passwords (429 busy) is retried
// after its Retry-After, as a client should; every other answer is returned as it is.
export async function login(api, username, password = DEMO_PASSWORD, headers = {}) {
  const r = await retriedWhileBusy(() => api.postJson('/api/v1/auth/login', { username, password }, headers));
  const cookie = sessionCookieOf(r.res);
  return { ...r, cookie, cred: r.res.status === 200 ? { cookie: cookie.pair, csrf: r.json.csrfToken, username } : undefined };
}

// Logs in and insists that it worked.
export async function mustLogin(api, username, password = DEMO_PASSWORD) {
  const r = await login(api, username, password);
  assert.equal(r.res.status, 200, `log-in as ${username}: ${r.text}`);
  assert.ok(r.cookie.pair, 'the log-in response sets jinfu_session');
  return r.cred;
}

// Logs in each of `roles` (keys of DEMO_USERS) once, in parallel: { role: cred }.
export async function loginAll(api, roles = Object.keys(DEMO_USERS)) {
  const creds = await Promise.all(roles.map((r) => mustLogin(api, DEMO_USERS[r])));
  return Object.fromEntries(roles.map((r, i) => [r, creds[i]]));
}

// Sends a request as `cred`: a session ({cookie, csrf}), an API token ({bearer}) or nobody
// (undefined). Unsafe methods carry the CSRF token of the session, so that a 403 means "no
// permission"; pass csrf: null in the cred to leave it out. `body` undefined: no body; a string
// or bytes are sent as they are.
export function send(api, cred, method, target, body, headers = {}) {
  const h = { ...headers };
  if (cred?.cookie) h.cookie = cred.cookie;
  if (cred?.cookie && cred.csrf && !['GET', 'HEAD'].includes(method)) h['x-csrf-token'] = cred.csrf;
  if (cred?.bearer) h.authorization = `Bearer ${cred.bearer}`;
  const init = { method, headers: h };
  if (body !== undefined) {
    h['content-type'] ??= 'application/json';
    init.body = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  }
  return retriedWhileBusy(() => api.call(target, init));
}

// Repeats `request` after its Retry-After while the server answers 429 busy (a route that hashes
// passwords turns away what it cannot take at once), as a client should.
// Takes fetch answers ({res, json}) and node:http ones ({status, headers, json}).
async function retriedWhileBusy(request) {
  let r = await request();
  const status = (x) => x.res?.status ?? x.status;
  const retryAfter = (x) => Number((x.res ? x.res.headers.get('retry-after') : x.headers?.['retry-after']) ?? 1);
  for (let tries = 0; status(r) === 429 && r.json?.code === 'busy' && tries < 20; ++tries) {
    await new Promise((resolve) => setTimeout(resolve, 1000 * retryAfter(r)));
    r = await request();
  }
  return r;
}

// A tiny client bound to one credential.
export function as(api, cred) {
  return {
    cred,
    get: (target, headers) => send(api, cred, 'GET', target, undefined, headers),
    post: (target, body = {}, headers) => send(api, cred, 'POST', target, body, headers),
    put: (target, body = {}, headers) => send(api, cred, 'PUT', target, body, headers),
    patch: (target, body = {}, headers) => send(api, cred, 'PATCH', target, body, headers),
    del: (target, headers) => send(api, cred, 'DELETE', target, undefined, headers),
  };
}

// The server caches a looked-up session or token for a short while (--auth-cache-ms, 2 s by
// default); a change made outside the server process (the CLI, SQL in a test) takes effect within
// that time. Repeats `request` until it answers `status` or `ms` pass; resolves the last answer.
export async function eventually(request, status, ms = 4000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await request();
    if (r.res.status === status || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function expectStatus(r, status, what = '') {
  assert.equal(r.res.status, status, `${what} expected ${status}, got ${r.res.status}: ${r.text}`);
  return r.json;
}

// ---- the database behind a server (sqlite:PATH or postgresql://…?options=-csearch_path%3D…) ----

// Runs SQL against the test database and returns the rows, each an array of column texts.
// Throws (with the tool's stderr) when the statement fails.
export function sql(dbUrl, statement) {
  let out;
  if (dbUrl.startsWith('sqlite:')) {
    out = execFileSync('sqlite3', ['-bail', '-batch', '-cmd', '.timeout 5000', dbUrl.slice('sqlite:'.length), statement], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
  } else {
    out = execFileSync('psql', [dbUrl, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', statement], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}

// Like sql(), but resolves { status, stdout, stderr } instead of throwing.
export function trySql(dbUrl, statement) {
  const r = dbUrl.startsWith('sqlite:')
    ? spawnSync('sqlite3', ['-bail', '-batch', '-cmd', '.timeout 5000', dbUrl.slice('sqlite:'.length), statement], { encoding: 'utf8' })
    : spawnSync('psql', [dbUrl, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const sqlText = (s) => `'${String(s).replaceAll("'", "''")}'`;

// Runs the jinfu binary; never throws: { status, stdout, stderr }.
export function jinfu(args, { input, env } = {}) {
  const r = spawnSync(jinfuBin, args, {
    cwd: repoRoot, encoding: 'utf8', input, env: { ...process.env, ...testClockEnv(), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A database of its own, without a server: SQLite in a temp dir (always, or PostgreSQL when `pg`
// names a cluster URL: a fresh schema in it). { url, cleanup() }.
let ownCounter = 0;
export function ownDatabase({ pg } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'jinfu-auth-'));
  if (!pg) {
    return { url: `sqlite:${path.join(dir, 'jinfu.db')}`, dir, cleanup() { rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `a${process.pid}_${Date.now()}_${ownCounter++}`;
  execFileSync('psql', [pg, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE SCHEMA ${schema}`]);
  const sep = pg.includes('?') ? '&' : '?';
  return {
    url: `${pg}${sep}options=-csearch_path%3D${schema}`,
    dir,
    cleanup() {
      execFileSync('psql', [pg, '-q', '-c', `DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Time as the server under test reads it: the suite's pinned clock.
export { shanghaiDate, shanghaiTime } from '../support/clock.mjs';

// ---- requests from another loopback address (per-address log-in limits) ----

// POSTs JSON from `localAddress` (e.g. 127.0.0.2) with node:http, since fetch cannot choose
// the source address. Resolves { status, headers, json, text }.
// Retried, like login(), while the server answers 429 busy (every password place taken).
export function postFrom(api, localAddress, target, body) {
  return retriedWhileBusy(() => postOnceFrom(api, localAddress, target, body));
}

function postOnceFrom(api, localAddress, target, body) {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: api.port, path: target, method: 'POST', localAddress, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        api.record('POST', `${target} from ${localAddress}`, res.statusCode);
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, json, text });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

// ---- XLSX (a ZIP of XML files) ----

// The entries of a ZIP archive: { name: Buffer }, from the central directory.
export function readZip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'not a ZIP file: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compressed);
    files[name] = method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

// All the text of an XLSX workbook's XML parts, entities decoded, for searching.
export function xlsxText(buf) {
  const files = readZip(buf);
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.xml'))
    .map(([, data]) => data.toString('utf8'))
    .join('\n')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

const decodeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

// The first worksheet of an XLSX workbook as rows of cell texts (shared or inline strings, numbers).
export function xlsxRows(buf) {
  const files = readZip(buf);
  const shared = [];
  const sst = files['xl/sharedStrings.xml']?.toString('utf8') ?? '';
  for (const si of sst.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    shared.push(decodeXml([...si[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join('')));
  }
  const sheetName = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[0];
  assert.ok(sheetName, 'no worksheet in the workbook');
  const sheet = files[sheetName].toString('utf8');
  const rows = [];
  for (const row of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>|<row\b[^>]*\/>/g)) {
    const cells = [];
    for (const c of (row[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const inner = c[2] ?? '';
      const col = /r="([A-Z]+)\d+"/.exec(attrs)?.[1];
      const index = col ? [...col].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : cells.length;
      let value;
      if (/t="s"/.test(attrs)) value = shared[Number(/<v>(\d+)<\/v>/.exec(inner)?.[1])];
      else if (/t="inlineStr"/.test(attrs)) value = decodeXml([...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join(''));
      else value = decodeXml(/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? '');
      cells[index] = value;
    }
    rows.push(Array.from(cells, (v) => v ?? ''));
  }
  return rows;
}

// Pages through GET /api/v1/audit (as a caller with audit.read) with `query`; every entry.
export async function allAudit(client, query = '') {
  const items = [];
  for (let page = 1; ; page++) {
    const r = await client.get(`/api/v1/audit?pageSize=100&page=${page}${query ? `&${query}` : ''}`);
    assert.equal(r.res.status, 200, r.text);
    items.push(...r.json.items);
    if (r.json.items.length < 100) return { items, total: r.json.total };
  }
}

// Organisation name → id, as the platform admin sees them.
export async function organisationIds(platformClient) {
  const r = await platformClient.get('/api/v1/organisations?pageSize=100');
  assert.equal(r.res.status, 200, r.text);
  assert.ok(r.json.total <= 100, 'more organisations than one page');
  return Object.fromEntries(r.json.items.map((o) => [o.name, o.id]));
}
