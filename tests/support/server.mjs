// Starts a real `jinfu serve` for a test file: a fresh database (a temporary SQLite file, or a
// fresh schema in the PostgreSQL cluster named by JINFU_TEST_PG), migrated and optionally loaded
// with the demo data, listening on a free port on 127.0.0.1.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testClockEnv } from './clock.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const jinfuBin = process.env.JINFU_BIN ?? path.join(repoRoot, 'build/debug/jinfu');

let schemaCounter = 0;

// A database URL of its own for each server: SQLite in a temp dir, or a new PostgreSQL schema.
function freshDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), 'jinfu-test-'));
  const pg = process.env.JINFU_TEST_PG;
  if (!pg) return { url: `sqlite:${path.join(dir, 'jinfu.db')}`, dir, cleanup() {} };
  const schema = `t${process.pid}_${Date.now()}_${schemaCounter++}`;
  execFileSync('psql', [pg, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE SCHEMA ${schema}`]);
  const sep = pg.includes('?') ? '&' : '?';
  const url = `${pg}${sep}options=-csearch_path%3D${schema}`;
  return {
    url, dir,
    cleanup() { execFileSync('psql', [pg, '-q', '-c', `DROP SCHEMA IF EXISTS ${schema} CASCADE`]); },
  };
}

export function runJinfu(args, options = {}) {
  return execFileSync(jinfuBin, args, {
    cwd: repoRoot, encoding: 'utf8', ...options, env: { ...process.env, ...testClockEnv(), ...options.env },
  });
}

// `jinfu serve` on an existing database, on a free port: { baseUrl, child, exited, stderr() }.
export async function serveOn(dbUrl, { extraArgs = [], env = {}, webRoot = path.join(repoRoot, 'web/dist') } = {}) {
  const child = spawn(jinfuBin, ['--db', dbUrl, '--log-level', 'warn', ...extraArgs,
    'serve', '--listen', '127.0.0.1:0', '--web-root', webRoot], {
    cwd: repoRoot, env: { ...process.env, ...testClockEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`jinfu did not start in 15 s: ${stderr}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`jinfu exited with ${code}: ${stderr}`)); });
  }).catch((e) => { child.kill('SIGKILL'); throw e; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { baseUrl, child, exited, stderr: () => stderr };
}

// extraArgs are global options placed before `serve` (e.g. ['--body-limit', '4096']). demo: true
// loads the whole demo, 'registry' only its organisations, enterprises and users (no collection
// batches), false nothing.
export async function startServer({ demo = true, extraArgs = [], env = {}, webRoot = path.join(repoRoot, 'web/dist') } = {}) {
  const db = freshDatabase();
  const discard = () => { db.cleanup(); rmSync(db.dir, { recursive: true, force: true }); };
  try {
    runJinfu(['--db', db.url, 'migrate']);
    if (demo) runJinfu(['--db', db.url, 'demo', ...(demo === 'registry' ? ['--registry-only'] : [])]);
  } catch (e) {
    discard();
    throw e;
  }
  const { baseUrl, child, exited, stderr } = await serveOn(db.url, { extraArgs, env, webRoot })
    .catch((e) => { discard(); throw e; });
  return {
    baseUrl,
    dbUrl: db.url,
    child,
    exited,
    stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const result = await exited;
      discard();
      return result;
    },
  };
}
