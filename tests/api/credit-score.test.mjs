// 信用画像 for one enterprise: the score an enterprise reads of itself, recomputed here from the
// public scorecard (every feature, its bin, its points, the reasons ranked by points lost); its
// history, which records changes and not page views; who may read it (the enterprise itself, a
// 政府信用专员 inside its region; a bank needs the enterprise's consent; other government roles
// and the operator never); every third party's read and every refusal in the audit trail (without
// the score); and the as-of rule: a batch received later changes the next score, while the
// earlier score still verifies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testNowMs } from '../support/clock.mjs';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import {
  DEMO_USERS, ORG, STRONG_PASSWORD, allAudit, as, expectStatus, loginAll, mustLogin, organisationIds, sql, sqlText,
} from './auth-helpers.mjs';
import { TIANBAO_USCC, csv, upload } from './collect-helpers.mjs';
import {
  CHECKSUM, FEATURE_CODES, FEATURE_SOURCES, HAN, RFC3339, UNKNOWN, addMonths, bestPoints, binFor, checksumOf, gradeOf,
  previousMonth, scoreRange, sum,
} from './credit-helpers.mjs';

const GOV_CREDIT = 'credit-officer-zone';

describe('credit profile (信用画像) of one enterprise', () => {
  let server;
  let api;
  let c; // role → client
  let active; // GET /api/v1/credit/scorecard
  const ids = {};
  const reads = {}; // username → number of 200 answers from …/score and …/scores
  const scoresSeen = {}; // enterprise id → every score a …/score answer gave it
  const first = {}; // the enterprise's first score and history in this file

  const path = (id, what = 'score') => `/api/v1/credit/enterprises/${id}/${what}`;
  const enterpriseId = (where) => Number(sql(server.dbUrl, `SELECT id FROM enterprises WHERE ${where} ORDER BY id LIMIT 1`)[0]?.[0]);

  // A read that must succeed; counted for the audit check at the end.
  async function read(role, id, what = 'score') {
    const r = await c[role].get(path(id, what));
    assert.equal(r.res.status, 200, `${role} ${path(id, what)}: ${r.text}`);
    const username = role === 'govCredit' ? GOV_CREDIT : DEMO_USERS[role];
    reads[username] = (reads[username] ?? 0) + 1;
    if (what === 'score') (scoresSeen[id] ??= new Set()).add(r.json.score);
    return r.json;
  }

  // The tax paid in whole months from..to (YYYY-MM, inclusive) by an enterprise, in 万元, from the
  // facts table (amounts there are in fen).
  function taxPaid(id, from, to) {
    const rows = sql(server.dbUrl, `SELECT fact_key, vals FROM facts WHERE enterprise_id = ${id} AND category = 'tax'`);
    let fen = 0;
    let months = 0;
    for (const [key, vals] of rows) {
      if (!/^\d{4}-\d{2}$/.test(key) || key < from || key > to) continue;
      fen += JSON.parse(vals).taxPaid ?? 0;
      months += 1;
    }
    return { wan: fen / 1e6, months };
  }

  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['entStaff', 'entAdmin', 'bankOfficer', 'bankManager', 'govViewer', 'govAdmin',
      'provider', 'taxProvider', 'platform']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    const orgs = await organisationIds(c.platform);
    // 政府信用专员 of the zone: no demo user has the role, so the platform admin makes one.
    const created = await c.platform.post('/api/v1/users', {
      username: GOV_CREDIT, displayName: '示范区信用专员', password: STRONG_PASSWORD, organisationId: orgs[ORG.zone],
      roles: ['gov-credit'],
    });
    expectStatus(created, 201, 'create the gov-credit user');
    c.govCredit = as(api, await mustLogin(api, GOV_CREDIT, STRONG_PASSWORD));

    ids.tianbao = enterpriseId(`uscc = ${sqlText(TIANBAO_USCC)}`);
    ids.songyang = enterpriseId(`name = ${sqlText(ORG.songyang)}`);
    ids.outside = enterpriseId("region_code NOT LIKE '410871%'");
    // A zone enterprise the tax office has never sent a row for.
    ids.noTax = enterpriseId("region_code = '410871' AND id NOT IN (SELECT enterprise_id FROM facts WHERE category = 'tax')");
    // A zone enterprise without housing-fund records (the fund sends monthly files, just not for it).
    ids.noHousingFund = enterpriseId(
      "region_code = '410871' AND id NOT IN (SELECT enterprise_id FROM facts WHERE category = 'housing_fund')");
    for (const [k, v] of Object.entries(ids)) assert.ok(Number.isInteger(v) && v > 0, `demo enterprise ${k} found`);

    const sc = await api.call('/api/v1/credit/scorecard');
    assert.equal(sc.res.status, 200, sc.text);
    active = sc.json;
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  // Checks a score response against the active scorecard, recomputing it feature by feature.
  function checkScore(s, { id, uscc, name }) {
    const artifact = active.artifact;
    assert.equal(s.enterpriseId, id);
    if (uscc) assert.equal(s.uscc, uscc);
    if (name) assert.equal(s.name, name);
    assert.ok(Number.isInteger(s.scoreId) && s.scoreId > 0, `scoreId ${s.scoreId}`);
    assert.match(s.asOf, RFC3339);
    assert.deepEqual(s.scorecard, { id: active.id, version: active.version, checksum: active.checksum });
    assert.match(s.inputsHash, CHECKSUM);
    assert.equal(s.basePoints, artifact.scaling.basePoints);
    assert.equal(s.minScore, active.minScore);
    assert.equal(s.maxScore, active.maxScore);
    assert.ok(Number.isInteger(s.score), `score ${s.score}`);
    assert.ok(s.score >= s.minScore && s.score <= s.maxScore, `score ${s.score} outside [${s.minScore}, ${s.maxScore}]`);
    const grade = gradeOf(artifact, s.score);
    assert.ok(artifact.grades.some((g) => g.grade === s.grade), `grade ${s.grade} is one of the scorecard's`);
    assert.equal(s.grade, grade.grade, `score ${s.score} earns ${grade.grade}`);
    assert.equal(s.gradeZh, grade.zh);

    // Every feature of the contract, once; unknown ones are null and 未归集, never 0.
    const codes = s.features.map((f) => f.code);
    assert.deepEqual([...codes].sort(), [...FEATURE_CODES].sort(), 'the 22 features of the contract, each once');
    const byCode = Object.fromEntries(s.features.map((f) => [f.code, f]));
    for (const f of s.features) {
      assert.match(f.zh, HAN, `${f.code}: zh`);
      assert.equal(typeof f.unit, 'string', `${f.code}: unit`);
      assert.equal(f.source, FEATURE_SOURCES[f.code], `${f.code}: source`);
      assert.match(f.sourceZh, HAN, `${f.code}: sourceZh`);
      if (f.value === null) assert.equal(f.display, UNKNOWN, `${f.code}: an unknown value shows 未归集`);
      else {
        assert.equal(typeof f.value, 'number', `${f.code}: value ${JSON.stringify(f.value)}`);
        assert.ok(Number.isFinite(f.value));
        assert.equal(typeof f.display, 'string');
        assert.ok(f.display.length > 0 && f.display !== UNKNOWN, `${f.code}: a known value is not shown as 未归集`);
      }
    }
    // Each scored feature: the bin its value falls in, that bin's points, the best bin's points.
    let total = artifact.scaling.basePoints;
    for (const sf of artifact.features) {
      const f = byCode[sf.code];
      assert.ok(f, `scorecard feature ${sf.code} is in the response`);
      const bin = binFor(sf, f.value);
      assert.ok(bin, `${sf.code}: no bin for ${f.value}`);
      assert.equal(f.bin, bin.label, `${sf.code} = ${f.value}: bin`);
      assert.equal(f.points, bin.points, `${sf.code} = ${f.value}: points`);
      assert.equal(f.maxPoints, bestPoints(sf), `${sf.code}: maxPoints`);
      total += f.points;
    }
    assert.equal(s.score, total, 'score = basePoints + Σ points');

    // Reasons: one for every feature that lost points, most points lost first (ties: feature order).
    const order = Object.fromEntries(artifact.features.map((f, i) => [f.code, i]));
    const losing = artifact.features.filter((sf) => byCode[sf.code].points < bestPoints(sf));
    assert.deepEqual(s.reasons.map((r) => r.feature).sort(), losing.map((sf) => sf.code).sort(), 'a reason for each feature that lost points');
    for (const r of s.reasons) {
      const sf = artifact.features[order[r.feature]];
      const f = byCode[r.feature];
      assert.equal(r.pointsLost, f.maxPoints - f.points, `${r.feature}: pointsLost`);
      assert.ok(r.pointsLost > 0);
      assert.equal(r.code, binFor(sf, f.value).reason.code, `${r.feature}: the reason of its bin`);
      assert.equal(r.featureZh, f.zh);
      for (const k of ['zh', 'remedy', 'department']) {
        assert.equal(typeof r[k], 'string', `${r.feature}: ${k}`);
        assert.ok(r[k].trim().length > 0, `${r.feature}: ${k} is empty`);
      }
      assert.match(r.zh, HAN);
    }
    for (let i = 1; i < s.reasons.length; i++) {
      const [a, b] = [s.reasons[i - 1], s.reasons[i]];
      assert.ok(a.pointsLost > b.pointsLost || (a.pointsLost === b.pointsLost && order[a.feature] < order[b.feature]),
        `reasons out of order at ${i}: ${a.feature} (${a.pointsLost}) before ${b.feature} (${b.pointsLost})`);
    }
    return byCode;
  }

  test('the public scorecard: active, its checksum is the canonical form\'s sha256, its score range follows from the bins', async () => {
    assert.equal(active.status, 'active');
    assert.ok(Number.isInteger(active.id));
    const a = active.artifact;
    assert.equal(a.format, 'jinfu.scorecard/1');
    assert.equal(active.version, a.version);
    assert.equal(active.method, a.method);
    assert.ok(['expert', 'woe_logistic'].includes(active.method));
    assert.match(active.checksum, CHECKSUM);
    assert.equal(a.checksum, active.checksum);
    assert.equal(checksumOf(a), active.checksum, 'sha256 of the artifact without checksum, keys sorted, no spaces');
    assert.match(active.createdAt, RFC3339);
    assert.match(active.activatedAt, RFC3339);
    assert.deepEqual({ minScore: active.minScore, maxScore: active.maxScore }, scoreRange(a));
    // Every feature it scores is one of the contract's, with one missing bin and touching bins.
    for (const f of a.features) {
      assert.ok(FEATURE_CODES.includes(f.code), `scorecard feature ${f.code}`);
      assert.equal(f.bins.filter((b) => b.missing).length, 1, `${f.code}: one missing bin`);
      const ranged = f.bins.filter((b) => !b.missing);
      for (let i = 1; i < ranged.length; i++) assert.equal(ranged[i].lower, ranged[i - 1].upper, `${f.code}: bins touch`);
      for (const b of f.bins) {
        assert.ok(Number.isInteger(b.points), `${f.code}: integer points`);
        if (b.points < bestPoints(f)) assert.ok(b.reason?.code && b.reason?.zh, `${f.code} ${b.label}: a reason`);
      }
    }
  });

  test('an enterprise reads its own score: recomputed from the scorecard, unknown features 未归集, reasons ranked', async () => {
    const h0 = await read('entStaff', ids.tianbao, 'scores');
    const s = await read('entStaff', ids.tianbao);
    const f = checkScore(s, { id: ids.tianbao, uscc: TIANBAO_USCC, name: ORG.tianbao });
    first.score = s;
    first.history = h0;

    // Values a user can check against what was collected.
    const prev = previousMonth();
    const tax12 = taxPaid(ids.tianbao, addMonths(prev, -11), prev);
    assert.ok(tax12.months > 0, 'the demo has tax records of the last 12 months for 天宝桓祥');
    assert.ok(Math.abs(f.tax_paid_12m.value - tax12.wan) < 0.01,
      `tax_paid_12m ${f.tax_paid_12m.value} 万元, the facts of ${addMonths(prev, -11)}..${prev} sum to ${tax12.wan}`);
    const tax24 = taxPaid(ids.tianbao, addMonths(prev, -23), prev);
    assert.ok(Math.abs(f.tax_paid_24m.value - tax24.wan) < 0.01, `tax_paid_24m ${f.tax_paid_24m.value}, facts ${tax24.wan}`);
    const established = new Date(sql(server.dbUrl, `SELECT established_on FROM enterprises WHERE id = ${ids.tianbao}`)[0][0]);
    const years = (testNowMs() - established.getTime()) / (365.2425 * 86400e3);
    assert.ok(Math.abs(f.years_established.value - years) < 1, `years_established ${f.years_established.value}, about ${years}`);
    // Penalty batches were received and none names it: known, and 0.
    for (const code of ['penalty_minor_36m', 'penalty_general_36m', 'penalty_serious_36m']) {
      assert.equal(f[code].value, 0, `${code}: no record after a received batch means none`);
    }
    // A category no department has ever sent (the demo has no licence batch): unknown, not 0.
    const licenceBatches = Number(sql(server.dbUrl, "SELECT COUNT(*) FROM collect_batches WHERE category = 'licence'")[0][0]);
    if (licenceBatches === 0) {
      assert.equal(f.licences_valid.value, null, 'licences_valid without any licence batch');
      assert.equal(f.licences_valid.display, UNKNOWN);
    } else assert.equal(typeof f.licences_valid.value, 'number');
  });

  test('reading again without changes records nothing new: history lists changes, not page views', async () => {
    const h1 = await read('entStaff', ids.tianbao, 'scores');
    const again = await read('entStaff', ids.tianbao);
    const admin = await read('entAdmin', ids.tianbao);
    const h2 = await read('entStaff', ids.tianbao, 'scores');
    assert.equal(again.scoreId, first.score.scoreId, 'the same inputs and scorecard: the same recorded score');
    assert.equal(admin.scoreId, first.score.scoreId, 'another user of the enterprise reads the same recorded score');
    assert.equal(again.inputsHash, first.score.inputsHash);
    assert.equal(again.score, first.score.score);
    assert.equal(h2.items.length, h1.items.length, 'two more reads, no new history entry');
    assert.ok([first.history.items.length, first.history.items.length + 1].includes(h1.items.length),
      `the first read recorded at most one entry (${first.history.items.length} → ${h1.items.length})`);

    const newest = h2.items[0];
    assert.equal(newest.scoreId, first.score.scoreId);
    assert.equal(newest.score, first.score.score);
    assert.equal(newest.grade, first.score.grade);
    assert.equal(newest.gradeZh, first.score.gradeZh);
    assert.equal(newest.inputsHash, first.score.inputsHash);
    assert.equal(newest.scorecardVersion, active.version);
    // When nothing changed the answer names the score recorded earlier, whose moment may be earlier
    // than the moment of this answer (the contract leaves which asOf the answer shows open).
    assert.ok(newest.asOf <= first.score.asOf, `recorded ${newest.asOf}, answered ${first.score.asOf}`);
    for (const item of h2.items) {
      for (const k of ['scoreId', 'asOf', 'score', 'grade', 'gradeZh', 'scorecardVersion', 'runId', 'inputsHash']) {
        assert.ok(k in item, `history item has ${k}`);
      }
      assert.match(item.asOf, RFC3339);
      assert.match(item.inputsHash, CHECKSUM);
      assert.ok(item.runId === null || Number.isInteger(item.runId));
    }
    for (let i = 1; i < h2.items.length; i++) {
      assert.ok(h2.items[i - 1].asOf >= h2.items[i].asOf, 'newest first');
      assert.notEqual(h2.items[i - 1].scoreId, h2.items[i].scoreId);
    }
    // The demo's two scoring runs scored it.
    const runIds = new Set(h2.items.map((i) => i.runId).filter((r) => r !== null));
    assert.ok(runIds.size >= 2, `history names the demo's two runs: ${JSON.stringify(h2.items)}`);
  });

  test('another enterprise\'s score or history: 404 not_found, exactly like an id that does not exist', async () => {
    for (const target of [path(ids.songyang), path(ids.songyang, 'scores'), path(99999999), path(99999999, 'scores')]) {
      const r = await c.entStaff.get(target);
      assertProblem(r, { status: 404, code: 'not_found' });
      assert.ok(!r.text.includes(ORG.songyang), 'the 404 names nothing of the other enterprise');
    }
  });

  test('banks: 403 consent_required on score and history, each refusal in the audit trail as access.denied', async () => {
    for (const role of ['bankOfficer', 'bankManager']) {
      const before = await allAudit(c.platform, `action=access.denied&user=${DEMO_USERS[role]}`);
      for (const what of ['score', 'scores']) {
        const r = await c[role].get(path(ids.tianbao, what));
        const p = assertProblem(r, { status: 403, code: 'consent_required' });
        assert.match(p.detail, /授权/, `${role}: the refusal says consent (授权) is needed: ${p.detail}`);
        for (const k of ['score', 'grade', 'features', 'reasons', 'items']) assert.ok(!(k in p), `the refusal carries no ${k}`);
      }
      const en = await c[role].get(path(ids.tianbao), { 'accept-language': 'en' });
      assert.match(assertProblem(en, { status: 403, code: 'consent_required', lang: 'en' }).detail, /consent/i);
      const after = await allAudit(c.platform, `action=access.denied&user=${DEMO_USERS[role]}`);
      assert.equal(after.total, before.total + 3, `${role}: three refusals, three access.denied entries`);
      for (const e of after.items.slice(0, 3)) {
        assert.equal(e.username, DEMO_USERS[role]);
        assert.equal(e.outcome, 'denied');
      }
    }
  });

  test('government without credit.read (gov-viewer, gov-admin) and the operator: 403 forbidden on individual scores', async () => {
    for (const role of ['govViewer', 'govAdmin', 'platform', 'provider']) {
      for (const what of ['score', 'scores']) {
        assertProblem(await c[role].get(path(ids.tianbao, what)), { status: 403, code: 'forbidden' });
      }
    }
  });

  test('政府信用专员 (gov-credit): 200 for any enterprise of its region, 404 outside it', async () => {
    const tianbao = await read('govCredit', ids.tianbao);
    checkScore(tianbao, { id: ids.tianbao, uscc: TIANBAO_USCC, name: ORG.tianbao });
    assert.equal(tianbao.scoreId, first.score.scoreId, 'nothing changed: the same recorded score');
    const history = await read('govCredit', ids.tianbao, 'scores');
    assert.equal(history.items[0].scoreId, first.score.scoreId);
    const songyang = await read('govCredit', ids.songyang);
    checkScore(songyang, { id: ids.songyang, name: ORG.songyang });

    for (const target of [path(ids.outside), path(ids.outside, 'scores')]) {
      assertProblem(await c.govCredit.get(target), { status: 404, code: 'not_found' });
    }
  });

  test('periodic sources are known per enterprise: no tax or housing-fund row for it → null, 未归集, the missing bin', async () => {
    const noTax = await read('govCredit', ids.noTax);
    const f = checkScore(noTax, { id: ids.noTax });
    for (const code of ['tax_paid_12m', 'tax_paid_24m', 'tax_trend']) {
      assert.equal(f[code].value, null, `${code} of an enterprise the tax office never sent`);
      assert.equal(f[code].display, UNKNOWN);
    }
    const sf = active.artifact.features.find((x) => x.code === 'tax_paid_12m');
    if (sf) {
      assert.equal(f.tax_paid_12m.bin, sf.bins.find((b) => b.missing).label);
      assert.equal(f.tax_paid_12m.points, sf.bins.find((b) => b.missing).points);
    }
    const noFund = await read('govCredit', ids.noHousingFund);
    const g = checkScore(noFund, { id: ids.noHousingFund });
    assert.equal(g.hf_arrears_months.value, null, 'hf_arrears_months of an enterprise the fund has no row for');
    assert.equal(g.hf_arrears_months.display, UNKNOWN);
  });

  test('as of a moment: a later tax batch changes the next score\'s inputs; the earlier score still verifies', async () => {
    const s1 = await read('entStaff', ids.tianbao);
    const h1 = await read('entStaff', ids.tianbao, 'scores');
    const prev = previousMonth();
    const before12 = taxPaid(ids.tianbao, addMonths(prev, -11), prev).wan;
    // So that the batch is received strictly after s1's moment, whatever its precision.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const file = csv([['统一社会信用代码', '所属期', '实缴税额（万元）', '纳税信用等级'], [TIANBAO_USCC, prev, '987.65', 'A']]);
    const batch = await upload(api, c.taxProvider.cred, { category: 'tax', fileName: 'credit-asof.csv' }, file);
    assert.equal(batch.res.status, 201, batch.text);
    assert.equal(batch.json.batch.rowsQuarantined, 0, batch.text);
    const after12 = taxPaid(ids.tianbao, addMonths(prev, -11), prev).wan;
    assert.notEqual(after12, before12, 'the batch changed the last 12 months of tax');

    const s2 = await read('entStaff', ids.tianbao);
    assert.notEqual(s2.inputsHash, s1.inputsHash, 'new facts: new inputs');
    assert.notEqual(s2.scoreId, s1.scoreId, 'changed inputs are recorded as a new score');
    assert.ok(s2.asOf >= s1.asOf);
    const f2 = Object.fromEntries(s2.features.map((x) => [x.code, x]));
    assert.ok(Math.abs(f2.tax_paid_12m.value - after12) < 0.01, `tax_paid_12m ${f2.tax_paid_12m.value}, facts now ${after12}`);
    const h2 = await read('entStaff', ids.tianbao, 'scores');
    assert.equal(h2.items.length, h1.items.length + 1);
    assert.equal(h2.items[0].scoreId, s2.scoreId);
    assert.equal(h2.items[1].scoreId, s1.scoreId);

    // The earlier score, recomputed as of its moment, is what it was: the replaced value counts.
    const v1 = await c.platform.get(`/api/v1/credit/scores/${s1.scoreId}/verify`);
    assert.equal(v1.res.status, 200, v1.text);
    assert.equal(v1.json.scoreId, s1.scoreId);
    assert.equal(v1.json.scorecardVersion, active.version);
    assert.equal(v1.json.asOf, h1.items.find((i) => i.scoreId === s1.scoreId).asOf, 'the recorded moment of that score');
    assert.deepEqual(v1.json.stored, { score: s1.score, grade: s1.grade, inputsHash: s1.inputsHash });
    assert.deepEqual(v1.json.recomputed, v1.json.stored, 'recomputed as of its moment: the same inputs and score');
    assert.equal(v1.json.reproduced, true);
    const v2 = await c.platform.get(`/api/v1/credit/scores/${s2.scoreId}/verify`);
    assert.equal(v2.res.status, 200, v2.text);
    assert.deepEqual(v2.json.recomputed, { score: s2.score, grade: s2.grade, inputsHash: s2.inputsHash });
    assert.equal(v2.json.reproduced, true);
  });

  test('an event-like source is known for everyone once its department sends any batch: licences 未归集 → 0', async () => {
    const licenceBatches = Number(sql(server.dbUrl, "SELECT COUNT(*) FROM collect_batches WHERE category = 'licence'")[0][0]);
    assert.equal(licenceBatches, 0, 'precondition: the demo has no licence batch');
    const s1 = await read('entStaff', ids.tianbao);
    const before = Object.fromEntries(s1.features.map((x) => [x.code, x]));
    assert.equal(before.licences_valid.value, null);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    // The approval office's first batch names only 嵩阳光电.
    const songyangUscc = sql(server.dbUrl, `SELECT uscc FROM enterprises WHERE id = ${ids.songyang}`)[0][0];
    const file = csv([['统一社会信用代码', '许可证编号', '许可证名称', '许可日期', '有效期至', '许可机关'],
      [songyangUscc, 'JY14108710000001', '食品经营许可证', '2025-03-01', '2030-02-28', '焦作市示范区行政审批服务局']]);
    const batch = await upload(api, c.provider.cred, { category: 'licence', fileName: 'licence.csv' }, file);
    assert.equal(batch.res.status, 201, batch.text);
    assert.equal(batch.json.batch.rowsAccepted, 1, batch.text);

    const s2 = await read('entStaff', ids.tianbao);
    const now = Object.fromEntries(s2.features.map((x) => [x.code, x]));
    assert.equal(now.licences_valid.value, 0, 'a received licence batch without its row: no valid licence, known');
    assert.notEqual(now.licences_valid.display, UNKNOWN);
    assert.notEqual(s2.inputsHash, s1.inputsHash);
    assert.notEqual(s2.scoreId, s1.scoreId);
    const sy = Object.fromEntries((await read('govCredit', ids.songyang)).features.map((x) => [x.code, x]));
    assert.equal(sy.licences_valid.value, 1, '嵩阳光电 has one valid licence');
    const v1 = await c.platform.get(`/api/v1/credit/scores/${s1.scoreId}/verify`);
    assert.equal(v1.res.status, 200, v1.text);
    assert.equal(v1.json.reproduced, true, 'as of its moment the licence source was still unknown');
    assert.equal(v1.json.recomputed.inputsHash, s1.inputsHash);
  });

  test('several first reads at once after a change record one score, not one each', async () => {
    const h1 = await read('entStaff', ids.tianbao, 'scores');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const file = csv([['统一社会信用代码', '所属期', '实缴税额（万元）'], [TIANBAO_USCC, previousMonth(), '123.45']]);
    const batch = await upload(api, c.taxProvider.cred, { category: 'tax', fileName: 'credit-race.csv' }, file);
    assert.equal(batch.res.status, 201, batch.text);
    const answers = await Promise.all(['entStaff', 'entAdmin', 'entStaff', 'entAdmin', 'govCredit', 'govCredit']
      .map((role) => read(role, ids.tianbao)));
    assert.equal(new Set(answers.map((a) => a.scoreId)).size, 1, `one recorded score: ${answers.map((a) => a.scoreId)}`);
    assert.equal(new Set(answers.map((a) => a.inputsHash)).size, 1);
    const h2 = await read('entStaff', ids.tianbao, 'scores');
    assert.equal(h2.items.length, h1.items.length + 1, 'one new history entry');
    assert.equal(h2.items[0].scoreId, answers[0].scoreId);
  });

  test('every read by someone other than the enterprise is audited as credit.profile.read, once; its own reads are not', async () => {
    const { items } = await allAudit(c.platform, 'action=credit.profile.read');
    const counts = {};
    for (const e of items) {
      assert.equal(e.outcome, 'success');
      assert.equal(e.objectType, 'enterprise');
      counts[e.username] = (counts[e.username] ?? 0) + 1;
    }
    // (Whether the operator's verify is audited as a profile read the contract does not say.)
    delete counts[DEMO_USERS.platform];
    // The enterprise is the data subject: the trail lists who else looked.
    const others = Object.fromEntries(Object.entries(reads).filter(([u]) => !u.startsWith('demo-enterprise-')));
    assert.ok(reads[DEMO_USERS.entStaff] > 0 && reads[DEMO_USERS.entAdmin] > 0, 'the enterprise did read itself');
    assert.deepEqual(counts, others, 'one credit.profile.read entry per read by a third party, none for the enterprise');
    const mine = items.filter((e) => e.username === GOV_CREDIT);
    const named = new Set(mine.map((e) => String(e.objectId)));
    for (const id of [ids.tianbao, ids.songyang, ids.noTax, ids.noHousingFund]) {
      assert.ok(named.has(String(id)), `the gov-credit reads of enterprise ${id} are in the trail: ${[...named]}`);
    }
    // And the gov-credit probes outside its region are denials.
    const denied = await allAudit(c.platform, `action=access.denied&user=${GOV_CREDIT}`);
    assert.equal(denied.total, 2);
  });

  test('the audit trail says who read which enterprise, not its score: an auditor without credit.read learns no score', async () => {
    // gov-admin reads the zone's audit trail (audit.read) but may not read individual scores.
    assertProblem(await c.govAdmin.get(path(ids.tianbao)), { status: 403, code: 'forbidden' });
    const { items } = await allAudit(c.govAdmin, 'action=credit.profile.read');
    assert.ok(items.some((e) => String(e.objectId) === String(ids.tianbao)), 'gov-admin sees the reads of the zone\'s enterprises');
    const leaks = [];
    for (const e of items) {
      const text = [e.detail, JSON.stringify(e.before), JSON.stringify(e.after)].join(' ');
      for (const score of scoresSeen[Number(e.objectId)] ?? []) {
        if (new RegExp(`(^|\\D)${score}(\\D|$)`).test(text)) leaks.push(`entry ${e.id} (${e.username}): ${text}`);
      }
    }
    assert.deepEqual(leaks, [], 'audit entries visible to gov-admin carry the enterprise\'s score');
  });
});
