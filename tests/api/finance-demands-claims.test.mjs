// 融资需求 and 银行接单 (docs/finance-api.md), over real HTTP, on SQLite and PostgreSQL: a demand
// published to the pool becomes a 商机 for the banks with a fitting product (and for no other);
// every bank sees the open pool; one bank holds a demand at a time — two banks claiming at the
// same moment: exactly one 201, the other 409, one application stored; once claimed, the demand
// and its application are invisible to every other bank; an enterprise withdraws only an open
// demand.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem } from './helpers.mjs';
import { DEMO_USERS } from './auth-helpers.mjs';
import { F, HAN, RFC3339, allItems, auditOf, financeWorld } from './finance-helpers.mjs';

describe('融资需求与接单: 商机, the pool, one winner per claim, privacy between banks', () => {
  let w;
  let c;
  const p = {};
  const d = {};

  const listIds = async (who, query) => (await allItems(c[who], `${F}/demands${query ? `?${query}` : ''}`)).items.map((x) => x.id);

  before(async () => {
    w = await financeWorld();
    c = w.c;
    // 工行 has a product 天宝桓祥 fits; 农行 one for industry I only (it does not fit).
    p.icbc = await w.product('bankManager', { name: '工行科创贷' });
    p.abcIndustryI = await w.product('abcManager', { name: '农行软件贷', rules: { industries: ['I'] } });
  });
  after(async () => { await w?.stop(); });

  test('a pool demand is a 商机 for the bank whose product fits, and not for the other; every bank sees the open pool', async () => {
    const x = await w.demand('entStaff', { contactName: '王经理', contactPhone: '0391-3561234' });
    d.first = x;
    assert.equal(x.mode, 'pool');
    assert.equal(x.modeZh, '发布到需求池');
    assert.equal(x.status, 'open');
    assert.equal(x.statusZh, '待接单');
    assert.equal(x.urgencyZh, '较急');
    assert.equal(x.applicationId, null);
    assert.equal(x.claimedBy, null);
    assert.match(x.publishedAt, RFC3339);
    assert.deepEqual(x.guarantees, [{ code: 'credit', zh: '信用' }], 'credit is always offered');
    assert.equal(x.clock.step, 'claim_or_respond');
    assert.match(x.clock.deadline, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(x.clock.overdue, false);

    const icbc = (await allItems(c.bankOfficer, `${F}/demands?view=opportunities`)).items;
    const mine = icbc.find((y) => y.id === x.id);
    assert.ok(mine, '工行 sees the 商机');
    assert.deepEqual(mine.matchedProducts, [{ id: p.icbc.id, name: p.icbc.name }], 'with its fitting product');
    assert.deepEqual(await listIds('bankOfficer'), await listIds('bankOfficer', 'view=opportunities'), 'opportunities is the bank default');
    assert.ok(!(await listIds('abcOfficer', 'view=opportunities')).includes(x.id), '农行 has no fitting product: no 商机');
    for (const who of ['bankOfficer', 'abcOfficer', 'abcManager']) {
      const pool = (await allItems(c[who], `${F}/demands?view=pool`)).items;
      const y = pool.find((z) => z.id === x.id);
      assert.ok(y, `${who} sees the open pool`);
      assert.deepEqual(y.matchedProducts, [], 'the pool view names no bank\'s products');
      assert.equal((await c[who].get(`${F}/demands/${x.id}`)).res.status, 200, `${who} reads an open pool demand`);
      assert.deepEqual(await listIds(who, 'view=mine'), [], `${who}: nothing of its own yet`);
    }
    // The enterprise lists its own; another enterprise neither lists nor reads it.
    assert.ok((await listIds('entStaff')).includes(x.id));
    assert.ok((await listIds('entAdmin')).includes(x.id));
    assert.ok(!(await listIds('songyang')).includes(x.id));
    assertProblem(await c.songyang.get(`${F}/demands/${x.id}`), { status: 404, code: 'not_found' });
    // The zone's government sees it.
    assert.ok((await listIds('govViewer')).includes(x.id));
    // Audited.
    const entries = (await auditOf(c.platform, 'finance.demand.publish')).filter((e) => String(e.objectId) === String(x.id));
    assert.equal(entries.length, 1);
    assert.equal(entries[0].username, DEMO_USERS.entStaff);
  });

  test('a product published later makes the open demands it fits its bank\'s 商机; withdrawn, they are gone', async () => {
    const later = await w.product('abcManager', { name: '农行后上架的科创贷' });
    const abc = (await allItems(c.abcOfficer, `${F}/demands?view=opportunities`)).items.find((y) => y.id === d.first.id);
    assert.ok(abc, 'now a 商机 for 农行');
    assert.deepEqual(abc.matchedProducts, [{ id: later.id, name: later.name }], 'naming only 农行\'s own product');
    const wd = await c.abcManager.post(`${F}/products/${later.id}/withdraw`);
    assert.equal(wd.res.status, 200, wd.text);
    assert.ok(!(await listIds('abcOfficer', 'view=opportunities')).includes(d.first.id));
  });

  test('preferred banks are told of a pool demand (站内信); an unknown bank id is 422 naming the item', async () => {
    const before = (await c.abcOfficer.get('/api/v1/notifications/unread-count')).json.unread;
    const icbcBefore = (await c.bankOfficer.get('/api/v1/notifications/unread-count')).json.unread;
    const x = await w.demand('entStaff', { preferredBankIds: [w.ids.abc], purpose: '意向农行' });
    assert.deepEqual(x.preferredBankIds, [w.ids.abc]);
    assert.equal((await c.abcOfficer.get('/api/v1/notifications/unread-count')).json.unread, before + 1);
    assert.equal((await c.bankOfficer.get('/api/v1/notifications/unread-count')).json.unread, icbcBefore, 'not 工行');
    const latest = (await c.abcManager.get('/api/v1/notifications?unread=true')).json.items[0];
    assert.match(latest.title, /意向银行/);
    assert.match(latest.body, /天宝桓祥/);
    d.preferred = x;
  });

  test('two banks claim at the same moment, round after round: exactly one 201, the other 409; one application', async () => {
    const rounds = 12;
    const winners = { bankOfficer: 0, abcOfficer: 0 };
    for (let i = 0; i < rounds; i++) {
      const x = await w.demand('entStaff', { purpose: `并发接单 ${i}` });
      const order = i % 2 ? ['abcOfficer', 'bankOfficer'] : ['bankOfficer', 'abcOfficer'];
      const answers = await Promise.all(order.map((who) => c[who].post(`${F}/demands/${x.id}/claim`)));
      const statuses = answers.map((r) => r.res.status);
      assert.deepEqual([...statuses].sort(), [201, 409], `round ${i}: ${answers.map((r) => r.text).join(' | ')}`);
      const wi = statuses.indexOf(201);
      const winner = order[wi];
      const loser = answers[1 - wi];
      assertProblem(loser, { status: 409, code: 'demand_taken' });
      winners[winner]++;
      const bankId = winner === 'bankOfficer' ? w.ids.icbc : w.ids.abc;
      assert.equal(answers[wi].json.bank.id, bankId);
      assert.equal(answers[wi].json.source, 'claim');
      assert.equal(answers[wi].json.state, 'submitted');
      assert.equal(w.count(`SELECT COUNT(*) FROM applications WHERE demand_id = ${x.id}`), 1, `round ${i}: one application`);
      assert.deepEqual(w.sql(`SELECT status, claimed_by FROM demands WHERE id = ${x.id}`), [['claimed', String(bankId)]]);
      assert.equal(w.count(`SELECT COUNT(*) FROM application_events WHERE command = 'claim' AND application_id IN
        (SELECT id FROM applications WHERE demand_id = ${x.id})`), 1);
      d.raced = { demand: x, winner, app: answers[wi].json };
    }
    assert.equal(winners.bankOfficer + winners.abcOfficer, rounds);
  });

  test('a claim: the enterprise is told and sees who holds it; the holder cannot claim twice; audited', async () => {
    const x = await w.demand('entStaff', { purpose: '工行接单' });
    const unread = (await c.entStaff.get('/api/v1/notifications/unread-count')).json.unread;
    const app = await w.claim('bankOfficer', x.id);
    d.icbcClaimed = { demand: x, app };
    assert.deepEqual(app.bank, { id: w.ids.icbc, name: '工商银行焦作分行' });
    assert.deepEqual(app.product, { id: p.icbc.id, name: p.icbc.name }, 'the bank\'s fitting product');
    assert.equal(app.decisionWorkdays, p.icbc.approvalWorkdays);
    assert.equal(app.clock.step, 'first_contact');
    assert.equal(app.sourceZh, '银行接单');
    assert.equal((await c.entStaff.get('/api/v1/notifications/unread-count')).json.unread, unread + 1);
    const seen = await c.entStaff.get(`${F}/demands/${x.id}`);
    assert.equal(seen.res.status, 200, seen.text);
    assert.equal(seen.json.status, 'claimed');
    assert.equal(seen.json.statusZh, '已接单');
    assert.deepEqual(seen.json.claimedBy, { id: w.ids.icbc, name: '工商银行焦作分行' });
    assert.match(seen.json.claimedAt, RFC3339);
    assert.deepEqual(seen.json.applications.map((a) => a.id), [app.id]);
    // Claiming again (the same bank, another officer of it, the other bank): 409, nothing new.
    for (const who of ['bankOfficer', 'icbcOfficer2', 'bankManager', 'abcOfficer']) {
      const r = assertProblem(await c[who].post(`${F}/demands/${x.id}/claim`), { status: 409, code: 'demand_taken' });
      assert.match(r.detail, HAN);
    }
    assert.equal(w.count(`SELECT COUNT(*) FROM applications WHERE demand_id = ${x.id}`), 1);
    const entries = (await auditOf(c.platform, 'finance.demand.claim')).filter((e) => String(e.objectId) === String(x.id));
    assert.equal(entries.length, 1);
    assert.equal(entries[0].username, DEMO_USERS.bankOfficer);
    // The bank's own list has it.
    assert.ok((await listIds('bankOfficer', 'view=mine')).includes(x.id));
    assert.ok((await listIds('icbcOfficer2', 'view=mine')).includes(x.id), 'the whole bank shares its deals');
  });

  test('another bank never sees a claimed demand or its application: every list, every read, every command', async () => {
    const { demand, app } = d.icbcClaimed;
    for (const view of ['opportunities', 'pool', 'mine']) {
      for (const who of ['abcOfficer', 'abcManager']) {
        assert.ok(!(await listIds(who, `view=${view}`)).includes(demand.id), `${who} view=${view}`);
      }
    }
    for (const who of ['abcOfficer', 'abcManager']) {
      assertProblem(await c[who].get(`${F}/demands/${demand.id}`), { status: 404, code: 'not_found' });
      assertProblem(await c[who].get(`${F}/applications/${app.id}`), { status: 404, code: 'not_found' });
      const apps = await allItems(c[who], `${F}/applications`);
      assert.ok(!apps.items.some((a) => a.id === app.id), `${who} does not list the application`);
      assert.equal((await allItems(c[who], `${F}/applications?demandId=${demand.id}`)).total, 0);
      const before = w.snapshot(app.id);
      assertProblem(await c[who].post(`${F}/applications/${app.id}/commands`, { command: 'accept' }), { status: 404, code: 'not_found' });
      assert.deepEqual(w.snapshot(app.id), before, 'nothing changed');
      const od = await allItems(c[who], `${F}/overdue?open=false`);
      assert.ok(!od.items.some((o) => o.demandId === demand.id));
    }
    // Another enterprise neither.
    assertProblem(await c.songyang.get(`${F}/applications/${app.id}`), { status: 404 });
    assertProblem(await c.songyang.post(`${F}/applications/${app.id}/withdraw`), { status: 404 });
  });

  test('a directed demand is not in the pool and cannot be claimed; a bank cannot claim for an enterprise nor an enterprise claim', async () => {
    const x = await w.demand('entStaff', { productId: p.icbc.id, purpose: '定向申请' });
    for (const who of ['abcOfficer', 'bankOfficer']) {
      assertProblem(await c[who].post(`${F}/demands/${x.id}/claim`), { status: 404, code: 'not_found' });
      assert.ok(!(await listIds(who, 'view=pool')).includes(x.id));
    }
    assertProblem(await c.abcOfficer.get(`${F}/demands/${x.id}`), { status: 404 });
    assert.ok((await listIds('bankOfficer', 'view=mine')).includes(x.id), 'the product\'s bank has it as its own');
    assertProblem(await c.entStaff.post(`${F}/demands/${d.first.id}/claim`), { status: 403, code: 'forbidden' });
    assertProblem(await c.govAdmin.post(`${F}/demands/${d.first.id}/claim`), { status: 403, code: 'forbidden' });
    assertProblem(await c.bankOfficer.post(`${F}/demands/999999/claim`), { status: 404 });
  });

  test('an enterprise withdraws only its own open demand; a withdrawn demand leaves the pool and cannot be claimed', async () => {
    const { demand } = d.icbcClaimed;
    const before = w.sql('SELECT id, status FROM demands ORDER BY id');
    assertProblem(await c.entStaff.post(`${F}/demands/${demand.id}/withdraw`), { status: 409, code: 'illegal_transition' });
    assertProblem(await c.songyang.post(`${F}/demands/${d.first.id}/withdraw`), { status: 404, code: 'not_found' });
    assertProblem(await c.bankManager.post(`${F}/demands/${d.first.id}/withdraw`), { status: 403 });
    assert.deepEqual(w.sql('SELECT id, status FROM demands ORDER BY id'), before);

    const r = await c.entAdmin.post(`${F}/demands/${d.first.id}/withdraw`);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.json.status, 'withdrawn');
    assert.equal(r.json.statusZh, '已撤回');
    assert.equal(r.json.clock, null, 'no clock runs on a withdrawn demand');
    assertProblem(await c.entAdmin.post(`${F}/demands/${d.first.id}/withdraw`), { status: 409 });
    assertProblem(await c.bankOfficer.post(`${F}/demands/${d.first.id}/claim`), { status: 409, code: 'demand_taken' });
    for (const view of ['opportunities', 'pool']) assert.ok(!(await listIds('bankOfficer', `view=${view}`)).includes(d.first.id));
    assertProblem(await c.abcOfficer.get(`${F}/demands/${d.first.id}`), { status: 404 });
    assert.equal((await auditOf(c.platform, 'finance.demand.withdraw')).filter((e) => String(e.objectId) === String(d.first.id)).length, 1);
  });
});
