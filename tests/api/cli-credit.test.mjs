// Every `jinfu credit` command (src/credit/credit_cli.cpp) as an operator runs it on the demo data:
// list, score (one enterprise, now or as of a day; all enterprises), verify, train, seal, load and
// activate — what each prints, what it stores (and what it must not), its refusals (exit 2, the
// reason on stderr) and the audit trail it leaves. credit-kill covers `score --all` interrupted.
// On SQLite, or PostgreSQL when JINFU_TEST_PG is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../support/server.mjs';
import { jinfu, sql } from './auth-helpers.mjs';
import { TIANBAO_USCC, makeUscc } from './collect-helpers.mjs';

const EXPERT = 'expert-2026.11';
const CHECKSUM = /sha256:[0-9a-f]{64}/;

describe('jinfu credit', () => {
  let server;
  let work;
  const credit = (...args) => jinfu(['--db', server.dbUrl, 'credit', ...args]);
  const ok = (...args) => {
    const r = credit(...args);
    assert.equal(r.status, 0, `credit ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const refused = (args, message) => {
    const r = credit(...args);
    assert.equal(r.status, 2, `credit ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    if (message instanceof RegExp) assert.match(r.stderr, message);
    else assert.equal(r.stderr, `错误：${message}\n`);
  };
  const count = (statement) => Number(sql(server.dbUrl, statement)[0][0]);
  // `credit list` as rows { id, version, status, method, checksum }.
  const list = () => ok('list').trim().split('\n').map((line) => {
    const [id, version, status, method, , checksum] = line.trim().split(/\s+/);
    return { id: Number(id), version, status, method, checksum };
  });
  const audits = (action) => count(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`);
  const tianbaoId = () => count(`SELECT id FROM enterprises WHERE uscc = '${TIANBAO_USCC}'`);

  before(async () => {
    server = await startServer({ demo: true });
    work = mkdtempSync(path.join(tmpdir(), 'jinfu-cli-credit-'));
  });
  after(async () => {
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('list: the demo\'s expert scorecard, active, with its checksum', () => {
    const rows = list();
    assert.equal(rows.length, 1);
    assert.deepEqual({ ...rows[0], checksum: undefined }, { id: rows[0].id, version: EXPERT, status: 'active', method: 'expert', checksum: undefined });
    assert.match(rows[0].checksum, CHECKSUM);
  });

  test('score --enterprise: the profile now (the latest stored) or as of a day (nothing stored); bad and unknown codes refused', () => {
    const scoresBefore = count('SELECT COUNT(*) FROM credit_scores');
    const now = ok('score', '--enterprise', TIANBAO_USCC);
    const head = now.split('\n')[0].match(/^焦作市天宝桓祥科技有限公司（91410800171971661U）截至 2026-11-27T[\d:.]+\+08:00：(\d+) 分，([A-E])级（[^）]+），评分卡 expert-2026\.11$/);
    assert.ok(head, now);
    const [[score, grade]] = sql(server.dbUrl,
      `SELECT score, grade FROM credit_scores WHERE enterprise_id = ${tianbaoId()} ORDER BY id DESC LIMIT 1`);
    assert.deepEqual([head[1], head[2]], [score, grade], 'the score printed is the latest stored');
    assert.equal(count('SELECT COUNT(*) FROM credit_scores'), scoresBefore, 'nothing changed since the demo\'s run: nothing new stored');
    assert.match(now, /\n {2}成立年限 +[\d.]+ 年 +\d+ \/ \d+\n/, 'one line per feature with its points');

    const past = ok('score', '--enterprise', TIANBAO_USCC, '--as-of', '2025-12-31');
    assert.match(past.split('\n')[0], /^焦作市天宝桓祥科技有限公司（91410800171971661U）截至 2025-12-31T23:59:59\.999\+08:00：\d+ 分，[A-E]级/);
    assert.equal(count('SELECT COUNT(*) FROM credit_scores'), scoresBefore, 'a look back stores no score');

    refused(['score', '--enterprise', '91410800171971661X'], '统一社会信用代码“91410800171971661X”不合法：第18位校验码错误：应为“U”，实际为“X”');
    const stranger = makeUscc('91410871', 'MA9T9T9T');
    refused(['score', '--enterprise', stranger], `没有统一社会信用代码为 ${stranger} 的企业。`);
    refused(['score', '--enterprise', TIANBAO_USCC, '--as-of', '2025-02-30'], /^错误：日期应为 YYYY-MM-DD/);
    refused(['score', '--all', '--chunk', '0'], '--chunk 应在 1 到 100000 之间。');
    const both = credit('score', '--all', '--enterprise', TIANBAO_USCC);
    assert.notEqual(both.status, 0);
    assert.match(both.stderr, /--all excludes --enterprise/);
  });

  test('score --all: a run over all 200 enterprises, recorded and audited, its grade counts summing to 200', () => {
    const runsBefore = count('SELECT COUNT(*) FROM credit_runs');
    const auditBefore = audits('credit.run');
    const out = ok('score', '--all', '--as-of', '2026-06-30');
    const m = out.match(/第 (\d+) 次评分运行完成：200 家企业（本次 200 家，用时 [\d.]+ 秒）\n等级分布：((?:[A-E] \d+ {2})+)\n$/);
    assert.ok(m, out);
    const counts = [...m[2].matchAll(/([A-E]) (\d+)/g)].map((g) => Number(g[2]));
    assert.equal(counts.reduce((a, b) => a + b, 0), 200);
    assert.equal(count('SELECT COUNT(*) FROM credit_runs'), runsBefore + 1);
    assert.equal(count(`SELECT COUNT(*) FROM credit_scores WHERE run_id = ${Number(m[1])}`), 200);
    assert.equal(audits('credit.run'), auditBefore + 1, 'the run is in the audit trail');
  });

  test('verify: a stored score recomputes to the same result (exit 0); a tampered one does not (exit 1); a missing one is refused', () => {
    const id = count(`SELECT MAX(id) FROM credit_scores WHERE enterprise_id = ${tianbaoId()}`);
    const good = ok('verify', String(id));
    assert.match(good, new RegExp(`^评分 ${id}：评分卡 \\S+，截至 \\S+\\n {2}记录：(\\d+) 分 ([A-E]) 级 (sha256:\\w+)\\n {2}重算：\\1 分 \\2 级 \\3\\n结果一致，可复现\\n$`));
    sql(server.dbUrl, `UPDATE credit_scores SET score = score + 7 WHERE id = ${id}`);
    const bad = credit('verify', String(id));
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /\n结果不一致\n$/);
    const [, stored, recomputed] = bad.stdout.match(/记录：(\d+) 分[\s\S]*重算：(\d+) 分/);
    assert.equal(Number(stored), Number(recomputed) + 7);
    sql(server.dbUrl, `UPDATE credit_scores SET score = score - 7 WHERE id = ${id}`);
    refused(['verify', '999999'], '没有编号为 999999 的评分记录。');
  });

  test('train: metrics printed, the card written with the checksum printed; --no-register registers nothing; one source exactly', () => {
    const card = path.join(work, 'card.json');
    const out = ok('train', '--outcomes', 'data/demo/credit/loan-outcomes.csv', '--version', 'woe-cli', '--out', card, '--no-register');
    assert.match(out, /^样本 (\d+) 条（开发 \d+，验证 \d+），逾期率 [\d.]+%\n开发样本 {2}AUC 0\.\d{4} {2}KS 0\.\d{4}\n验证样本 {2}AUC 0\.\d{4} {2}KS 0\.\d{4}\n/);
    assert.match(out, /\n当前启用评分卡在同一验证样本上 {2}AUC 0\.\d{4} {2}KS 0\.\d{4}\n/, 'compared with the active card');
    const artifact = JSON.parse(readFileSync(card, 'utf8'));
    assert.equal(artifact.version, 'woe-cli');
    assert.equal(artifact.method, 'woe_logistic');
    assert.ok(out.includes(`评分卡已写入 ${card}（校验和 ${artifact.checksum}）\n`), out);
    assert.ok(!out.includes('已登记为待启用版本'));
    // Each feature left out is printed with its reason (those with no value at all on one line).
    assert.ok(artifact.training.dropped.length > 0, 'the demo outcomes do not use every feature');
    const absent = out.match(/\n未入模（样本中全部未归集）：(.*)\n/)?.[1].split('、') ?? [];
    for (const d of artifact.training.dropped)
      assert.ok(out.includes(`\n未入模：${d.zh} — ${d.reason}\n`) || absent.includes(d.zh), `${d.zh} ${d.reason}\n${out}`);
    assert.deepEqual(list().map((c) => c.version), [EXPERT], '--no-register: nothing registered');

    refused(['train', '--version', 'x'], '请指定 --outcomes（按企业和日期从数据库取指标）或 --features（文件自带指标）之一。');
    refused(['train', '--version', 'x', '--outcomes', 'data/demo/credit/loan-outcomes.csv', '--features', card],
      '请指定 --outcomes（按企业和日期从数据库取指标）或 --features（文件自带指标）之一。');
  });

  test('train --features: a rare decisive flag (失信被执行人, 4 %) keeps a bin of its own; a feature without effect is named with its reason', () => {
    // 6 000 loans from a known model, deterministic (mulberry32).
    let seed = 20261207;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const lines = ['tax_paid_12m,dishonest,patents,结果'];
    for (let i = 0; i < 6000; i++) {
      const tax = Math.round(Math.exp(2 + 1.2 * Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand())) * 100) / 100;
      const dishonest = rand() < 0.04 ? 1 : 0;
      const patents = Math.floor(rand() * 6);
      const logit = -1.8 - 0.6 * Math.log1p(tax) + 2.5 * dishonest;
      lines.push(`${tax},${dishonest},${patents},${rand() < 1 / (1 + Math.exp(-logit)) ? '逾期' : '结清'}`);
    }
    const features = path.join(work, 'rare-flag.csv');
    writeFileSync(features, `${lines.join('\n')}\n`);
    const card = path.join(work, 'rare-flag.json');
    const r = jinfu(['credit', 'train', '--features', features, '--version', 'rare-flag', '--out', card, '--no-register']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\n入模指标：[^\n]*失信被执行人/, r.stdout);
    const artifact = JSON.parse(readFileSync(card, 'utf8'));
    const flag = artifact.features.find((f) => f.code === 'dishonest');
    assert.deepEqual(flag.bins.map((b) => b.label), ['未归集', '否', '是']);
    assert.ok(flag.bins[2].points < flag.bins[1].points - 40, JSON.stringify(flag.bins));
    const patents = artifact.training.dropped.find((d) => d.feature === 'patents');
    assert.match(patents.reason, /^信息值 0\.\d{4} 低于 0\.02$/);
    assert.ok(r.stdout.includes(`\n未入模：专利数 — ${patents.reason}\n`), r.stdout);
  });

  test('seal, load, activate: an edited card is refused until sealed; loaded as a candidate; activated, it scores; each step audited', () => {
    const artifact = JSON.parse(readFileSync(path.join(work, 'card.json'), 'utf8'));
    const edited = path.join(work, 'edited.json');
    writeFileSync(edited, JSON.stringify({ ...artifact, version: 'woe-cli-edited', title: '手工调整' }, null, 2));
    const registerBefore = audits('credit.scorecard.register');
    const activateBefore = audits('credit.scorecard.activate');

    refused(['load', edited], new RegExp(`^错误：评分卡校验和不符：文件记录为 ${artifact.checksum}，按内容计算为 (sha256:[0-9a-f]{64})。文件可能被修改或损坏，未导入。\\n$`));
    const sealedText = ok('seal', edited);
    const sealed = JSON.parse(sealedText);
    assert.notEqual(sealed.checksum, artifact.checksum);
    assert.deepEqual({ ...sealed, checksum: undefined }, { ...JSON.parse(readFileSync(edited, 'utf8')), checksum: undefined },
      'sealing changes the checksum only');
    const sealedFile = path.join(work, 'sealed.json');
    writeFileSync(sealedFile, sealedText);

    const loaded = ok('load', sealedFile);
    const m = loaded.match(/^已登记评分卡 woe-cli-edited（编号 (\d+)，(sha256:[0-9a-f]{64})），待启用\n$/);
    assert.ok(m, loaded);
    assert.equal(m[2], sealed.checksum);
    assert.deepEqual(list().map((c) => [c.version, c.status]), [['woe-cli-edited', 'candidate'], [EXPERT, 'active']]);
    refused(['load', sealedFile], /^错误：/);  // the same version twice
    assert.equal(list().length, 2);

    assert.equal(ok('activate', 'woe-cli-edited'), `已启用评分卡 woe-cli-edited（原启用版本 ${EXPERT} 已停用）\n`);
    assert.deepEqual(list().map((c) => [c.version, c.status]), [['woe-cli-edited', 'active'], [EXPERT, 'retired']]);
    refused(['activate', 'woe-cli-edited'], '评分卡“woe-cli-edited”已是启用版本。');
    refused(['activate', 'no-such-card'], '没有版本为“no-such-card”的评分卡。');
    assert.match(ok('score', '--enterprise', TIANBAO_USCC).split('\n')[0], /，评分卡 woe-cli-edited$/);

    assert.equal(audits('credit.scorecard.register'), registerBefore + 1);
    assert.equal(audits('credit.scorecard.activate'), activateBefore + 1);
  });
});
