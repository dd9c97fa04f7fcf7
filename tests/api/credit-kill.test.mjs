// A scoring run killed in the middle keeps only whole chunks and resumes where it stopped:
// `jinfu credit score --all --chunk 3` over the demo's 200 enterprises is killed with SIGKILL as soon
// as it reports its first chunk. The run is left "running" with exactly the scores of its committed
// chunks (no half chunk, progress and scores agree); the next `jinfu credit score --all` says it
// resumes that run, scores the rest once, and completes it with every enterprise scored exactly once.
// Runs on SQLite, or on PostgreSQL when JINFU_TEST_PG names a cluster (as scripts/test does).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { jinfuBin, repoRoot, runJinfu, startServer } from '../support/server.mjs';
import { sql } from './auth-helpers.mjs';

const CHUNK = 3;

describe('a scoring run killed with SIGKILL (jinfu credit score --all)', () => {
  let server;
  before(async () => { server = await startServer({ demo: true }); });
  after(async () => { await server?.stop(); });

  const one = (statement) => Number(sql(server.dbUrl, statement)[0][0]);

  test('keeps whole chunks only, and the next run resumes it to completion', async () => {
    const enterprises = one("SELECT COUNT(*) FROM enterprises WHERE established_on <= '2026-11-27'");
    assert.ok(enterprises >= 100, `${enterprises} enterprises to score`);

    const child = spawn(jinfuBin, ['--db', server.dbUrl, 'credit', 'score', '--all', '--as-of', '2026-11-27',
      '--chunk', String(CHUNK)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const killed = new Promise((resolve) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (/已评分 \d+ \//.test(out) && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    const { signal } = await killed;
    assert.equal(signal, 'SIGKILL', `the run was killed mid-way, not finished:\n${out}`);

    const [id, progress, last] = sql(server.dbUrl,
      "SELECT id, enterprises, last_enterprise_id FROM credit_runs WHERE status = 'running'")[0].map(Number);
    assert.ok(id > 0, 'the run is left unfinished');
    const stored = one(`SELECT COUNT(*) FROM credit_scores WHERE run_id = ${id}`);
    assert.equal(stored, progress, 'the scores are exactly those of the committed chunks');
    assert.equal(stored % CHUNK, 0, `whole chunks of ${CHUNK} only, got ${stored}`);
    assert.ok(stored < enterprises, 'killed before the end');
    assert.equal(one(`SELECT COALESCE(MAX(enterprise_id), 0) FROM credit_scores WHERE run_id = ${id}`), last,
      'the progress names the last enterprise scored');

    const resumed = runJinfu(['--db', server.dbUrl, 'credit', 'score', '--all', '--chunk', String(CHUNK)]);
    assert.match(resumed, new RegExp(`继续第 ${id} 次评分运行`));
    assert.match(resumed, new RegExp(`第 ${id} 次评分运行完成：${enterprises} 家企业（本次 ${enterprises - stored} 家`));
    assert.equal(sql(server.dbUrl, `SELECT status FROM credit_runs WHERE id = ${id}`)[0][0], 'completed');
    assert.equal(one(`SELECT COUNT(*) FROM credit_scores WHERE run_id = ${id}`), enterprises);
    assert.equal(one(`SELECT COUNT(DISTINCT enterprise_id) FROM credit_scores WHERE run_id = ${id}`), enterprises);
    assert.equal(sql(server.dbUrl, `SELECT as_of FROM credit_runs WHERE id = ${id}`)[0][0], '2026-11-27T23:59:59.999+08:00',
      'the resumed run keeps its own moment');
  });
});
