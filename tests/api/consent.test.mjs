// 数据授权 (consent) and the public bank list (docs/finance-api.md), over real HTTP: an enterprise
// consents to one bank reading its data, for a scope and a period (30 days by default); the bank
// then reads the enterprise's credit profile, and only that bank, only that enterprise, only while
// the consent is live (not revoked, not expired) and covers `credit`; revocation and expiry take
// effect at once; the enterprise sees who read its data (other organisations, not itself); each
// side lists its own consents; bad input is refused naming the field and stores nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testNowMs } from '../support/clock.mjs';
import { startServer } from '../support/server.mjs';
import { JSON_TYPE, assertProblem, createClient } from './helpers.mjs';
import {
  DEMO_USERS, ORG, STRONG_PASSWORD, allAudit, as, expectStatus, loginAll, mustLogin, organisationIds, send, shanghaiTime,
  sql, sqlText,
} from './auth-helpers.mjs';
import { SONGYANG_USCC, TIANBAO_USCC, csv, makeUscc, upload } from './collect-helpers.mjs';
import { HAN, RFC3339, previousMonth } from './credit-helpers.mjs';

const DAY_MS = 86400 * 1000;
const ABC_OFFICER = 'consent-abc-officer'; // a bank-officer of 农业银行焦作分行 (another bank)
const SONGYANG_STAFF = 'consent-songyang-staff'; // an enterprise-staff of 嵩阳光电 (another enterprise)
const UNREGISTERED_STAFF = 'consent-unregistered-staff'; // an enterprise organisation with no registry entry

// The 13 scopes of the contract: credit, profile and each collect category.
const SCOPE_CODES = ['credit', 'profile', 'registration', 'tax', 'social_insurance', 'housing_fund', 'utilities', 'licence',
  'penalty', 'judicial', 'abnormal_list', 'ip', 'honour'];

describe('数据授权: consents, and the banks one may consent to', () => {
  let server;
  let api;
  let c; // caller → client
  let orgs; // organisation name → id
  const ids = {}; // enterprise ids, user ids
  const granted = []; // every consent granted here (the 201 answers), for the audit check

  const scorePath = (id, what = 'score') => `/api/v1/credit/enterprises/${id}/${what}`;
  const consentRows = () => Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM consents')[0][0]);
  const consentRow = (id) => {
    const [row] = sql(server.dbUrl, `SELECT scopes, purpose, granted_at, expires_at, COALESCE(revoked_at, ''), COALESCE(revoked_by, 0)
      FROM consents WHERE id = ${Number(id)}`);
    assert.ok(row, `consent ${id} is stored`);
    const [scopes, purpose, grantedAt, expiresAt, revokedAt, revokedBy] = row;
    return { scopes: JSON.parse(scopes), purpose, grantedAt, expiresAt, revokedAt: revokedAt || null, revokedBy: Number(revokedBy) };
  };

  // Grants a consent as `who` and insists on the 201.
  async function grant(who, body) {
    const r = await c[who].post('/api/v1/consents', body);
    assert.equal(r.res.status, 201, `${who} grants ${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.res.headers.get('content-type'), JSON_TYPE);
    granted.push({ who, consent: r.json });
    return r.json;
  }

  // The bank reads the profile: 200 when `allowed`, else 403 consent_required.
  async function expectRead(who, enterpriseId, allowed, what = 'score') {
    const r = await c[who].get(scorePath(enterpriseId, what));
    if (allowed) {
      assert.equal(r.res.status, 200, `${who} reads ${scorePath(enterpriseId, what)}: ${r.text}`);
      if (what === 'score') assert.equal(r.json.enterpriseId, enterpriseId);
      else assert.ok(Array.isArray(r.json.items));
    } else {
      const p = assertProblem(r, { status: 403, code: 'consent_required' });
      // 查看企业信用画像需要该企业向本行作出、仍在有效期内且范围包含“信用画像”的数据授权。
      assert.match(p.detail, /“信用画像”的数据授权/, `the refusal names the scope it needs: ${p.detail}`);
      for (const k of ['score', 'grade', 'features', 'items']) assert.ok(!(k in p), `the refusal carries no ${k}`);
    }
    return r;
  }

  function checkConsent(x, { enterprise, bank, scopes, grantedBy, days = 30, status = 'live' }) {
    // The fields of the contract.
    assert.deepEqual(Object.keys(x).sort(),
      ['bank', 'enterprise', 'expiresAt', 'grantedAt', 'grantedBy', 'id', 'purpose', 'revokedAt', 'scopes', 'status'].sort());
    assert.equal(typeof x.purpose, 'string');
    assert.ok(Number.isInteger(x.id) && x.id > 0, `id ${x.id}`);
    assert.deepEqual(x.enterprise, enterprise);
    assert.deepEqual(x.bank, bank);
    // Each scope once; the contract does not fix their order.
    assert.deepEqual(x.scopes.map((s) => s.code).sort(), [...scopes].sort());
    for (const s of x.scopes) assert.match(s.zh, HAN, `scope ${s.code}: zh`);
    assert.equal(x.grantedBy, grantedBy);
    assert.match(x.grantedAt, RFC3339);
    assert.match(x.expiresAt, RFC3339);
    const period = Date.parse(x.expiresAt) - Date.parse(x.grantedAt);
    assert.equal(period, days * DAY_MS, `expiresAt ${x.expiresAt} is exactly ${days} days after grantedAt ${x.grantedAt}`);
    assert.equal(x.status, status);
    if (status === 'revoked') assert.match(x.revokedAt, RFC3339);
    else assert.equal(x.revokedAt, null);
  }

  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['entStaff', 'entAdmin', 'bankOfficer', 'bankManager', 'govViewer', 'govAdmin',
      'provider', 'taxProvider', 'platform']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    c.anon = as(api, undefined);
    orgs = await organisationIds(c.platform);

    // Another bank's officer, another enterprise's staff, and an enterprise organisation that has
    // no market entity in the registry — made by the platform admin.
    const unregistered = await c.platform.post('/api/v1/organisations', {
      kind: 'enterprise', name: '授权测试未登记企业', regionCode: '410871', uscc: makeUscc('91410871', 'MA9CTK11'),
    });
    expectStatus(unregistered, 201, 'create an enterprise organisation without a registry entry');
    for (const [username, organisationId, role] of [[ABC_OFFICER, orgs[ORG.abc], 'bank-officer'],
      [SONGYANG_STAFF, orgs[ORG.songyang], 'enterprise-staff'],
      [UNREGISTERED_STAFF, unregistered.json.id, 'enterprise-staff']]) {
      const r = await c.platform.post('/api/v1/users', {
        username, displayName: `授权测试 ${username}`, password: STRONG_PASSWORD, organisationId, roles: [role],
      });
      expectStatus(r, 201, `create ${username}`);
    }
    [c.abcOfficer, c.songyang, c.unregistered] = await Promise.all([ABC_OFFICER, SONGYANG_STAFF, UNREGISTERED_STAFF]
      .map(async (u) => as(api, await mustLogin(api, u, STRONG_PASSWORD))));

    const enterprise = (uscc) => {
      const [[id, name]] = sql(server.dbUrl, `SELECT id, name FROM enterprises WHERE uscc = ${sqlText(uscc)}`);
      return { id: Number(id), name, uscc };
    };
    ids.tianbao = enterprise(TIANBAO_USCC);
    ids.songyang = enterprise(SONGYANG_USCC);
    ids.icbc = { id: orgs[ORG.icbc], name: ORG.icbc };
    ids.abc = { id: orgs[ORG.abc], name: ORG.abc };
    ids.entStaffUser = Number(sql(server.dbUrl, `SELECT id FROM users WHERE username = ${sqlText(DEMO_USERS.entStaff)}`)[0][0]);
    ids.entAdminUser = Number(sql(server.dbUrl, `SELECT id FROM users WHERE username = ${sqlText(DEMO_USERS.entAdmin)}`)[0][0]);
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('GET /api/v1/banks is public: the enabled banks by name, and nothing but banks', async () => {
    const anon = await api.call('/api/v1/banks');
    assert.equal(anon.res.status, 200, anon.text);
    assert.equal(anon.res.headers.get('content-type'), JSON_TYPE);
    const { items } = anon.json;
    assert.deepEqual(Object.keys(anon.json), ['items']);
    const names = items.map((b) => b.name);
    assert.ok(names.includes(ORG.icbc), `工商银行焦作分行 is listed: ${names}`);
    assert.ok(names.includes(ORG.abc));
    assert.deepEqual(names, [...names].sort(), 'by name');
    for (const b of items) {
      assert.deepEqual(Object.keys(b).sort(), ['id', 'name', 'shortName']);
      assert.ok(Number.isInteger(b.id));
      assert.ok(b.shortName === null || typeof b.shortName === 'string');
    }
    assert.equal(items.find((b) => b.name === ORG.icbc).shortName, '工行');
    assert.equal(items.find((b) => b.name === ORG.icbc).id, ids.icbc.id);
    // Exactly the organisations of kind bank: no government, enterprise, provider, park or operator.
    const banks = sql(server.dbUrl, "SELECT id FROM organisations WHERE kind = 'bank' AND disabled = 0").map(([id]) => Number(id));
    assert.deepEqual(items.map((b) => b.id).sort((a, b) => a - b), banks.sort((a, b) => a - b));
    for (const other of [ORG.platform, ORG.zone, ORG.market, ORG.tianbao, ORG.songyang]) {
      assert.ok(!names.includes(other), `${other} is not a bank`);
    }
    // Logged in, the same list.
    const withSession = await c.entStaff.get('/api/v1/banks');
    assert.deepEqual(withSession.json, anon.json);

    // A new branch appears; a disabled one does not (and cannot be consented to: the bad-input test).
    const created = await c.platform.post('/api/v1/organisations', { kind: 'bank', name: '授权测试银行焦作分行', regionCode: '410800' });
    expectStatus(created, 201, 'create a bank');
    ids.disabledBank = created.json.id;
    assert.ok((await api.call('/api/v1/banks')).json.items.some((b) => b.id === ids.disabledBank), 'a new bank is listed');
    expectStatus(await c.platform.patch(`/api/v1/organisations/${ids.disabledBank}`, { disabled: true }), 200, 'disable the bank');
    assert.ok(!(await api.call('/api/v1/banks')).json.items.some((b) => b.id === ids.disabledBank), 'a disabled bank is not');
  });

  test('before any consent a bank is refused; each side\'s list is empty and names the 13 scopes', async () => {
    await expectRead('bankOfficer', ids.tianbao.id, false);
    await expectRead('bankManager', ids.tianbao.id, false, 'scores');
    for (const who of ['entStaff', 'entAdmin', 'bankOfficer', 'bankManager', 'abcOfficer', 'songyang']) {
      const r = await c[who].get('/api/v1/consents');
      assert.equal(r.res.status, 200, `${who}: ${r.text}`);
      assert.deepEqual(r.json.items, [], who);
      assert.deepEqual(r.json.scopes.map((s) => s.code), SCOPE_CODES, `${who}: the scopes of the contract`);
      for (const s of r.json.scopes) assert.match(s.zh, HAN);
      const zh = Object.fromEntries(r.json.scopes.map((s) => [s.code, s.zh]));
      assert.equal(zh.credit, '信用画像');
      assert.equal(zh.profile, '企业基本信息');
      assert.equal(zh.tax, '纳税');
    }
  });

  test('an enterprise grants 工商银行焦作分行 ["credit"]: 201 live, 30 days by default, duplicates folded, audited', async () => {
    const x = await grant('entStaff', { bankId: ids.icbc.id, scopes: ['credit', 'credit'], purpose: '申请税易贷' });
    checkConsent(x, { enterprise: ids.tianbao, bank: ids.icbc, scopes: ['credit'], grantedBy: DEMO_USERS.entStaff });
    assert.equal(x.scopes[0].zh, '信用画像');
    const row = consentRow(x.id);
    assert.deepEqual(row.scopes, ['credit'], 'stored once');
    assert.equal(row.purpose, '申请税易贷');
    assert.equal(x.purpose, '申请税易贷', 'the purpose is shown to both sides');
    assert.equal(row.grantedAt, x.grantedAt);
    assert.equal(row.expiresAt, x.expiresAt);
    assert.ok(Math.abs(Date.parse(x.grantedAt) - testNowMs()) < 60_000, `grantedAt ${x.grantedAt} is now`);
    ids.first = x.id;

    const trail = await allAudit(c.platform, 'action=consent.grant');
    assert.equal(trail.total, 1);
    const [e] = trail.items;
    assert.equal(e.username, DEMO_USERS.entStaff);
    assert.equal(e.outcome, 'success');
    assert.equal(e.objectType, 'consent');
    assert.equal(String(e.objectId), String(x.id));
    assert.ok(`${e.detail} ${JSON.stringify(e.after)}`.includes(ORG.icbc), `the entry names the bank: ${JSON.stringify(e)}`);

    // Both sides list it.
    for (const who of ['entStaff', 'entAdmin', 'bankOfficer', 'bankManager']) {
      const r = await c[who].get('/api/v1/consents');
      assert.equal(r.res.status, 200, r.text);
      assert.deepEqual(r.json.items, [x], `${who} lists the consent as it was granted`);
    }
  });

  test('the bank now reads the credit profile; the enterprise sees who read it, but not its own reads', async () => {
    await expectRead('bankOfficer', ids.tianbao.id, true);
    await expectRead('bankOfficer', ids.tianbao.id, true, 'scores');
    await expectRead('bankManager', ids.tianbao.id, true);
    // The enterprise's own reads and its own registry record: not third-party reads.
    expectStatus(await c.entStaff.get(scorePath(ids.tianbao.id)), 200, 'the enterprise reads itself');
    expectStatus(await c.entAdmin.get(`/api/v1/enterprises/${ids.tianbao.id}`), 200, 'the enterprise reads its record');
    // The zone's government reads the registry record: another organisation.
    expectStatus(await c.govViewer.get(`/api/v1/enterprises/${ids.tianbao.id}`), 200, 'gov reads the record');

    for (const who of ['entStaff', 'entAdmin']) {
      const r = await c[who].get('/api/v1/consents/reads');
      assert.equal(r.res.status, 200, r.text);
      const { items } = r.json;
      assert.deepEqual(Object.keys(r.json), ['items']);
      const summary = items.map((i) => `${i.username}|${i.organisation}|${i.action}`);
      assert.deepEqual(summary, [
        `${DEMO_USERS.govViewer}|${ORG.zone}|enterprise.read`,
        `${DEMO_USERS.bankManager}|${ORG.icbc}|credit.profile.read`,
        `${DEMO_USERS.bankOfficer}|${ORG.icbc}|credit.profile.read`,
        `${DEMO_USERS.bankOfficer}|${ORG.icbc}|credit.profile.read`,
      ], `${who}: newest first, the government's and the bank's reads, neither the enterprise's own nor the refusals`);
      for (const i of items) {
        assert.deepEqual(Object.keys(i).sort(), ['action', 'actionZh', 'at', 'detail', 'organisation', 'username']);
        assert.match(i.at, RFC3339);
        assert.match(i.actionZh, HAN, `${i.action}: actionZh`);
        assert.equal(typeof i.detail, 'string');
      }
      for (let k = 1; k < items.length; k++) assert.ok(items[k - 1].at >= items[k].at, 'newest first');
    }
    // 嵩阳光电 has been read by nobody: the reads of 天宝桓祥 are not its business.
    const other = await c.songyang.get('/api/v1/consents/reads');
    assert.equal(other.res.status, 200, other.text);
    assert.deepEqual(other.json.items, []);
  });

  test('consent is per bank: another bank is still refused, and does not see the consent', async () => {
    await expectRead('abcOfficer', ids.tianbao.id, false);
    await expectRead('abcOfficer', ids.tianbao.id, false, 'scores');
    const list = await c.abcOfficer.get('/api/v1/consents');
    assert.equal(list.res.status, 200, list.text);
    assert.deepEqual(list.json.items, [], 'a bank lists only the consents it holds');
    // Its refusals are audited as denials, not as reads, and are not in the enterprise's read log.
    const denied = await allAudit(c.platform, `action=access.denied&user=${ABC_OFFICER}`);
    assert.equal(denied.total, 2);
    const reads = await c.entStaff.get('/api/v1/consents/reads');
    assert.ok(!reads.json.items.some((i) => i.username === ABC_OFFICER));
  });

  test('consent is per enterprise and per scope: ["tax"] or ["profile"] does not open the credit profile', async () => {
    // 天宝桓祥's consent does not let the bank read 嵩阳光电.
    await expectRead('bankOfficer', ids.songyang.id, false);
    const tax = await grant('songyang', { bankId: ids.icbc.id, scopes: ['tax'] });
    checkConsent(tax, { enterprise: ids.songyang, bank: ids.icbc, scopes: ['tax'], grantedBy: SONGYANG_STAFF });
    assert.equal(tax.scopes[0].zh, '纳税');
    await expectRead('bankOfficer', ids.songyang.id, false);
    await expectRead('bankManager', ids.songyang.id, false, 'scores');
    const profile = await grant('songyang', { bankId: ids.icbc.id, scopes: ['profile', 'social_insurance', 'profile'], days: 7 });
    checkConsent(profile, {
      enterprise: ids.songyang, bank: ids.icbc, scopes: ['profile', 'social_insurance'], grantedBy: SONGYANG_STAFF, days: 7,
    });
    await expectRead('bankOfficer', ids.songyang.id, false);
    // A credit consent to another bank does not help this one.
    const toAbc = await grant('songyang', { bankId: ids.abc.id, scopes: ['credit'] });
    await expectRead('bankOfficer', ids.songyang.id, false);
    await expectRead('abcOfficer', ids.songyang.id, true);
    ids.songyangToIcbc = tax.id;
    ids.songyangProfileToIcbc = profile.id;
    ids.songyangToAbc = toAbc.id;

    // Each enterprise lists its own consents, newest first; each bank those it holds.
    const mine = await c.songyang.get('/api/v1/consents');
    assert.deepEqual(mine.json.items.map((x) => x.id), [toAbc.id, profile.id, tax.id]);
    const tianbao = await c.entStaff.get('/api/v1/consents');
    assert.deepEqual(tianbao.json.items.map((x) => x.id), [ids.first], '天宝桓祥 does not see 嵩阳光电\'s consents');
    for (const who of ['bankOfficer', 'bankManager']) {
      const icbc = await c[who].get('/api/v1/consents');
      assert.deepEqual(icbc.json.items.map((x) => x.id), [profile.id, tax.id, ids.first], `${who}: the consents 工行 holds`);
      assert.ok(icbc.json.items.every((x) => x.bank.id === ids.icbc.id));
    }
    const abc = await c.abcOfficer.get('/api/v1/consents');
    assert.deepEqual(abc.json.items.map((x) => x.id), [toAbc.id]);
    // 嵩阳光电's read log: the read by 农业银行 under its consent, nothing of 天宝桓祥's.
    const reads = await c.songyang.get('/api/v1/consents/reads');
    assert.deepEqual(reads.json.items.map((i) => `${i.organisation}|${i.action}`), [`${ORG.abc}|credit.profile.read`]);
  });

  test('the profile, change history and collected data: a bank sees what the consent covers, and nothing more', async () => {
    // 嵩阳光电 has given 工商银行 ["tax"] and ["profile", "social_insurance"], 农业银行 ["credit"] only.
    // One changed tax value (covered) and one changed utilities value (not covered) for its history.
    const month = previousMonth();
    const tax = await upload(api, c.taxProvider.cred, { category: 'tax', fileName: 'consent-tax.csv' },
      csv([['统一社会信用代码', '所属期', '实缴税额（万元）'], [SONGYANG_USCC, month, '1.23']]));
    assert.equal(tax.res.status, 201, tax.text);
    // No demo user works for the power company: the operator submits its file on its behalf.
    const utilities = await upload(api, c.platform.cred,
      { category: 'utilities', fileName: 'consent-utilities.csv', provider: orgs['国网焦作供电公司'] },
      csv([['统一社会信用代码', '账期', '类别', '缴费金额'], [SONGYANG_USCC, month, '电', '4.56']]));
    assert.equal(utilities.res.status, 201, utilities.text);
    assert.equal(tax.json.batch.rowsAccepted + utilities.json.batch.rowsAccepted, 2, `${tax.text}\n${utilities.text}`);
    const id = ids.songyang.id;

    // The registry record under "profile", with personal data masked as for any third party.
    // The demo's registration batch gives 嵩阳光电 its legal representative 许娟, contact 姜敏 and
    // mobile 13821979300 (data/demo/collect/registration.csv): the enterprise sees them in full.
    const own = expectStatus(await c.songyang.get(`/api/v1/enterprises/${id}`), 200, 'the enterprise reads itself');
    assert.equal(own.legalRepresentative, '许娟');
    assert.equal(own.contactName, '姜敏');
    assert.equal(own.contactMobile, '13821979300');
    for (const who of ['bankOfficer', 'bankManager']) {
      const r = expectStatus(await c[who].get(`/api/v1/enterprises/${id}`), 200, `${who} reads the profile`);
      assert.equal(r.name, ORG.songyang);
      assert.equal(r.uscc, SONGYANG_USCC);
      assert.notEqual(r.legalRepresentative, own.legalRepresentative, 'masked for the bank');
      assert.notEqual(r.contactMobile, own.contactMobile, 'masked for the bank');
      assert.equal(r.legalRepresentative, '许*', 'a two-character name keeps its first character');
      assert.equal(r.contactName, '姜*');
      assert.equal(r.contactMobile, '138****9300', 'a mobile keeps its first three and last four digits');
    }
    // Collected data: only the covered categories; a named category needs its own consent.
    const facts = expectStatus(await c.bankOfficer.get(`/api/v1/enterprises/${id}/facts`), 200, 'facts');
    assert.deepEqual(facts.categories.map((x) => x.code).sort(), ['social_insurance', 'tax']);
    assert.ok(facts.categories.every((x) => x.facts.length > 0), 'the demo has tax and social insurance records of it');
    const taxOnly = expectStatus(await c.bankOfficer.get(`/api/v1/enterprises/${id}/facts?category=tax`), 200, 'facts?category=tax');
    assert.deepEqual(taxOnly.categories.map((x) => x.code), ['tax']);
    for (const category of ['utilities', 'registration', 'housing_fund']) {
      const p = assertProblem(await c.bankOfficer.get(`/api/v1/enterprises/${id}/facts?category=${category}`),
        { status: 403, code: 'consent_required' });
      assert.ok(!JSON.stringify(p).includes(ORG.songyang), 'the refusal names nothing of the enterprise');
    }
    // Change history: registration and covered categories only.
    const mine = expectStatus(await c.songyang.get(`/api/v1/enterprises/${id}/history?pageSize=100`), 200, 'own history');
    assert.ok(mine.items.some((x) => x.category === 'utilities'), 'the enterprise sees its utilities change');
    assert.ok(mine.items.some((x) => x.category === 'tax'), 'and its tax change');
    const history = expectStatus(await c.bankOfficer.get(`/api/v1/enterprises/${id}/history?pageSize=100`), 200, 'history');
    assert.ok(history.items.some((x) => x.category === 'tax'), `the bank sees the tax change: ${JSON.stringify(history.items)}`);
    for (const x of history.items) assert.ok(['registration', 'tax', 'social_insurance'].includes(x.category), `${x.category} is covered`);
    assert.equal(history.total, history.items.length);

    // 农业银行 holds a credit consent only: no profile, facts or history; 工商银行 has no profile
    // consent from 天宝桓祥.
    for (const target of [`/api/v1/enterprises/${id}`, `/api/v1/enterprises/${id}/facts`, `/api/v1/enterprises/${id}/history`]) {
      assertProblem(await c.abcOfficer.get(target), { status: 403, code: 'consent_required' });
    }
    assertProblem(await c.bankOfficer.get(`/api/v1/enterprises/${ids.tianbao.id}`), { status: 403, code: 'consent_required' });
    assertProblem(await c.bankOfficer.get(`/api/v1/enterprises/${ids.tianbao.id}/facts`), { status: 403, code: 'consent_required' });
    // A bank's 企业查询 covers the enterprises whose live consent lets it read their 企业基本信息
    // ("profile"), and only those: 工商银行 finds 嵩阳光电, not 天宝桓祥 (a credit consent only);
    // 农业银行 (a credit consent only) finds nobody.
    for (const who of ['bankOfficer', 'bankManager']) {
      const search = expectStatus(await c[who].get(`/api/v1/enterprises?q=${encodeURIComponent('嵩阳')}`), 200, 'search');
      assert.deepEqual(search.items.map((e) => e.uscc), [SONGYANG_USCC], who);
      const everyone = expectStatus(await c[who].get('/api/v1/enterprises?pageSize=100'), 200, 'search');
      assert.equal(everyone.total, 1, who);
      assert.deepEqual(everyone.items.map((e) => e.name), [ORG.songyang], who);
      const tianbao = expectStatus(await c[who].get(`/api/v1/enterprises?q=${TIANBAO_USCC}`), 200, 'search');
      assert.equal(tianbao.total, 0, `${who}: 天宝桓祥 gave no profile consent`);
    }
    const abcSearch = expectStatus(await c.abcOfficer.get('/api/v1/enterprises'), 200, 'search');
    assert.equal(abcSearch.total, 0, '农业银行 holds a credit consent only');

    // 嵩阳光电's read log: 工商银行's five successful reads (two profiles, two facts, one history) and 农业银行's
    // credit read; none of the refusals, nor its own reads.
    const reads = expectStatus(await c.songyang.get('/api/v1/consents/reads'), 200, 'reads');
    const count = {};
    for (const i of reads.items) count[`${i.organisation}|${i.action}`] = (count[`${i.organisation}|${i.action}`] ?? 0) + 1;
    assert.deepEqual(count, { [`${ORG.icbc}|enterprise.read`]: 5, [`${ORG.abc}|credit.profile.read`]: 1 });
  });

  test('revocation takes effect at once: the next read is refused; revoking again is 409 consent_not_live', async () => {
    await expectRead('bankOfficer', ids.tianbao.id, true);
    // Another user of the same enterprise revokes the consent the staff member gave.
    const r = await c.entAdmin.del(`/api/v1/consents/${ids.first}`);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.res.headers.get('content-type'), JSON_TYPE);
    checkConsent(r.json, { enterprise: ids.tianbao, bank: ids.icbc, scopes: ['credit'], grantedBy: DEMO_USERS.entStaff, status: 'revoked' });
    assert.equal(r.json.id, ids.first);
    assert.ok(Math.abs(Date.parse(r.json.revokedAt) - testNowMs()) < 60_000, `revokedAt ${r.json.revokedAt} is now`);
    const row = consentRow(ids.first);
    assert.equal(row.revokedAt, r.json.revokedAt);
    assert.equal(row.revokedBy, ids.entAdminUser);

    // Immediately, without waiting for any cache.
    await expectRead('bankOfficer', ids.tianbao.id, false);
    await expectRead('bankManager', ids.tianbao.id, false, 'scores');

    for (const who of ['entAdmin', 'entStaff']) {
      assertProblem(await c[who].del(`/api/v1/consents/${ids.first}`), { status: 409, code: 'consent_not_live' });
    }
    assert.equal(consentRow(ids.first).revokedAt, r.json.revokedAt, 'a second revocation changes nothing');
    const trail = await allAudit(c.platform, 'action=consent.revoke');
    assert.equal(trail.total, 1, 'one revocation, one consent.revoke entry');
    assert.equal(trail.items[0].username, DEMO_USERS.entAdmin);
    assert.equal(String(trail.items[0].objectId), String(ids.first));
    assert.equal(trail.items[0].outcome, 'success');

    // Both sides still list it, as revoked.
    for (const who of ['entStaff', 'bankOfficer']) {
      const list = await c[who].get('/api/v1/consents');
      const item = list.json.items.find((x) => x.id === ids.first);
      assert.equal(item.status, 'revoked', who);
      assert.equal(item.revokedAt, r.json.revokedAt);
    }
  });

  test('two revocations at once: one 200, one 409, one audit entry', async () => {
    const x = await grant('entStaff', { bankId: ids.icbc.id, scopes: ['credit'] });
    await expectRead('bankOfficer', ids.tianbao.id, true);
    const before = (await allAudit(c.platform, 'action=consent.revoke')).total;
    const answers = await Promise.all([c.entStaff.del(`/api/v1/consents/${x.id}`), c.entAdmin.del(`/api/v1/consents/${x.id}`)]);
    assert.deepEqual(answers.map((a) => a.res.status).sort(), [200, 409], answers.map((a) => a.text).join('\n'));
    assert.equal((await allAudit(c.platform, 'action=consent.revoke')).total, before + 1);
    await expectRead('bankOfficer', ids.tianbao.id, false);
  });

  test('any live consent covering credit will do; an expired one is refused at once, shows expired, cannot be revoked', async () => {
    const a = await grant('entStaff', { bankId: ids.icbc.id, scopes: ['credit'] });
    const b = await grant('entAdmin', { bankId: ids.icbc.id, scopes: ['tax', 'credit'], days: 90, purpose: '续贷' });
    checkConsent(b, { enterprise: ids.tianbao, bank: ids.icbc, scopes: ['credit', 'tax'], grantedBy: DEMO_USERS.entAdmin, days: 90 });
    await expectRead('bankOfficer', ids.tianbao.id, true);
    expectStatus(await c.entStaff.del(`/api/v1/consents/${a.id}`), 200, 'revoke a');
    await expectRead('bankOfficer', ids.tianbao.id, true, 'scores'); // b is still live

    // b's period ends (moved into the past in the database).
    const past = shanghaiTime(-60_000);
    sql(server.dbUrl, `UPDATE consents SET expires_at = ${sqlText(past)} WHERE id = ${b.id}`);
    await expectRead('bankOfficer', ids.tianbao.id, false);
    await expectRead('bankManager', ids.tianbao.id, false, 'scores');
    for (const who of ['entStaff', 'bankOfficer']) {
      const item = (await c[who].get('/api/v1/consents')).json.items.find((x) => x.id === b.id);
      assert.equal(item.status, 'expired', who);
      assert.equal(item.expiresAt, past);
      assert.equal(item.revokedAt, null);
    }
    const before = (await allAudit(c.platform, 'action=consent.revoke')).total;
    assertProblem(await c.entAdmin.del(`/api/v1/consents/${b.id}`), { status: 409, code: 'consent_not_live' });
    assert.equal(consentRow(b.id).revokedAt, null, 'an expired consent is not marked revoked');
    assert.equal((await allAudit(c.platform, 'action=consent.revoke')).total, before);

    // One that expires a little later than now is live until then.
    sql(server.dbUrl, `UPDATE consents SET expires_at = ${sqlText(shanghaiTime(60_000))} WHERE id = ${b.id}`);
    await expectRead('bankOfficer', ids.tianbao.id, true);
    sql(server.dbUrl, `UPDATE consents SET expires_at = ${sqlText(past)} WHERE id = ${b.id}`);
    await expectRead('bankOfficer', ids.tianbao.id, false);
  });

  test('the periods 1 and 365 days, every scope at once, a 200-character purpose, no purpose', async () => {
    const one = await grant('entStaff', { bankId: ids.abc.id, scopes: ['honour', 'credit'], days: 1, purpose: '授'.repeat(200) });
    checkConsent(one, { enterprise: ids.tianbao, bank: ids.abc, scopes: ['credit', 'honour'], grantedBy: DEMO_USERS.entStaff, days: 1 });
    assert.equal(consentRow(one.id).purpose, '授'.repeat(200));
    const year = await grant('entStaff', { bankId: ids.abc.id, scopes: SCOPE_CODES, days: 365, purpose: null });
    checkConsent(year, { enterprise: ids.tianbao, bank: ids.abc, scopes: SCOPE_CODES, grantedBy: DEMO_USERS.entStaff, days: 365 });
    assert.equal(consentRow(year.id).purpose, '');
    await expectRead('abcOfficer', ids.tianbao.id, true);
    for (const x of [one, year]) expectStatus(await c.entStaff.del(`/api/v1/consents/${x.id}`), 200, 'revoke');
    await expectRead('abcOfficer', ids.tianbao.id, false);
  });

  test('bad input: 422 validation_failed naming the field; nothing stored, nothing audited', async () => {
    const rows = consentRows();
    const grants = (await allAudit(c.platform, 'action=consent.grant')).total;
    const ok = { bankId: ids.icbc.id, scopes: ['credit'] };
    const cases = [
      [{ ...ok, scopes: ['bogus'] }, ['scopes[0]']],
      [{ ...ok, scopes: ['credit', 'CREDIT'] }, ['scopes[1]']],
      [{ ...ok, scopes: ['credit', '信用画像'] }, ['scopes[1]']],
      [{ ...ok, scopes: [] }, ['scopes']],
      [{ bankId: ids.icbc.id }, ['scopes']],
      [{ ...ok, scopes: 'credit' }, ['scopes']],
      [{ ...ok, scopes: [1] }, ['scopes']],
      [{ ...ok, scopes: null }, ['scopes']],
      [{ ...ok, days: 0 }, ['days']],
      [{ ...ok, days: -1 }, ['days']],
      [{ ...ok, days: 366 }, ['days']],
      [{ ...ok, days: 2 ** 32 + 1 }, ['days']],
      [{ ...ok, days: '7' }, ['days']],
      [{ ...ok, days: 1.5 }, ['days']],
      [{ ...ok, days: true }, ['days']],
      [{ ...ok, purpose: '授'.repeat(201) }, ['purpose']],
      [{ ...ok, purpose: 'x'.repeat(201) }, ['purpose']],
      [{ ...ok, purpose: 42 }, ['purpose']],
      [{ scopes: ['credit'] }, ['bankId']],
      [{ ...ok, bankId: null }, ['bankId']],
      [{ ...ok, bankId: String(ids.icbc.id) }, ['bankId']],
      [{ ...ok, bankId: 0 }, ['bankId']],
      [{ ...ok, bankId: 99999999 }, ['bankId']],
      [{ ...ok, bankId: orgs[ORG.zone] }, ['bankId']],
      [{ ...ok, bankId: orgs[ORG.tianbao] }, ['bankId']],
      [{ ...ok, bankId: orgs[ORG.market] }, ['bankId']],
      [{ ...ok, bankId: orgs[ORG.platform] }, ['bankId']],
      [{ ...ok, bankId: ids.disabledBank }, ['bankId']],
      [{}, ['bankId', 'scopes']],
      [{ ...ok, scopes: ['bogus'], days: 0, purpose: '授'.repeat(201), bankId: undefined }, ['bankId', 'scopes[0]', 'days', 'purpose']],
    ];
    const wrong = [];
    for (const [body, fields] of cases) {
      const r = await c.entStaff.post('/api/v1/consents', body);
      if (r.res.status !== 422) { wrong.push(`${JSON.stringify(body).slice(0, 80)}: ${r.res.status} ${r.text.slice(0, 200)}`); continue; }
      const p = assertProblem(r, { status: 422, code: 'validation_failed' });
      const named = p.errors.map((e) => e.field);
      if (JSON.stringify([...new Set(named)].sort()) !== JSON.stringify([...fields].sort())) {
        wrong.push(`${JSON.stringify(body).slice(0, 80)}: named ${JSON.stringify(named)}, expected ${JSON.stringify(fields)}`);
      }
      for (const e of p.errors) assert.match(e.message, HAN, `a Chinese message for ${e.field}`);
    }
    assert.deepEqual(wrong, [], wrong.join('\n'));
    const en = await c.entStaff.post('/api/v1/consents', { ...ok, days: 0 }, { 'accept-language': 'en' });
    const pe = assertProblem(en, { status: 422, code: 'validation_failed', lang: 'en' });
    assert.deepEqual(pe.errors.map((e) => e.field), ['days']);
    assert.doesNotMatch(pe.errors[0].message, HAN);

    // Not JSON: the platform's usual 400 / 415.
    for (const body of ['{', '[]', '"credit"', 'null']) {
      assertProblem(await c.entStaff.post('/api/v1/consents', body), { status: 400, code: 'malformed_json' });
    }
    assertProblem(await send(api, c.entStaff.cred, 'POST', '/api/v1/consents', JSON.stringify(ok), { 'content-type': 'text/plain' }),
      { status: 415, code: 'unsupported_media_type' });

    assert.equal(consentRows(), rows, 'nothing stored');
    assert.equal((await allAudit(c.platform, 'action=consent.grant')).total, grants, 'nothing audited as a grant');
  });

  test('who may do what: banks, government, provider and operator neither grant nor revoke; an enterprise revokes only its own', async () => {
    const rows = consentRows();
    const live = ids.songyangToIcbc;
    const body = { bankId: ids.icbc.id, scopes: ['credit'] };
    for (const who of ['bankOfficer', 'bankManager', 'abcOfficer', 'govViewer', 'govAdmin', 'provider', 'platform']) {
      assertProblem(await c[who].post('/api/v1/consents', body), { status: 403, code: 'forbidden' });
      assertProblem(await c[who].del(`/api/v1/consents/${live}`), { status: 403, code: 'forbidden' });
      assertProblem(await c[who].get('/api/v1/consents/reads'), { status: 403, code: 'forbidden' });
    }
    for (const who of ['govViewer', 'govAdmin', 'provider', 'platform']) {
      assertProblem(await c[who].get('/api/v1/consents'), { status: 403, code: 'forbidden' });
    }
    assertProblem(await c.anon.post('/api/v1/consents', body), { status: 401, code: 'unauthenticated' });
    assertProblem(await c.anon.del(`/api/v1/consents/${live}`), { status: 401, code: 'unauthenticated' });
    assertProblem(await c.anon.get('/api/v1/consents'), { status: 401, code: 'unauthenticated' });
    assertProblem(await c.anon.get('/api/v1/consents/reads'), { status: 401, code: 'unauthenticated' });
    // Without the CSRF token a session cannot grant or revoke.
    const noCsrf = { ...c.entStaff.cred, csrf: null };
    assertProblem(await send(api, noCsrf, 'POST', '/api/v1/consents', body), { status: 403, code: 'csrf_failed' });
    const ownLive = await grant('entStaff', { bankId: ids.abc.id, scopes: ['tax'] });
    assertProblem(await send(api, noCsrf, 'DELETE', `/api/v1/consents/${ownLive.id}`), { status: 403, code: 'csrf_failed' });

    // 天宝桓祥 cannot revoke 嵩阳光电's consent, nor the other way round: 404 like a consent that does not exist.
    for (const who of ['entStaff', 'entAdmin']) {
      for (const id of [live, ids.songyangToAbc, 99999999]) {
        const p = assertProblem(await c[who].del(`/api/v1/consents/${id}`), { status: 404, code: 'not_found' });
        assert.ok(!p.detail.includes(ORG.songyang), 'the 404 names nothing of the other enterprise');
      }
    }
    assertProblem(await c.songyang.del(`/api/v1/consents/${ownLive.id}`), { status: 404, code: 'not_found' });
    // An enterprise organisation without a registry entry has no consents to give or list.
    assertProblem(await c.unregistered.post('/api/v1/consents', body), { status: 403, code: 'enterprise_only' });
    assertProblem(await c.unregistered.del(`/api/v1/consents/${live}`), { status: 403, code: 'enterprise_only' });
    assertProblem(await c.unregistered.get('/api/v1/consents/reads'), { status: 403, code: 'enterprise_only' });
    const refusals = (await allAudit(c.platform, 'action=access.denied')).items
      .filter((e) => e.username === UNREGISTERED_STAFF && e.objectType === 'route');
    assert.deepEqual(refusals.map((e) => e.objectId).sort(),
      ['DELETE /api/v1/consents/' + live, 'GET /api/v1/consents/reads', 'POST /api/v1/consents'].sort(),
      'each enterprise_only refusal is audited');
    const empty = await c.unregistered.get('/api/v1/consents');
    assert.equal(empty.res.status, 200, empty.text);
    assert.deepEqual(empty.json.items, []);

    assert.equal(consentRows(), rows + 1, 'only the one consent granted here is stored');
    for (const id of [live, ids.songyangToAbc, ownLive.id]) assert.equal(consentRow(id).revokedAt, null, `consent ${id} is still live`);
    await expectRead('abcOfficer', ids.songyang.id, true);
  });

  test('the trail: one consent.grant per consent granted, naming the bank; no read by the enterprise itself is a third-party read', async () => {
    const { items, total } = await allAudit(c.platform, 'action=consent.grant');
    assert.equal(total, granted.length);
    const byId = Object.fromEntries(items.map((e) => [String(e.objectId), e]));
    for (const { who, consent } of granted) {
      const e = byId[String(consent.id)];
      assert.ok(e, `consent ${consent.id} is in the trail`);
      assert.equal(e.username, consent.grantedBy, `granted by ${who}`);
      assert.equal(e.objectType, 'consent');
      assert.ok(`${e.detail} ${JSON.stringify(e.after)}`.includes(consent.bank.name));
    }
    const reads = await allAudit(c.platform, 'action=credit.profile.read');
    assert.ok(!reads.items.some((e) => e.username.startsWith('demo-enterprise-')), 'the enterprise reading itself is not audited as a read');
  });

  test('a bank\'s 企业查询 follows its consents: once the profile consent is revoked the enterprise is gone from it', async () => {
    const before = expectStatus(await c.bankOfficer.get('/api/v1/enterprises'), 200, 'search');
    assert.deepEqual(before.items.map((e) => e.uscc), [SONGYANG_USCC]);
    const r = await c.songyang.del(`/api/v1/consents/${ids.songyangProfileToIcbc}`);
    assert.equal(r.res.status, 200, r.text);
    const after = expectStatus(await c.bankOfficer.get('/api/v1/enterprises'), 200, 'search');
    assert.equal(after.total, 0);
    assert.deepEqual(after.items, []);
    assertProblem(await c.bankOfficer.get(`/api/v1/enterprises/${ids.songyang.id}`), { status: 403, code: 'consent_required' });
  });
});
