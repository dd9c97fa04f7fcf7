// A batch is all or nothing even when the process dies in the middle of it: a large tax file is
// being imported — through POST /api/v1/collect/batches, then through `jinfu import` — when the
// process is killed with SIGKILL. Each outcome is forced, not left to timing: killed while its
// transaction is open (the process is stopped first and the batch seen uncommitted), a restart on
// the same database finds no batch row for that content and no fact or quarantined row from it;
// killed once the batch is seen committed, it finds the complete batch. Submitting the file again
// then stores the whole batch once, or answers that it is already stored.
// Runs on SQLite, or on PostgreSQL when JINFU_TEST_PG names a cluster (as scripts/test does).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jinfuBin, repoRoot, runJinfu, serveOn, startServer } from '../support/server.mjs';
import { sql } from './auth-helpers.mjs';

const PG = Boolean(process.env.JINFU_TEST_PG);
// Enough rows that the debug build takes seconds over them; PostgreSQL pays a round trip per
// row, so it needs fewer. JINFU_KILL_ROWS overrides both.
const ENTERPRISES = 5000;
const ROWS = Number(process.env.JINFU_KILL_ROWS ?? (PG ? 60_000 : 300_000));

// ---- files ----

const SYMBOLS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const value36 = (ch) => (ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55);

// Enterprise i's code (valid by GB 32100 and GB 11714); kind '1' is registered, '2' never is.
function usccOf(i, kind = '1') {
  const body = String((i * 48271 + 27182818) % 100_000_000).padStart(8, '0');
  const orgSum = [...body].reduce((s, ch, k) => s + value36(ch) * ORG_WEIGHTS[k], 0);
  const c9 = 11 - (orgSum % 11);
  const first17 = `9${kind}410871${body}${c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9)}`;
  const sum = [...first17].reduce((s, ch, k) => s + SYMBOLS.indexOf(ch) * WEIGHTS[k], 0);
  return first17 + SYMBOLS[(31 - (sum % 31)) % 31];
}

function registrationCsv() {
  const lines = ['统一社会信用代码,企业名称,企业类型,登记状态,法定代表人,注册资本（万元）,成立日期,住所,行政区划代码,行业代码'];
  for (let i = 0; i < ENTERPRISES; i++)
    lines.push(`${usccOf(i)},焦作断电测试${i}号科技有限公司,有限责任公司,存续,张伟,500,2015-03-18,焦作市示范区文昌路${i}号,410871,I6513`);
  return lines.join('\n') + '\n';
}

// `rows` monthly tax rows ending with the month `lastYear`-12, period after period; every 97th
// row is bad in one of four ways. Returns { text, expect }.
function taxCsv(rows, lastYear) {
  const periods = Math.ceil(rows / ENTERPRISES);
  const lines = ['统一社会信用代码,所属期,纳税额（元）,纳税信用等级'];
  let bad = 0;
  for (let n = 0; n < rows; n++) {
    const e = n % ENTERPRISES;
    const back = periods - 1 - Math.floor(n / ENTERPRISES); // months before the last one
    const month = 12 - (back % 12);
    const year = lastYear - Math.floor(back / 12);
    let uscc = usccOf(e);
    let period = `${year}-${String(month).padStart(2, '0')}`;
    let amount = ((e * 7919 + n * 31) % 900000 / 100 + 100).toFixed(2);
    if (n % 97 === 96) {
      switch (bad++ % 4) {
        case 0: uscc = uscc.slice(0, 17) + SYMBOLS[(SYMBOLS.indexOf(uscc[17]) + 1) % 31]; break;
        case 1: period = `${year}-13`; break;
        case 2: amount = '待核实'; break;
        default: uscc = usccOf(e, '2');
      }
    }
    lines.push(`${uscc},${period},${amount},${'ABMCD'[e % 5]}`);
  }
  const text = lines.join('\n') + '\n';
  return {
    text,
    sha256: createHash('sha256').update(text).digest('hex'),
    expect: { rowsTotal: rows, rowsAccepted: rows - bad, rowsQuarantined: bad, rowsUnchanged: 0, rowsSuperseding: 0 },
  };
}

// ---- processes ----


async function kill(proc) {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  return proc.exited;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the database ----

// The schema the tables are in: the one a search_path option names, else public (each test server
// has a database of its own, cloned from the template).
const schemaOf = (dbUrl) => decodeURIComponent(dbUrl).match(/search_path=([A-Za-z0-9_]+)/)?.[1] ?? 'public';
const walOf = (dbUrl) => `${dbUrl.slice('sqlite:'.length)}-wal`;

// Before an import: on SQLite, the WAL emptied, so that its growth shows the import writing.
function quiesce(dbUrl) {
  if (PG) return;
  sql(dbUrl, 'PRAGMA wal_checkpoint(TRUNCATE)');
}

// Resolves once the import is inside its transaction and has written for a while: on SQLite the
// WAL has grown by 2 MB (dirty pages spilled by the open transaction), on PostgreSQL a backend
// holds the facts table of this schema in a transaction open for more than half a second.
// Resolves false when `done()` becomes true first.
async function busyImporting(dbUrl, done) {
  const walStart = PG ? 0 : (existsSync(walOf(dbUrl)) ? statSync(walOf(dbUrl)).size : 0);
  const schema = schemaOf(dbUrl);
  for (let waited = 0; waited < 60_000; waited += 50) {
    if (done()) return false;
    if (PG) {
      const [[n]] = sql(dbUrl, 'SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation '
        + 'JOIN pg_namespace ns ON ns.oid = c.relnamespace JOIN pg_stat_activity a ON a.pid = l.pid '
        + `WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) `
        + `AND ns.nspname = '${schema}' AND c.relname = 'facts' AND l.mode = 'RowExclusiveLock' `
        + "AND a.xact_start < now() - interval '500 milliseconds'");
      if (Number(n) > 0) return true;
    } else if (existsSync(walOf(dbUrl)) && statSync(walOf(dbUrl)).size > walStart + 2 * 1024 * 1024) {
      return true;
    }
    await sleep(50);
  }
  throw new Error(`the import never became visible as busy within 60 s (${PG ? 'no facts lock held for 0.5 s'
    : `WAL ${existsSync(walOf(dbUrl)) ? statSync(walOf(dbUrl)).size : 0} bytes, started at ${walStart}`})`);
}

function counts(dbUrl, sha256) {
  const [row] = sql(dbUrl, 'SELECT (SELECT COUNT(*) FROM collect_batches), (SELECT COUNT(*) FROM facts), '
    + '(SELECT COUNT(*) FROM collect_quarantine), '
    + `(SELECT COUNT(*) FROM collect_batches WHERE content_sha256 = '${sha256}')`);
  const [batches, facts, quarantine, thisBatch] = row.map(Number);
  return { batches, facts, quarantine, thisBatch };
}

function batchRow(dbUrl, sha256) {
  const rows = sql(dbUrl, 'SELECT id, rows_total, rows_accepted, rows_quarantined, rows_unchanged, rows_superseding, '
    + `completed_at FROM collect_batches WHERE content_sha256 = '${sha256}'`);
  if (rows.length === 0) return undefined;
  const [id, rowsTotal, rowsAccepted, rowsQuarantined, rowsUnchanged, rowsSuperseding, completedAt] = rows[0];
  return {
    id: Number(id),
    counts: { rowsTotal: Number(rowsTotal), rowsAccepted: Number(rowsAccepted), rowsQuarantined: Number(rowsQuarantined),
      rowsUnchanged: Number(rowsUnchanged), rowsSuperseding: Number(rowsSuperseding) },
    completedAt,
  };
}

// Stops `child` (SIGSTOP) once its import is busy, and proves it was caught inside its transaction:
// stopped, it cannot commit, and the batch is not there. The SIGKILL that follows then lands before
// the commit by construction, not by luck.
async function stopMidImport(dbUrl, child, sha256, done) {
  assert.equal(await busyImporting(dbUrl, done), true, 'the import was seen busy before it ended');
  child.kill('SIGSTOP');
  assert.equal(counts(dbUrl, sha256).thisBatch, 0, 'stopped inside its transaction: the batch is not committed');
}

// Resolves once the batch of `sha256` is committed (visible to another connection), or fails when
// `ended()` becomes true first without it.
async function committed(dbUrl, sha256, ended) {
  for (let waited = 0; waited < 120_000; waited += 50) {
    if (counts(dbUrl, sha256).thisBatch === 1) return;
    if (ended()) break;
    await sleep(50);
  }
  assert.equal(counts(dbUrl, sha256).thisBatch, 1, 'the batch was committed');
}

// After the kill: nothing of the batch, or all of it.
function assertAllOrNothing(dbUrl, file, before, t) {
  const now = counts(dbUrl, file.sha256);
  const batch = batchRow(dbUrl, file.sha256);
  if (!batch) {
    t.diagnostic('killed mid-import: nothing of the batch was stored');
    assert.deepEqual(now, { batches: before.batches, facts: before.facts, quarantine: before.quarantine, thisBatch: 0 },
      'no batch, no facts, no quarantined rows from the killed import');
    const [[facts]] = sql(dbUrl, `SELECT COUNT(*) FROM facts WHERE batch_id > ${before.maxBatch}`);
    assert.equal(Number(facts), 0);
    return false;
  }
  t.diagnostic('the import had committed before the kill landed: the batch is complete');
  assert.deepEqual(batch.counts, file.expect);
  assert.ok(batch.completedAt, 'a stored batch is completed');
  assert.equal(now.facts - before.facts, file.expect.rowsAccepted);
  assert.equal(now.quarantine - before.quarantine, file.expect.rowsQuarantined);
  return true;
}

function snapshot(dbUrl, sha256) {
  const c = counts(dbUrl, sha256);
  const [[max]] = sql(dbUrl, 'SELECT COALESCE(MAX(id), 0) FROM collect_batches');
  return { ...c, maxBatch: Number(max) };
}

// ---- the tests ----

describe(`a killed import leaves all or nothing (${PG ? 'PostgreSQL' : 'SQLite'}, ${ROWS} rows)`, () => {
  let first; // the server started by startServer: owns the database (its stop() removes it)
  let server; // the server currently running on that database
  let dbUrl;
  let work;
  let token;
  let taxProvider;
  const viaHttp = taxCsv(ROWS, 2025);
  const viaCli = taxCsv(ROWS, 2015); // other periods: new facts again, not changes
  // Killed after their commit: small files (the kill waits for the commit), periods of their own.
  const doneHttp = taxCsv(ENTERPRISES, 2005);
  const doneCli = taxCsv(ENTERPRISES, 2004);

  before(async () => {
    first = await startServer();
    server = first;
    dbUrl = first.dbUrl;
    work = mkdtempSync(path.join(tmpdir(), 'jinfu-kill-'));
    writeFileSync(path.join(work, 'registration.csv'), registrationCsv());
    writeFileSync(path.join(work, 'tax-cli.csv'), viaCli.text);
    writeFileSync(path.join(work, 'tax-cli-done.csv'), doneCli.text);
    const reg = JSON.parse(runJinfu(['--db', dbUrl, 'import', '--category', 'registration', '--provider', '市场监管局',
      '--json', path.join(work, 'registration.csv')]));
    assert.equal(reg.rowsAccepted, ENTERPRISES);
    token = runJinfu(['--db', dbUrl, 'token', 'issue', '--user', 'demo-platform-admin', '--name', 'kill test',
      '--permission', 'collect.submit']).trim();
    [[taxProvider]] = sql(dbUrl, "SELECT id FROM organisations WHERE short_name = '税务局'");
  });

  after(async () => {
    if (server && server !== first) await kill(server);
    if (first) await first.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const post = (baseUrl, file) => fetch(`${baseUrl}/api/v1/collect/batches?category=tax&provider=${taxProvider}`
    + '&fileName=tax.csv', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: Buffer.from(file.text, 'utf8'),
  });

  test('SIGKILL of the server during POST /api/v1/collect/batches; then the resubmission is stored whole', async (t) => {
    quiesce(dbUrl);
    const before = snapshot(dbUrl, viaHttp.sha256);
    let answered;
    const request = post(server.baseUrl, viaHttp).then(async (res) => { answered = { status: res.status, body: await res.json() }; },
      (error) => { answered = { error }; });
    await stopMidImport(dbUrl, server.child, viaHttp.sha256, () => answered !== undefined);
    const { signal } = await kill(server);
    await request;
    assert.equal(signal, 'SIGKILL');

    server = await serveOn(dbUrl);
    const completed = assertAllOrNothing(dbUrl, viaHttp, before, t);
    assert.equal(completed, false, 'killed inside its transaction: nothing of the batch is stored');
    assert.ok(answered?.error, `the killed server cannot have answered: ${JSON.stringify(answered)}`);

    const res = await post(server.baseUrl, viaHttp);
    const body = await res.json();
    assert.equal(res.status, completed ? 200 : 201, JSON.stringify(body));
    const batch = body.batch;
    assert.equal(batch.status, 'completed');
    assert.deepEqual({ rowsTotal: batch.rowsTotal, rowsAccepted: batch.rowsAccepted, rowsQuarantined: batch.rowsQuarantined,
      rowsUnchanged: batch.rowsUnchanged, rowsSuperseding: batch.rowsSuperseding }, viaHttp.expect);
    const now = counts(dbUrl, viaHttp.sha256);
    assert.equal(now.thisBatch, 1);
    assert.equal(now.facts - before.facts, viaHttp.expect.rowsAccepted);
    assert.equal(now.quarantine - before.quarantine, viaHttp.expect.rowsQuarantined);
    assert.equal(now.batches - before.batches, 1);
  });

  test('SIGKILL of `jinfu import`; then the same command stores the batch whole', async (t) => {
    quiesce(dbUrl);
    const before = snapshot(dbUrl, viaCli.sha256);
    const file = path.join(work, 'tax-cli.csv');
    const args = ['--db', dbUrl, 'import', '--category', 'tax', '--provider', '税务局', '--json', file];
    const child = spawn(jinfuBin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let ended = false;
    exited.then(() => { ended = true; });
    try {
      await stopMidImport(dbUrl, child, viaCli.sha256, () => ended);
    } finally {
      child.kill('SIGKILL'); // at once, and also when the wait failed: nothing may outlive the test
    }
    const { code, signal } = await exited;
    const completed = assertAllOrNothing(dbUrl, viaCli, before, t);
    assert.equal(completed, false, 'killed inside its transaction: nothing of the batch is stored');
    assert.equal(signal, 'SIGKILL');
    assert.equal(code, null);

    const again = spawn(jinfuBin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    again.stdout.on('data', (d) => { out += d; });
    again.stderr.on('data', (d) => { err += d; });
    const status = await new Promise((resolve) => again.on('exit', (c) => resolve(c)));
    assert.equal(status, completed ? 3 : 0, err);
    const result = JSON.parse(out);
    assert.deepEqual({ rowsTotal: result.rowsTotal, rowsAccepted: result.rowsAccepted, rowsQuarantined: result.rowsQuarantined,
      rowsUnchanged: result.rowsUnchanged, rowsSuperseding: result.rowsSuperseding }, viaCli.expect);
    const now = counts(dbUrl, viaCli.sha256);
    assert.equal(now.thisBatch, 1);
    assert.equal(now.facts - before.facts, viaCli.expect.rowsAccepted);
    assert.equal(now.quarantine - before.quarantine, viaCli.expect.rowsQuarantined);
  });

  test('SIGKILL of the server once the batch is committed: after a restart the batch is there whole, and a resubmission is a duplicate', async (t) => {
    quiesce(dbUrl);
    const before = snapshot(dbUrl, doneHttp.sha256);
    const res = await post(server.baseUrl, doneHttp);
    assert.equal(res.status, 201, await res.text());
    const { signal } = await kill(server);
    assert.equal(signal, 'SIGKILL');

    server = await serveOn(dbUrl);
    assert.equal(assertAllOrNothing(dbUrl, doneHttp, before, t), true, 'committed before the kill: all of it is stored');
    const again = await post(server.baseUrl, doneHttp);
    const body = await again.json();
    assert.equal(again.status, 200, JSON.stringify(body));
    assert.equal(counts(dbUrl, doneHttp.sha256).thisBatch, 1, 'stored once');
  });

  test('SIGKILL of `jinfu import` once its batch is committed: the batch is there whole, and the same command finds it stored (exit 3)', async (t) => {
    quiesce(dbUrl);
    const before = snapshot(dbUrl, doneCli.sha256);
    const args = ['--db', dbUrl, 'import', '--category', 'tax', '--provider', '税务局', '--json', path.join(work, 'tax-cli-done.csv')];
    const child = spawn(jinfuBin, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let ended = false;
    exited.then(() => { ended = true; });
    try {
      await committed(dbUrl, doneCli.sha256, () => ended);
    } finally {
      child.kill('SIGKILL');
    }
    await exited;
    assert.equal(assertAllOrNothing(dbUrl, doneCli, before, t), true, 'committed before the kill: all of it is stored');
    const again = spawnSync(jinfuBin, args, { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(again.status, 3, again.stderr);
    assert.equal(counts(dbUrl, doneCli.sha256).thisBatch, 1, 'stored once');
  });
});
