// The time-limit sweep's scheduler (App::startScheduler, src/app/app.cpp; the lease in
// src/platform/db/job_lease.*): a server started with --sweep-interval N takes the lease
// "finance.sweep" and runs the sweep at once and every N seconds, renewing the lease for 2N each
// time; a second server on the same database leaves a live lease alone and takes it over once its
// holder has died without giving it up (SIGKILL) and it has expired; SIGTERM gives it up.
// Every wait here is for a state of the database to appear, never for an amount of time.
// On SQLite, or PostgreSQL when JINFU_TEST_PG is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serveOn, startServer } from '../support/server.mjs';
import { sql } from './auth-helpers.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `probe` until it returns something other than undefined; fails after a minute.
async function until(probe, what) {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  assert.fail(`gave up waiting for ${what}`);
}

describe('the sweep scheduler and its lease', () => {
  let first; // owns the database
  let second;
  const lease = () => {
    const rows = sql(first.dbUrl, "SELECT holder, expires_at FROM job_leases WHERE name = 'finance.sweep'");
    return rows.length ? { holder: rows[0][0], expiresAt: Number(rows[0][1]) } : undefined;
  };
  // Makes demand `id` overdue (published 2026-09-01, unclaimed) and forgets any mark of it, so
  // that only a sweep run from now on can mark it.
  const makeOverdue = (id) => {
    sql(first.dbUrl, `UPDATE demands SET published_on = '2026-09-01', open_since = '2026-09-01' WHERE id = ${id}`);
    sql(first.dbUrl, `DELETE FROM finance_overdue WHERE demand_id = ${id}`);
  };
  const marked = (id) => {
    const rows = sql(first.dbUrl, `SELECT step, outcome FROM finance_overdue WHERE demand_id = ${id}`);
    return rows.length ? rows : undefined;
  };
  let openDemand;
  const x = {};

  before(async () => {
    first = await startServer({ demo: true, extraArgs: ['--sweep-interval', '2'] });
    // The demo's demand published today, open: not overdue until someone moves its dates.
    [[openDemand]] = sql(first.dbUrl, "SELECT id FROM demands WHERE status = 'open' ORDER BY published_on DESC, id DESC LIMIT 1");
  });
  after(async () => {
    if (second && second.child.exitCode === null && second.child.signalCode === null) second.child.kill('SIGKILL');
    if (second) await second.exited;
    await first?.stop();
  });

  test('a server takes the lease and sweeps at once and every interval, renewing the lease each time', async () => {
    const taken = await until(lease, 'the first server to take the lease');
    assert.match(taken.holder, /^jinfu-\d+$/);
    // A renewal is a later run: the expiry moves on.
    const renewed = await until(() => { const l = lease(); return l && l.expiresAt > taken.expiresAt ? l : undefined; },
      'the lease to be renewed by the next run');
    assert.equal(renewed.holder, taken.holder, 'renewed by the same process');
    // A run after this change marks the demand: nobody but the scheduler sweeps here.
    makeOverdue(openDemand);
    assert.deepEqual(await until(() => marked(openDemand), 'the periodic sweep to mark the demand'), [['claim_or_respond', 'listed']]);
    x.firstHolder = taken.holder;
  });

  test('a second server leaves a live lease alone, and takes it over once the holder was killed and the lease expired', async () => {
    second = await serveOn(first.dbUrl, { extraArgs: ['--sweep-interval', '1'] });
    // Two renewals by the first server while the second (every second) keeps trying.
    const start = lease();
    assert.equal(start.holder, x.firstHolder);
    const once = await until(() => { const l = lease(); return l.expiresAt > start.expiresAt ? l : undefined; }, 'a renewal');
    const twice = await until(() => { const l = lease(); return l.expiresAt > once.expiresAt ? l : undefined; }, 'another renewal');
    assert.equal(once.holder, x.firstHolder);
    assert.equal(twice.holder, x.firstHolder, 'the live lease stays with its holder');

    // Killed, the first server cannot give the lease up: it stays its own until it expires.
    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    assert.equal(lease().holder, x.firstHolder, 'a killed holder leaves its lease behind');
    const taken = await until(() => { const l = lease(); return l.holder !== x.firstHolder ? l : undefined; },
      'the second server to take the lease over');
    assert.match(taken.holder, /^jinfu-\d+$/);
    x.secondHolder = taken.holder;
    // And it sweeps.
    makeOverdue(openDemand);
    assert.deepEqual(await until(() => marked(openDemand), 'the new holder to sweep'), [['claim_or_respond', 'listed']]);
  });

  test('SIGTERM: the holder stops and gives the lease up', async () => {
    assert.equal(lease().holder, x.secondHolder);
    second.child.kill('SIGTERM');
    const { code, signal } = await second.exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, second.stderr());
    assert.equal(lease(), undefined, 'no lease is left behind');
  });
});
