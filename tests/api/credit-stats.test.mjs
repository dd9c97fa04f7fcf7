// Credit statistics (credit.stats: government and the operator, never individual scores): the
// scoring runs of the demo, the grade distribution of the latest run within the caller's region
// and its drift (PSI) from the run before, other runs by id, bad parameters; and
// `jinfu credit score --all` on the test database: progress printed, a new completed run that the
// distribution then compares with the previous one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testNowMs } from '../support/clock.mjs';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import { as, jinfu, loginAll, shanghaiTime, sql, sqlText } from './auth-helpers.mjs';
import { TIANBAO_USCC } from './collect-helpers.mjs';
import { RFC3339, sum } from './credit-helpers.mjs';

const RUNS = '/api/v1/credit/runs';
const DISTRIBUTION = '/api/v1/credit/distribution';
const driftOf = (psi) => (psi < 0.1 ? 'stable' : psi < 0.25 ? 'moderate' : 'significant');

describe('credit statistics (credit.stats) and jinfu credit score --all', () => {
  let server;
  let api;
  let c;
  let active;
  let demoRuns;
  let platformRuns;
  const counts = {};

  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['govViewer', 'govAdmin', 'platform', 'entStaff']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    active = (await api.call('/api/v1/credit/scorecard')).json;
    counts.all = Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM enterprises')[0][0]);
    counts.zone = Number(sql(server.dbUrl, "SELECT COUNT(*) FROM enterprises WHERE region_code LIKE '410871%'")[0][0]);
    assert.ok(counts.zone > 0 && counts.zone < counts.all, 'the demo has enterprises inside and outside the zone');
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  // Checks a distribution: counts add up, shares and PSI agree with the counts, the drift label
  // with the PSI, the histogram with the grades.
  function checkDistribution(d, { enterprises }) {
    const grades = active.artifact.grades;
    assert.equal(d.run.enterprises, enterprises, 'enterprises of the run in the caller\'s scope');
    assert.match(d.run.asOf, RFC3339);
    assert.equal(typeof d.run.scorecardVersion, 'string');
    assert.deepEqual(d.grades.map((g) => g.grade), grades.map((g) => g.grade), 'every grade of the scorecard, in order');
    for (const g of d.grades) assert.equal(g.zh, grades.find((x) => x.grade === g.grade).zh);
    // Small counts are hidden (k = 5): a shown cell counts none or at least five enterprises, and a
    // hidden one never stands alone, or the total would give it back.
    assert.equal(d.minimumCount, 5);
    const small = (cells, key) => {
      const hidden = cells.filter((x) => x[key] === null);
      for (const x of cells) if (x[key] !== null) assert.ok(x[key] === 0 || x[key] >= 5, `${key} ${x[key]} is shown`);
      assert.ok(hidden.length !== 1, `a lone hidden ${key}`);
      assert.ok(hidden.every((x) => x.suppressed), 'hidden cells say so');
      return hidden.length;
    };
    const hiddenGrades = small(d.grades, 'count');
    const shown = sum(d.grades.map((g) => g.count ?? 0));
    if (hiddenGrades === 0) assert.equal(shown, enterprises, 'grade counts add up to the enterprises');
    else assert.ok(enterprises - shown >= 5 || enterprises < 5, 'the hidden cells together hold at least five');
    for (const g of d.grades.filter((x) => x.count !== null))
      assert.ok(Math.abs(g.share - g.count / enterprises) < 0.001, `${g.grade}: share = count / total`);
    const hiddenBars = small(d.histogram, 'count');
    if (hiddenBars === 0) assert.equal(sum(d.histogram.map((h) => h.count)), enterprises, 'the histogram holds every enterprise');
    for (let i = 1; i < d.histogram.length; i++) assert.equal(d.histogram[i].from, d.histogram[i - 1].to, 'histogram bins touch');
    for (const h of d.histogram) assert.ok(h.to > h.from);
    assert.ok(!/"(uscc|enterpriseId|scoreId|name)"/.test(JSON.stringify(d)), 'no individual enterprise in statistics');

    if (d.base === null) {
      assert.equal(d.psi, null);
      assert.equal(d.drift, null);
      return;
    }
    const hiddenBase = small(d.grades, 'baseCount');
    if (hiddenBase === 0) assert.equal(sum(d.grades.map((g) => g.baseCount)), d.base.enterprises, 'base counts add up to the base run');
    if (small(d.histogram, 'baseCount') === 0) assert.equal(sum(d.histogram.map((h) => h.baseCount)), d.base.enterprises);
    assert.equal(typeof d.psi, 'number');
    assert.ok(d.psi >= 0, `psi ${d.psi}`);
    for (const g of d.grades) {
      if (g.suppressed) {
        assert.equal(g.psiTerm, null, `${g.grade}: a hidden cell's PSI term would give it back`);
        continue;
      }
      assert.ok(g.psiTerm >= 0, `${g.grade}: psiTerm ${g.psiTerm}`);
      if (g.count > 0 && g.baseCount > 0) {
        const [a, e] = [g.count / enterprises, g.baseCount / d.base.enterprises];
        assert.ok(Math.abs(g.psiTerm - (a - e) * Math.log(a / e)) < 1e-3, `${g.grade}: psiTerm ${g.psiTerm} = (a − e)·ln(a/e)`);
      }
    }
    const terms = sum(d.grades.map((g) => g.psiTerm ?? 0));
    if (d.grades.every((g) => !g.suppressed)) assert.ok(Math.abs(d.psi - terms) < 1e-3, 'psi = Σ psiTerm');
    else assert.ok(d.psi >= terms - 1e-3, 'psi ≥ the shown terms');
    assert.equal(d.drift, driftOf(d.psi), `psi ${d.psi}: ${d.drift}`);
  }

  test('the runs: the demo\'s two completed runs, newest first, counted and drifting within the caller\'s region', async () => {
    const r = await c.govViewer.get(RUNS);
    assert.equal(r.res.status, 200, r.text);
    demoRuns = r.json.items;
    assert.equal(demoRuns.length, 2, JSON.stringify(demoRuns));
    for (const run of demoRuns) {
      assert.ok(Number.isInteger(run.id));
      assert.equal(run.status, 'completed');
      assert.equal(run.scorecardVersion, active.version);
      assert.match(run.asOf, RFC3339);
      assert.match(run.startedAt, RFC3339);
      assert.match(run.finishedAt, RFC3339);
      assert.ok(run.startedAt <= run.finishedAt);
      assert.equal(run.enterprises, counts.zone, 'the zone government counts the zone\'s enterprises');
    }
    const [newer, older] = demoRuns;
    assert.ok(newer.id > older.id && newer.asOf > older.asOf, 'newest first');
    assert.equal(older.psiToPrevious, null, 'the first run has nothing to drift from');
    assert.equal(typeof newer.psiToPrevious, 'number');
    assert.ok(newer.psiToPrevious >= 0);
    const platform = await c.platform.get(RUNS);
    platformRuns = platform.json.items;
    assert.deepEqual(platformRuns.map((x) => [x.id, x.asOf, x.status]), demoRuns.map((x) => [x.id, x.asOf, x.status]),
      'the same runs for every holder of credit.stats');
    for (const run of platformRuns) assert.equal(run.enterprises, counts.all, 'a run scores every enterprise');
  });

  test('the distribution (default: the latest run against the one before) within the caller\'s region', async () => {
    const [newer, older] = demoRuns;
    const zone = await c.govViewer.get(DISTRIBUTION);
    assert.equal(zone.res.status, 200, zone.text);
    assert.equal(zone.json.run.id, newer.id);
    assert.equal(zone.json.base.id, older.id);
    checkDistribution(zone.json, { enterprises: counts.zone });
    assert.ok(Math.abs(zone.json.psi - newer.psiToPrevious) < 1e-3, `the zone's PSI ${zone.json.psi} is its run list's ${newer.psiToPrevious}`);

    const all = await c.platform.get(DISTRIBUTION);
    assert.equal(all.res.status, 200, all.text);
    assert.equal(all.json.run.id, newer.id);
    assert.equal(all.json.run.asOf, newer.asOf);
    assert.equal(all.json.run.scorecardVersion, newer.scorecardVersion);
    checkDistribution(all.json, { enterprises: counts.all });
    assert.equal(all.json.base.enterprises, platformRuns[1].enterprises);
    assert.ok(Math.abs(all.json.psi - platformRuns[0].psiToPrevious) < 1e-3,
      `the operator's PSI ${all.json.psi} is the run's ${platformRuns[0].psiToPrevious}`);

    const explicit = await c.govViewer.get(`${DISTRIBUTION}?run=${newer.id}&base=${older.id}`);
    assert.deepEqual(explicit.json, zone.json, 'the defaults spelled out give the same answer');
  });

  test('the first run: no earlier run to compare with, so no base, psi or drift', async () => {
    const [, older] = demoRuns;
    const r = await c.govAdmin.get(`${DISTRIBUTION}?run=${older.id}`);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.json.run.id, older.id);
    assert.equal(r.json.base, null);
    checkDistribution(r.json, { enterprises: counts.zone });
    for (const g of r.json.grades) assert.ok(g.baseCount === null || g.baseCount === 0, `${g.grade}: baseCount without a base`);
  });

  test('a run that does not exist → 404; a run or base that is not an id → 400 invalid_query_parameter naming it', async () => {
    assertProblem(await c.govViewer.get(`${DISTRIBUTION}?run=99999999`), { status: 404, code: 'not_found' });
    assertProblem(await c.govViewer.get(`${DISTRIBUTION}?base=99999999`), { status: 404, code: 'not_found' });
    for (const [query, field] of [['run=abc', 'run'], ['run=-1', 'run'], ['run=1.5', 'run'], ['base=abc', 'base']]) {
      const p = assertProblem(await c.govViewer.get(`${DISTRIBUTION}?${query}`), { status: 400, code: 'invalid_query_parameter' });
      assert.ok(p.errors?.some((e) => e.field === field), `${query}: errors name ${field}`);
    }
  });

  test('an enterprise has no credit.stats: 403 on runs and distribution', async () => {
    for (const target of [RUNS, DISTRIBUTION]) assertProblem(await c.entStaff.get(target), { status: 403, code: 'forbidden' });
  });

  test('jinfu credit score --all prints its progress and records a completed run, which becomes the latest', async () => {
    const started = testNowMs();
    const r = jinfu(['--db', server.dbUrl, 'credit', 'score', '--all', '--chunk', '50']);
    assert.equal(r.status, 0, `exit ${r.status}: ${r.stderr}`);
    const out = `${r.stdout}\n${r.stderr}`;
    const progress = out.split('\n').filter((l) => /\d+\s*\/\s*\d+|\d+%|已评分|进度/.test(l));
    assert.ok(progress.length >= Math.ceil(counts.all / 50), `a progress line per chunk of 50 (${counts.all} enterprises):\n${out}`);
    assert.match(out, new RegExp(`\\b${counts.all}\\b`), `names the ${counts.all} enterprises scored`);

    const runs = (await c.platform.get(RUNS)).json.items;
    assert.equal(runs.length, 3);
    const run = runs[0];
    assert.ok(!demoRuns.some((d) => d.id === run.id), 'a new run, listed first');
    assert.equal(run.status, 'completed');
    assert.equal(run.enterprises, counts.all);
    assert.equal(run.scorecardVersion, active.version);
    assert.ok(Math.abs(Date.parse(run.startedAt) - started) < 5 * 60e3, `started now: ${run.startedAt}`);
    assert.equal(typeof run.psiToPrevious, 'number');
    assert.ok(out.includes(String(run.id)), `the output names the run ${run.id}`);

    const d = await c.govViewer.get(DISTRIBUTION);
    assert.equal(d.json.run.id, run.id);
    assert.equal(d.json.base.id, demoRuns[0].id, 'compared with the run before it');
    checkDistribution(d.json, { enterprises: counts.zone });
  });

  test('an unfinished run is listed as running, left out of the distribution, and resumed by the next --all', async () => {
    // A run interrupted before its first chunk was committed (as a crash would leave it).
    const before = (await c.platform.get(RUNS)).json.items;
    const moment = shanghaiTime();
    sql(server.dbUrl, `INSERT INTO credit_runs (scorecard_id, as_of, status, started_at) VALUES (${active.id}, '${moment}', 'running', '${moment}')`);
    const id = Number(sql(server.dbUrl, 'SELECT MAX(id) FROM credit_runs')[0][0]);
    const runs = (await c.platform.get(RUNS)).json.items;
    assert.equal(runs[0].id, id);
    assert.equal(runs[0].status, 'running');
    assert.equal(runs[0].finishedAt, null);
    const d = await c.govViewer.get(DISTRIBUTION);
    assert.equal(d.json.run.id, before[0].id, 'the default is the latest completed run');

    const r = jinfu(['--db', server.dbUrl, 'credit', 'score', '--all']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(String(id)), `names the resumed run ${id}: ${r.stdout}`);
    const after = (await c.platform.get(RUNS)).json.items;
    assert.equal(after.length, before.length + 1, 'no other run was started');
    assert.equal(after[0].id, id);
    assert.equal(after[0].status, 'completed');
    assert.equal(after[0].enterprises, counts.all);
    assert.equal(after[0].asOf, moment, 'the resumed run keeps its moment');
    const d2 = await c.govViewer.get(DISTRIBUTION);
    assert.equal(d2.json.run.id, id);
    checkDistribution(d2.json, { enterprises: counts.zone });
  });

  test('jinfu credit score --enterprise prints the score the enterprise reads', async () => {
    const id = Number(sql(server.dbUrl, `SELECT id FROM enterprises WHERE uscc = ${sqlText(TIANBAO_USCC)}`)[0][0]);
    const page = await c.entStaff.get(`/api/v1/credit/enterprises/${id}/score`);
    assert.equal(page.res.status, 200, page.text);
    const r = jinfu(['--db', server.dbUrl, 'credit', 'score', '--enterprise', TIANBAO_USCC]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(TIANBAO_USCC) || r.stdout.includes(page.json.name), r.stdout);
    assert.match(r.stdout, new RegExp(`\\b${page.json.score}\\b`), `prints ${page.json.score}: ${r.stdout}`);
    assert.ok(r.stdout.includes(page.json.grade), r.stdout);
  });

  test('jinfu credit score without --all or --enterprise, or with a bad date: an error, nothing scored', async () => {
    const before = (await c.platform.get(RUNS)).json.items.length;
    for (const args of [[], ['--all', '--as-of', '2026-13-01'], ['--enterprise', '91410800171971661X']]) {
      const r = jinfu(['--db', server.dbUrl, 'credit', 'score', ...args]);
      assert.ok(r.status !== 0 && r.status !== null, `credit score ${args.join(' ')}: exit ${r.status}`);
      assert.notEqual(r.stderr.trim(), '', `credit score ${args.join(' ')}: a message on stderr`);
    }
    assert.equal((await c.platform.get(RUNS)).json.items.length, before);
  });
});
