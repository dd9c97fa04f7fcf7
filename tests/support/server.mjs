// Starts a real `jinfu serve` for a test file: a fresh database (a temporary SQLite file, or a
// fresh database in the PostgreSQL cluster named by JINFU_TEST_PG), migrated and optionally loaded
// with the demo data — a copy of the run's template of that kind (tests/support/template-db.mjs) —
// listening on a free port on 127.0.0.1.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testClockEnv } from './clock.mjs';
import { TEMPLATE_DEMO_PASSWORD, clonePgTemplate, copySqliteTemplate, pgDatabaseUrl, psql } from './template-db.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const jinfuBin = process.env.JINFU_BIN ?? path.join(repoRoot, 'build/debug/jinfu');

let databaseCounter = 0;

// A database of its own for each server, a copy of the template of `kind` ('empty', 'registry',
// 'full'): a SQLite file in a temp dir, or a new PostgreSQL database.
function freshDatabase(kind) {
  const dir = mkdtempSync(path.join(tmpdir(), 'jinfu-test-'));
  const pg = process.env.JINFU_TEST_PG;
  if (!pg) {
    const file = path.join(dir, 'jinfu.db');
    copySqliteTemplate(kind, file);
    return { url: `sqlite:${file}`, dir, cleanup() {} };
  }
  const name = `t${process.pid}_${Date.now()}_${databaseCounter++}`;
  clonePgTemplate(kind, name);
  return {
    url: pgDatabaseUrl(pg, name), dir,
    cleanup() { psql(pg, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); },
  };
}

export function runJinfu(args, options = {}) {
  return execFileSync(jinfuBin, args, {
    cwd: repoRoot, encoding: 'utf8', ...options, env: { ...process.env, ...testClockEnv(), ...options.env },
  });
}

// `jinfu serve` on an existing database, on a free port: { baseUrl, child, exited, stderr() }.
export async function serveOn(dbUrl, { extraArgs = [], env = {}, webRoot = path.join(repoRoot, 'web/dist'), logLevel = 'warn' } = {}) {
  const child = spawn(jinfuBin, ['--db', dbUrl, '--log-level', logLevel, ...extraArgs,
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
export async function startServer({ demo = true, extraArgs = [], env = {}, webRoot = path.join(repoRoot, 'web/dist'), logLevel = 'warn' } = {}) {
  const kind = demo === 'registry' ? 'registry' : demo ? 'full' : 'empty';
  const password = process.env.JINFU_DEMO_PASSWORD;
  if (password !== undefined && password !== TEMPLATE_DEMO_PASSWORD)
    throw new Error(`the templates' demo users have the password ${TEMPLATE_DEMO_PASSWORD}, not ${password}`);
  const db = freshDatabase(kind);
  const discard = () => { db.cleanup(); rmSync(db.dir, { recursive: true, force: true }); };
  const { baseUrl, child, exited, stderr } = await serveOn(db.url, { extraArgs, env, webRoot, logLevel })
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
