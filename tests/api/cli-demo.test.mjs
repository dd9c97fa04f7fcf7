// `jinfu demo --if-empty` (what `make demo` runs on every start): on a database without
// organisations and enterprises it loads the whole demo; once there is data — the demo's own, or a
// registry loaded with --registry-only — it loads nothing, says so and exits 0. cli.test.mjs covers
// `jinfu demo` without the flag (idempotent). On SQLite, or PostgreSQL when JINFU_TEST_PG is set.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { jinfu, sql } from './auth-helpers.mjs';

const NOTHING_LOADED = '数据库中已有数据，未载入演示数据\n';
const TABLES = ['organisations', 'enterprises', 'users', 'collect_batches', 'facts', 'credit_runs', 'credit_scores', 'products', 'demands'];

// How many rows each table of the demo holds.
function snapshot(dbUrl) {
  const [row] = sql(dbUrl, `SELECT ${TABLES.map((t) => `(SELECT COUNT(*) FROM ${t})`).join(', ')}`);
  return Object.fromEntries(TABLES.map((t, i) => [t, Number(row[i])]));
}

describe('jinfu demo --if-empty', () => {
  const servers = [];
  const serverOf = async (demo) => {
    const s = await startServer({ demo });
    servers.push(s);
    return s;
  };
  after(async () => { for (const s of servers) await s.stop(); });

  test('on an empty database it loads the whole demo; run again, it loads nothing and says so', async () => {
    const server = await serverOf(false);
    const empty = snapshot(server.dbUrl);
    assert.deepEqual(Object.values(empty), TABLES.map(() => 0), 'migrated, nothing in it');

    const first = jinfu(['--db', server.dbUrl, 'demo', '--if-empty']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^演示数据已就绪：新增机构 34 个，新增企业 200 家，归集批次 [1-9]\d* 个（入库 [1-9]\d* 行，隔离 \d+ 行），信用评分运行 2 次\n/);
    assert.match(first.stdout, /\n融资对接演示：金融产品 [1-9]\d* 个，融资需求 [1-9]\d* 项\n$/);
    const loaded = snapshot(server.dbUrl);
    for (const t of TABLES) assert.ok(loaded[t] > 0, `${t} has rows after the demo`);
    const res = await fetch(`${server.baseUrl}/api/v1/summary`);
    assert.deepEqual(await res.json(), { enterprises: 200, banks: 13, parks: 5 });

    const second = jinfu(['--db', server.dbUrl, 'demo', '--if-empty']);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, NOTHING_LOADED);
    assert.deepEqual(snapshot(server.dbUrl), loaded, 'nothing was added');
  });

  test('a registry loaded with --registry-only counts as data: nothing more is loaded', async () => {
    const server = await serverOf('registry');
    const before = snapshot(server.dbUrl);
    assert.equal(before.enterprises, 200);
    assert.equal(before.collect_batches, 0, 'no collection batches in a registry-only demo');
    const r = jinfu(['--db', server.dbUrl, 'demo', '--if-empty']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, NOTHING_LOADED);
    assert.deepEqual(snapshot(server.dbUrl), before);
  });
});
