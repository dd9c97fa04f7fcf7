// 时限、超时督办、对接总览 and 站内信 (docs/finance-api.md), over real HTTP and the CLI: time limits
// count Chinese working days (a claim made on the Friday before the 2026 Spring Festival does not
// lapse during the holiday); the sweep (`jinfu finance sweep --today`, or POST /finance/sweep)
// marks each missed limit once, tells the bank, lapses a claim nobody followed up and returns its
// demand to the pool for another bank; government lists what is overdue and sees the funnel of its
// own region; settings are validated; each user reads only their own messages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testNowMs } from '../support/clock.mjs';
import { assertProblem } from './helpers.mjs';
import { F, RFC3339, allItems, auditOf, fieldsOf, financeWorld } from './finance-helpers.mjs';

describe('时限与督办: the sweep, overdue lists, the funnel, settings and 站内信', () => {
  let w;
  let c;
  const x = {};
  const unread = async (who) => (await c[who].get('/api/v1/notifications/unread-count')).json.unread;
  const overdueRows = () => w.count('SELECT COUNT(*) FROM finance_overdue');

  before(async () => {
    w = await financeWorld();
    c = w.c;
    x.product = await w.product('bankManager', { name: '工行科创贷', approvalWorkdays: 10 });
  });
  after(async () => { await w?.stop(); });

  test('a claim made on Friday 2026-02-13 does not lapse in the Spring Festival; it lapses the day after its 3rd working day', async () => {
    const d = await w.demand('entStaff', { purpose: '春节前接单' });
    const app = await w.claim('bankOfficer', d.id);
    // Started on 2026-02-13: working days 02-14 (调休 Saturday), 02-24, 02-25 → due 2026-02-25.
    w.sql(`UPDATE applications SET created_on = '2026-02-13' WHERE id = ${app.id}`);
    w.sql(`UPDATE demands SET published_on = '2026-02-12', open_since = '2026-02-12' WHERE id = ${d.id}`);
    const seen = (await c.bankOfficer.get(`${F}/applications/${app.id}`)).json;
    assert.deepEqual(seen.clock, { step: 'first_contact', stepZh: '首次联系', deadline: '2026-02-25', overdue: true });
    const bankUnread = await unread('bankOfficer');
    const entUnread = await unread('entStaff');

    for (const day of ['2026-02-16', '2026-02-23', '2026-02-25']) {
      w.sweep(day);
      assert.equal(w.sql(`SELECT state FROM applications WHERE id = ${app.id}`)[0][0], 'submitted', `not lapsed on ${day}`);
    }
    assert.equal(overdueRows(), 0);
    const out = w.sweep('2026-02-26');
    assert.match(out, /2026-02-26/);
    assert.equal(w.sql(`SELECT state FROM applications WHERE id = ${app.id}`)[0][0], 'lapsed');
    assert.deepEqual(w.sql(`SELECT status, COALESCE(claimed_by, 0) FROM demands WHERE id = ${d.id}`), [['open', '0']], 'back in the pool');
    assert.deepEqual(w.sql(`SELECT step, application_id, bank_id, started_on, deadline, outcome FROM finance_overdue`),
      [['first_contact', String(app.id), String(w.ids.icbc), '2026-02-13', '2026-02-25', 'lapsed']]);
    assert.equal(await unread('bankOfficer'), bankUnread + 1, 'the bank is told');
    assert.equal(await unread('entStaff'), entUnread + 1, 'the enterprise is told');
    const t = (await c.bankOfficer.get(`${F}/applications/${app.id}`)).json.timeline.at(-1);
    assert.deepEqual([t.command, t.actor, t.fromState, t.toState, t.toStateZh], ['lapse', 'system', 'submitted', 'lapsed', '已失效']);
    assert.match(t.note, /2026-02-25/);

    // Idempotent: again, nothing new.
    w.sweep('2026-02-27');
    assert.equal(w.count(`SELECT COUNT(*) FROM finance_overdue WHERE step = 'first_contact'`), 1);
    assert.equal(await unread('bankOfficer'), bankUnread + 1);

    // Another bank claims it now.
    assert.ok((await allItems(c.abcOfficer, `${F}/demands?view=pool`)).items.some((y) => y.id === d.id));
    const again = await w.claim('abcOfficer', d.id);
    assert.equal(again.bank.id, w.ids.abc);
    x.lapsed = { demand: d, app, again };
  });

  test('the bank whose claim lapsed no longer sees the demand now held by another bank', async () => {
    // Once 农业银行 holds the demand, 工行 — whose claim lapsed — neither lists it (view=mine) nor reads
    // it (404, as for any demand it may not see): another bank's deal is none of its business.
    const { demand, app } = x.lapsed;
    const mine = (await allItems(c.bankOfficer, `${F}/demands?view=mine`)).items.find((y) => y.id === demand.id);
    assert.equal(mine, undefined, `工行 sees 农行's deal in view=mine: claimedBy ${JSON.stringify(mine?.claimedBy)}`);
    assert.ok(!mine || mine.claimedBy?.id !== w.ids.abc,
      `工行 sees 农行's deal in view=mine: claimedBy ${JSON.stringify(mine?.claimedBy)}`);
    const r = await c.bankOfficer.get(`${F}/demands/${demand.id}`);
    assertProblem(r, { status: 404, code: 'not_found' });
    assert.ok(r.res.status === 404 || r.json.claimedBy?.id !== w.ids.abc,
      `工行 reads 农行's deal: ${r.res.status} claimedBy ${JSON.stringify(r.json?.claimedBy)}`);
    // 农业银行, which holds it now, does list it.
    const abcMine = (await allItems(c.abcOfficer, `${F}/demands?view=mine`)).items.find((y) => y.id === demand.id);
    assert.equal(abcMine?.claimedBy?.id, w.ids.abc, '农行 lists the demand it holds');
    // Its own lapsed application stays its own to read.
    assert.equal((await c.bankOfficer.get(`${F}/applications/${app.id}`)).json.state, 'lapsed');
  });

  test('an unclaimed demand published before National Day is overdue only after its 2nd working day; listed, not a bank\'s', async () => {
    const d = await w.demand('entStaff', { purpose: '国庆前发布' });
    // 2026-09-30 + 2 working days: 10-08, 10-09 (10-01…10-07 holiday) → due 2026-10-09.
    w.sql(`UPDATE demands SET published_on = '2026-09-30', open_since = '2026-09-30' WHERE id = ${d.id}`);
    const before = overdueRows();
    w.sweep('2026-10-09');
    assert.equal(overdueRows(), before);
    w.sweep('2026-10-10');
    assert.equal(overdueRows(), before + 1);
    assert.deepEqual(w.sql(`SELECT step, application_id, COALESCE(bank_id, 0), deadline, outcome FROM finance_overdue WHERE demand_id = ${d.id}`),
      [['claim_or_respond', '0', '0', '2026-10-09', 'listed']]);
    const gov = (await allItems(c.govViewer, `${F}/overdue`)).items.find((o) => o.demandId === d.id);
    assert.ok(gov, 'the zone lists it');
    assert.equal(gov.step, 'claim_or_respond');
    assert.equal(gov.stepZh, '接单/响应');
    assert.equal(gov.bank, null);
    assert.equal(gov.applicationId, null);
    assert.equal(gov.deadline, '2026-10-09');
    assert.match(gov.markedAt, RFC3339);
    assert.deepEqual(gov.enterprise, { name: '焦作市天宝桓祥科技有限公司', uscc: '91410800171971661U' });
    for (const who of ['bankOfficer', 'abcOfficer']) {
      assert.ok(!(await allItems(c[who], `${F}/overdue`)).items.some((o) => o.demandId === d.id), `${who}: no bank's`);
    }
    // Claimed, it leaves the open list and stays in the history.
    await w.claim('abcOfficer', d.id);
    assert.ok(!(await allItems(c.govViewer, `${F}/overdue?open=true`)).items.some((o) => o.demandId === d.id));
    const hist = (await allItems(c.govViewer, `${F}/overdue?open=false`)).items.find((o) => o.demandId === d.id);
    assert.match(hist.resolvedAt, RFC3339);
  });

  test('a decision past its limit is marked once, the bank told once, listed for government and that bank only; deciding resolves it', async () => {
    const d = await w.demand('entStaff', { purpose: '审批超时' });
    const app = await w.claim('bankOfficer', d.id);
    await w.command('bankOfficer', app.id, { command: 'accept' });
    // Accepted 2026-11-02 (Mon) with 10 working days → due 2026-11-16.
    w.sql(`UPDATE applications SET accepted_on = '2026-11-02' WHERE id = ${app.id}`);
    const bankUnread = await unread('bankManager');
    const abcUnread = await unread('abcManager');
    w.sweep('2026-11-16');
    assert.equal(w.count(`SELECT COUNT(*) FROM finance_overdue WHERE application_id = ${app.id}`), 0);
    w.sweep('2026-11-17');
    assert.deepEqual(w.sql(`SELECT step, deadline, outcome FROM finance_overdue WHERE application_id = ${app.id}`),
      [['decision', '2026-11-16', 'notified']]);
    assert.equal(await unread('bankManager'), bankUnread + 1);
    const msg = (await c.bankManager.get('/api/v1/notifications?unread=true')).json.items[0];
    assert.match(msg.title, /超时/);
    assert.match(msg.body, /2026-11-16/);
    assert.equal(msg.link, `/finance/deals/${app.id}`);
    w.sweep('2026-11-18');
    const r = await c.platform.post(`${F}/sweep`);
    assert.equal(r.res.status, 200, r.text);
    assert.match(r.json.today, /^\d{4}-\d{2}-\d{2}$/);
    for (const k of ['checked', 'marked', 'lapsed']) assert.ok(Number.isInteger(r.json[k]), k);
    assert.equal(w.count(`SELECT COUNT(*) FROM finance_overdue WHERE application_id = ${app.id}`), 1, 'marked once');
    assert.equal(await unread('bankManager'), bankUnread + 1, 'told once');
    assert.equal(await unread('abcManager'), abcUnread, 'the other bank is not told');

    const listed = async (who, q = '') => (await allItems(c[who], `${F}/overdue${q}`)).items.some((o) => o.applicationId === app.id);
    assert.ok(await listed('govViewer'));
    assert.ok(await listed('bankOfficer'), 'the bank sees its own');
    assert.ok(!(await listed('abcOfficer')), 'the other bank does not');
    assert.ok(await listed('entStaff'), 'the enterprise sees its own');
    assert.ok(!(await listed('songyang')));
    const item = (await allItems(c.govViewer, `${F}/overdue`)).items.find((o) => o.applicationId === app.id);
    assert.deepEqual(item.bank, { id: w.ids.icbc, name: '工商银行焦作分行' });
    assert.equal(item.outcomeZh, '已提醒银行');
    assert.ok((await c.govViewer.get(`${F}/overview`)).json.openOverdue >= 1);

    await w.command('bankOfficer', app.id, { command: 'start_review' });
    assert.ok(await listed('govViewer', '?open=true'), 'still open while under review');
    await w.command('bankOfficer', app.id, { command: 'reject', reasonCodes: ['R09'], note: '材料不全' });
    assert.ok(!(await listed('govViewer', '?open=true')), 'the decision resolves it');
    assert.ok(await listed('govViewer', '?open=false'));
    assert.ok((await auditOf(c.platform, 'finance.sweep')).length >= 1, 'a sweep that marked something is audited');
  });

  test('an operator\'s sweep from the command line runs beside a server holding the sweep lease, and marks once', async () => {
    const d = await w.demand('entStaff', { purpose: '租约' });
    w.sql(`UPDATE demands SET published_on = '2026-03-02', open_since = '2026-03-02' WHERE id = ${d.id}`);
    // A server process holds the lease for its periodic sweep; the explicit run does not wait for it.
    w.sql(`DELETE FROM job_leases`);
    w.sql(`INSERT INTO job_leases (name, holder, expires_at) VALUES ('finance.sweep', 'someone-else', ${testNowMs() + 600_000})`);
    const before = overdueRows();
    const { jinfu } = await import('./auth-helpers.mjs');
    const r = jinfu(['--db', w.server.dbUrl, 'finance', 'sweep', '--today', '2026-03-20']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /超时检查（2026-03-20）/);
    assert.equal(overdueRows(), before + 1, 'the overdue demand is marked');
    const again = jinfu(['--db', w.server.dbUrl, 'finance', 'sweep', '--today', '2026-03-21']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(overdueRows(), before + 1, 'a second sweep marks nothing new');
    assert.equal(w.sql(`SELECT holder FROM job_leases WHERE name = 'finance.sweep'`)[0][0], 'someone-else', 'the lease is untouched');
    w.sql(`DELETE FROM job_leases`);
  });

  test('government sees only its region: demands, applications and the funnel; the city sees the whole city', async () => {
    const inZone = await w.demand('songyang', { amountFen: 30_000_000, purpose: '区内需求' });
    const outside = await w.demand('hengan', { amountFen: 70_000_000, purpose: '区外需求' });
    const outApp = await w.claim('bankOfficer', outside.id);
    await w.command('bankOfficer', outApp.id, { command: 'accept' });
    for (const who of ['govViewer', 'govOfficer', 'govAdmin']) {
      const ids = (await allItems(c[who], `${F}/demands`)).items.map((y) => y.id);
      assert.ok(ids.includes(inZone.id), `${who} sees the zone's demand`);
      assert.ok(!ids.includes(outside.id), `${who} does not see 410802's`);
      assertProblem(await c[who].get(`${F}/demands/${outside.id}`), { status: 404 });
      assertProblem(await c[who].get(`${F}/applications/${outApp.id}`), { status: 404 });
      assert.ok(!(await allItems(c[who], `${F}/applications`)).items.some((a) => a.id === outApp.id));
    }
    const city = (await allItems(c.cityViewer, `${F}/demands`)).items.map((y) => y.id);
    assert.ok(city.includes(outside.id) && city.includes(inZone.id), 'the city bureau (4108) sees both');
    assert.equal((await c.cityViewer.get(`${F}/applications/${outApp.id}`)).res.status, 200);

    // The funnel: the zone's counts and amounts are what the database says for region 410871.
    const zone = (await c.govViewer.get(`${F}/overview`)).json;
    const sumOf = (rows, k) => rows.reduce((s, r) => s + r[k], 0);
    const expectPublished = w.count(`SELECT COUNT(*) FROM demands d JOIN enterprises e ON e.id = d.enterprise_id
      WHERE d.status <> 'withdrawn' AND e.region_code LIKE '410871%'`);
    const expectFen = w.count(`SELECT COALESCE(SUM(d.amount_fen), 0) FROM demands d JOIN enterprises e ON e.id = d.enterprise_id
      WHERE d.status <> 'withdrawn' AND e.region_code LIKE '410871%'`);
    assert.equal(zone.total.published, expectPublished);
    assert.equal(zone.total.publishedFen, expectFen);
    for (const k of ['published', 'claimed', 'approved', 'disbursed', 'publishedFen', 'approvedFen', 'disbursedFen']) {
      assert.equal(sumOf(zone.byPark, k), zone.total[k], `byPark adds up to the total: ${k}`);
    }
    assert.ok(zone.total.claimed <= zone.total.published && zone.total.approved <= zone.total.claimed);
    const cityView = (await c.cityViewer.get(`${F}/overview`)).json;
    assert.equal(cityView.total.published, zone.total.published + 1, 'the city counts 恒安祥 too');
    assert.equal(cityView.total.publishedFen, zone.total.publishedFen + 70_000_000);
    for (const who of ['entStaff', 'bankManager', 'provider']) assertProblem(await c[who].get(`${F}/overview`), { status: 403 });
  });

  test('settings: everyone in finance reads them, the platform sets 1–60 working days; bad values 422 naming fields; audited', async () => {
    for (const who of ['entStaff', 'bankOfficer', 'govViewer']) {
      const r = await c[who].get(`${F}/settings`);
      assert.equal(r.res.status, 200, r.text);
      assert.deepEqual(r.json, { claimOrRespond: 2, firstContact: 3, decision: 10 });
    }
    for (const [body, fields] of [[{ claimOrRespond: 0 }, ['claimOrRespond']], [{ firstContact: 61 }, ['firstContact']],
      [{ decision: '5' }, ['decision']], [{ decision: 2.5, claimOrRespond: -1 }, ['claimOrRespond', 'decision']]]) {
      const r = assertProblem(await c.platform.put(`${F}/settings`, body), { status: 422, code: 'validation_failed' });
      assert.deepEqual(fieldsOf(r).sort(), fields, JSON.stringify(body));
    }
    assertProblem(await c.platform.put(`${F}/settings`, 'claimOrRespond=3', { 'content-type': 'application/x-www-form-urlencoded' }), { status: 415 });
    assertProblem(await c.govAdmin.put(`${F}/settings`, { decision: 5 }), { status: 403 });
    assert.deepEqual((await c.entStaff.get(`${F}/settings`)).json, { claimOrRespond: 2, firstContact: 3, decision: 10 });
    const ok = await c.platform.put(`${F}/settings`, { decision: 15 });
    assert.equal(ok.res.status, 200, ok.text);
    assert.deepEqual(ok.json, { claimOrRespond: 2, firstContact: 3, decision: 15 });
    assert.equal((await c.entStaff.get(`${F}/catalogue`)).json.limits.decision, 15);
    const e = (await auditOf(c.platform, 'finance.settings'))[0];
    assert.deepEqual([e.before.decision, e.after.decision], [10, 15]);
  });

  test('站内信: each user lists only their own; unread counts; mark one, mark all; another\'s message is 404', async () => {
    const mine = await c.entStaff.get('/api/v1/notifications?pageSize=100');
    assert.equal(mine.res.status, 200, mine.text);
    assert.ok(mine.json.total > 0);
    const ids = new Set(mine.json.items.map((n) => n.id));
    const own = w.sql(`SELECT id FROM notifications WHERE user_id = ${w.userId('demo-enterprise-staff')}`).map(([id]) => Number(id));
    assert.deepEqual([...ids].sort((a, b) => a - b), own.sort((a, b) => a - b), 'exactly the user\'s own');
    for (const n of mine.json.items) {
      assert.deepEqual(Object.keys(n).sort(), ['body', 'createdAt', 'id', 'kind', 'link', 'readAt', 'title']);
      assert.match(n.createdAt, RFC3339);
    }
    const unreadNow = await unread('entStaff');
    assert.equal(unreadNow, mine.json.items.filter((n) => n.readAt === null).length);
    assert.equal((await c.entStaff.get('/api/v1/notifications?unread=true&pageSize=100')).json.total, unreadNow);

    // Another user's message: 404, and it stays unread.
    const bankMsg = (await c.bankOfficer.get('/api/v1/notifications?unread=true')).json.items[0];
    assertProblem(await c.entStaff.post(`/api/v1/notifications/${bankMsg.id}/read`), { status: 404 });
    assert.equal(w.sql(`SELECT COALESCE(read_at, 'unread') FROM notifications WHERE id = ${bankMsg.id}`)[0][0], 'unread');

    const first = mine.json.items.find((n) => n.readAt === null);
    const r = await c.entStaff.post(`/api/v1/notifications/${first.id}/read`);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.json.unread, unreadNow - 1);
    assert.equal(await unread('entStaff'), unreadNow - 1);
    const all = await c.entStaff.post('/api/v1/notifications/read-all');
    assert.equal(all.res.status, 200, all.text);
    assert.deepEqual(all.json, { marked: unreadNow - 1, unread: 0 });
    assert.equal(await unread('entStaff'), 0);
    assert.equal((await c.entStaff.get('/api/v1/notifications?unread=true')).json.total, 0);
    // Others are untouched: the enterprise's admin still has unread messages of the same events.
    assert.ok(await unread('entAdmin') > 0);
    assert.ok(await unread('bankOfficer') > 0);
    assertProblem(await c.entStaff.get('/api/v1/notifications?unread=maybe'), { status: 400 });
    assertProblem(await c.anon.get('/api/v1/notifications/unread-count'), { status: 401 });
  });
});
