// The migrated (and seeded) databases every test server starts from, made once and copied.
//
// Three kinds, one per `startServer({ demo })`: 'empty' (migrated only), 'registry' (`jinfu demo
// --registry-only`) and 'full' (`jinfu demo`). Each is made the way a test file made its own
// database before: `jinfu migrate` and `jinfu demo` in test mode, with the demo users' known
// password — on the suite's pinned clock (tests/support/clock.mjs) set back by TEMPLATE_LEAD_MS.
// A test file's clock starts at TEST_NOW when its process starts, and the template is older than
// the process that copies it; made on the suite's clock itself, the demo's credit runs and facts
// would lie seconds in the future of the test that reads them (a score "now" would not see facts
// received "later"). Set back, everything a test does comes after the demo, as it did when each
// file loaded its own demo first; the day, and every date the demo describes, are the same.
//
//   SQLite       a directory of files empty.db, registry.db, full.db; each test server gets a copy
//                of one (checkpointed first, so there is no -wal or -shm to carry along).
//   PostgreSQL   databases jinfu_template_empty, jinfu_template_registry and jinfu_template in the
//                cluster named by JINFU_TEST_PG; each test server gets CREATE DATABASE … TEMPLATE.
//
// scripts/test makes them once per run (`node tests/support/template-db.mjs` prints the variable
// to export: JINFU_TEST_SQLITE_TEMPLATE=<dir> or JINFU_TEST_PG_TEMPLATE=jinfu_template). When the
// variable is absent — one file run alone — the first server of each kind makes that kind's
// template for this process only, and it is removed when the process exits.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_NOW, testNowMs } from './clock.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jinfuBin = () => process.env.JINFU_BIN ?? path.join(repoRoot, 'build/debug/jinfu');

// The demo users' password in every template (the one auth-helpers.mjs and e2e/helpers.mjs use).
// A process that sets another JINFU_DEMO_PASSWORD gets its demo loaded directly instead.
export const TEMPLATE_DEMO_PASSWORD = 'Jinfu-Demo-2026!';
export const KINDS = ['empty', 'registry', 'full'];

const PG_PREFIX = 'jinfu_template';
const pgName = (prefix, kind) => (kind === 'full' ? prefix : `${prefix}_${kind}`);

// How far before the suite's now the templates are made: far more than making one takes.
export const TEMPLATE_LEAD_MS = 10 * 60 * 1000;

function jinfu(args) {
  execFileSync(jinfuBin(), args, {
    cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env, JINFU_MODE: 'test', JINFU_NOW: new Date(testNowMs() - TEMPLATE_LEAD_MS).toISOString(),
      JINFU_DEMO_PASSWORD: TEMPLATE_DEMO_PASSWORD,
    },
  });
}

function seed(url, kind) {
  jinfu(['--db', url, 'migrate']);
  if (kind !== 'empty') jinfu(['--db', url, 'demo', ...(kind === 'registry' ? ['--registry-only'] : [])]);
}

// Templates made for other processes must lie wholly before the suite's now, where those
// processes' clocks start (see TEMPLATE_LEAD_MS). (Made in the process that copies them, they lie
// before its own now anyway.)
function assertBeforeSuiteNow() {
  if (testNowMs() - TEMPLATE_LEAD_MS >= Date.parse(TEST_NOW)) {
    throw new Error('making the templates took longer than TEMPLATE_LEAD_MS: raise it');
  }
}

export function psql(pgUrl, statement) {
  return execFileSync('psql', [pgUrl, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', statement], {
    encoding: 'utf8', env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
  });
}

/** The URL of database `name` in the cluster of `pgUrl` (its query, if any, kept). */
export function pgDatabaseUrl(pgUrl, name) {
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Makes one SQLite template file at `file`: seeded, checkpointed, its WAL gone. */
function makeSqliteTemplate(file, kind) {
  const building = `${file}.building`;
  seed(`sqlite:${building}`, kind);
  execFileSync('sqlite3', [building, 'PRAGMA wal_checkpoint(TRUNCATE);'], { stdio: 'ignore' });
  for (const suffix of ['-wal', '-shm']) {
    const side = building + suffix;
    if (existsSync(side) && statSync(side).size > 0 && suffix === '-wal') throw new Error(`${side} was not checkpointed`);
    rmSync(side, { force: true });
  }
  renameSync(building, file);
}

function makePgTemplate(pgUrl, name, kind) {
  dropPgTemplate(pgUrl, name);  // one left by an earlier run on the same cluster
  psql(pgUrl, `CREATE DATABASE ${name}`);
  seed(pgDatabaseUrl(pgUrl, name), kind);
  // A template nobody may connect to by accident while it is being copied.
  psql(pgUrl, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
}

function dropPgTemplate(pgUrl, name) {
  if (psql(pgUrl, `SELECT 1 FROM pg_database WHERE datname = '${name}'`).trim() === '') return;
  psql(pgUrl, `ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
  psql(pgUrl, `DROP DATABASE ${name} WITH (FORCE)`);
}

// Templates this process made for itself (no variable set): kind -> file or database name.
const own = new Map();
let ownDir;
let cleanupRegistered = false;
function removeOwnAtExit() {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  process.on('exit', () => {
    const pg = process.env.JINFU_TEST_PG;
    for (const name of own.values()) {
      if (pg && !name.includes('/')) {
        try { dropPgTemplate(pg, name); } catch { /* the cluster may be gone already */ }
      }
    }
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  });
}

/**
 * The template of `kind` for the backend under test: { sqlite: file } or { pg: database name }.
 * Uses the run's templates when scripts/test made them, else makes this process's own.
 */
export function templateFor(kind) {
  if (!KINDS.includes(kind)) throw new Error(`unknown template kind ${kind}`);
  const pg = process.env.JINFU_TEST_PG;
  if (pg && process.env.JINFU_TEST_PG_TEMPLATE) return { pg: pgName(process.env.JINFU_TEST_PG_TEMPLATE, kind) };
  if (!pg && process.env.JINFU_TEST_SQLITE_TEMPLATE) return { sqlite: path.join(process.env.JINFU_TEST_SQLITE_TEMPLATE, `${kind}.db`) };
  if (!own.has(kind)) {
    removeOwnAtExit();
    if (pg) {
      const name = pgName(`${PG_PREFIX}_p${process.pid}`, kind);
      makePgTemplate(pg, name, kind);
      own.set(kind, name);
    } else {
      ownDir ??= mkdtempSync(path.join(tmpdir(), 'jinfu-template-'));
      const file = path.join(ownDir, `${kind}.db`);
      makeSqliteTemplate(file, kind);
      own.set(kind, file);
    }
  }
  const made = own.get(kind);
  return pg ? { pg: made } : { sqlite: made };
}

/** Copies the template of `kind` to a new SQLite file `file`, or a new database `name` (PostgreSQL). */
export function copySqliteTemplate(kind, file) {
  copyFileSync(templateFor(kind).sqlite, file);
}
export function clonePgTemplate(kind, name) {
  psql(process.env.JINFU_TEST_PG, `CREATE DATABASE ${name} TEMPLATE ${templateFor(kind).pg}`);
}

// `node tests/support/template-db.mjs` makes all three templates for the backend under test
// (PostgreSQL when JINFU_TEST_PG is set) and prints the variable that names them.
// `node tests/support/template-db.mjs drop <value>` removes them again.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pg = process.env.JINFU_TEST_PG;
  if (process.argv[2] === 'drop') {
    const value = process.argv[3];
    if (pg) for (const kind of KINDS) dropPgTemplate(pg, pgName(value, kind));
    else if (value) rmSync(value, { recursive: true, force: true });
  } else if (pg) {
    for (const kind of KINDS) makePgTemplate(pg, pgName(PG_PREFIX, kind), kind);
    assertBeforeSuiteNow();
    console.log(`JINFU_TEST_PG_TEMPLATE=${PG_PREFIX}`);
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'jinfu-template-'));
    for (const kind of KINDS) makeSqliteTemplate(path.join(dir, `${kind}.db`), kind);
    assertBeforeSuiteNow();
    console.log(`JINFU_TEST_SQLITE_TEMPLATE=${dir}`);
  }
}
