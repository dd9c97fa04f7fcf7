// GET /api/v1/dictionaries: the one table of enum codes, Chinese labels and tag colours, public.
// The web's Vitest fixture (web/src/test/dictionaries.json) must be exactly what the server serves.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../support/server.mjs';
import { JSON_TYPE, assertProblem, createClient } from './helpers.mjs';
import { DEMO_USERS, as, mustLogin } from './auth-helpers.mjs';

const fixture = JSON.parse(readFileSync(new URL('../../web/src/test/dictionaries.json', import.meta.url), 'utf8'));

describe('dictionaries', () => {
  let server;
  let api;
  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
  });
  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('the whole table is served without a session, cacheable', async () => {
    const { res, json } = await api.call('/api/v1/dictionaries');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), JSON_TYPE);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    for (const name of [
      'application_state', 'application_command', 'demand_status', 'product_status', 'product_kind',
      'repayment_method', 'guarantee_kind', 'urgency', 'consent_status', 'size_class', 'enterprise_status',
      'industry_section', 'collect_category', 'org_kind', 'day_kind', 'overdue_step', 'scorecard_status',
    ])
      assert.ok(Array.isArray(json.dictionaries[name]), `missing dictionary ${name}`);
    for (const [name, entries] of Object.entries(json.dictionaries)) {
      assert.match(name, /^[a-z]+(_[a-z]+)*$/);
      assert.ok(entries.length > 0, name);
      assert.equal(new Set(entries.map((e) => e.value)).size, entries.length, `${name} repeats a value`);
      for (const e of entries) {
        assert.deepEqual(Object.keys(e).sort(), ['label', 'tag', 'value']);
        assert.ok(['primary', 'success', 'warning', 'danger', 'info'].includes(e.tag), `${name}.${e.value}: ${e.tag}`);
        assert.ok(e.label.length > 0);
      }
    }
  });

  test('labels are the ones the server says elsewhere, in the order of the lifecycle', async () => {
    const { json } = await api.call('/api/v1/dictionaries');
    const d = json.dictionaries;
    assert.deepEqual(d.application_state[0], { value: 'submitted', label: '已提交', tag: 'primary' });
    assert.deepEqual(d.application_state.map((e) => e.value), [
      'submitted', 'accepted', 'materials_requested', 'reviewing', 'approved', 'rejected',
      'contracted', 'disbursed', 'settled', 'overdue', 'withdrawn', 'lapsed',
    ]);
    assert.deepEqual(d.demand_status.find((e) => e.value === 'open'), { value: 'open', label: '待接单', tag: 'warning' });
    assert.deepEqual(d.product_status.map((e) => e.label), ['草稿', '已上架', '已下架']);
    assert.deepEqual(d.size_class.map((e) => [e.value, e.label]), [['large', '大型'], ['medium', '中型'], ['small', '小型'], ['micro', '微型']]);
    assert.equal(d.industry_section.length, 20);
    assert.deepEqual(d.industry_section[2], { value: 'C', label: '制造业', tag: 'info' });
    assert.equal(d.collect_category.find((e) => e.value === 'registration').label, '登记注册');
    assert.equal(d.day_kind.find((e) => e.value === 'adjusted-workday').label, '调休上班日');
  });

  test('the finance catalogue names the same kinds, states and commands', async () => {
    const { json } = await api.call('/api/v1/dictionaries');
    const pairs = (name) => json.dictionaries[name].map((e) => [e.value, e.label]);
    const cred = await mustLogin(api, DEMO_USERS.entStaff);
    const catalogue = await as(api, cred).get('/api/v1/finance/catalogue');
    assert.equal(catalogue.res.status, 200);
    const c = catalogue.json;
    const codeZh = (list) => list.map((n) => [n.code, n.zh]);
    assert.deepEqual(codeZh(c.states), pairs('application_state'));
    assert.deepEqual(codeZh(c.commands), pairs('application_command'));
    assert.deepEqual(codeZh(c.productKinds), pairs('product_kind'));
    assert.deepEqual(codeZh(c.repaymentMethods), pairs('repayment_method'));
    assert.deepEqual(codeZh(c.guarantees), pairs('guarantee_kind'));
    assert.deepEqual(codeZh(c.urgencies), pairs('urgency'));
  });

  test('one dictionary by name', async () => {
    const { res, json } = await api.call('/api/v1/dictionaries/urgency');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    assert.deepEqual(json, {
      name: 'urgency',
      entries: [
        { value: 'normal', label: '一般', tag: 'info' },
        { value: 'urgent', label: '较急', tag: 'warning' },
        { value: 'very_urgent', label: '紧急', tag: 'danger' },
      ],
    });
  });

  test('an unknown name is 404 not_found, in Chinese', async () => {
    const r = await api.call('/api/v1/dictionaries/no_such_dictionary');
    const problem = assertProblem(r, { status: 404, code: 'not_found' });
    assert.match(problem.detail, /数据字典/);
  });

  test('the web fixture is exactly what the server serves', async () => {
    const { json } = await api.call('/api/v1/dictionaries');
    assert.deepEqual(json, fixture);
  });
});
