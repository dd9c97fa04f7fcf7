// Shared set-up for the 融资对接 (financing marketplace) API tests (finance-*.test.mjs,
// docs/finance-api.md): a server with the demo data and the scheduler off (the tests run the sweep
// themselves, as of chosen days), a client per role, and the people the demo lacks — a second bank
// (农业银行焦作分行: a manager and an officer), a second enterprise of the zone (焦作嵩阳光电), an
// enterprise of the zone with almost no collected data (焦作聚宇纺织: its rules are 无法判断) and an
// enterprise outside the zone (焦作恒安祥机械, region 410802: the zone's government must not see it).
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { createClient } from './helpers.mjs';
import {
  DEMO_USERS, ORG, STRONG_PASSWORD, as, jinfu, loginAll, mustLogin, organisationIds, sql, sqlText,
} from './auth-helpers.mjs';

export const TIANBAO_USCC = '91410800171971661U';
export const SONGYANG_USCC = '91410800MA454807XE';
export const JUYU = { uscc: '91410800735587092D', name: '焦作聚宇纺织有限公司', regionCode: '410871' };
export const HENGAN = { uscc: '91410802MA47793618', name: '焦作恒安祥机械制造有限公司', regionCode: '410802' };

export const F = '/api/v1/finance';
export const HAN = /[\u4e00-\u9fff]/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?\+08:00$/;

// A product every rule of which 天宝桓祥 (C35, 410871, tax grade M, credit grade B, 389 insured,
// 17.7 years) passes; `over` replaces fields.
export function productBody(over = {}) {
  return {
    name: '科创信用贷', kind: 'credit', description: '面向科技型中小企业的纯信用贷款',
    minAmountFen: 10_000_000, maxAmountFen: 500_000_000, minTermMonths: 6, maxTermMonths: 36,
    rateKind: 'fixed', minRateBp: 350, maxRateBp: 450,
    repayment: ['interest_first', 'equal_installment'], guarantees: ['credit'], materials: ['营业执照', '近两年财务报表'],
    approvalWorkdays: 5,
    rules: { regions: ['4108'], industries: ['C'], minYears: 3, minTaxGrade: 'M', minInsured: 10, minCreditGrade: 'C' },
    ...over,
  };
}

export function demandBody(over = {}) {
  return { amountFen: 50_000_000, termMonths: 12, purpose: '采购原材料', urgency: 'urgent', ...over };
}

// Starts the server and makes the people; resolves the world the tests share.
export async function financeWorld({ extraArgs = [] } = {}) {
  const server = await startServer({ demo: true, extraArgs: ['--sweep-interval', '0', ...extraArgs] });
  // The demo's registry, collected data and scores, with an empty marketplace: these tests count
  // every product, demand and message they make, so the demo's own marketplace is taken away.
  for (const table of ['notifications', 'finance_overdue', 'application_events', 'applications', 'demand_matches',
    'demands', 'products']) sql(server.dbUrl, `DELETE FROM ${table}`);
  const api = createClient(server.baseUrl);
  const roles = Object.keys(DEMO_USERS);
  const creds = await loginAll(api, roles);
  const c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
  c.anon = as(api, undefined);
  const orgs = await organisationIds(c.platform);

  const makeOrg = async (e) => {
    const r = await c.platform.post('/api/v1/organisations', { kind: 'enterprise', name: e.name, regionCode: e.regionCode, uscc: e.uscc });
    assert.equal(r.res.status, 201, r.text);
    return r.json.id;
  };
  orgs[JUYU.name] = await makeOrg(JUYU);
  orgs[HENGAN.name] = await makeOrg(HENGAN);
  const people = [
    ['fin-abc-manager', orgs[ORG.abc], 'bank-manager', 'abcManager'],
    ['fin-abc-officer', orgs[ORG.abc], 'bank-officer', 'abcOfficer'],
    ['fin-icbc-officer2', orgs[ORG.icbc], 'bank-officer', 'icbcOfficer2'],
    ['fin-songyang-staff', orgs[ORG.songyang], 'enterprise-staff', 'songyang'],
    ['fin-juyu-staff', orgs[JUYU.name], 'enterprise-staff', 'juyu'],
    ['fin-hengan-staff', orgs[HENGAN.name], 'enterprise-staff', 'hengan'],
    ['fin-city-viewer', orgs['焦作市金融工作局'], 'gov-viewer', 'cityViewer'],
  ];
  for (const [username, organisationId, role] of people) {
    const r = await c.platform.post('/api/v1/users', {
      username, displayName: `融资测试 ${username}`, password: STRONG_PASSWORD, organisationId, roles: [role],
    });
    assert.equal(r.res.status, 201, `create ${username}: ${r.text}`);
  }
  const logged = await Promise.all(people.map(([u]) => mustLogin(api, u, STRONG_PASSWORD)));
  people.forEach(([, , , key], i) => { c[key] = as(api, logged[i]); });

  const enterpriseId = (uscc) => Number(sql(server.dbUrl, `SELECT id FROM enterprises WHERE uscc = ${sqlText(uscc)}`)[0][0]);
  const userId = (username) => Number(sql(server.dbUrl, `SELECT id FROM users WHERE username = ${sqlText(username)}`)[0][0]);
  const ids = {
    icbc: orgs[ORG.icbc], abc: orgs[ORG.abc],
    tianbao: enterpriseId(TIANBAO_USCC), songyang: enterpriseId(SONGYANG_USCC),
    juyu: enterpriseId(JUYU.uscc), hengan: enterpriseId(HENGAN.uscc),
  };

  const world = {
    server, api, c, orgs, ids, userId,
    sql: (statement) => sql(server.dbUrl, statement),
    count: (statement) => Number(sql(server.dbUrl, statement)[0][0]),
    // Runs `jinfu finance sweep --today DAY` against the test database; resolves its stdout.
    sweep(day) {
      const r = jinfu(['--db', server.dbUrl, 'finance', 'sweep', ...(day ? ['--today', day] : [])]);
      assert.equal(r.status, 0, `sweep ${day}: ${r.stderr}`);
      return r.stdout;
    },
    // Creates a product as `who` (a bank manager) and publishes it unless `publish` is false.
    async product(who, over = {}, { publish = true } = {}) {
      const r = await c[who].post(`${F}/products`, productBody(over));
      assert.equal(r.res.status, 201, `create product: ${r.text}`);
      if (!publish) return r.json;
      const p = await c[who].post(`${F}/products/${r.json.id}/publish`);
      assert.equal(p.res.status, 200, `publish product: ${p.text}`);
      return p.json;
    },
    async demand(who, over = {}) {
      const r = await c[who].post(`${F}/demands`, demandBody(over));
      assert.equal(r.res.status, 201, `publish demand: ${r.text}`);
      return r.json;
    },
    async claim(who, demandId) {
      const r = await c[who].post(`${F}/demands/${demandId}/claim`);
      assert.equal(r.res.status, 201, `claim ${demandId} as ${who}: ${r.text}`);
      return r.json;
    },
    async command(who, appId, body, status = 200) {
      const r = await c[who].post(`${F}/applications/${appId}/commands`, body);
      assert.equal(r.res.status, status, `${who} ${JSON.stringify(body)} on #${appId}: ${r.text}`);
      return r.json;
    },
    // The stored rows an illegal command must leave alone.
    snapshot(appId) {
      return {
        app: sql(server.dbUrl, `SELECT state, approved_fen, disbursed_fen, COALESCE(rate_bp, -1), COALESCE(term_months, -1),
          COALESCE(offer_valid_until, ''), COALESCE(accepted_on, ''), COALESCE(decided_on, ''), version FROM applications WHERE id = ${Number(appId)}`),
        events: Number(sql(server.dbUrl, `SELECT COUNT(*) FROM application_events WHERE application_id = ${Number(appId)}`)[0][0]),
        demands: sql(server.dbUrl, 'SELECT id, status, COALESCE(claimed_by, 0) FROM demands ORDER BY id'),
        notifications: Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM notifications')[0][0]),
      };
    },
    async stop() {
      api.assertNo500();
      await server.stop();
    },
  };
  return world;
}

// Every entry of the audit trail with `action` (as the platform admin reads it).
export async function auditOf(client, action) {
  const items = [];
  for (let page = 1; ; page++) {
    const r = await client.get(`/api/v1/audit?pageSize=100&page=${page}&action=${encodeURIComponent(action)}`);
    assert.equal(r.res.status, 200, r.text);
    items.push(...r.json.items);
    if (r.json.items.length < 100) return items;
  }
}

// Pages through a list route; every item.
export async function allItems(client, target) {
  const items = [];
  const sep = target.includes('?') ? '&' : '?';
  for (let page = 1; ; page++) {
    const r = await client.get(`${target}${sep}pageSize=100&page=${page}`);
    assert.equal(r.res.status, 200, `${target}: ${r.text}`);
    items.push(...r.json.items);
    if (r.json.items.length < 100) return { items, total: r.json.total };
  }
}

// Fields named by a 4xx problem.
export const fieldsOf = (json) => (json?.errors ?? []).map((e) => e.field);
