// Who provides each category (提供部门): facts move credit scores, so a department submits only the
// categories that are its business. The catalogue says who provides each category (the defaults
// named by the catalogue, or the departments the operator chose); a provider sending another
// category is refused with 403 before its file is read, and the refusal is audited; the operator
// naming the wrong department gets 422; the operator's choice is audited and takes effect at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient, rawExchange } from './helpers.mjs';
import { ORG, allAudit, as, loginAll, organisationIds, xlsxRows } from './auth-helpers.mjs';
import { TIANBAO_USCC, collectCounts, csv, download, reasonText, upload } from './collect-helpers.mjs';

const TAX_FILE = csv([['统一社会信用代码', '所属期', '纳税额'], [TIANBAO_USCC, '2025-10', '8000']]);
const COURT = '焦作市中级人民法院';

describe('collection: each category is submitted only by the departments that provide it', () => {
  let server;
  let api;
  let creds;
  let c;
  let orgIds;

  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
    creds = await loginAll(api, ['provider', 'taxProvider', 'govAdmin', 'platform']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    orgIds = await organisationIds(c.platform);
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  const providersOf = async (code) => {
    const r = await api.call('/api/v1/collect/categories');
    assert.equal(r.res.status, 200, r.text);
    const cat = r.json.items.find((x) => x.code === code);
    return { names: cat.providers.map((p) => p.name), configured: cat.providersConfigured };
  };

  test('the public catalogue names the departments of each category (defaults from the catalogue)', async () => {
    assert.deepEqual(await providersOf('tax'), { names: [ORG.tax], configured: false });
    assert.deepEqual(await providersOf('registration'), { names: [ORG.market], configured: false });
    assert.deepEqual(await providersOf('judicial'), { names: [COURT], configured: false });
    assert.deepEqual(await providersOf('social_insurance'), { names: ['焦作市人力资源和社会保障局'], configured: false });
    assert.deepEqual(await providersOf('honour'), { names: ['焦作市工业和信息化局'], configured: false });
    assert.ok((await providersOf('penalty')).names.includes(ORG.market));
  });

  test('the market regulator sending 纳税 gets 403 with the reason, audited, nothing stored', async () => {
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, creds.provider, { category: 'tax', fileName: '纳税.csv' }, TAX_FILE);
    const p = assertProblem(r, { status: 403, code: 'category_not_provided' });
    assert.match(p.detail, /不是「纳税」数据的提供部门/);
    assert.ok(p.detail.includes(ORG.tax), p.detail);
    assert.deepEqual(collectCounts(server.dbUrl), before);
    const trail = await allAudit(c.platform, 'action=access.denied&outcome=denied');
    const entry = trail.items.find((e) => e.objectType === 'collect_category' && e.objectId === 'tax');
    assert.ok(entry, JSON.stringify(trail.items.slice(0, 3)));
    assert.equal(entry.username, 'demo-provider');
    assert.match(entry.detail, /纳税/);
    // Its own category goes in; the tax bureau's file from the tax bureau goes in.
    const own = await upload(api, creds.taxProvider, { category: 'tax', fileName: '纳税.csv' }, TAX_FILE);
    assert.equal(own.res.status, 201, own.text);
  });

  test('the refusal comes before the body: a 50 MB upload of another category is answered at once', async () => {
    const cred = creds.taxProvider;
    const head = `POST /api/v1/collect/batches?category=judicial&fileName=a.csv HTTP/1.1\r\nHost: x\r\nCookie: ${cred.cookie}\r\n`
      + `X-CSRF-Token: ${cred.csrf}\r\nContent-Type: text/csv\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`;
    const a = await rawExchange(server.baseUrl.split(':').pop(), [head, Buffer.alloc(1 << 20, 0x41)],
      { gapMs: 20, timeoutMs: 8000, endWhenAnswered: true });
    assert.equal(a.status, 403, a.text.slice(0, 300));
    assert.match(a.text, /category_not_provided/);
    assert.equal(a.headers.connection, 'close', 'the rest of the body is not waited for');
  });

  test('the operator submitting on behalf of the wrong department gets 422 naming the provider', async () => {
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, creds.platform, { category: 'tax', fileName: '代报.csv', provider: orgIds[ORG.market] }, TAX_FILE);
    const p = assertProblem(r, { status: 422 });
    const e = p.errors.find((x) => x.field === 'provider');
    assert.ok(e, r.text);
    assert.match(e.message, /不是「纳税」数据的提供部门/);
    assert.deepEqual(collectCounts(server.dbUrl), before);
  });

  test('the operator names the providers of a category: audited, effective at once, defaults replaced', async () => {
    // Only the operator may; a government administrator may not.
    assertProblem(await c.govAdmin.put('/api/v1/collect/categories/judicial/providers', { providers: [orgIds[ORG.market]] }),
      { status: 403, code: 'forbidden' });
    // Bad lists are refused and change nothing.
    for (const [body, field] of [
      [{}, 'providers'],
      [{ providers: [] }, 'providers'],
      [{ providers: 'x' }, 'providers'],
      [{ providers: [0] }, 'providers[0]'],
      [{ providers: [orgIds[ORG.icbc]] }, 'providers'], // a bank is not a data provider
      [{ providers: [99999999] }, 'providers'],
    ]) {
      const p = assertProblem(await c.platform.put('/api/v1/collect/categories/judicial/providers', body), { status: 422 });
      assert.ok(p.errors.some((x) => x.field === field), `${JSON.stringify(body)}: ${JSON.stringify(p.errors)}`);
    }
    assertProblem(await c.platform.put('/api/v1/collect/categories/weather/providers', { providers: [orgIds[COURT]] }),
      { status: 404 });
    assert.deepEqual(await providersOf('judicial'), { names: [COURT], configured: false });

    // The court and the market regulator both provide 司法 from now on.
    const r = await c.platform.put('/api/v1/collect/categories/judicial/providers',
      { providers: [orgIds[COURT], orgIds[ORG.market], orgIds[COURT]] });
    assert.equal(r.res.status, 200, r.text);
    assert.deepEqual(await providersOf('judicial'), { names: [ORG.market, COURT], configured: true });
    const trail = await allAudit(c.platform, 'action=collect.providers&objectId=judicial');
    assert.equal(trail.total, 1);
    assert.equal(trail.items[0].outcome, 'success');
    assert.deepEqual(trail.items[0].before, { providers: [orgIds[COURT]] });
    assert.deepEqual(trail.items[0].after, { providers: [orgIds[ORG.market], orgIds[COURT]].sort((a, b) => a - b) });

    const judicial = csv([['统一社会信用代码', '案号', '案件类型', '立案日期'],
      [TIANBAO_USCC, '（2025）豫08民初100号', '判决', '2025-03-01']]);
    const sent = await upload(api, creds.provider, { category: 'judicial', fileName: '司法.csv' }, judicial);
    assert.equal(sent.res.status, 201, sent.text);
    assert.equal(sent.json.batch.providerName, ORG.market);

    // Naming only the court again takes the market regulator's right away.
    const back = await c.platform.put('/api/v1/collect/categories/judicial/providers', { providers: [orgIds[COURT]] });
    assert.equal(back.res.status, 200, back.text);
    assertProblem(await upload(api, creds.provider, { category: 'judicial', fileName: '司法2.csv' }, judicial),
      { status: 403, code: 'category_not_provided' });
  });

  test('数据模板: each category\'s template has its Chinese columns and a sample row the importer reads as it is', async () => {
    const catalogue = (await api.call('/api/v1/collect/categories')).json.items;
    for (const cat of catalogue) {
      // Public, like the catalogue: anyone may download it.
      const { res, bytes } = await download(api, undefined, `/api/v1/collect/categories/${cat.code}/template.xlsx`);
      assert.equal(res.status, 200, cat.code);
      const disposition = res.headers.get('content-disposition');
      assert.equal(decodeURIComponent(disposition.split("UTF-8''")[1]), `${cat.name.replaceAll('/', '、')}-数据模板.xlsx`);
      const [header, sample, ...more] = xlsxRows(bytes);
      assert.equal(more.length, 0, `${cat.code}: one sample row`);
      const unit = (f) => (f.type !== 'amount' ? '' : f.unit === 'wan_yuan' ? '（万元）' : '（元）');
      assert.deepEqual(header, cat.fields.map((f) => f.name + unit(f)), cat.code);
      for (const [i, f] of cat.fields.entries()) {
        if (f.required) assert.ok(sample[i], `${cat.code}.${f.key}: the sample fills every required column`);
      }

      // Sent back unchanged (by the operator, for a department that provides the category): every
      // column is known and every value valid. The registration template comes first (the
      // catalogue's order) and registers the sample enterprise that the others name.
      const r = await upload(api, creds.platform, { category: cat.code, fileName: `${cat.code}-模板.xlsx`, provider: cat.providers[0].id }, bytes);
      assert.equal(r.res.status, 201, `${cat.code}: ${r.text}`);
      const b = r.json.batch;
      assert.deepEqual(b.unknownColumns, [], cat.code);
      if (b.rowsQuarantined) {
        const q = await c.platform.get(`/api/v1/collect/batches/${b.id}/quarantine`);
        assert.fail(`${cat.code}: ${q.json.items[0].problems.map(reasonText).join('；')}`);
      }
      assert.deepEqual([b.rowsTotal, b.rowsAccepted], [1, 1], cat.code);
    }
    assert.equal(catalogue[0].code, 'registration');
    assertProblem(await api.call('/api/v1/collect/categories/weather/template.xlsx'), { status: 404 });
  });
});
