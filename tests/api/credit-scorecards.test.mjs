// Scorecard versions (credit.manage, the operator): the list with the default expert scorecard
// active; one version with its artifact; registering a modified copy as a candidate (and the same
// version again, a wrong checksum, broken artifacts, a body at and over 2 MiB — each refused with
// nothing stored); comparing it with the active one (features, and the latest run's population
// rescored under both); activating it (the public scorecard changes, the old one is retired, the
// enterprise's next score names it); and verifying older stored scores under their own version.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import { DEMO_USERS, allAudit, as, jinfu, loginAll, sql, sqlText } from './auth-helpers.mjs';
import { TIANBAO_USCC } from './collect-helpers.mjs';
import {
  CHECKSUM, HAN, RFC3339, STATUSES, bestPoints, checksumOf, clone, problemDetails, scoreRange, sealed, shiftedCopy, sum,
  worstPoints,
} from './credit-helpers.mjs';

const ITEM_KEYS = ['id', 'version', 'title', 'method', 'status', 'checksum', 'createdAt', 'createdBy', 'activatedAt',
  'activatedBy', 'minScore', 'maxScore', 'metrics'];
const MiB = 1024 * 1024;
const SCORECARDS = '/api/v1/credit/scorecards';

describe('scorecard versions (credit.manage)', () => {
  let server;
  let api;
  let c;
  let active; // the public scorecard at the start
  let candidate; // the artifact registered below
  let candidateItem;
  let scoreBefore; // the enterprise's score under the default scorecard
  let tianbao;

  const list = async () => {
    const r = await c.platform.get(SCORECARDS);
    assert.equal(r.res.status, 200, r.text);
    return r.json.items;
  };
  const post = (body) => c.platform.post(SCORECARDS, body);

  // Sends a refused registration and checks that nothing was stored.
  async function refused(body, { status, code }) {
    const before = await list();
    const r = await post(body);
    const p = assertProblem(r, { status, code });
    const afterList = await list();
    assert.deepEqual(afterList, before, `${code}: nothing stored`);
    return { p, r };
  }

  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['platform', 'entStaff', 'govAdmin']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    const sc = await api.call('/api/v1/credit/scorecard');
    assert.equal(sc.res.status, 200, sc.text);
    active = sc.json;
    tianbao = Number(sql(server.dbUrl, `SELECT id FROM enterprises WHERE uscc = ${sqlText(TIANBAO_USCC)}`)[0][0]);
    const s = await c.entStaff.get(`/api/v1/credit/enterprises/${tianbao}/score`);
    assert.equal(s.res.status, 200, s.text);
    scoreBefore = s.json;
    assert.equal(scoreBefore.scorecard.version, active.version);
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  function checkItem(item) {
    for (const k of ITEM_KEYS) assert.ok(k in item, `item has ${k}`);
    assert.ok(Number.isInteger(item.id));
    assert.ok(STATUSES.includes(item.status), item.status);
    assert.match(item.checksum, CHECKSUM);
    assert.match(item.createdAt, RFC3339);
    if (item.status === 'candidate') assert.equal(item.activatedAt, null);
    else assert.match(item.activatedAt, RFC3339);
    assert.ok(Number.isInteger(item.minScore) && Number.isInteger(item.maxScore) && item.minScore < item.maxScore);
    if (item.metrics !== null) for (const k of ['auc', 'ks', 'psi', 'sample', 'badRate', 'baseline']) assert.ok(k in item.metrics, k);
  }

  test('the list: the default expert scorecard is the one active version; one version with its artifact', async () => {
    const items = await list();
    items.forEach(checkItem);
    const act = items.filter((i) => i.status === 'active');
    assert.equal(act.length, 1, 'exactly one active scorecard');
    assert.equal(act[0].id, active.id);
    assert.equal(act[0].version, active.version);
    assert.equal(act[0].checksum, active.checksum);
    assert.equal(act[0].method, 'expert');
    assert.equal(act[0].metrics, null, 'an expert scorecard has no training metrics');
    assert.match(act[0].title, HAN);
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].createdAt >= items[i].createdAt, 'newest first');

    const one = await c.platform.get(`${SCORECARDS}/${active.id}`);
    assert.equal(one.res.status, 200, one.text);
    const { artifact, ...item } = one.json;
    assert.deepEqual(item, act[0], 'GET one = the list item plus the artifact');
    assert.deepEqual(artifact, active.artifact, 'the same artifact as the public scorecard');
    assert.deepEqual({ minScore: item.minScore, maxScore: item.maxScore }, scoreRange(artifact));
    assertProblem(await c.platform.get(`${SCORECARDS}/99999999`), { status: 404, code: 'not_found' });
  });

  test('register a modified copy with a recomputed checksum and a new version → 201 candidate', async () => {
    candidate = shiftedCopy(active.artifact, 'test-2026.12');
    const r = await post(candidate);
    assert.equal(r.res.status, 201, r.text);
    candidateItem = r.json;
    checkItem(candidateItem);
    assert.equal(candidateItem.version, 'test-2026.12');
    assert.equal(candidateItem.title, candidate.title);
    assert.equal(candidateItem.status, 'candidate');
    assert.equal(candidateItem.checksum, candidate.checksum);
    assert.equal(candidateItem.createdBy, DEMO_USERS.platform);
    assert.equal(candidateItem.activatedBy, null);
    assert.deepEqual({ minScore: candidateItem.minScore, maxScore: candidateItem.maxScore }, scoreRange(candidate));

    const items = await list();
    assert.deepEqual(items[0], candidateItem, 'the newest version is listed first');
    const one = await c.platform.get(`${SCORECARDS}/${candidateItem.id}`);
    assert.equal(one.res.status, 200, one.text);
    assert.deepEqual(one.json.artifact, candidate, 'stored exactly as sent');
    // Registering activates nothing.
    const pub = await api.call('/api/v1/credit/scorecard');
    assert.equal(pub.json.id, active.id);
  });

  test('the same version again → 409 scorecard_version_exists (also with other content), nothing stored', async () => {
    await refused(candidate, { status: 409, code: 'scorecard_version_exists' });
    await refused(shiftedCopy(active.artifact, 'test-2026.12', { shift: 20 }), { status: 409, code: 'scorecard_version_exists' });
  });

  test('a wrong checksum → 422 scorecard_checksum_mismatch naming both checksums, nothing stored', async () => {
    const right = shiftedCopy(active.artifact, 'test-wrong-checksum');
    const wrong = { ...right, checksum: checksumOf({ ...right, title: 'something else' }) };
    assert.notEqual(wrong.checksum, right.checksum);
    const { r } = await refused(wrong, { status: 422, code: 'scorecard_checksum_mismatch' });
    assert.ok(r.text.includes(right.checksum.slice('sha256:'.length)), `names the computed checksum: ${r.text}`);
    assert.ok(r.text.includes(wrong.checksum.slice('sha256:'.length)), `names the declared checksum: ${r.text}`);
    // Changing the content after sealing it is refused the same way.
    await refused({ ...right, title: '篡改后的标题' }, { status: 422, code: 'scorecard_checksum_mismatch' });
    assert.ok(!(await list()).some((i) => i.version === 'test-wrong-checksum'));
  });

  test('broken artifacts (correctly sealed) → 422 scorecard_invalid with details naming where', async () => {
    const a = active.artifact;
    // A feature with at least two ranged bins, and a bin that carries a reason.
    const fi = a.features.findIndex((f) => f.bins.filter((b) => !b.missing).length >= 2);
    const ranged = a.features[fi].bins.map((b, i) => [b, i]).filter(([b]) => !b.missing);
    const gapAt = ranged[1][1];
    const ri = a.features.findIndex((f) => f.bins.some((b) => b.reason && b.points < bestPoints(f)));
    const reasonAt = a.features[ri].bins.findIndex((b) => b.reason && b.points < bestPoints(a.features[ri]));
    assert.ok(fi >= 0 && ri >= 0, 'the default scorecard has ranged bins and reasons');

    const broken = (version, change) => {
      const x = clone(a);
      x.version = version;
      change(x);
      return sealed(x);
    };
    // [what, body, the path (or its start) a detail must name]
    const cases = [
      ['bins not contiguous', broken('bad-gap', (x) => { x.features[fi].bins[gapAt].lower += 1; }), `features[${fi}]`],
      ['a losing bin without a reason', broken('bad-reason', (x) => { delete x.features[ri].bins[reasonAt].reason; }),
        `features[${ri}]`],
      ['points not an integer', broken('bad-points', (x) => { x.features[fi].bins[gapAt].points += 0.5; }), `features[${fi}]`],
      ['two missing bins', broken('bad-missing', (x) => {
        const m = x.features[fi].bins.find((b) => b.missing);
        x.features[fi].bins.push({ ...clone(m), label: '又一个未归集' });
      }), `features[${fi}]`],
      ['an unknown format', broken('bad-format', (x) => { x.format = 'jinfu.scorecard/2'; }), 'format'],
      ['no grades', broken('bad-grades', (x) => { delete x.grades; }), 'grades'],
      ['an unknown feature', broken('bad-feature', (x) => { x.features[fi].code = 'shoe_size'; }), `features[${fi}]`],
      ['no version', broken('', (x) => { delete x.version; }), 'version'],
    ];
    for (const [what, body, where] of cases) {
      const { p } = await refused(body, { status: 422, code: 'scorecard_invalid' });
      const details = problemDetails(p);
      assert.ok(details.length > 0, `${what}: details: ${JSON.stringify(p)}`);
      for (const d of details) {
        assert.equal(typeof d.path, 'string', `${what}: path`);
        assert.equal(typeof d.message, 'string', `${what}: message`);
        assert.ok(d.message.length > 0);
      }
      assert.ok(details.some((d) => d.path === where || d.path.startsWith(`${where}.`) || d.path.startsWith(`${where}[`)),
        `${what}: a detail at ${where}: ${JSON.stringify(details)}`);
      assert.ok(details.every((d) => HAN.test(d.message)), `${what}: Chinese messages`);
    }
  });

  test('not JSON, or JSON that is not an object → 422 scorecard_invalid with a detail, nothing stored', async () => {
    // (Other JSON routes answer 400 malformed_json; a scorecard file is judged as a file.)
    for (const body of ['{"format": "jinfu.scorecard/1",', '[]', '"scorecard"', '']) {
      const { p } = await refused(body, { status: 422, code: 'scorecard_invalid' });
      const details = problemDetails(p);
      assert.equal(details.length, 1, `${JSON.stringify(body)}: one detail: ${JSON.stringify(p)}`);
      assert.match(details[0].message, /JSON/, `${JSON.stringify(body)}: the detail says it is not JSON`);
    }
  });

  test('a body of exactly 2 MiB is read; one byte more → 413 payload_too_large, nothing stored', async () => {
    const pad = (artifact, size) => {
      const text = JSON.stringify(artifact);
      return text.slice(0, -1) + ' '.repeat(size - Buffer.byteLength(text)) + '}';
    };
    const big = shiftedCopy(active.artifact, 'test-2mib', { shift: 1 });
    const exact = pad(big, 2 * MiB);
    assert.equal(Buffer.byteLength(exact), 2 * MiB);
    const ok = await post(exact);
    assert.equal(ok.res.status, 201, `a 2 MiB artifact: ${ok.text.slice(0, 300)}`);
    assert.equal(ok.json.checksum, big.checksum, 'whitespace is not part of the canonical form');

    // One byte more, declared: refused on the header (sent raw, so that the early answer and the
    // closed connection are read rather than racing the upload).
    const before = await list();
    const cred = c.platform.cred;
    const raw = await api.raw(`POST ${SCORECARDS} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cred.cookie}\r\n`
      + `X-CSRF-Token: ${cred.csrf}\r\nContent-Type: application/json\r\nContent-Length: ${2 * MiB + 1}\r\n\r\n{`);
    assert.equal(raw.status, 413, raw.text.slice(0, 300));
    assert.equal(JSON.parse(raw.body).code, 'payload_too_large');
    assert.deepEqual(await list(), before, 'nothing stored');
  });

  test('compare the active scorecard with the candidate: features side by side, the latest run rescored under both', async () => {
    const r = await c.platform.get(`${SCORECARDS}/${active.id}/compare?with=${candidateItem.id}`);
    assert.equal(r.res.status, 200, r.text);
    const cmp = r.json;
    assert.equal(cmp.left.id, active.id);
    assert.equal(cmp.left.version, active.version);
    assert.deepEqual(cmp.right, (await list()).find((i) => i.id === candidateItem.id));

    // Features: every code of either side, once; the shifted one scores 10 more, the others alike.
    const codes = active.artifact.features.map((f) => f.code);
    assert.deepEqual(cmp.features.map((f) => f.code).sort(), [...codes].sort());
    for (const f of cmp.features) {
      const left = active.artifact.features.find((x) => x.code === f.code);
      assert.match(f.zh, HAN);
      assert.equal(f.left.minPoints, worstPoints(left), `${f.code}: left minPoints`);
      assert.equal(f.left.maxPoints, bestPoints(left), `${f.code}: left maxPoints`);
      assert.deepEqual(f.left.bins, left.bins.map((b) => ({ label: b.label, points: b.points })));
      const shift = f.code === codes[0] ? 10 : 0;
      assert.equal(f.right.minPoints, f.left.minPoints + shift, `${f.code}: right minPoints`);
      assert.equal(f.right.maxPoints, f.left.maxPoints + shift, `${f.code}: right maxPoints`);
      assert.deepEqual(f.right.bins, f.left.bins.map((b) => ({ label: b.label, points: b.points + shift })));
    }

    // Population: the latest completed run, rescored under both; 10 more points can only raise a grade.
    const runs = await c.platform.get('/api/v1/credit/runs');
    assert.equal(runs.res.status, 200, runs.text);
    const latest = runs.json.items.find((run) => run.status === 'completed');
    const pop = cmp.population;
    assert.ok(pop, 'the demo has completed runs, so there is a population');
    assert.equal(pop.runId, latest.id);
    assert.equal(pop.asOf, latest.asOf);
    assert.equal(pop.enterprises, latest.enterprises);
    for (const side of ['left', 'right']) {
      assert.equal(sum(pop[side].map((g) => g.count)), pop.enterprises, `${side}: counts add up to the population`);
      assert.ok(Math.abs(sum(pop[side].map((g) => g.share)) - 1) < 0.01, `${side}: shares add up to 1`);
      for (const g of pop[side]) {
        assert.ok(active.artifact.grades.some((x) => x.grade === g.grade && x.zh === g.zh), `${side}: grade ${g.grade}`);
        assert.ok(Math.abs(g.share - g.count / pop.enterprises) < 0.001, `${side} ${g.grade}: share = count / enterprises`);
      }
    }
    assert.equal(pop.upgraded + pop.downgraded + pop.unchanged, pop.enterprises);
    assert.equal(pop.downgraded, 0, 'every score rose by 10: no grade can fall');
    assert.equal(typeof pop.psi, 'number');
    assert.ok(pop.psi >= 0);
    if (pop.upgraded === 0) assert.deepEqual(pop.right.map((g) => g.count), pop.left.map((g) => g.count));
    // The left side is the run as it was scored (the run used the active scorecard).
    assert.equal(latest.scorecardVersion, active.version);
    const dist = await c.platform.get(`/api/v1/credit/distribution?run=${latest.id}`);
    assert.equal(dist.res.status, 200, dist.text);
    const counted = Object.fromEntries(dist.json.grades.map((g) => [g.grade, g.count]));
    for (const g of pop.left) assert.equal(g.count, counted[g.grade] ?? 0, `left ${g.grade}: as the run counted it`);

    assertProblem(await c.platform.get(`${SCORECARDS}/${active.id}/compare?with=99999999`), { status: 404, code: 'not_found' });
    assertProblem(await c.platform.get(`${SCORECARDS}/99999999/compare?with=${active.id}`), { status: 404, code: 'not_found' });
    const bad = assertProblem(await c.platform.get(`${SCORECARDS}/${active.id}/compare?with=abc`),
      { status: 400, code: 'invalid_query_parameter' });
    assert.ok(bad.errors.some((e) => e.field === 'with'), r.text);
  });

  test('activate the candidate: the public scorecard is now it, the old one retired; again → 409; audited', async () => {
    const r = await c.platform.post(`${SCORECARDS}/${candidateItem.id}/activate`);
    assert.equal(r.res.status, 200, r.text);
    checkItem(r.json);
    assert.equal(r.json.id, candidateItem.id);
    assert.equal(r.json.status, 'active');
    assert.equal(r.json.activatedBy, DEMO_USERS.platform);

    const pub = await api.call('/api/v1/credit/scorecard');
    assert.equal(pub.res.status, 200, pub.text);
    assert.equal(pub.json.id, candidateItem.id);
    assert.equal(pub.json.version, 'test-2026.12');
    assert.equal(pub.json.status, 'active');
    assert.equal(pub.json.checksum, candidate.checksum);
    assert.equal(pub.json.activatedAt, r.json.activatedAt);
    assert.deepEqual(pub.json.artifact, candidate);
    assert.deepEqual({ minScore: pub.json.minScore, maxScore: pub.json.maxScore }, scoreRange(candidate));
    assert.equal(pub.json.minScore, active.minScore + 10);

    const items = await list();
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    assert.equal(byId[active.id].status, 'retired');
    assert.equal(byId[candidateItem.id].status, 'active');
    assert.equal(items.filter((i) => i.status === 'active').length, 1);
    assert.equal(items.find((i) => i.version === 'test-2mib').status, 'candidate', 'other candidates stay candidates');

    const again = await c.platform.post(`${SCORECARDS}/${candidateItem.id}/activate`);
    assertProblem(again, { status: 409, code: 'scorecard_already_active' });
    assert.deepEqual(await list(), items, 'the refused activation changed nothing');
    assertProblem(await c.platform.post(`${SCORECARDS}/99999999/activate`), { status: 404, code: 'not_found' });

    const { items: trail } = await allAudit(c.platform, `user=${DEMO_USERS.platform}&objectId=${candidateItem.id}`);
    const activation = trail.filter((e) => /scorecard/.test(e.action) && /activ/.test(e.action) && e.outcome === 'success');
    assert.equal(activation.length, 1, `one audited activation: ${JSON.stringify(trail.map((e) => e.action))}`);
  });

  test('the enterprise\'s next score names the new version and scores 10 more on the same inputs', async () => {
    const r = await c.entStaff.get(`/api/v1/credit/enterprises/${tianbao}/score`);
    assert.equal(r.res.status, 200, r.text);
    const s = r.json;
    assert.deepEqual(s.scorecard, { id: candidateItem.id, version: 'test-2026.12', checksum: candidate.checksum });
    assert.equal(s.inputsHash, scoreBefore.inputsHash, 'the inputs did not change');
    assert.equal(s.score, scoreBefore.score + 10);
    assert.notEqual(s.scoreId, scoreBefore.scoreId, 'a new scorecard: a new recorded score');
    assert.equal(s.minScore, active.minScore + 10);
    const h = await c.entStaff.get(`/api/v1/credit/enterprises/${tianbao}/scores`);
    assert.equal(h.res.status, 200, h.text);
    assert.equal(h.json.items[0].scoreId, s.scoreId);
    assert.equal(h.json.items[0].scorecardVersion, 'test-2026.12');
    assert.equal(h.json.items[1].scoreId, scoreBefore.scoreId);
    assert.equal(h.json.items[1].scorecardVersion, active.version);
  });

  test('verify reproduces older stored scores under their own (now retired) scorecard, as of their moment', async () => {
    const h = await c.entStaff.get(`/api/v1/credit/enterprises/${tianbao}/scores`);
    const items = h.json.items;
    const oldest = items[items.length - 1];
    assert.ok(oldest.runId !== null, 'the oldest entry comes from a demo run');
    for (const item of [oldest, items.find((i) => i.scoreId === scoreBefore.scoreId), items[0]]) {
      const r = await c.platform.get(`/api/v1/credit/scores/${item.scoreId}/verify`);
      assert.equal(r.res.status, 200, r.text);
      const v = r.json;
      assert.equal(v.scoreId, item.scoreId);
      assert.equal(v.scorecardVersion, item.scorecardVersion);
      assert.equal(v.asOf, item.asOf);
      assert.deepEqual(v.stored, { score: item.score, grade: item.grade, inputsHash: item.inputsHash });
      assert.deepEqual(v.recomputed, v.stored, `score ${item.scoreId} (${item.scorecardVersion}, ${item.asOf})`);
      assert.equal(v.reproduced, true);
    }
    assertProblem(await c.platform.get('/api/v1/credit/scores/99999999/verify'), { status: 404, code: 'not_found' });
    assertProblem(await c.platform.get('/api/v1/credit/scores/abc/verify'), { status: 400, code: 'invalid_path_parameter' });
  });

  test('a tampered stored score does not verify: reproduced false, the recomputed values shown', async () => {
    // The operator's check must be able to fail: change a stored score behind the server's back.
    const h = await c.entStaff.get(`/api/v1/credit/enterprises/${tianbao}/scores`);
    const target = h.json.items[0];
    sql(server.dbUrl, `UPDATE credit_scores SET score = score - 1 WHERE id = ${target.scoreId}`);
    const r = await c.platform.get(`/api/v1/credit/scores/${target.scoreId}/verify`);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.json.stored.score, target.score - 1);
    assert.equal(r.json.recomputed.score, target.score);
    assert.equal(r.json.reproduced, false);
  });

  test('nobody without credit.manage registers, activates or verifies', async () => {
    const before = await list();
    for (const role of ['entStaff', 'govAdmin']) {
      assertProblem(await c[role].post(SCORECARDS, shiftedCopy(active.artifact, `test-${role}`)), { status: 403, code: 'forbidden' });
      assertProblem(await c[role].post(`${SCORECARDS}/${active.id}/activate`), { status: 403, code: 'forbidden' });
      assertProblem(await c[role].get(`/api/v1/credit/scores/${scoreBefore.scoreId}/verify`), { status: 403, code: 'forbidden' });
    }
    assert.deepEqual(await list(), before);
  });

  test('a trained scorecard (jinfu credit train): listed with its metrics, compared feature by feature with the expert card', async () => {
    const r = jinfu(['--db', server.dbUrl, 'credit', 'train', '--outcomes', 'data/demo/credit/loan-outcomes.csv',
      '--version', 'woe-test-2026.12']);
    assert.equal(r.status, 0, r.stderr);
    const item = (await list()).find((i) => i.version === 'woe-test-2026.12');
    assert.ok(item, 'registered as a candidate');
    checkItem(item);
    assert.equal(item.method, 'woe_logistic');
    assert.equal(item.status, 'candidate');
    const m = item.metrics;
    assert.ok(m, 'a trained scorecard lists its metrics');
    assert.ok(m.auc > 0.5 && m.auc <= 1, `auc ${m.auc}`);
    assert.ok(m.ks > 0 && m.ks <= 1, `ks ${m.ks}`);
    assert.ok(m.psi >= 0, `psi ${m.psi}`);
    assert.ok(Number.isInteger(m.sample) && m.sample > 0, `sample ${m.sample}`);
    assert.ok(m.badRate > 0 && m.badRate < 1, `badRate ${m.badRate}`);
    for (const [name, v] of [['AUC', m.auc], ['KS', m.ks], ['PSI', m.psi]]) {
      assert.match(r.stdout, new RegExp(`${name}[^\\n]*${String(v).replace('.', '\\.')}`), `prints ${name} ${v}:\n${r.stdout}`);
    }

    const cmp = await c.platform.get(`${SCORECARDS}/${active.id}/compare?with=${item.id}`);
    assert.equal(cmp.res.status, 200, cmp.text);
    const trained = (await c.platform.get(`${SCORECARDS}/${item.id}`)).json.artifact;
    const rightCodes = new Set(trained.features.map((f) => f.code));
    const allCodes = new Set([...active.artifact.features.map((f) => f.code), ...rightCodes]);
    assert.deepEqual(cmp.json.features.map((f) => f.code).sort(), [...allCodes].sort());
    for (const f of cmp.json.features) {
      if (rightCodes.has(f.code)) assert.ok(f.right && f.right.bins.length > 0, `${f.code}: right side`);
      else assert.equal(f.right, null, `${f.code} is not in the trained card: right is null`);
    }
    const pop = cmp.json.population;
    assert.equal(pop.upgraded + pop.downgraded + pop.unchanged, pop.enterprises);
    assert.equal(sum(pop.right.map((g) => g.count)), pop.enterprises);
  });

  test('a trained scorecard\'s published checksum recomputes from its artifact as served (numbers are JSON numbers: 4.0 is 4)', async () => {
    const item = (await list()).find((i) => i.version === 'woe-test-2026.12');
    const one = await c.platform.get(`${SCORECARDS}/${item.id}`);
    assert.equal(one.res.status, 200, one.text);
    assert.equal(one.json.artifact.checksum, item.checksum);
    assert.equal(checksumOf(one.json.artifact), item.checksum,
      'sha256 of the artifact without checksum, keys sorted, no spaces — as any JSON tool reads it');
  });

  describe('training from the admin page: POST /api/v1/credit/scorecards/train (text/csv)', () => {
    const outcomes = readFileSync(path.join(repoRoot, 'data/demo/credit/loan-outcomes.csv'), 'utf8');
    const rows = outcomes.trim().split(/\r?\n/).length - 1;
    const train = (query, body = outcomes, type = 'text/csv; charset=utf-8') => c.platform.post(`${SCORECARDS}/train?${query}`,
      body, { 'content-type': type });

    test('a candidate with its development, validation and baseline measures, as the command line trains it', async () => {
      const r = await train(`version=woe-web-2026.12&title=${encodeURIComponent('页面训练评分卡')}`);
      assert.equal(r.res.status, 201, r.text);
      const t = r.json;
      checkItem(t.scorecard);
      assert.equal(t.scorecard.version, 'woe-web-2026.12');
      assert.equal(t.scorecard.title, '页面训练评分卡');
      assert.equal(t.scorecard.method, 'woe_logistic');
      assert.equal(t.scorecard.status, 'candidate');
      assert.equal(t.scorecard.createdBy, DEMO_USERS.platform);
      assert.ok(Array.isArray(t.skipped) && t.skipped.every((x) => typeof x === 'string' && HAN.test(x)));
      assert.equal(t.samples + t.skipped.length, rows, `every row used or named as skipped (${rows} rows)`);
      assert.equal(t.development.sample + t.validation.sample, t.samples, 'development and validation split the sample');
      for (const part of [t.development, t.validation]) {
        assert.ok(part.auc > 0.5 && part.auc <= 1 && part.ks > 0 && part.ks <= 1, JSON.stringify(part));
        assert.ok(part.bads > 0 && part.bads < part.sample);
      }
      assert.ok(t.baseline, 'the active card measured on the same validation sample');
      assert.equal(t.baseline.sample, t.validation.sample);
      assert.ok(t.psi >= 0);
      // Every feature is either in the card or named as left out, with the reason in Chinese.
      assert.ok(Array.isArray(t.dropped), 'dropped features reported');
      for (const d of t.dropped) {
        assert.deepEqual(Object.keys(d).sort(), ['feature', 'reason', 'zh']);
        assert.ok(HAN.test(d.reason) && HAN.test(d.zh), JSON.stringify(d));
      }
      const card = (await c.platform.get(`${SCORECARDS}/${t.scorecard.id}`)).json.artifact;
      const inCard = card.features.map((f) => f.code);
      const left = t.dropped.map((d) => d.feature);
      assert.equal(inCard.length + left.length, 22, `${inCard} + ${left}: every feature accounted for`);
      assert.ok(inCard.every((code) => !left.includes(code)));
      assert.deepEqual(card.training.dropped, t.dropped, 'the artifact records the same report');

      const item = (await list()).find((i) => i.version === 'woe-web-2026.12');
      assert.deepEqual(item, t.scorecard, 'listed as answered');
      // The list shows measures to 4 decimals.
      const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-4, `${what}: ${a} vs ${b}`);
      near(item.metrics.auc, t.validation.auc, 'metrics are those of the validation sample: auc');
      near(item.metrics.ks, t.validation.ks, 'ks');
      near(item.metrics.psi, t.psi, 'psi');
      assert.equal(item.metrics.sample, t.samples);
      assert.equal(item.metrics.baseline.version, (await api.call('/api/v1/credit/scorecard')).json.version);
      near(item.metrics.baseline.auc, t.baseline.auc, 'baseline auc');
      // One training path: the same outcomes on the command line gave the same card's measures.
      const cli = (await list()).find((i) => i.version === 'woe-test-2026.12');
      assert.ok(cli, 'the command-line card of the test above');
      assert.deepEqual(item.metrics, cli.metrics, 'page and command line train alike');
      const web = (await c.platform.get(`${SCORECARDS}/${item.id}`)).json.artifact;
      const cmd = (await c.platform.get(`${SCORECARDS}/${cli.id}`)).json.artifact;
      assert.deepEqual(web.features, cmd.features, 'the same bins and points');

      const { items: trail } = await allAudit(c.platform, `user=${DEMO_USERS.platform}&objectId=${item.id}`);
      assert.equal(trail.filter((e) => /scorecard/.test(e.action) && e.outcome === 'success').length, 1,
        `one audited registration: ${JSON.stringify(trail.map((e) => e.action))}`);
    });

    test('refused, with nothing stored: a known version (409), not CSV (415), no version (422), too few loans (422 training_failed)', async () => {
      const before = await list();
      assertProblem(await train('version=woe-web-2026.12'), { status: 409 });
      assertProblem(await train('version=woe-json', JSON.stringify({ rows: [] }), 'application/json'),
        { status: 415, code: 'unsupported_media_type' });
      const noVersion = assertProblem(await train(''), { status: 422, code: 'validation_failed' });
      assert.ok(noVersion.errors.some((e) => e.field === 'version'), JSON.stringify(noVersion));
      const few = outcomes.trim().split(/\r?\n/).slice(0, 51).join('\n') + '\n';
      const p = assertProblem(await train('version=woe-few', few), { status: 422, code: 'training_failed' });
      assert.match(p.detail, /200|20/, `says what the sample lacks: ${p.detail}`);
      assert.deepEqual(await list(), before);
    });
  });
});
