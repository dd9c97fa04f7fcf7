// `jinfu credit train --from-platform`: a scorecard trained on the platform's own loans — finance
// applications disbursed and then settled (good) or reported overdue (bad, also when settled
// afterwards) — with each enterprise's features as of the day the bank decided. The demo has one
// disbursed loan and none settled or overdue: refused, naming the counts. With loans added (their
// outcomes following the demo's scores), it trains. On SQLite, or PostgreSQL when JINFU_TEST_PG is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { jinfu, sql } from './auth-helpers.mjs';

describe('jinfu credit train --from-platform', () => {
  let server;
  const credit = (...args) => jinfu(['--db', server.dbUrl, 'credit', ...args]);
  const count = (statement) => Number(sql(server.dbUrl, statement)[0][0]);
  const states = () => ['settled', 'overdue', 'disbursed'].map((s) => count(`SELECT COUNT(*) FROM applications WHERE state = '${s}'`));

  before(async () => {
    server = await startServer({ demo: true });
  });
  after(async () => {
    await server?.stop();
  });

  test('the demo has too few loans with an outcome: refused, naming the counts; nothing registered', () => {
    const [settled, overdue, running] = states();
    assert.ok(settled + overdue < 200, `the demo has ${settled} settled and ${overdue} overdue`);
    const cards = count('SELECT COUNT(*) FROM credit_scorecards');
    const r = credit('train', '--from-platform', '--version', 'platform-few');
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `错误：平台自身的贷款结果不足：已结清 ${settled} 笔、逾期 ${overdue} 笔（另有 ${running} 笔已放款尚未结清）；`
      + '训练至少需要 200 笔有结果的贷款，且结清、逾期各 20 笔以上。\n');
    assert.equal(count('SELECT COUNT(*) FROM credit_scorecards'), cards);
    const both = credit('train', '--from-platform', '--features', 'x.csv', '--version', 'platform-both');
    assert.equal(both.status, 2);
    assert.equal(both.stderr, '错误：--from-platform 不能与 --outcomes 或 --features 同时使用。\n');
  });

  test('with settled and overdue loans (overdue then settled counts as overdue), it trains on them', () => {
    // Two loans per enterprise, copies of the demo's application: overdue when the enterprise's
    // demo score is in its lower third (first loan) or lower half (second), else settled.
    const scores = sql(server.dbUrl, 'SELECT MAX(score) FROM credit_scores GROUP BY enterprise_id').map(([s]) => Number(s)).sort((a, b) => a - b);
    const p30 = scores[Math.floor(scores.length * 0.3)], p50 = scores[Math.floor(scores.length * 0.5)];
    const copy = (threshold) => `INSERT INTO applications (demand_id, enterprise_id, bank_id, product_id, source, state, requested_fen,
        approved_fen, disbursed_fen, rate_bp, term_months, offer_valid_until, decision_workdays, created_at, created_on,
        accepted_on, decided_on, updated_at, version)
      SELECT a.demand_id, e.id, a.bank_id, a.product_id, a.source,
        CASE WHEN (SELECT MAX(s.score) FROM credit_scores s WHERE s.enterprise_id = e.id) < ${threshold} THEN 'overdue' ELSE 'settled' END,
        a.requested_fen, a.approved_fen, a.approved_fen, a.rate_bp, a.term_months, a.offer_valid_until, a.decision_workdays,
        a.created_at, a.created_on, a.accepted_on, '2026-11-27', a.updated_at, 0
      FROM enterprises e CROSS JOIN (SELECT * FROM applications ORDER BY id LIMIT 1) a
      WHERE EXISTS (SELECT 1 FROM credit_scores s WHERE s.enterprise_id = e.id)`;
    sql(server.dbUrl, copy(p30));
    sql(server.dbUrl, copy(p50));
    // Every other overdue loan was settled afterwards: still a bad outcome.
    const [settled0, overdue] = states();
    sql(server.dbUrl, `INSERT INTO application_events (application_id, command, from_state, to_state, actor_kind, organisation_name, username, at)
      SELECT id, 'report_overdue', 'disbursed', 'overdue', 'bank', '测试银行', 'bank', '2026-12-01T10:00:00+08:00'
      FROM applications WHERE state = 'overdue' AND id % 2 = 0`);
    sql(server.dbUrl, "UPDATE applications SET state = 'settled' WHERE state = 'overdue' AND id % 2 = 0");
    assert.ok(count("SELECT COUNT(*) FROM applications WHERE state = 'settled'") > settled0, 'some overdue loans settled later');

    const r = credit('train', '--from-platform', '--version', 'platform-2026.12', '--no-register');
    assert.equal(r.status, 0, r.stderr);
    const sample = Number(r.stdout.match(/^样本 (\d+) 条/)[1]);
    assert.equal(sample, settled0 + overdue, 'every settled and overdue loan is a sample');
    const rate = Number(r.stdout.match(/逾期率 ([\d.]+)%/)[1]);
    assert.ok(Math.abs(rate - (100 * overdue) / sample) < 0.01, `bad rate ${rate}%: overdue-then-settled loans count as overdue`);
    assert.match(r.stdout, /\n验证样本 {2}AUC 0\.\d{4}/);
    assert.match(r.stdout, /\n入模指标：\S/);
  });
});
