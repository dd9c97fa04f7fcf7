// The enterprise registry search (GET /api/v1/enterprises) and its export (…/export): the
// ways a user finds an enterprise (name, pinyin, initials, credit code, with full-width and
// padded input), the filters, sorting, paging, the data scope of each kind of caller, refused
// parameters, and the XLSX export with its permission, audit entry and formula neutralisation.
// Counts are checked against the database itself, so that a filter that drops or adds rows fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import {
  DEMO_USERS, ORG, allAudit, as, loginAll, organisationIds, shanghaiDate, sql, sqlText, xlsxRows, readZip,
} from './auth-helpers.mjs';
import {
  SONGYANG_USCC, TIANBAO_USCC, collectCounts, download, makeUscc, registrationCsv, upload,
} from './collect-helpers.mjs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXPORT_HEADER = ['统一社会信用代码', '企业名称', '所属区域', '行业门类', '行业大类', '企业规模', '登记状态', '成立日期',
  '注册资本（万元）', '所属园区', '住所'];

// Names a spreadsheet would take for formulas; registered through a registration batch.
const FORMULA_NAMES = [
  { uscc: makeUscc('91410871', 'MA9FRM01'), name: '=HYPERLINK("http://evil.example/x","点我")科技有限公司' },
  { uscc: makeUscc('91410871', 'MA9FRM02'), name: '@SUM(1+1)*cmd|\' /C calc\'!A0商贸有限公司' },
  { uscc: makeUscc('91410871', 'MA9FRM03'), name: '+86-391焦作测试有限公司' },
];
// A name with Latin capitals in it.
const LATIN = { uscc: makeUscc('91410871', 'MA9ABC01'), name: '焦作ABC智能科技有限公司' };

const byteOrder = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('registry: search and export', () => {
  let server;
  let api;
  let c; // role → client
  let orgIds;

  const count = (where) => Number(sql(server.dbUrl, `SELECT COUNT(*) FROM enterprises WHERE ${where}`)[0][0]);
  const search = (client, query) => client.get(`/api/v1/enterprises${query ? `?${query}` : ''}`);
  async function all(client, query) {
    const items = [];
    for (let page = 1; ; page++) {
      const r = await search(client, `${query ? `${query}&` : ''}pageSize=100&page=${page}`);
      assert.equal(r.res.status, 200, r.text);
      items.push(...r.json.items);
      if (r.json.items.length < 100) return { items, total: r.json.total };
    }
  }

  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['entStaff', 'bankOfficer', 'govViewer', 'govOfficer', 'govAdmin', 'provider', 'platform']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    orgIds = await organisationIds(c.platform);
    // The market regulator registers three enterprises whose names look like formulas.
    const r = await upload(api, creds.provider, { category: 'registration', fileName: '公式名称.csv' },
      registrationCsv([...FORMULA_NAMES, LATIN]));
    assert.equal(r.res.status, 201, r.text);
    assert.equal(r.json.batch.rowsAccepted, FORMULA_NAMES.length + 1, r.text);
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('an item carries the documented fields', async () => {
    const r = await search(c.platform, `q=${TIANBAO_USCC}`);
    assert.equal(r.res.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json).sort(), ['items', 'page', 'pageSize', 'total']);
    assert.equal(r.json.total, 1);
    const item = r.json.items[0];
    assert.deepEqual(Object.keys(item).sort(), ['establishedOn', 'id', 'industryDivision', 'industryName', 'industrySection',
      'name', 'parkId', 'parkName', 'regionCode', 'regionName', 'registeredCapitalFen', 'sizeClass', 'status', 'uscc'].sort());
    assert.equal(item.uscc, TIANBAO_USCC);
    assert.equal(item.name, ORG.tianbao);
    assert.equal(item.regionCode, '410871');
    assert.match(item.regionName, /示范区/);
    assert.equal(item.industrySection, 'C');
    assert.equal(item.industryDivision, '35');
    assert.match(item.industryName, /专用设备制造业/);
    assert.equal(item.sizeClass, 'medium');
    assert.equal(item.status, 'operating');
    assert.equal(item.establishedOn, '2009-03-16');
    assert.equal(item.registeredCapitalFen, 2000000000);
    assert.equal(item.parkName, '中原工业设计城');
    assert.equal(item.parkId, orgIds['中原工业设计城']);
  });

  test('by name substring, pinyin and pinyin initials', async () => {
    for (const q of ['天宝', '天宝桓祥', '桓祥科技', 'tianbao', 'TianBao', 'tianbaohuanxiang', 'tbhx', 'TBHX', 'jzstbhx']) {
      const r = await search(c.platform, `q=${encodeURIComponent(q)}`);
      assert.equal(r.res.status, 200, r.text);
      assert.ok(r.json.items.some((e) => e.uscc === TIANBAO_USCC), `q=${q} finds ${ORG.tianbao}: ${r.text.slice(0, 300)}`);
      assert.equal(r.json.total, r.json.items.length, `q=${q}: one page`);
    }
    // A name substring finds exactly the names containing it.
    // Parts of a name typed apart or behind the place the firm is registered in, in order.
    for (const q of ['焦作天宝', '焦作 天宝', '焦作市 桓祥', '河南焦作天宝', '天宝 有限公司']) {
      const r = await search(c.platform, `q=${encodeURIComponent(q)}`);
      assert.equal(r.res.status, 200, r.text);
      assert.ok(r.json.items.some((e) => e.uscc === TIANBAO_USCC), `q=${q} finds ${ORG.tianbao}: ${r.text.slice(0, 300)}`);
    }
    for (const q of ['天宝焦作', '沁阳天宝', '有限公司 天宝']) {
      const r = await search(c.platform, `q=${encodeURIComponent(q)}`);
      assert.ok(!r.json.items.some((e) => e.uscc === TIANBAO_USCC), `q=${q} (parts out of order, or another place) does not find ${ORG.tianbao}`);
    }
    const sub = await all(c.platform, `q=${encodeURIComponent('机械制造')}`);
    assert.equal(sub.total, count(`name LIKE ${sqlText('%机械制造%')}`));
    assert.ok(sub.total >= 2);
    assert.ok(sub.items.every((e) => e.name.includes('机械制造')), 'every hit contains the substring');
    // Something no enterprise is called.
    const none = await search(c.platform, `q=${encodeURIComponent('不存在的企业名称')}`);
    assert.equal(none.json.total, 0);
    assert.deepEqual(none.json.items, []);
  });

  test('one character is enough; LIKE wildcards in the query are literal', async () => {
    const one = await all(c.platform, `q=${encodeURIComponent('嵩')}`);
    assert.ok(one.items.some((e) => e.uscc === SONGYANG_USCC));
    assert.equal(one.total, count(`name LIKE ${sqlText('%嵩%')}`));
    for (const q of ['%', '_', '%%', '\\', '天%宝', 'tian_ao']) {
      const r = await search(c.platform, `q=${encodeURIComponent(q)}`);
      assert.equal(r.res.status, 200, r.text);
      assert.equal(r.json.total, 0, `q=${q} is not a wildcard`);
    }
  });

  test('a name with Latin letters: found by the name as written, in any case, with the Chinese around it', async () => {
    for (const q of ['ABC', 'abc', 'ＡＢＣ', 'ABC智能', '焦作ABC', 'abc智能', 'jiaozuoabc', 'jzabc']) {
      const r = await search(c.platform, `q=${encodeURIComponent(q)}`);
      assert.equal(r.res.status, 200, r.text);
      assert.ok(r.json.items.some((e) => e.uscc === LATIN.uscc), `q=${q} finds ${LATIN.name}`);
    }
  });

  test('by full credit code (any case) and by a code prefix', async () => {
    for (const q of [TIANBAO_USCC, TIANBAO_USCC.toLowerCase()]) {
      const r = await search(c.platform, `q=${q}`);
      assert.equal(r.json.total, 1, `q=${q}`);
      assert.equal(r.json.items[0].uscc, TIANBAO_USCC);
    }
    const prefix = '91410800MA';
    const r = await all(c.platform, `q=${prefix}`);
    assert.equal(r.total, count(`uscc LIKE ${sqlText(`${prefix}%`)}`));
    assert.ok(r.total >= 2);
    assert.ok(r.items.every((e) => e.uscc.startsWith(prefix)), 'every hit starts with the prefix');
    assert.ok(r.items.some((e) => e.uscc === SONGYANG_USCC));
    // A code with one character wrong finds nothing.
    const wrong = await search(c.platform, `q=${TIANBAO_USCC.slice(0, 17)}X`);
    assert.equal(wrong.json.total, 0);
  });

  test('full-width characters and spaces in the query are normalised', async () => {
    const fw = '９１４１０８００１７１９７１６６１Ｕ';
    for (const q of [fw, `  ${TIANBAO_USCC}  `, '　ｔｉａｎｂａｏ　', ' tian bao ', '天宝 桓祥', 'Ｔ Ｂ Ｈ Ｘ', '9141 0800 1719 7166 1U']) {
      const r = await search(c.platform, `q=${encodeURIComponent(q)}`);
      assert.equal(r.res.status, 200, r.text);
      assert.ok(r.json.items.some((e) => e.uscc === TIANBAO_USCC), `q=${JSON.stringify(q)} finds ${ORG.tianbao}`);
    }
  });

  test('filters: region (code and prefix), industry section and division, size, status, park', async () => {
    const cases = [
      ['region=410871', "region_code LIKE '410871%'", (e) => e.regionCode === '410871'],
      ['region=4108', "region_code LIKE '4108%'", (e) => e.regionCode.startsWith('4108')],
      ['region=410802', "region_code = '410802'", (e) => e.regionCode === '410802'],
      ['industry=C', "industry_section = 'C'", (e) => e.industrySection === 'C'],
      ['industry=35', "industry_division = '35'", (e) => e.industryDivision === '35'],
      ['industry=G', "industry_section = 'G'", (e) => e.industrySection === 'G'],
      ['size=micro', "size_class = 'micro'", (e) => e.sizeClass === 'micro'],
      ['size=large', "size_class = 'large'", (e) => e.sizeClass === 'large'],
      ['status=revoked', "status = 'revoked'", (e) => e.status === 'revoked'],
      ['status=cancelled', "status = 'cancelled'", (e) => e.status === 'cancelled'],
      [`park=${orgIds['中原工业设计城']}`, `park_id = ${orgIds['中原工业设计城']}`, (e) => e.parkName === '中原工业设计城'],
      ['region=410871&industry=C&size=small', "region_code LIKE '410871%' AND industry_section = 'C' AND size_class = 'small'",
        (e) => e.regionCode === '410871' && e.industrySection === 'C' && e.sizeClass === 'small'],
    ];
    for (const [query, where, holds] of cases) {
      const r = await all(c.platform, query);
      const expected = count(where);
      assert.ok(expected > 0, `the demo data has enterprises for ${query}`);
      assert.equal(r.total, expected, `${query}: total`);
      assert.equal(r.items.length, expected, `${query}: items`);
      assert.ok(r.items.every(holds), `${query}: every item matches`);
    }
    // Filters combine with the query.
    const both = await all(c.platform, `q=${encodeURIComponent('科技')}&industry=C`);
    assert.equal(both.total, count("name LIKE '%科技%' AND industry_section = 'C'"));
  });

  test('sort and order', async () => {
    const check = async (query, key, cmp) => {
      const { items } = await all(c.platform, `region=410871&${query}`);
      assert.ok(items.length > 10);
      for (let i = 1; i < items.length; i++) {
        const a = key(items[i - 1]);
        const b = key(items[i]);
        if (a === null || b === null) continue;
        assert.ok(cmp(a, b) <= 0, `${query}: ${JSON.stringify(a)} before ${JSON.stringify(b)}`);
      }
      return items;
    };
    const byName = await check('', (e) => e.name, byteOrder);
    await check('sort=name&order=asc', (e) => e.name, byteOrder);
    const desc = await check('sort=name&order=desc', (e) => e.name, (a, b) => byteOrder(b, a));
    assert.deepEqual(desc.map((e) => e.id), byName.map((e) => e.id).reverse());
    await check('sort=establishedOn', (e) => e.establishedOn, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const newest = await check('sort=establishedOn&order=desc', (e) => e.establishedOn, (a, b) => (a > b ? -1 : a < b ? 1 : 0));
    assert.equal(newest[0].establishedOn, sql(server.dbUrl,
      "SELECT MAX(established_on) FROM enterprises WHERE region_code LIKE '410871%'")[0][0]);
    await check('sort=registeredCapital&order=asc', (e) => e.registeredCapitalFen, (a, b) => a - b);
    const richest = await check('sort=registeredCapital&order=desc', (e) => e.registeredCapitalFen, (a, b) => b - a);
    assert.equal(richest[0].registeredCapitalFen, Number(sql(server.dbUrl,
      "SELECT MAX(registered_capital_fen) FROM enterprises WHERE region_code LIKE '410871%'")[0][0]));
    await check('sort=updatedAt&order=desc', () => null, () => 0);
  });

  test('pagination: pages partition the result; total is the same on every page', async () => {
    const expected = count("region_code LIKE '410871%'");
    const seen = [];
    const pageSize = 9;
    const pages = Math.ceil(expected / pageSize);
    for (let page = 1; page <= pages + 1; page++) {
      const r = await search(c.platform, `region=410871&pageSize=${pageSize}&page=${page}`);
      assert.equal(r.res.status, 200, r.text);
      assert.equal(r.json.total, expected);
      assert.equal(r.json.page, page);
      assert.equal(r.json.pageSize, pageSize);
      const want = page < pages ? pageSize : page === pages ? expected - pageSize * (pages - 1) : 0;
      assert.equal(r.json.items.length, want, `page ${page}`);
      seen.push(...r.json.items.map((e) => e.id));
    }
    assert.equal(seen.length, expected);
    assert.equal(new Set(seen).size, expected, 'no enterprise on two pages');
    const dflt = await search(c.platform, 'region=410871');
    assert.equal(dflt.json.page, 1);
    assert.equal(dflt.json.pageSize, 20);
    assert.equal(dflt.json.items.length, Math.min(20, expected));
    const tooBig = await search(c.platform, 'pageSize=101');
    assert.ok([400, 422].includes(tooBig.res.status), tooBig.text);
    assert.ok(tooBig.json.errors.some((e) => e.field === 'pageSize'));
  });

  test('scope: an enterprise sees itself, government its region, the operator all, banks and providers nothing', async () => {
    const own = await all(c.entStaff, '');
    assert.equal(own.total, 1);
    assert.deepEqual(own.items.map((e) => e.uscc), [TIANBAO_USCC]);
    const other = await search(c.entStaff, `q=${SONGYANG_USCC}`);
    assert.equal(other.res.status, 200);
    assert.equal(other.json.total, 0);

    const region = await all(c.govViewer, '');
    assert.equal(region.total, count("region_code LIKE '410871%'"));
    assert.ok(region.items.every((e) => e.regionCode.startsWith('410871')));
    assert.ok(region.total < count('1 = 1'), 'the demo data has enterprises outside the zone');
    // A filter cannot widen the scope.
    const outside = await search(c.govViewer, 'region=410802');
    assert.equal(outside.json.total, 0);

    const everything = await search(c.platform, '');
    assert.equal(everything.json.total, count('1 = 1'));

    for (const role of ['bankOfficer', 'provider']) {
      const r = await search(c[role], `q=${TIANBAO_USCC}`);
      assert.equal(r.res.status, 200, `${role}: ${r.text}`);
      assert.equal(r.json.total, 0, role);
      assert.deepEqual(r.json.items, [], role);
      const plain = await search(c[role], '');
      assert.equal(plain.json.total, 0, role);
    }
  });

  test('bad parameters: 400 invalid_query_parameter naming the parameter', async () => {
    const cases = [
      ['size=huge', 'size'], ['sort=evil', 'sort'], ['region=abc', 'region'], ['industry=ZZ', 'industry'],
      ['status=closed', 'status'], ['order=sideways', 'order'], ['park=abc', 'park'], ['region=4108711', 'region'],
      ['industry=99', 'industry'], [`q=${'x'.repeat(201)}`, 'q'],
    ];
    for (const [query, field] of cases) {
      const r = await search(c.platform, query);
      const p = assertProblem(r, { status: 400, code: 'invalid_query_parameter' });
      assert.ok(p.errors.some((e) => e.field === field), `${query}: errors name ${field}: ${r.text}`);
    }
    // Several at once: each named.
    const many = await search(c.platform, 'size=huge&sort=evil&industry=ZZ');
    assert.equal(many.res.status, 400);
    assert.equal(many.json.code, 'invalid_query_parameter');
    assert.deepEqual(many.json.errors.map((e) => e.field).sort(), ['industry', 'size', 'sort']);
  });

  describe('export', () => {
    test('XLSX of the search, in the caller\'s scope, with a file name', async () => {
      const { res, bytes } = await download(api, c.govOfficer.cred, '/api/v1/enterprises/export?industry=C');
      assert.equal(res.status, 200, bytes.toString('utf8', 0, 300));
      assert.equal(res.headers.get('content-type'), XLSX_TYPE);
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      const disposition = res.headers.get('content-disposition');
      assert.match(disposition, /^attachment; filename="enterprises-\d{8}\.xlsx"; filename\*=UTF-8''[^;]+$/);
      assert.match(decodeURIComponent(disposition.split("UTF-8''")[1]), /^企业名录-\d{8}\.xlsx$/, 'named in Chinese');
      assert.ok(disposition.includes(shanghaiDate().replaceAll('-', '')) || disposition.includes(shanghaiDate(-1).replaceAll('-', '')));
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const rows = xlsxRows(bytes);
      assert.deepEqual(rows[0], EXPORT_HEADER);
      const expected = count("region_code LIKE '410871%' AND industry_section = 'C'");
      assert.equal(rows.length - 1, expected, 'one row per enterprise the government officer may see');
      const tianbao = rows.find((r) => r[0] === TIANBAO_USCC);
      assert.ok(tianbao, 'the export lists 天宝桓祥');
      assert.equal(tianbao[1], ORG.tianbao);
      assert.match(tianbao[3], /^C /);
      assert.match(tianbao[4], /^35 /);
      assert.equal(tianbao[7], '2009-03-16');
      assert.equal(Number(tianbao[8]), 2000);
      assert.equal(tianbao[9], '中原工业设计城');
      assert.ok(rows.slice(1).every((r) => r[3].startsWith('C ')), 'only section C');
      assert.ok(!rows.some((r) => r[0] === '91410802MA47793618'), 'nothing outside the zone (焦作恒安祥 is in 410802)');
    });

    test('only with enterprise.export: government viewer, enterprise, bank and provider get 403', async () => {
      for (const role of ['govViewer', 'entStaff', 'bankOfficer', 'provider']) {
        const r = await c[role].get('/api/v1/enterprises/export');
        assertProblem(r, { status: 403, code: 'forbidden' });
      }
      const anon = await api.call('/api/v1/enterprises/export');
      assert.equal(anon.res.status, 401);
      for (const role of ['govOfficer', 'govAdmin', 'platform']) {
        const r = await download(api, c[role].cred, '/api/v1/enterprises/export?q=tbhx');
        assert.equal(r.res.status, 200, role);
      }
    });

    test('the export is audited with its filter and row count', async () => {
      const before = (await allAudit(c.platform, 'action=enterprise.export')).total;
      const r = await download(api, c.govOfficer.cred, '/api/v1/enterprises/export?region=410871&size=small');
      assert.equal(r.res.status, 200);
      const rows = xlsxRows(r.bytes).length - 1;
      const { items, total } = await allAudit(c.platform, 'action=enterprise.export');
      assert.equal(total, before + 1);
      const entry = items[0];
      assert.equal(entry.username, DEMO_USERS.govOfficer);
      assert.equal(entry.outcome, 'success');
      assert.equal(entry.objectType, 'enterprise');
      const detail = JSON.parse(entry.detail);
      assert.deepEqual(detail.filter, { region: '410871', size: 'small' });
      assert.equal(detail.rows, rows);
      assert.equal(rows, count("region_code LIKE '410871%' AND size_class = 'small'"));
    });

    test('bad parameters are refused before anything is written', async () => {
      const before = (await allAudit(c.platform, 'action=enterprise.export')).total;
      const r = await c.govOfficer.get('/api/v1/enterprises/export?sort=evil');
      const p = assertProblem(r, { status: 400, code: 'invalid_query_parameter' });
      assert.ok(p.errors.some((e) => e.field === 'sort'));
      assert.equal((await allAudit(c.platform, 'action=enterprise.export')).total, before);
    });

    test('names that look like formulas are neutralised in the export and verbatim in JSON', async () => {
      for (const { uscc, name } of FORMULA_NAMES) {
        const found = await search(c.platform, `q=${uscc}`);
        assert.equal(found.json.total, 1);
        assert.equal(found.json.items[0].name, name, 'the API returns the name as registered');
      }
      const r = await download(api, c.platform.cred, '/api/v1/enterprises/export?q=91410871MA9FRM0');
      assert.equal(r.res.status, 200);
      const rows = xlsxRows(r.bytes);
      assert.equal(rows.length - 1, FORMULA_NAMES.length);
      for (const { uscc, name } of FORMULA_NAMES) {
        const row = rows.find((x) => x[0] === uscc);
        assert.ok(row, uscc);
        assert.ok(row[1].endsWith(name), `the name is kept: ${row[1]}`);
        assert.doesNotMatch(row[1], /^[=+\-@\t\r]/, `the cell does not start a formula: ${row[1]}`);
      }
      const sheet = Object.entries(readZip(r.bytes)).filter(([n]) => n.startsWith('xl/worksheets/'))
        .map(([, data]) => data.toString('utf8')).join('');
      assert.doesNotMatch(sheet, /<f[ >]/, 'no formula cell in the sheet');
    });
  });

  test('the registrations of the formula names were stored whole', () => {
    const counts = collectCounts(server.dbUrl);
    assert.equal(counts.batches, 1);
    assert.equal(counts.facts, FORMULA_NAMES.length + 1);
    assert.equal(counts.quarantine, 0);
  });
});
