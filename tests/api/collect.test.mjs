// 归集 end to end: the data catalogue; a provider uploading a messy GB18030 tax file (full-width
// codes, several date forms, 万元 and 元), what was accepted and what was quarantined and why;
// the quarantine as XLSX, corrected and resubmitted; the same file twice; JSON Lines through an
// API token; a changed value superseding a fact (history with before/after); provenance of
// facts; registration creating and renaming enterprises; who sees which batches; and the
// timeliness report. Steps build on each other in order, as a provider's day would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import {
  DEMO_USERS, ORG, allAudit, as, loginAll, organisationIds, shanghaiDate, sql, xlsxRows,
} from './auth-helpers.mjs';
import {
  SONGYANG_USCC, TIANBAO_USCC, collectCounts, csv, download, fullWidth, gb18030, jsonl, makeUscc, reasonText,
  registrationCsv, upload, wrongCheck, xlsx,
} from './collect-helpers.mjs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/;
const HAN = /[\u4e00-\u9fff]/;
const CATEGORIES = ['registration', 'tax', 'social_insurance', 'housing_fund', 'utilities', 'licence', 'penalty', 'judicial',
  'abnormal_list', 'ip', 'honour'];
const TYPES = ['text', 'uscc', 'date', 'month', 'period', 'year', 'amount', 'integer', 'enum', 'bool'];

const MARKET = ORG.market; // demo-provider's organisation
const TAX = ORG.tax; // demo-tax-provider's: the tax files come from the tax bureau
const HRSS = '焦作市人力资源和社会保障局';
const UNKNOWN_USCC = makeUscc('91410871', 'MA9UNK01'); // valid, but nobody registered it
const NEW_USCC = makeUscc('91410871', 'MA9HY001');
const BAD_PARK_USCC = makeUscc('91410871', 'MA9HY002');
const THIS_MONTH = shanghaiDate().slice(0, 7); // its facts are not yet due

// The tax office's June file as a department really exports it: GB18030, a code typed with
// full-width digits and spaces, periods in five notations, amounts in 万元 with one cell in 元,
// a column nobody asked for, a wrong check character, an unregistered enterprise, a repeated row.
const TAX_HEADER = ['纳税人识别号', '纳税人名称', '所属期', '实缴税额（万元）', '纳税信用等级', '备注'];
const TAX_ROWS = [
  /* 2 */ [` ${fullWidth('9141 0800 1719 7166 1U')} `, ORG.tianbao, '2025-06', '12.5', 'A', '代码为全角'],
  /* 3 */ [SONGYANG_USCC, ORG.songyang, '2025/7', '500元', 'B级', ''],
  /* 4 */ [TIANBAO_USCC, ORG.tianbao, '2025年8月', '1,234.5', 'A', ''],
  /* 5 */ [wrongCheck(TIANBAO_USCC), ORG.tianbao, '2025-09', '1', 'A', '校验码抄错'],
  /* 6 */ [UNKNOWN_USCC, '焦作未登记企业有限公司', '2025-06', '3', 'B', ''],
  /* 7 */ [SONGYANG_USCC, ORG.songyang, '2025/7', '500元', 'B级', ''],
  /* 8 */ [SONGYANG_USCC, ORG.songyang, '202509', '0.8', '', ''],
  /* 9 */ [TIANBAO_USCC, ORG.tianbao, '2024年度', '100万元', 'M', ''],
];
const TAX_FILE = gb18030(csv([TAX_HEADER, ...TAX_ROWS]));

describe('collection (归集): upload, quarantine, resubmission, history, provenance, scope, timeliness', () => {
  let server;
  let api;
  let creds;
  let c; // role → client
  let orgIds;
  let token; // demo-tax-provider's API token: collect.submit, collect.read
  const ids = {}; // enterprise ids
  const batches = {}; // step → batch

  const enterpriseId = (uscc) => Number(sql(server.dbUrl, `SELECT id FROM enterprises WHERE uscc = '${uscc}'`)[0]?.[0]);

  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
    creds = await loginAll(api, ['entStaff', 'bankOfficer', 'govViewer', 'provider', 'taxProvider', 'platform']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    orgIds = await organisationIds(c.platform);
    ids.tianbao = enterpriseId(TIANBAO_USCC);
    ids.songyang = enterpriseId(SONGYANG_USCC);
    const t = await c.taxProvider.post('/api/v1/tokens', {
      name: '税务数据接口', permissions: ['collect.submit', 'collect.read'], expiresInDays: 1,
    });
    assert.equal(t.res.status, 201, t.text);
    token = { bearer: t.json.token };
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('the data catalogue is public: categories, fields, types, aliases, dictionaries', async () => {
    const r = await api.call('/api/v1/collect/categories');
    assert.equal(r.res.status, 200, r.text);
    const byCode = Object.fromEntries(r.json.items.map((x) => [x.code, x]));
    assert.deepEqual(Object.keys(byCode).sort(), [...CATEGORIES].sort());
    for (const cat of r.json.items) {
      for (const k of ['code', 'name', 'description', 'provider', 'frequency', 'keyFields', 'dateField', 'fields']) {
        assert.ok(k in cat, `${cat.code} has ${k}`);
      }
      assert.match(cat.name, HAN);
      assert.ok(cat.fields.some((f) => f.type === 'uscc' && f.required), `${cat.code} identifies the enterprise by its code`);
      for (const f of cat.fields) {
        for (const k of ['key', 'name', 'aliases', 'type', 'required', 'unit', 'description', 'values']) {
          assert.ok(k in f, `${cat.code}.${f.key} has ${k}`);
        }
        assert.ok(TYPES.includes(f.type), `${cat.code}.${f.key}: type ${f.type}`);
        if (f.type === 'enum') assert.ok(f.values.length > 0 && f.values.every((v) => v.code && HAN.test(v.name)));
      }
      for (const key of cat.keyFields) assert.ok(cat.fields.some((f) => f.key === key), `${cat.code}: key field ${key}`);
    }
    const tax = byCode.tax;
    assert.equal(tax.name, '纳税');
    assert.equal(tax.frequency, 'monthly');
    assert.deepEqual(tax.keyFields, ['period']);
    assert.equal(tax.dateField, 'period');
    const taxPaid = tax.fields.find((f) => f.key === 'taxPaid');
    assert.equal(taxPaid.type, 'amount');
    assert.equal(taxPaid.required, true);
    assert.ok(taxPaid.aliases.includes('实缴税额'));
    assert.deepEqual(tax.fields.find((f) => f.key === 'creditGrade').values.map((v) => v.code), ['A', 'B', 'M', 'C', 'D']);
    // Each field names the standard its values follow (empty when none).
    for (const cat of r.json.items) {
      for (const f of cat.fields) assert.ok('dictionary' in f, `${cat.code}.${f.key} has dictionary`);
    }
    const reg = byCode.registration;
    assert.equal(reg.fields.find((f) => f.key === 'regionCode').dictionary, 'GB/T 2260');
    assert.equal(reg.fields.find((f) => f.key === 'industryCode').dictionary, 'GB/T 4754-2017');
  });

  test('a messy GB18030 tax file: accepted rows stored, refused rows quarantined, exact counters', async () => {
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, creds.taxProvider, { category: 'tax', fileName: 'C:\\导出\\税务局2025年数据.csv' }, TAX_FILE);
    assert.equal(r.res.status, 201, r.text);
    assert.equal(r.json.duplicate, undefined);
    const b = r.json.batch;
    batches.tax = b;
    assert.equal(b.providerId, orgIds[TAX]);
    assert.equal(b.providerName, TAX);
    assert.equal(b.category, 'tax');
    assert.equal(b.categoryName, '纳税');
    assert.equal(b.source, 'upload');
    assert.equal(b.fileName, '税务局2025年数据.csv', 'a path is reduced to its last part');
    assert.equal(b.format, 'csv');
    assert.equal(b.encoding, 'GB18030');
    assert.equal(b.contentSha256, createHash('sha256').update(TAX_FILE).digest('hex'));
    assert.equal(b.status, 'completed');
    assert.deepEqual(
      [b.rowsTotal, b.rowsAccepted, b.rowsUnchanged, b.rowsQuarantined, b.rowsSuperseding],
      [8, 5, 0, 3, 0], `counters: ${JSON.stringify(b)}`);
    assert.deepEqual(b.unknownColumns, ['备注']);
    assert.equal(b.resubmitOf, null);
    assert.equal(b.submittedBy, DEMO_USERS.taxProvider);
    assert.match(b.receivedAt, RFC3339);
    assert.match(b.completedAt, RFC3339);

    const after = collectCounts(server.dbUrl);
    assert.equal(after.batches, before.batches + 1);
    assert.equal(after.facts, before.facts + 5);
    assert.equal(after.quarantine, before.quarantine + 3);
    assert.equal(after.enterprises, before.enterprises, 'a tax file creates no enterprise');

    // GET of the batch answers the same.
    const again = await c.taxProvider.get(`/api/v1/collect/batches/${b.id}`);
    assert.equal(again.res.status, 200, again.text);
    assert.deepEqual({ ...again.json, header: undefined }, { ...b, header: undefined });

    // The values as stored: full-width code folded, periods normalised, 万元 and 元 read as such.
    const stored = Object.fromEntries(sql(server.dbUrl,
      `SELECT enterprise_id, fact_key, vals FROM facts WHERE batch_id = ${b.id}`).map(([e, key, vals]) => [`${e} ${key}`, JSON.parse(vals)]));
    assert.deepEqual(Object.keys(stored).sort(), [`${ids.tianbao} 2025-06`, `${ids.tianbao} 2025-08`, `${ids.tianbao} 2024`,
      `${ids.songyang} 2025-07`, `${ids.songyang} 2025-09`].sort());
    assert.equal(stored[`${ids.tianbao} 2025-06`].taxPaid, 12_500_000); // 12.5 万元
    assert.equal(stored[`${ids.songyang} 2025-07`].taxPaid, 50_000); // 500 元 in a 万元 column
    assert.equal(stored[`${ids.tianbao} 2025-08`].taxPaid, 1_234_500_000); // 1,234.5 万元
    assert.equal(stored[`${ids.songyang} 2025-09`].taxPaid, 800_000); // 0.8 万元
    assert.equal(stored[`${ids.tianbao} 2024`].taxPaid, 100_000_000); // 100万元
    assert.equal(stored[`${ids.songyang} 2025-07`].creditGrade, 'B');
    assert.equal(stored[`${ids.tianbao} 2024`].creditGrade, 'M');
  });

  test('the quarantine lists each refused row with its cells, the column, the value and a Chinese reason', async () => {
    const r = await c.taxProvider.get(`/api/v1/collect/batches/${batches.tax.id}/quarantine`);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.json.total, 3);
    assert.equal(r.json.page, 1);
    assert.deepEqual(r.json.items.map((q) => q.rowNumber), [5, 6, 7]);
    for (const q of r.json.items) {
      // Keyed by the file's header (a JSON object: the order is the batch's `header`).
      assert.deepEqual(q.cells, Object.fromEntries(TAX_HEADER.map((h, i) => [h, TAX_ROWS[q.rowNumber - 2][i]])),
        `row ${q.rowNumber}: cells as in the file`);
      assert.ok(q.problems.length >= 1);
      for (const p of q.problems) assert.match(reasonText(p), HAN, `row ${q.rowNumber}: a Chinese reason`);
    }
    assert.deepEqual(batches.tax.header, TAX_HEADER);
    const [checkChar, unknown, duplicate] = r.json.items;
    assert.equal(checkChar.problems[0].column, '纳税人识别号');
    assert.equal(checkChar.problems[0].value, wrongCheck(TIANBAO_USCC));
    assert.match(reasonText(checkChar.problems[0]), /第\s*18\s*位/);
    assert.match(reasonText(checkChar.problems[0]), /校验/);
    assert.equal(unknown.problems[0].value, UNKNOWN_USCC);
    assert.match(reasonText(unknown.problems[0]), new RegExp(UNKNOWN_USCC));
    assert.match(reasonText(unknown.problems[0]), /没有|不存在|未登记/);
    assert.match(reasonText(duplicate.problems[0]), /第\s*3\s*行/);
    assert.match(reasonText(duplicate.problems[0]), /重复/);

    const paged = await c.taxProvider.get(`/api/v1/collect/batches/${batches.tax.id}/quarantine?pageSize=2&page=2`);
    assert.equal(paged.json.total, 3);
    assert.deepEqual(paged.json.items.map((q) => q.rowNumber), [7]);

    // Every problem names its column as the file has it, so that the cell can be found in `cells`.
    for (const q of r.json.items) {
      for (const p of q.problems) {
        if (p.column) assert.ok(p.column in q.cells, `row ${q.rowNumber}: problem column "${p.column}" is not a column of the file`);
      }
    }
    assert.equal(unknown.problems[0].column, '纳税人识别号');
  });

  test('quarantine.xlsx: the original header plus 错误原因 and 原行号', async () => {
    const { res, bytes } = await download(api, creds.taxProvider, `/api/v1/collect/batches/${batches.tax.id}/quarantine.xlsx`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), XLSX_TYPE);
    // The file is named in Chinese (RFC 6266 filename*), with a plain fallback.
    const disposition = res.headers.get('content-disposition');
    assert.match(disposition, /^attachment; filename="quarantine-\d+\.xlsx"; filename\*=UTF-8''[^;]+$/);
    assert.match(decodeURIComponent(disposition.split("UTF-8''")[1]), /^隔离数据-批次\d+\.xlsx$/);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
    const rows = xlsxRows(bytes);
    assert.deepEqual(rows[0], [...TAX_HEADER, '错误原因', '原行号']);
    assert.equal(rows.length, 4);
    assert.deepEqual(rows.slice(1).map((row) => row[7]), ['5', '6', '7']);
    for (const row of rows.slice(1)) {
      assert.deepEqual(row.slice(0, 6), TAX_ROWS[Number(row[7]) - 2].map(String));
      assert.match(row[6], HAN);
    }
    assert.match(rows[1][6], /第\s*18\s*位/);
    assert.match(rows[3][6], /第\s*3\s*行/);
    batches.quarantineXlsx = rows;
  });

  test('the corrected quarantine workbook goes back in with resubmitOf: fixed rows accepted', async () => {
    const [header, checkChar, unknown] = batches.quarantineXlsx;
    const fixed = [...checkChar];
    fixed[0] = TIANBAO_USCC;
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, creds.taxProvider,
      { category: 'tax', fileName: '隔离数据-已更正.xlsx', resubmitOf: batches.tax.id }, xlsx([header, fixed, unknown]));
    assert.equal(r.res.status, 201, r.text);
    const b = r.json.batch;
    batches.resubmitted = b;
    assert.equal(b.resubmitOf, batches.tax.id);
    assert.equal(b.format, 'xlsx');
    assert.deepEqual([b.rowsTotal, b.rowsAccepted, b.rowsUnchanged, b.rowsQuarantined, b.rowsSuperseding], [2, 1, 0, 1, 0]);
    assert.deepEqual(b.unknownColumns, ['备注'], '错误原因 and 原行号 are ignored on the way back in');
    assert.equal(collectCounts(server.dbUrl).facts, before.facts + 1);
    const shown = await c.taxProvider.get(`/api/v1/collect/batches/${b.id}`);
    assert.equal(shown.json.resubmitOf, batches.tax.id);
    // The unregistered enterprise is still refused, for the same reason.
    const q = await c.taxProvider.get(`/api/v1/collect/batches/${b.id}/quarantine`);
    assert.deepEqual(q.json.items.map((x) => x.rowNumber), [3]);
    assert.match(reasonText(q.json.items[0].problems[0]), new RegExp(UNKNOWN_USCC));
    // resubmitOf must name a batch of the same provider and category.
    const wrong = await upload(api, creds.provider, { category: 'licence', fileName: 'x.csv', resubmitOf: batches.tax.id },
      '统一社会信用代码,许可证编号,许可证名称,许可日期,许可机关\r\n91410800171971661U,L-1,食品经营许可证,2025-01-02,焦作市市场监督管理局\r\n');
    const p = assertProblem(wrong, { status: 422 });
    assert.ok(p.errors.some((e) => e.field === 'resubmitOf'), wrong.text);
  });

  test('text a spreadsheet could take for a formula survives the download and the resubmission exactly', async () => {
    const formulaName = '=1+1';
    const sent = await upload(api, creds.taxProvider, { category: 'tax', fileName: '公式.csv' },
      csv([TAX_HEADER, [UNKNOWN_USCC, formulaName, '2025-09', '1', 'A', '@备注']]));
    assert.equal(sent.res.status, 201, sent.text);
    const first = sent.json.batch;
    // The download neutralises it with an apostrophe (a visible one, so that a re-save as CSV keeps it) …
    const { bytes } = await download(api, creds.taxProvider, `/api/v1/collect/batches/${first.id}/quarantine.xlsx`);
    const [header, row] = xlsxRows(bytes);
    assert.equal(row[1], "'=1+1");
    assert.equal(row[5], "'@备注");
    // … and the corrected file going back in is read as the provider wrote it.
    const again = await upload(api, creds.taxProvider, { category: 'tax', fileName: '公式-已更正.xlsx', resubmitOf: first.id },
      xlsx([header, row]));
    assert.equal(again.res.status, 201, again.text);
    const q = await c.taxProvider.get(`/api/v1/collect/batches/${again.json.batch.id}/quarantine`);
    assert.equal(q.json.items[0].cells['纳税人名称'], formulaName);
    assert.equal(q.json.items[0].cells['备注'], '@备注');
    // Outside a resubmission an apostrophe is data like any other.
    const plain = await upload(api, creds.taxProvider, { category: 'tax', fileName: '撇号.csv' },
      csv([TAX_HEADER, [UNKNOWN_USCC, "'=2+2", '2025-10', '1', 'A', '']]));
    const pq = await c.taxProvider.get(`/api/v1/collect/batches/${plain.json.batch.id}/quarantine`);
    assert.equal(pq.json.items[0].cells['纳税人名称'], "'=2+2");
  });

  test('the same file again: 200 duplicate, the first batch, nothing stored twice', async () => {
    const before = collectCounts(server.dbUrl);
    for (const [cred, fileName] of [[creds.taxProvider, '税务局2025年数据.csv'], [creds.taxProvider, '另一个名字.csv'], [token, 'api.csv']]) {
      const r = await upload(api, cred, { category: 'tax', fileName }, TAX_FILE);
      assert.equal(r.res.status, 200, r.text);
      assert.equal(r.json.duplicate, true);
      assert.equal(r.json.batch.id, batches.tax.id);
      assert.deepEqual(
        [r.json.batch.rowsTotal, r.json.batch.rowsAccepted, r.json.batch.rowsQuarantined], [8, 5, 3]);
    }
    assert.deepEqual(collectCounts(server.dbUrl), before);
    assert.equal(Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM facts')[0][0]), before.facts);
    const trail = await allAudit(c.platform, `action=collect.submit&objectId=${batches.tax.id}`);
    assert.ok(trail.total >= 4, 'the first submission and each duplicate are in the audit trail');
    assert.ok(trail.items.every((e) => e.outcome === 'success'));
  });

  test('JSON Lines through an API token: a changed value supersedes, an equal one is unchanged', async () => {
    const lines = jsonl([
      { 统一社会信用代码: TIANBAO_USCC, 所属期: '2025-06', 纳税额: '130000', 纳税信用等级: 'A' },
      { 统一社会信用代码: TIANBAO_USCC, 所属期: '2025年8月', 纳税额: 12345000, 纳税信用等级: 'A' },
      { 统一社会信用代码: SONGYANG_USCC, 所属期: THIS_MONTH, 纳税额: 30000, 纳税信用等级: 'B' },
    ]);
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, token, { category: 'tax', fileName: 'tax-2025-11.jsonl' }, lines);
    assert.equal(r.res.status, 201, r.text);
    const b = r.json.batch;
    batches.jsonl = b;
    assert.equal(b.source, 'api');
    assert.equal(b.format, 'jsonl');
    assert.equal(b.providerId, orgIds[TAX]);
    assert.equal(b.submittedBy, DEMO_USERS.taxProvider);
    assert.deepEqual([b.rowsTotal, b.rowsAccepted, b.rowsUnchanged, b.rowsQuarantined, b.rowsSuperseding], [3, 2, 1, 0, 1]);
    const after = collectCounts(server.dbUrl);
    assert.equal(after.facts, before.facts + 1, 'one new fact (嵩阳, this month); the changed one replaced in place');
    assert.equal(after.history, before.history + 1, 'the replaced value is kept');
    const [[vals, batchId]] = sql(server.dbUrl,
      `SELECT vals, batch_id FROM facts WHERE enterprise_id = ${ids.tianbao} AND category = 'tax' AND fact_key = '2025-06'`);
    assert.equal(JSON.parse(vals).taxPaid, 13_000_000);
    assert.equal(Number(batchId), b.id);
  });

  test('an XLSX as Excel writes it: dates as serial numbers or text, impossible dates and reversed periods refused', async () => {
    const authority = '焦作市市场监督管理局';
    const book = xlsx([
      ['统一社会信用代码', '企业名称', '许可证编号', '许可证名称', '许可日期', '有效期至', '许可机关'],
      [TIANBAO_USCC, ORG.tianbao, 'JY14108710001', '食品经营许可证', { date: 45658 }, '2030年1月1日', authority],
      [SONGYANG_USCC, ORG.songyang, 41087100002, '食品经营许可证', '2025/3/5', '20300304', authority],
      [SONGYANG_USCC, ORG.songyang, 'JY14108710003', '食品经营许可证', '2025.02.30', '', authority],
      [TIANBAO_USCC, ORG.tianbao, 'JY14108710004', '食品经营许可证', '2025-06-01', { date: 45444 }, authority],
    ]);
    const r = await upload(api, creds.provider, { category: 'licence', fileName: '行政许可.xlsx' }, book);
    assert.equal(r.res.status, 201, r.text);
    const b = r.json.batch;
    assert.equal(b.format, 'xlsx');
    assert.deepEqual([b.rowsTotal, b.rowsAccepted, b.rowsQuarantined], [4, 2, 2]);
    const facts = await c.platform.get(`/api/v1/enterprises/${ids.tianbao}/facts?category=licence`);
    const [licence] = facts.json.categories[0].facts;
    assert.equal(licence.key, 'JY14108710001');
    assert.equal(licence.factDate, '2025-01-01');
    assert.equal(licence.values.issuedOn, '2025-01-01', 'serial 45658 with a date format is 2025-01-01');
    assert.equal(licence.values.validUntil, '2030-01-01');
    assert.equal(licence.rowNumber, 2);
    const other = await c.platform.get(`/api/v1/enterprises/${ids.songyang}/facts?category=licence`);
    assert.deepEqual(other.json.categories[0].facts.map((f) => [f.key, f.values.issuedOn, f.values.validUntil]),
      [['41087100002', '2025-03-05', '2030-03-04']]);
    const q = await c.provider.get(`/api/v1/collect/batches/${b.id}/quarantine`);
    assert.deepEqual(q.json.items.map((x) => x.rowNumber), [4, 5]);
    assert.equal(q.json.items[0].problems[0].column, '许可日期');
    assert.match(reasonText(q.json.items[0].problems[0]), /2月|28/);
    assert.equal(q.json.items[1].problems[0].column, '有效期至');
    assert.equal(q.json.items[1].cells['有效期至'], '2024-06-01', 'a date cell is shown as a date');
    assert.match(reasonText(q.json.items[1].problems[0]), /许可日期/);
  });

  test('history: the change with before and after, field names, provider and batch; audited', async () => {
    const r = await c.platform.get(`/api/v1/enterprises/${ids.tianbao}/history`);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.json.total, 1);
    const [h] = r.json.items;
    assert.equal(h.category, 'tax');
    assert.equal(h.categoryName, '纳税');
    assert.equal(h.key, '2025-06');
    assert.equal(h.field, 'taxPaid');
    assert.equal(h.fieldName, '纳税额');
    assert.equal(String(h.before), '12500000');
    assert.equal(String(h.after), '13000000');
    assert.deepEqual(h.provider, { id: orgIds[TAX], name: TAX });
    assert.equal(h.batchId, batches.jsonl.id);
    assert.equal(h.recordedAt, batches.jsonl.receivedAt);
    assert.equal(h.validFrom, batches.tax.receivedAt);
    // The enterprise itself and its region's government see it; a bank does not without consent.
    assert.equal((await c.entStaff.get(`/api/v1/enterprises/${ids.tianbao}/history`)).json.total, 1);
    assert.equal((await c.govViewer.get(`/api/v1/enterprises/${ids.tianbao}/history`)).json.total, 1);
    assertProblem(await c.bankOfficer.get(`/api/v1/enterprises/${ids.tianbao}/history`), { status: 403, code: 'consent_required' });
    assert.equal((await c.platform.get(`/api/v1/enterprises/${ids.songyang}/history`)).json.total, 0);
    const trail = await allAudit(c.platform, `action=enterprise.read&objectId=${ids.tianbao}`);
    assert.ok(trail.items.some((e) => e.username === DEMO_USERS.platform && /变更记录/.test(e.detail)), 'the reading is audited');
  });

  test('facts: current values with provenance (provider, batch, row, received), newest fact date first', async () => {
    const r = await c.govViewer.get(`/api/v1/enterprises/${ids.tianbao}/facts?category=tax`);
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.json.categories.length, 1);
    const [tax] = r.json.categories;
    assert.equal(tax.code, 'tax');
    assert.equal(tax.name, '纳税');
    const provider = { id: orgIds[TAX], name: TAX };
    const got = tax.facts.map((f) => ({
      key: f.key, factDate: f.factDate, taxPaid: f.values.taxPaid, batchId: f.batchId, rowNumber: f.rowNumber,
    }));
    assert.deepEqual(got, [
      { key: '2025-09', factDate: '2025-09-30', taxPaid: 1_000_000, batchId: batches.resubmitted.id, rowNumber: 2 },
      { key: '2025-08', factDate: '2025-08-31', taxPaid: 1_234_500_000, batchId: batches.tax.id, rowNumber: 4 },
      { key: '2025-06', factDate: '2025-06-30', taxPaid: 13_000_000, batchId: batches.jsonl.id, rowNumber: 1 },
      { key: '2024', factDate: '2024-12-31', taxPaid: 100_000_000, batchId: batches.tax.id, rowNumber: 9 },
    ]);
    for (const f of tax.facts) {
      assert.deepEqual(f.provider, provider);
      assert.match(f.receivedAt, RFC3339);
      assert.equal(typeof f.id, 'number');
      assert.equal(f.values.uscc, undefined, 'the code identifies the enterprise, it is not a value');
    }
    assert.equal(tax.facts[1].receivedAt, batches.tax.receivedAt);
    assert.equal(tax.facts[2].receivedAt, batches.jsonl.receivedAt);
    assert.equal(tax.facts[0].values.creditGrade, 'A');

    // Without a category: every category of the catalogue, the empty ones too.
    const allCats = await c.entStaff.get(`/api/v1/enterprises/${ids.tianbao}/facts`);
    assert.equal(allCats.res.status, 200, allCats.text);
    assert.deepEqual(allCats.json.categories.map((x) => x.code).sort(), [...CATEGORIES].sort());
    assert.equal(allCats.json.categories.find((x) => x.code === 'tax').facts.length, 4);
    assert.equal(allCats.json.categories.find((x) => x.code === 'penalty').facts.length, 0);

    const songyang = await c.platform.get(`/api/v1/enterprises/${ids.songyang}/facts?category=tax`);
    assert.deepEqual(songyang.json.categories[0].facts.map((f) => [f.key, f.values.taxPaid, f.values.creditGrade ?? null]),
      [[THIS_MONTH, 3_000_000, 'B'], ['2025-09', 800_000, null], ['2025-07', 50_000, 'B']]);

    const weather = assertProblem(await c.platform.get(`/api/v1/enterprises/${ids.tianbao}/facts?category=weather`),
      { status: 400, code: 'invalid_query_parameter' });
    assert.ok(weather.errors.some((e) => e.field === 'category'), JSON.stringify(weather));
    assertProblem(await c.bankOfficer.get(`/api/v1/enterprises/${ids.tianbao}/facts`), { status: 403, code: 'consent_required' });
    assertProblem(await c.entStaff.get(`/api/v1/enterprises/${ids.songyang}/facts`), { status: 404, code: 'not_found' });
  });

  test('registration creates an enterprise (findable by pinyin); a row the registry cannot place is quarantined', async () => {
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, creds.provider, { category: 'registration', fileName: '市场主体登记.csv' }, registrationCsv([
      { uscc: NEW_USCC, name: '焦作市鸿宇测绘有限公司', parkName: '中原工业设计城' },
      { uscc: BAD_PARK_USCC, name: '焦作市无园区有限公司', parkName: '不存在的产业园' },
    ]));
    assert.equal(r.res.status, 201, r.text);
    const b = r.json.batch;
    batches.registration = b;
    assert.deepEqual([b.rowsTotal, b.rowsAccepted, b.rowsQuarantined], [2, 1, 1]);
    ids.created = enterpriseId(NEW_USCC);
    assert.ok(ids.created > 0);
    const after = collectCounts(server.dbUrl);
    assert.equal(after.enterprises, before.enterprises + 1, 'the refused row created no enterprise');
    assert.equal(enterpriseId(BAD_PARK_USCC) || 0, 0);
    const q = await c.provider.get(`/api/v1/collect/batches/${b.id}/quarantine`);
    assert.equal(q.json.items.length, 1);
    assert.equal(q.json.items[0].rowNumber, 3);
    assert.match(reasonText(q.json.items[0].problems[0]), /不存在的产业园/);

    for (const query of ['hongyu', 'hongyucehui', 'hych', '鸿宇测绘', NEW_USCC]) {
      const found = await c.platform.get(`/api/v1/enterprises?q=${encodeURIComponent(query)}`);
      assert.ok(found.json.items.some((e) => e.id === ids.created), `q=${query} finds the new enterprise`);
    }
    const e = await c.platform.get(`/api/v1/enterprises/${ids.created}`);
    assert.equal(e.res.status, 200, e.text);
    assert.equal(e.json.name, '焦作市鸿宇测绘有限公司');
    assert.equal(e.json.uscc, NEW_USCC);
    assert.equal(e.json.entityType, 'limited_liability');
    assert.equal(e.json.status, 'operating');
    assert.equal(e.json.legalRepresentative, '张伟明');
    assert.equal(e.json.registeredCapitalFen, 500_000_000);
    assert.equal(e.json.establishedOn, '2020-05-18');
    assert.equal(e.json.regionCode, '410871');
    assert.equal(e.json.industrySection, 'C');
    assert.equal(e.json.industryDivision, '35');
    assert.equal(e.json.parkName, '中原工业设计城');
    assert.equal(e.json.employees, 50);
    assert.equal(e.json.annualRevenueFen, 3_000_000_000);
    assert.equal(e.json.sizeClass, 'small');
    assert.deepEqual(e.json.formerNames, []);
    // Personal data masked for others than the enterprise and the operator.
    const gov = await c.govViewer.get(`/api/v1/enterprises/${ids.created}`);
    assert.equal(gov.json.legalRepresentative, '张*明');
    assert.equal(gov.json.contactMobile, '138****5678');
  });

  test('the refused registration row names the file\'s column (所属园区), so that the cell can be found', async () => {
    const q = await c.provider.get(`/api/v1/collect/batches/${batches.registration.id}/quarantine`);
    const [row] = q.json.items;
    assert.ok(row.problems.length >= 1);
    for (const p of row.problems) {
      if (p.column) assert.ok(p.column in row.cells, `problem column "${p.column}" is not a column of the file`);
    }
    assert.equal(row.problems[0].column, '所属园区');
  });

  test('the size class comes with its rule: {standard, industry, reason}', async () => {
    const e = await c.platform.get(`/api/v1/enterprises/${ids.created}`);
    assert.equal(e.json.sizeClass, 'small');
    assert.deepEqual(Object.keys(e.json.sizeRule).sort(), ['industry', 'reason', 'standard'], JSON.stringify(e.json.sizeRule));
    assert.match(e.json.sizeRule.standard, HAN);
    assert.match(e.json.sizeRule.industry, /工业/);
    assert.match(e.json.sizeRule.reason, HAN);
  });

  test('a renamed enterprise keeps its former name; the change is in its history', async () => {
    const r = await upload(api, creds.provider, { category: 'registration', fileName: '名称变更.csv' }, registrationCsv([
      { uscc: NEW_USCC, name: '焦作市鸿宇空间信息有限公司', parkName: '中原工业设计城' },
    ]));
    assert.equal(r.res.status, 201, r.text);
    const b = r.json.batch;
    assert.deepEqual([b.rowsTotal, b.rowsAccepted, b.rowsSuperseding, b.rowsQuarantined], [1, 1, 1, 0]);
    const e = await c.platform.get(`/api/v1/enterprises/${ids.created}`);
    assert.equal(e.json.name, '焦作市鸿宇空间信息有限公司');
    assert.equal(e.json.formerNames.length, 1);
    assert.equal(e.json.formerNames[0].name, '焦作市鸿宇测绘有限公司');
    batches.rename = b;
    const found = await c.platform.get(`/api/v1/enterprises?q=${encodeURIComponent('kongjianxinxi')}`);
    assert.ok(found.json.items.some((x) => x.id === ids.created));
    const h = await c.platform.get(`/api/v1/enterprises/${ids.created}/history`);
    const change = h.json.items.find((x) => x.field === 'name');
    assert.ok(change, h.text);
    assert.equal(change.category, 'registration');
    assert.equal(change.before, '焦作市鸿宇测绘有限公司');
    assert.equal(change.after, '焦作市鸿宇空间信息有限公司');
    assert.equal(change.batchId, b.id);
    // The same registration again changes nothing.
    const same = await upload(api, creds.provider, { category: 'registration', fileName: '名称变更-重发.csv' }, registrationCsv([
      { uscc: NEW_USCC, name: '焦作市鸿宇空间信息有限公司', parkName: '中原工业设计城', contactName: '李晓红' },
    ]) + '\r\n');
    assert.equal(same.res.status, 201, same.text);
    assert.deepEqual([same.json.batch.rowsAccepted, same.json.batch.rowsUnchanged], [0, 1]);
    const again = await c.platform.get(`/api/v1/enterprises/${ids.created}`);
    assert.equal(again.json.formerNames.length, 1);
    // The old name was in use until the change arrived — not merely until the founding date.
    const { until } = again.json.formerNames[0];
    assert.ok(until >= batches.registration.receivedAt.slice(0, 10) && until <= batches.rename.receivedAt.slice(0, 10),
      `former name "until" ${until}, yet the name was registered as current on ${batches.registration.receivedAt}`);
  });

  test('personal data in registration facts and history is masked for everyone but the enterprise and the operator', async () => {
    const r = await upload(api, creds.provider, { category: 'registration', fileName: '法定代表人变更.csv' }, registrationCsv([
      { uscc: NEW_USCC, name: '焦作市鸿宇空间信息有限公司', parkName: '中原工业设计城', legalRepresentative: '欧阳娜娜',
        contactName: '李晓红', contactMobile: '13912345678' },
    ]));
    assert.equal(r.res.status, 201, r.text);
    const paths = [`/api/v1/enterprises/${ids.created}/facts?category=registration`, `/api/v1/enterprises/${ids.created}/history`];
    const [facts, history] = await Promise.all(paths.map((p) => c.govViewer.get(p)));
    const values = facts.json.categories[0].facts[0].values;
    assert.equal(values.legalRepresentative, '欧**娜');
    assert.equal(values.contactName, '李*红');
    assert.equal(values.contactMobile, '139****5678');
    const legal = history.json.items.find((x) => x.field === 'legalRepresentative');
    assert.ok(legal, history.text);
    assert.equal(legal.after, '欧**娜');
    assert.ok(!history.text.includes('欧阳娜娜') && !history.text.includes('13912345678'), history.text);
    // The operator sees them whole.
    const whole = await c.platform.get(paths[0]);
    assert.equal(whole.json.categories[0].facts[0].values.legalRepresentative, '欧阳娜娜');
    assert.equal(whole.json.categories[0].facts[0].values.contactMobile, '13912345678');
  });

  test('a tax row for the newly registered enterprise is now accepted', async () => {
    const r = await upload(api, creds.taxProvider, { category: 'tax', fileName: '补报.csv' },
      csv([['统一社会信用代码', '所属期', '纳税额'], [NEW_USCC, '2025-10', '8000']]));
    assert.equal(r.res.status, 201, r.text);
    assert.deepEqual([r.json.batch.rowsAccepted, r.json.batch.rowsQuarantined], [1, 0]);
    assert.equal(r.json.batch.encoding.startsWith('UTF-8'), true);
  });

  test('scope: a provider sees its own batches only; enterprises and banks see none', async () => {
    // The operator submits for the social insurance bureau.
    const hrss = orgIds[HRSS];
    const file = csv([
      ['统一社会信用代码', '单位名称', '费款所属期', '参保人数', '欠费金额'],
      [TIANBAO_USCC, ORG.tianbao, '2025-01', '460', '0'],
      [TIANBAO_USCC, ORG.tianbao, '2025-02', '461', '0'],
      [TIANBAO_USCC, ORG.tianbao, '2025-04', '462', '1200.50'],
      [TIANBAO_USCC, ORG.tianbao, THIS_MONTH, '470', ''],
    ]);
    const r = await upload(api, creds.platform, { category: 'social_insurance', fileName: '社保.csv', provider: hrss }, file);
    assert.equal(r.res.status, 201, r.text);
    batches.hrss = r.json.batch;
    assert.equal(batches.hrss.providerId, hrss);
    assert.equal(batches.hrss.providerName, HRSS);
    assert.equal(batches.hrss.submittedBy, DEMO_USERS.platform);
    assert.equal(batches.hrss.rowsAccepted, 4);

    // Each provider (by session or token): its own batches, never the bureau's.
    for (const [cred, org, atLeast] of [[creds.provider, MARKET, 4], [creds.taxProvider, TAX, 7], [token, TAX, 7]]) {
      const client = as(api, cred);
      const list = await client.get('/api/v1/collect/batches?pageSize=100');
      assert.equal(list.res.status, 200, list.text);
      assert.ok(list.json.items.length >= atLeast, `${org}: ${list.json.items.length}`);
      assert.ok(list.json.items.every((x) => x.providerId === orgIds[org]), 'only its own batches');
      assert.equal(list.json.total, list.json.items.length);
      assert.ok(list.json.items.every((x, i, a) => i === 0 || a[i - 1].id > x.id), 'newest first');
      for (const path of ['', '/quarantine', '/quarantine.xlsx']) {
        const other = await client.get(`/api/v1/collect/batches/${batches.hrss.id}${path}`);
        assert.equal(other.res.status, 404, `${path}: ${other.text}`);
      }
      const filtered = await client.get(`/api/v1/collect/batches?provider=${hrss}`);
      assert.equal(filtered.json.total, 0);
    }
    // Government and the operator see all; the filters work.
    const gov = await c.govViewer.get('/api/v1/collect/batches?pageSize=100');
    assert.equal(gov.json.total, Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM collect_batches')[0][0]));
    assert.ok(gov.json.items.some((x) => x.id === batches.hrss.id));
    const byProvider = await c.govViewer.get(`/api/v1/collect/batches?provider=${hrss}`);
    assert.deepEqual(byProvider.json.items.map((x) => x.id), [batches.hrss.id]);
    const byCategory = await c.platform.get('/api/v1/collect/batches?category=registration&pageSize=100');
    assert.ok(byCategory.json.items.length >= 3 && byCategory.json.items.every((x) => x.category === 'registration'));
    const weather = assertProblem(await c.platform.get('/api/v1/collect/batches?category=weather'),
      { status: 400, code: 'invalid_query_parameter' });
    assert.ok(weather.errors.some((e) => e.field === 'category'), JSON.stringify(weather));
    // A government body reads the quarantined rows of its region's enterprises only (the tax
    // batch: one row names a zone enterprise; a broken code and an unregistered one name nobody's).
    const govQ = await c.govViewer.get(`/api/v1/collect/batches/${batches.tax.id}/quarantine`);
    assert.equal(govQ.json.total, 1, govQ.text);
    assert.equal(govQ.json.outsideScope, 2);
    assert.equal((await c.taxProvider.get(`/api/v1/collect/batches/${batches.tax.id}/quarantine`)).json.total, 3);
    // Enterprise and bank users have no business with batches.
    for (const role of ['entStaff', 'bankOfficer']) {
      for (const path of ['/api/v1/collect/batches', `/api/v1/collect/batches/${batches.tax.id}`, '/api/v1/collect/timeliness']) {
        assertProblem(await c[role].get(path), { status: 403, code: 'forbidden' });
      }
    }
    // A batch that does not exist.
    assertProblem(await c.platform.get('/api/v1/collect/batches/999999'), { status: 404, code: 'not_found' });
  });

  test('quarantine: another region\'s rows are not shown to a government body; personal data is masked but for the provider', async () => {
    const [outsideUscc, outsideName] = sql(server.dbUrl, "SELECT uscc, name FROM enterprises WHERE region_code = '410802' ORDER BY id LIMIT 1")[0];
    const header = ['统一社会信用代码', '企业名称', '企业类型', '登记状态', '法定代表人', '注册资本（万元）', '成立日期', '住所',
      '行政区划代码', '行业代码', '联系人', '联系电话'];
    const broken = (uscc, name, region) => [uscc, name, '有限责任公司', '存续（在业）', '欧阳明远', '不是金额', '2015-04-01',
      '焦作市某路1号', region, 'C35', '司马晓东', '13912345678'];
    const r = await upload(api, creds.provider, { category: 'registration', fileName: '登记-隔离.csv' },
      csv([header, broken(TIANBAO_USCC, ORG.tianbao, '410871'), broken(outsideUscc, outsideName, '410802')]));
    assert.equal(r.res.status, 201, r.text);
    assert.equal(r.json.batch.rowsQuarantined, 2);
    const id = r.json.batch.id;
    // The provider that sent the rows reads them as sent: it has to correct them.
    const own = await c.provider.get(`/api/v1/collect/batches/${id}/quarantine`);
    assert.deepEqual(own.json.items.map((x) => [x.cells['法定代表人'], x.cells['联系电话']]),
      [['欧阳明远', '13912345678'], ['欧阳明远', '13912345678']]);
    // The zone's government body: its own enterprise's row, masked; the other region's row not at all.
    const gov = await c.govViewer.get(`/api/v1/collect/batches/${id}/quarantine`);
    assert.equal(gov.json.total, 1);
    assert.equal(gov.json.outsideScope, 1);
    const [row] = gov.json.items;
    assert.equal(row.cells['统一社会信用代码'], TIANBAO_USCC);
    assert.notEqual(row.cells['法定代表人'], '欧阳明远');
    assert.match(row.cells['法定代表人'], /\*/);
    assert.notEqual(row.cells['联系人'], '司马晓东');
    assert.equal(row.cells['联系电话'], '139****5678');
    const text = JSON.stringify(gov.json);
    for (const secret of ['欧阳明远', '司马晓东', '13912345678', outsideUscc]) assert.ok(!text.includes(secret), secret);
    // The same in the workbook.
    const { bytes } = await download(api, creds.govViewer, `/api/v1/collect/batches/${id}/quarantine.xlsx`);
    const rows = xlsxRows(bytes);
    assert.equal(rows.length, 2);
    const sheet = rows.flat().join('|');
    for (const secret of ['欧阳明远', '司马晓东', '13912345678', outsideUscc]) assert.ok(!sheet.includes(secret), secret);
    // The operator sees everything, in full.
    assert.equal((await c.platform.get(`/api/v1/collect/batches/${id}/quarantine`)).json.items[1].cells['法定代表人'], '欧阳明远');
  });

  test('timeliness: late facts, median delay and missing months per provider and category', async () => {
    const r = await c.govViewer.get('/api/v1/collect/timeliness?asOf=2025-08-15');
    assert.equal(r.res.status, 200, r.text);
    const rowOf = (json, provider, category) => json.items.find((x) => x.providerId === provider && x.category === category);
    const si = rowOf(r.json, orgIds[HRSS], 'social_insurance');
    assert.ok(si, r.text);
    assert.equal(si.providerName, HRSS);
    assert.equal(si.categoryName, '社保');
    assert.equal(si.frequency, 'monthly');
    assert.equal(si.facts, 4);
    assert.equal(si.late, 3, 'three months from 2025 arrived long after their 20 working days; this month is on time');
    assert.equal(si.lateShare, 0.75);
    assert.ok(si.medianDelayWorkdays > 20, `median ${si.medianDelayWorkdays}`);
    assert.equal(si.lastReceivedAt, batches.hrss.receivedAt);
    // 2025-01 … 2025-06 were due by 2025-08-15 (July's deadline is later); 03, 05 and 06 never came.
    assert.deepEqual(si.missingPeriods, ['2025-03', '2025-05', '2025-06']);

    const tax = rowOf(r.json, orgIds[TAX], 'tax');
    assert.ok(tax);
    const taxFacts = Number(sql(server.dbUrl, `SELECT COUNT(*) FROM facts WHERE category = 'tax' AND provider_id = ${orgIds[TAX]}`)[0][0]);
    assert.equal(tax.facts, taxFacts);
    assert.equal(tax.late, taxFacts - 1, 'all but 嵩阳\'s of this month (not yet due) are late');

    // The provider sees its own rows only.
    const own = await c.taxProvider.get('/api/v1/collect/timeliness?asOf=2025-08-15');
    assert.equal(own.res.status, 200);
    assert.ok(own.json.items.some((x) => x.category === 'tax'), own.text);
    assert.ok(own.json.items.every((x) => x.providerId === orgIds[TAX]));
    assert.ok(!own.json.items.some((x) => x.providerId === orgIds[HRSS]), 'not the social insurance bureau\'s');
    // Default asOf is today; a bad one is refused.
    const today = await c.platform.get('/api/v1/collect/timeliness');
    assert.equal(today.res.status, 200);
    assert.ok(rowOf(today.json, orgIds[HRSS], 'social_insurance'));
    const bad = await c.platform.get('/api/v1/collect/timeliness?asOf=2025-02-30');
    const p = assertProblem(bad, { status: 400, code: 'invalid_query_parameter' });
    assert.ok(p.errors.some((e) => e.field === 'asOf'));
  });
});
