// 金融产品超市 and 智能匹配 (docs/finance-api.md), over real HTTP: a bank manager's product goes
// 草稿 → 上架 → 下架 → 上架, is edited only while not on the shelf, and its drafts are its bank's
// alone; enterprises filter and sort the shelf (rate by the effective rate: an LPR product at the
// current 1-year LPR plus its spread) and compare 2–4 products; matching shows each rule's outcome
// with the enterprise's value and the threshold, ranks what fits, and a directed application that
// breaks a rule is refused naming it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem } from './helpers.mjs';
import { DEMO_USERS, shanghaiDate } from './auth-helpers.mjs';
import { F, HAN, RFC3339, auditOf, allItems, fieldsOf, financeWorld, productBody } from './finance-helpers.mjs';

describe('金融产品: lifecycle, the shelf, comparison and matching', () => {
  let w;
  let c;
  const p = {}; // products by role in the story

  before(async () => {
    w = await financeWorld();
    c = w.c;
  });
  after(async () => { await w?.stop(); });

  test('a bank manager creates a draft: 201 草稿, with the effective rate; a loan officer may not create one', async () => {
    const r = await c.bankManager.post(`${F}/products`, productBody());
    assert.equal(r.res.status, 201, r.text);
    const x = r.json;
    assert.equal(x.status, 'draft');
    assert.equal(x.statusZh, '草稿');
    assert.equal(x.kindZh, '信用贷');
    assert.deepEqual(x.bank, { id: w.ids.icbc, name: '工商银行焦作分行' });
    assert.deepEqual(x.effectiveRate, { minBp: 350, maxBp: 450, lprBp: null }, 'a fixed rate is its own effective rate');
    assert.deepEqual(x.repaymentZh.map((m) => m.zh), ['先息后本', '等额本息']);
    assert.equal(x.publishedAt, null);
    assert.match(x.createdAt, RFC3339);
    for (const k of ['minAmountFen', 'maxAmountFen', 'minTermMonths', 'maxTermMonths', 'minRateBp', 'maxRateBp', 'approvalWorkdays']) {
      assert.equal(x[k], productBody()[k], k);
    }
    assert.deepEqual(x.rules.regions, ['4108']);
    assert.equal(x.rules.minTaxGrade, 'M');
    p.draft = x;

    const officer = await c.bankOfficer.post(`${F}/products`, productBody({ name: '客户经理的产品' }));
    assertProblem(officer, { status: 403, code: 'forbidden' });
    assert.equal(w.count("SELECT COUNT(*) FROM products WHERE name = '客户经理的产品'"), 0);
  });

  test('a draft is its own bank\'s: the other bank, enterprises and government get 404 and never list it', async () => {
    for (const who of ['bankManager', 'bankOfficer']) {
      const r = await c[who].get(`${F}/products/${p.draft.id}`);
      assert.equal(r.res.status, 200, `${who}: ${r.text}`);
      const list = await allItems(c[who], `${F}/products`);
      assert.ok(list.items.some((x) => x.id === p.draft.id), `${who} lists its bank's draft`);
      const drafts = await allItems(c[who], `${F}/products?status=draft`);
      assert.deepEqual(drafts.items.map((x) => x.id), [p.draft.id]);
    }
    for (const who of ['abcManager', 'abcOfficer', 'entStaff', 'govViewer', 'platform']) {
      assertProblem(await c[who].get(`${F}/products/${p.draft.id}`), { status: 404, code: 'not_found' });
      const list = await allItems(c[who], `${F}/products`);
      assert.ok(!list.items.some((x) => x.id === p.draft.id), `${who} does not list another bank's draft`);
      assert.deepEqual((await allItems(c[who], `${F}/products?status=draft`)).items, [], `${who}: no drafts`);
      assertProblem(await c[who].get(`${F}/products/compare?ids=${p.draft.id},${p.draft.id + 1000}`), { status: 404 });
    }
    // Nor may the other bank's manager touch it.
    const before = w.sql(`SELECT status, name, updated_at FROM products WHERE id = ${p.draft.id}`);
    for (const [method, path, body] of [['put', `${F}/products/${p.draft.id}`, productBody({ name: '别家改的' })],
      ['post', `${F}/products/${p.draft.id}/publish`], ['post', `${F}/products/${p.draft.id}/withdraw`]]) {
      assertProblem(await c.abcManager[method](path, body), { status: 404, code: 'not_found' });
    }
    assert.deepEqual(w.sql(`SELECT status, name, updated_at FROM products WHERE id = ${p.draft.id}`), before);
  });

  test('草稿 → 上架 → 下架 → 上架; edits only off the shelf; illegal moves are 409 and change nothing', async () => {
    const id = p.draft.id;
    // A draft cannot be withdrawn.
    assertProblem(await c.bankManager.post(`${F}/products/${id}/withdraw`), { status: 409, code: 'illegal_transition' });
    // A draft is edited.
    const edit = await c.bankManager.put(`${F}/products/${id}`, productBody({ name: '科创信用贷（升级版）', maxRateBp: 460 }));
    assert.equal(edit.res.status, 200, edit.text);
    assert.equal(edit.json.name, '科创信用贷（升级版）');
    assert.equal(edit.json.maxRateBp, 460);
    assert.equal(edit.json.status, 'draft');

    const pub = await c.bankManager.post(`${F}/products/${id}/publish`);
    assert.equal(pub.res.status, 200, pub.text);
    assert.equal(pub.json.status, 'published');
    assert.equal(pub.json.statusZh, '已上架');
    assert.match(pub.json.publishedAt, RFC3339);
    // Now enterprises see it.
    assert.equal((await c.entStaff.get(`${F}/products/${id}`)).res.status, 200);

    // On the shelf: no edit, no second publish; nothing changes.
    const before = w.sql(`SELECT status, name, max_rate_bp, spec, updated_at FROM products WHERE id = ${id}`);
    const put = assertProblem(await c.bankManager.put(`${F}/products/${id}`, productBody({ name: '上架后偷改' })),
      { status: 409, code: 'product_published' });
    assert.match(put.detail, /下架/);
    assertProblem(await c.bankManager.post(`${F}/products/${id}/publish`), { status: 409, code: 'illegal_transition' });
    assert.deepEqual(w.sql(`SELECT status, name, max_rate_bp, spec, updated_at FROM products WHERE id = ${id}`), before);

    const wd = await c.bankManager.post(`${F}/products/${id}/withdraw`);
    assert.equal(wd.res.status, 200, wd.text);
    assert.equal(wd.json.status, 'withdrawn');
    assert.equal(wd.json.statusZh, '已下架');
    assertProblem(await c.bankManager.post(`${F}/products/${id}/withdraw`), { status: 409, code: 'illegal_transition' });
    // Off the shelf: enterprises no longer see it; the bank edits it and puts it back.
    assertProblem(await c.entStaff.get(`${F}/products/${id}`), { status: 404 });
    assert.ok(!(await allItems(c.entStaff, `${F}/products`)).items.some((x) => x.id === id));
    const edit2 = await c.bankManager.put(`${F}/products/${id}`, productBody());
    assert.equal(edit2.res.status, 200, edit2.text);
    assert.equal(edit2.json.status, 'withdrawn');
    const again = await c.bankManager.post(`${F}/products/${id}/publish`);
    assert.equal(again.res.status, 200, again.text);
    assert.equal(again.json.status, 'published');
    p.a = again.json;

    // Audited: one creation, two edits and three moves.
    const saves = (await auditOf(c.platform, 'finance.product.save')).filter((e) => String(e.objectId) === String(id));
    assert.equal(saves.length, 3, 'one creation and two edits');
    assert.ok(saves.every((e) => e.username === DEMO_USERS.bankManager && e.outcome === 'success'));
    const moves = (await auditOf(c.platform, 'finance.product.status')).filter((e) => String(e.objectId) === String(id));
    assert.deepEqual(moves.map((e) => e.after?.status).reverse(), ['published', 'withdrawn', 'published']);
  });

  test('the shelf: filters by kind, bank, amount, term and text; sorts by effective rate, amount and approval time', async () => {
    // Three more on the shelf: an LPR product of 工行 (LPR − 20 bp), two of 农行.
    p.lpr = await w.product('bankManager', {
      name: '税易贷', kind: 'tax', rateKind: 'lpr', minRateBp: -20, maxRateBp: 100, approvalWorkdays: 7,
      maxAmountFen: 300_000_000,
    });
    p.abcCheap = await w.product('abcManager', {
      name: '农行抵押快贷', kind: 'mortgage', guarantees: ['mortgage'], minRateBp: 300, maxRateBp: 420,
      approvalWorkdays: 3, maxAmountFen: 1_000_000_000, maxTermMonths: 60,
    });
    p.abcDear = await w.product('abcManager', {
      name: '农行小微贷', kind: 'credit', minRateBp: 600, maxRateBp: 800, approvalWorkdays: 10,
      minAmountFen: 1_000_000, maxAmountFen: 20_000_000, minTermMonths: 1, maxTermMonths: 12,
      rules: { industries: ['I'] },
    });
    const cat = await c.entStaff.get(`${F}/catalogue`);
    assert.equal(cat.res.status, 200, cat.text);
    const lpr = cat.json.lpr1yBp;
    assert.ok(Number.isInteger(lpr) && lpr > 0, `the current 1-year LPR: ${lpr}`);
    assert.deepEqual(p.lpr.effectiveRate, { minBp: lpr - 20, maxBp: lpr + 100, lprBp: lpr });

    const shelf = (await allItems(c.entStaff, `${F}/products`)).items;
    assert.deepEqual(shelf.map((x) => x.id).sort((a, b) => a - b), [p.a.id, p.lpr.id, p.abcCheap.id, p.abcDear.id].sort((a, b) => a - b));
    assert.ok(shelf.every((x) => x.status === 'published'));

    const ids = async (query) => (await allItems(c.entStaff, `${F}/products?${query}`)).items.map((x) => x.id);
    // Rate: by the effective minimum, LPR products at today's LPR plus their spread.
    const byRate = [...shelf].sort((x, y) => x.effectiveRate.minBp - y.effectiveRate.minBp || x.id - y.id).map((x) => x.id);
    assert.deepEqual(await ids('sort=rate'), byRate);
    assert.equal(byRate[0], p.lpr.id, `LPR ${lpr} − 20 bp is the cheapest`);
    assert.deepEqual(await ids('sort=amount'),
      [...shelf].sort((x, y) => y.maxAmountFen - x.maxAmountFen || x.id - y.id).map((x) => x.id));
    assert.deepEqual(await ids('sort=approval'),
      [...shelf].sort((x, y) => x.approvalWorkdays - y.approvalWorkdays || x.id - y.id).map((x) => x.id));
    assert.deepEqual(await ids('sort=newest'), [...shelf].map((x) => x.id).sort((a, b) => b - a));

    assert.deepEqual(await ids('kind=tax'), [p.lpr.id]);
    assert.deepEqual((await ids(`bankId=${w.ids.abc}`)).sort(), [p.abcCheap.id, p.abcDear.id].sort());
    assert.deepEqual((await ids('amountFen=600000000')), [p.abcCheap.id], '600 万元 fits only the 1000 万元 product');
    assert.deepEqual((await ids('termMonths=48')), [p.abcCheap.id]);
    assert.deepEqual((await ids(`q=${encodeURIComponent('小微')}`)), [p.abcDear.id]);
    assert.deepEqual((await ids(`q=${encodeURIComponent('农业银行')}&sort=rate`)), [p.abcCheap.id, p.abcDear.id], 'text matches the bank name too');
    // Paging: total counts all, a page holds pageSize.
    const page = await c.entStaff.get(`${F}/products?pageSize=2&page=2&sort=rate`);
    assert.equal(page.res.status, 200, page.text);
    assert.equal(page.json.total, 4);
    assert.deepEqual(page.json.items.map((x) => x.id), byRate.slice(2, 4));
  });

  test('compare 2 to 4 products; 1 or 5 is 422 naming ids; bad ids 400; an unknown one 404', async () => {
    const two = await c.entStaff.get(`${F}/products/compare?ids=${p.abcCheap.id},${p.lpr.id}`);
    assert.equal(two.res.status, 200, two.text);
    assert.deepEqual(two.json.items.map((x) => x.id), [p.abcCheap.id, p.lpr.id], 'in the order asked');
    assert.deepEqual(two.json.items[1].effectiveRate, p.lpr.effectiveRate);
    const four = await c.govViewer.get(`${F}/products/compare?ids=${[p.a, p.lpr, p.abcCheap, p.abcDear].map((x) => x.id).join(',')}`);
    assert.equal(four.res.status, 200, four.text);
    assert.equal(four.json.items.length, 4);

    const one = assertProblem(await c.entStaff.get(`${F}/products/compare?ids=${p.a.id}`), { status: 422, code: 'validation_failed' });
    assert.deepEqual(fieldsOf(one), ['ids']);
    const extra = await w.product('abcManager', { name: '第五个产品' });
    const five = assertProblem(await c.entStaff.get(`${F}/products/compare?ids=${[p.a, p.lpr, p.abcCheap, p.abcDear, extra].map((x) => x.id).join(',')}`),
      { status: 422, code: 'validation_failed' });
    assert.deepEqual(fieldsOf(five), ['ids']);
    assert.match(five.errors[0].message, /2 到 4/);
    for (const bad of ['', 'a,b', `${p.a.id},,${p.lpr.id}`, `${p.a.id};${p.lpr.id}`, '-1,2']) {
      const r = assertProblem(await c.entStaff.get(`${F}/products/compare?ids=${encodeURIComponent(bad)}`), { status: 400 });
      assert.deepEqual(fieldsOf(r), ['ids'], `ids=${bad}`);
    }
    assertProblem(await c.entStaff.get(`${F}/products/compare?ids=${p.a.id},999999`), { status: 404, code: 'not_found' });
  });

  test('matching for 天宝桓祥: every rule with 符合/不符合, its value and threshold; only fitting products ranked', async () => {
    p.strict = await w.product('abcManager', {
      name: '农行优质税贷', kind: 'tax', minRateBp: 290, maxRateBp: 350, rules: { regions: ['4108'], minTaxGrade: 'B', minYears: 20 },
    });
    const r = await c.entStaff.post(`${F}/match`, { amountFen: 50_000_000, termMonths: 12 });
    assert.equal(r.res.status, 200, r.text);
    const { profile, items, ranked } = r.json;
    // What the platform knows of 天宝桓祥 (demo data: region 410871, C35, medium, established 2009-03-16).
    assert.equal(profile.regionCode, '410871');
    assert.equal(profile.industryCode, 'C35');
    assert.equal(profile.sizeClass, 'medium');
    const years = (Date.parse(shanghaiDate(0)) - Date.parse('2009-03-16')) / (365.25 * 86400 * 1000);
    assert.ok(Math.abs(profile.years - years) < 0.15, `years ${profile.years} ≈ ${years}`);
    assert.equal(profile.taxGrade, 'M');
    assert.ok(Number.isInteger(profile.insured) && profile.insured > 10);

    const byId = Object.fromEntries(items.map((i) => [i.product.id, i]));
    assert.equal(items.length, 6, 'every product on the shelf is judged');
    const rule = (id, name) => byId[id].rules.find((x) => x.rule === name);

    // 科创信用贷 fits: each of its rules passes, with the enterprise's value beside the threshold.
    assert.equal(byId[p.a.id].eligible, true);
    assert.equal(byId[p.a.id].verdict, 'eligible');
    assert.deepEqual(byId[p.a.id].rules.map((x) => x.rule),
      ['region', 'industry', 'years', 'tax_grade', 'insured', 'credit_grade', 'dishonest', 'serious_illegal', 'amount', 'term', 'guarantee']);
    for (const x of byId[p.a.id].rules) {
      assert.equal(x.outcome, 'pass', `${x.rule}: ${JSON.stringify(x)}`);
      assert.equal(x.outcomeZh, '符合');
      assert.match(x.ruleZh, HAN);
      assert.ok(x.value && x.threshold, `${x.rule} names a value and a threshold`);
    }
    assert.deepEqual(rule(p.a.id, 'region'), { rule: 'region', ruleZh: '所在区域', outcome: 'pass', outcomeZh: '符合', value: '410871', threshold: '4108*' });
    assert.equal(rule(p.a.id, 'industry').value, 'C35');
    assert.equal(rule(p.a.id, 'insured').value, `${profile.insured} 人`);
    assert.equal(rule(p.a.id, 'tax_grade').value, 'M级');
    assert.equal(rule(p.a.id, 'amount').value, '50 万元');

    // 农行优质税贷 does not: tax grade M below B, 17 years below 20.
    assert.equal(byId[p.strict.id].eligible, false);
    assert.equal(byId[p.strict.id].verdict, 'ineligible');
    assert.deepEqual(rule(p.strict.id, 'tax_grade'), {
      rule: 'tax_grade', ruleZh: '纳税信用等级', outcome: 'fail', outcomeZh: '不符合', value: 'M级', threshold: '不低于 B级',
    });
    assert.equal(rule(p.strict.id, 'years').outcome, 'fail');
    assert.equal(rule(p.strict.id, 'years').threshold, '不少于 20 年');
    // 农行小微贷: industry I only, 1–12 months, at most 20 万元.
    assert.equal(rule(p.abcDear.id, 'industry').outcome, 'fail');
    assert.equal(rule(p.abcDear.id, 'amount').outcome, 'fail');
    // 农行抵押快贷 takes only mortgages; offered, it fits.
    assert.equal(rule(p.abcCheap.id, 'guarantee').outcome, 'fail');

    // Ranked: the eligible ones, cheapest effective rate first.
    const eligible = items.filter((i) => i.eligible);
    assert.deepEqual(ranked.map((x) => x.productId),
      [...eligible].sort((x, y) => x.product.effectiveRate.minBp - y.product.effectiveRate.minBp).map((x) => x.product.id));
    assert.deepEqual(ranked.map((x) => x.rank), ranked.map((_, i) => i + 1));
    for (const x of ranked) assert.match(x.why, /年利率/);
    assert.ok(!ranked.some((x) => x.productId === p.strict.id));

    const withMortgage = await c.entStaff.post(`${F}/match`, { amountFen: 50_000_000, termMonths: 12, guarantees: ['mortgage'] });
    assert.equal(withMortgage.res.status, 200, withMortgage.text);
    assert.ok(withMortgage.json.ranked.some((x) => x.productId === p.abcCheap.id), 'with a mortgage the mortgage product fits');
  });

  test('matching for an enterprise the platform knows little of: 无法判断 with 未归集, not eligible, not ranked', async () => {
    // 聚宇纺织 has one collected record: no tax grade, tax paid or insured count.
    p.dataHungry = await w.product('abcManager', {
      name: '农行数据贷', rules: { regions: ['4108'], minTaxGrade: 'M', minTaxPaid12mFen: 1, minInsured: 1 },
    });
    const r = await c.juyu.post(`${F}/match`, { amountFen: 50_000_000, termMonths: 12 });
    assert.equal(r.res.status, 200, r.text);
    const item = r.json.items.find((i) => i.product.id === p.dataHungry.id);
    assert.deepEqual(item.rules.filter((x) => x.outcome === 'unknown').map((x) => x.rule).sort(), ['insured', 'tax_grade', 'tax_paid']);
    assert.ok(!item.rules.some((x) => x.outcome === 'fail'), JSON.stringify(item.rules));
    const unknown = item.rules.filter((x) => x.outcome === 'unknown');
    assert.ok(unknown.length > 0, `some rule cannot be judged: ${JSON.stringify(item.rules)}`);
    for (const x of unknown) {
      assert.equal(x.outcomeZh, '无法判断');
      assert.ok(x.threshold, `${x.rule} names its threshold`);
      assert.match(x.value, HAN, `${x.rule}: the value says it is unknown (${x.value})`);
    }
    assert.equal(item.eligible, false);
    assert.equal(item.verdict, 'unknown');
    assert.ok(!r.json.ranked.some((x) => x.productId === p.dataHungry.id));
    // Banks and government do not match (demand.manage).
    assertProblem(await c.bankManager.post(`${F}/match`, { amountFen: 50_000_000, termMonths: 12 }), { status: 403 });
    assertProblem(await c.govAdmin.post(`${F}/match`, { amountFen: 50_000_000, termMonths: 12 }), { status: 403 });
  });

  test('a directed application that breaks a rule is refused (422 naming the rule, value and threshold); nothing stored', async () => {
    const before = { d: w.count('SELECT COUNT(*) FROM demands'), a: w.count('SELECT COUNT(*) FROM applications'),
      n: w.count('SELECT COUNT(*) FROM notifications') };
    const r = assertProblem(await c.entStaff.post(`${F}/demands`, { amountFen: 50_000_000, termMonths: 12, purpose: '扩产', productId: p.strict.id }),
      { status: 422, code: 'validation_failed' });
    assert.ok(fieldsOf(r).every((f) => f === 'productId'), JSON.stringify(r.errors));
    const text = r.errors.map((e) => e.message).join('\n');
    assert.match(text, /纳税信用等级/);
    assert.match(text, /M级/);
    assert.match(text, /不低于 B级/);
    assert.match(text, /成立年限/);
    // A draft or withdrawn product cannot be applied for either.
    const draft = await w.product('abcManager', { name: '农行草稿产品' }, { publish: false });
    const d = assertProblem(await c.entStaff.post(`${F}/demands`, { amountFen: 50_000_000, termMonths: 12, purpose: '扩产', productId: draft.id }),
      { status: 422 });
    assert.deepEqual(fieldsOf(d), ['productId']);
    assert.deepEqual({ d: w.count('SELECT COUNT(*) FROM demands'), a: w.count('SELECT COUNT(*) FROM applications'),
      n: w.count('SELECT COUNT(*) FROM notifications') }, before);

    // A fitting one goes straight to the bank: 已提交, the bank is told.
    const unreadBefore = (await c.bankOfficer.get('/api/v1/notifications/unread-count')).json.unread;
    const ok = await c.entStaff.post(`${F}/demands`, { amountFen: 50_000_000, termMonths: 12, purpose: '扩产', productId: p.a.id });
    assert.equal(ok.res.status, 201, ok.text);
    assert.equal(ok.json.mode, 'directed');
    assert.equal(ok.json.status, 'directed');
    assert.deepEqual(ok.json.product, { id: p.a.id, name: p.a.name });
    assert.ok(Number.isInteger(ok.json.applicationId));
    const app = await c.bankOfficer.get(`${F}/applications/${ok.json.applicationId}`);
    assert.equal(app.res.status, 200, app.text);
    assert.equal(app.json.state, 'submitted');
    assert.equal(app.json.decisionWorkdays, p.a.approvalWorkdays, 'the product\'s promised approval time');
    assert.equal((await c.bankOfficer.get('/api/v1/notifications/unread-count')).json.unread, unreadBefore + 1);
    // …and not the other bank.
    assertProblem(await c.abcOfficer.get(`${F}/applications/${ok.json.applicationId}`), { status: 404 });
  });
});
