// What providers really send: files in the wrong or mixed encodings, truncated workbooks, giant
// cells, absurdly wide headers, empty bodies, unusable headers, repeated rows, hostile file names
// and enterprise names, codes typed badly, bodies over the upload limit, and requests that may not
// submit at all. A file that cannot be read as a whole is refused with 422 and leaves nothing
// behind; a bad row is quarantined and the rest of the file is stored. Each refused request is
// followed by a check that no batch, fact, quarantined row or enterprise was added.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import { ORG, as, loginAll, organisationIds, sql } from './auth-helpers.mjs';
import {
  SONGYANG_USCC, TIANBAO_USCC, collectCounts, csv, fullWidth, gb18030, jsonl, makeUscc, reasonText, registrationCsv, upload,
  wrongCheck, xlsx,
} from './collect-helpers.mjs';

const TAX_HEADER = ['统一社会信用代码', '纳税人名称', '所属期', '纳税额'];

describe('collection: bad input', () => {
  let server;
  let api;
  let creds;
  let c;
  let orgIds;
  let period = 0;
  // A fresh tax period each time, so that no two files share content or facts by accident.
  const nextPeriod = () => {
    period += 1;
    return `${2000 + Math.floor(period / 12)}-${String((period % 12) + 1).padStart(2, '0')}`;
  };

  // Sends a request that must be refused and checks that nothing was stored.
  async function refused(send, { status, code, field, detail }) {
    const before = collectCounts(server.dbUrl);
    const r = await send();
    const p = assertProblem(r, { status, code });
    if (field) assert.ok(p.errors?.some((e) => e.field === field), `errors name ${field}: ${r.text}`);
    if (detail) assert.match(p.detail, detail);
    assert.deepEqual(collectCounts(server.dbUrl), before, 'nothing was stored');
    return p;
  }

  const tax = (query, body, cred = creds.taxProvider) => upload(api, cred, { category: 'tax', ...query }, body);
  const quarantine = async (batchId) => {
    // The operator reads every provider's quarantine in full, as the submitting provider does.
    const r = await c.platform.get(`/api/v1/collect/batches/${batchId}/quarantine?pageSize=100`);
    assert.equal(r.res.status, 200, r.text);
    return r.json.items;
  };

  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
    creds = await loginAll(api, ['bankManager', 'provider', 'taxProvider', 'platform']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    orgIds = await organisationIds(c.platform);
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('GB18030 bytes declared UTF-8: the rows with Chinese are quarantined for their encoding, not stored garbled', async () => {
    const names = ['焦作市乱码测试有限公司', '焦作市编码检查有限公司'];
    const rows = [
      { uscc: makeUscc('91410871', 'MA9ENC01'), name: names[0] },
      { uscc: makeUscc('91410871', 'MA9ENC02'), name: 'Jiaozuo Plain Ascii Co Ltd' },
      { uscc: makeUscc('91410871', 'MA9ENC03'), name: names[1] },
    ];
    // ASCII field keys as the header, so that the header itself reads fine as UTF-8.
    const header = ['uscc', 'name', 'entityType', 'status', 'legalRepresentative', 'registeredCapital', 'establishedOn', 'address',
      'regionCode', 'industryCode'];
    const text = csv([header, ...rows.map((r) => [r.uscc, r.name, 'limited_liability', 'operating', '王建国', '100', '2021-03-04',
      '焦作市示范区世纪路1号', '410871', 'C3562'])]);
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, creds.provider, { category: 'registration', fileName: 'gbk.csv', encoding: 'utf-8' }, gb18030(text));
    assert.equal(r.res.status, 201, r.text);
    assert.equal(r.json.batch.encoding, 'UTF-8');
    assert.deepEqual([r.json.batch.rowsTotal, r.json.batch.rowsAccepted, r.json.batch.rowsQuarantined], [3, 0, 3],
      'every row has Chinese in it (legal representative, address)');
    const q = await quarantine(r.json.batch.id);
    assert.deepEqual(q.map((x) => x.rowNumber), [2, 3, 4]);
    for (const item of q) assert.match(item.problems.map(reasonText).join(' '), /UTF-8/);
    for (const item of q) assert.match(item.problems.map(reasonText).join(' '), /编码/);
    assert.equal(collectCounts(server.dbUrl).enterprises, before.enterprises, 'no enterprise with a garbled name');
    assert.equal(Number(sql(server.dbUrl, "SELECT COUNT(*) FROM enterprises WHERE name LIKE '%\uFFFD%'")[0][0]), 0);

    // The file declared as what it is (one more line break: the very same bytes would be taken
    // for a repeat of the refused submission): stored, names intact.
    const ok = await upload(api, creds.provider, { category: 'registration', fileName: 'gbk.csv', encoding: 'gb18030' },
      gb18030(`${text}\r\n`));
    assert.equal(ok.res.status, 201, ok.text);
    assert.equal(ok.json.batch.encoding, 'GB18030');
    assert.equal(ok.json.batch.rowsAccepted, 3);
    const stored = sql(server.dbUrl, `SELECT name FROM enterprises WHERE uscc = '${rows[0].uscc}'`);
    assert.deepEqual(stored, [[names[0]]]);
  });

  test('mixed encodings: the rows in the minority encoding are quarantined, the rest stored', async () => {
    // Mostly UTF-8, one row GB18030.
    const p1 = nextPeriod();
    const p2 = nextPeriod();
    const utf8Part = Buffer.from(csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, p1, '100'], [SONGYANG_USCC, ORG.songyang, p1, '200']]), 'utf8');
    const gbRow = gb18030(csv([[TIANBAO_USCC, ORG.tianbao, p2, '300']]));
    const r = await tax({ fileName: 'mixed-utf8.csv' }, Buffer.concat([utf8Part, gbRow]));
    assert.equal(r.res.status, 201, r.text);
    assert.deepEqual([r.json.batch.rowsTotal, r.json.batch.rowsAccepted, r.json.batch.rowsQuarantined], [3, 2, 1]);
    const [bad] = await quarantine(r.json.batch.id);
    assert.equal(bad.rowNumber, 4);
    assert.match(bad.problems.map(reasonText).join(' '), /UTF-8/);

    // Mostly GB18030, one row UTF-8.
    const p3 = nextPeriod();
    const gbPart = gb18030(csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, p3, '100'], [SONGYANG_USCC, ORG.songyang, p3, '200'],
      [SONGYANG_USCC, ORG.songyang, nextPeriod(), '250']]));
    const utf8Row = Buffer.from(csv([[TIANBAO_USCC, ORG.tianbao, nextPeriod(), '300']]), 'utf8');
    const r2 = await tax({ fileName: 'mixed-gb.csv' }, Buffer.concat([gbPart, utf8Row]));
    assert.equal(r2.res.status, 201, r2.text);
    assert.equal(r2.json.batch.encoding, 'GB18030');
    assert.deepEqual([r2.json.batch.rowsTotal, r2.json.batch.rowsAccepted, r2.json.batch.rowsQuarantined], [4, 3, 1]);
    const [bad2] = await quarantine(r2.json.batch.id);
    assert.equal(bad2.rowNumber, 5);
    assert.match(bad2.problems.map(reasonText).join(' '), /UTF-8|编码/);
  });

  test('a truncated XLSX: 422, nothing stored', async () => {
    const book = xlsx([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '100']]);
    for (const cut of [Math.floor(book.length / 2), book.length - 10, 40]) {
      await refused(() => tax({ fileName: 'cut.xlsx' }, book.subarray(0, cut)), { status: 422, detail: /XLSX|zip|损坏|不完整/ });
    }
    // The whole workbook is fine.
    const ok = await tax({ fileName: 'whole.xlsx' }, book);
    assert.equal(ok.res.status, 201, ok.text);
    assert.equal(ok.json.batch.rowsAccepted, 1);
  });

  test('content that is not the declared format: 422, nothing stored', async () => {
    const text = csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '100']]);
    await refused(() => tax({ fileName: 'really-csv.xlsx' }, text), { status: 422 });
    const book = xlsx([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '100']]);
    await refused(() => tax({ fileName: 'really-xlsx.csv' }, book), { status: 422, detail: /XLSX/ });
    await refused(() => tax({ fileName: 'legacy.xls', format: 'csv' },
      Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(512)])), { status: 422, detail: /xls/i });
  });

  test('a 10 MB cell: that row is quarantined, the other rows are stored', async () => {
    const pa = nextPeriod();
    const pb = nextPeriod();
    const huge = '长'.repeat(Math.ceil((10 * 1024 * 1024) / 3));
    const body = Buffer.from(csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, pa, '100'], [SONGYANG_USCC, huge, pa, '200'],
      [SONGYANG_USCC, ORG.songyang, pb, '300']]), 'utf8');
    assert.ok(body.length > 10 * 1024 * 1024);
    const r = await tax({ fileName: 'huge-cell.csv' }, body);
    assert.equal(r.res.status, 201, r.text.slice(0, 300));
    assert.deepEqual([r.json.batch.rowsTotal, r.json.batch.rowsAccepted, r.json.batch.rowsQuarantined], [3, 2, 1]);
    const [q] = await quarantine(r.json.batch.id);
    assert.equal(q.rowNumber, 3);
    assert.match(q.problems.map(reasonText).join(' '), /上限/);
    assert.ok(Buffer.byteLength(q.cells['纳税人名称'], 'utf8') < 1024, 'the quarantine keeps the cell truncated');
  });

  test('5,000 columns: 422 naming the limit, nothing stored', async () => {
    const header = ['统一社会信用代码', '所属期', '纳税额', ...Array.from({ length: 4997 }, (_, i) => `附加列${i + 1}`)];
    const row = [TIANBAO_USCC, nextPeriod(), '100', ...Array.from({ length: 4997 }, () => 'x')];
    const p = await refused(() => tax({ fileName: 'wide.csv' }, csv([header, row])), { status: 422, detail: /5000/ });
    assert.match(p.detail, /512/, `the limit is named: ${p.detail}`);
  });

  test('an empty body: 422 naming the body, nothing stored', async () => {
    await refused(() => tax({ fileName: 'empty.csv' }, ''), { status: 422, field: 'body' });
    await refused(() => tax({ fileName: 'empty.csv' }, undefined), { status: 422, field: 'body' });
    await refused(() => tax({ fileName: 'blank.csv' }, '\r\n\r\n  \r\n'), { status: 422 });
    await refused(() => tax({ fileName: 'empty.xlsx' }, ''), { status: 422 });
    await refused(() => tax({ fileName: 'empty.jsonl' }, '\n\n'), { status: 422 });
  });

  test('a header with no known column: 422 saying so, nothing stored', async () => {
    const p = await refused(() => tax({ fileName: 'unknown-header.csv' }, csv([['甲', '乙', '丙'], ['1', '2', '3']])), { status: 422 });
    assert.match(p.detail, /可识别|表头/);
  });

  test('missing required columns: 422 naming them, nothing stored', async () => {
    const p = await refused(() => tax({ fileName: 'no-amount.csv' }, csv([['统一社会信用代码', '所属期'], [TIANBAO_USCC, nextPeriod()]])),
      { status: 422 });
    assert.match(p.detail, /纳税额/);
  });

  test('a header-only file: 422, nothing stored', async () => {
    await refused(() => tax({ fileName: 'header-only.csv' }, csv([TAX_HEADER])), { status: 422, detail: /没有数据行|只有表头/ });
    await refused(() => tax({ fileName: 'header-only.xlsx' }, xlsx([TAX_HEADER])), { status: 422 });
    await refused(() => tax({ fileName: 'header-only.csv' }, `${TAX_HEADER.join(',')}\r\n,,,\r\n`), { status: 422 });
  });

  test('duplicate rows inside a batch: the repeats are quarantined naming the first row', async () => {
    const p = nextPeriod();
    const r = await tax({ fileName: 'dupes.csv' }, csv([TAX_HEADER,
      [TIANBAO_USCC, ORG.tianbao, p, '100'],
      [SONGYANG_USCC, ORG.songyang, p, '200'],
      [TIANBAO_USCC, ORG.tianbao, p, '100'],
      [fullWidth(TIANBAO_USCC), ORG.tianbao, p.replace('-', '年') + '月', '100.00'],
      [SONGYANG_USCC, ORG.songyang, p, '999'],
    ]));
    assert.equal(r.res.status, 201, r.text);
    assert.deepEqual([r.json.batch.rowsTotal, r.json.batch.rowsAccepted, r.json.batch.rowsQuarantined], [5, 2, 3]);
    const q = await quarantine(r.json.batch.id);
    assert.deepEqual(q.map((x) => x.rowNumber), [4, 5, 6]);
    assert.match(reasonText(q[0].problems[0]), /第\s*2\s*行/);
    assert.match(reasonText(q[1].problems[0]), /第\s*2\s*行/, 'the same values written differently are still a repeat');
    assert.match(reasonText(q[2].problems[0]), /第\s*3\s*行/);
    assert.match(reasonText(q[2].problems[0]), /不同/, 'same enterprise and period with another amount');
    const [[amount]] = sql(server.dbUrl, `SELECT vals FROM facts WHERE batch_id = ${r.json.batch.id} AND fact_key = '${p}' `
      + `AND enterprise_id = (SELECT id FROM enterprises WHERE uscc = '${SONGYANG_USCC}')`);
    assert.equal(JSON.parse(amount).taxPaid, 20_000, 'the first row stands');
  });

  test('the same file sent twice at once: one batch, the other answer is the duplicate', async () => {
    const body = csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '100'], [SONGYANG_USCC, ORG.songyang, nextPeriod(), '200']]);
    const before = collectCounts(server.dbUrl);
    const answers = await Promise.all([1, 2, 3].map((i) => tax({ fileName: `twice-${i}.csv` }, body)));
    assert.deepEqual(answers.map((a) => a.res.status).sort(), [200, 200, 201], answers.map((a) => a.text).join('\n'));
    assert.equal(new Set(answers.map((a) => a.json.batch.id)).size, 1, 'all three name the same batch');
    assert.ok(answers.filter((a) => a.res.status === 200).every((a) => a.json.duplicate === true));
    const after = collectCounts(server.dbUrl);
    assert.equal(after.batches, before.batches + 1);
    assert.equal(after.facts, before.facts + 2);
  });

  test('a path in fileName is reduced to its last part', async () => {
    for (const [fileName, stored] of [['../../etc/passwd.csv', 'passwd.csv'], ['..\\..\\Windows\\win.csv', 'win.csv'],
      ['/var/lib/jinfu/../税务.csv', '税务.csv']]) {
      const r = await tax({ fileName }, csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '100']]));
      assert.equal(r.res.status, 201, r.text);
      assert.equal(r.json.batch.fileName, stored);
      assert.equal(sql(server.dbUrl, `SELECT file_name FROM collect_batches WHERE id = ${r.json.batch.id}`)[0][0], stored);
    }
  });

  test('<script> in an enterprise name is stored verbatim and returned as JSON text', async () => {
    const uscc = makeUscc('91410871', 'MA9XTT01');
    const name = '<script>alert(1)</script>焦作&"测试"有限公司';
    const r = await upload(api, creds.provider, { category: 'registration', fileName: 'xss.csv' }, registrationCsv([{ uscc, name }]));
    assert.equal(r.res.status, 201, r.text);
    assert.equal(r.json.batch.rowsAccepted, 1, r.text);
    assert.deepEqual(sql(server.dbUrl, `SELECT name FROM enterprises WHERE uscc = '${uscc}'`), [[name]]);
    const found = await c.platform.get(`/api/v1/enterprises?q=${uscc}`);
    assert.equal(found.res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(found.json.items[0].name, name);
    const one = await c.platform.get(`/api/v1/enterprises/${found.json.items[0].id}`);
    assert.equal(one.res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(one.json.name, name);
    assert.ok(one.text.includes('<script>') || one.text.includes('\\u003cscript'), 'JSON text, not HTML-escaped entities');
    assert.ok(!one.text.includes('&lt;'));
  });

  test('badly typed credit codes: the wrong ones quarantined with the position, the merely untidy ones accepted', async () => {
    const p = nextPeriod();
    const orgWrong = `${TIANBAO_USCC.slice(0, 16)}${TIANBAO_USCC[16] === '0' ? '1' : '0'}${TIANBAO_USCC[17]}`;
    const r = await tax({ fileName: 'codes.csv' }, csv([TAX_HEADER,
      /* 2 */ [wrongCheck(TIANBAO_USCC), ORG.tianbao, p, '1'],
      /* 3 */ [orgWrong, ORG.tianbao, p, '1'],
      /* 4 */ [TIANBAO_USCC.slice(0, 17), ORG.tianbao, p, '1'],
      /* 5 */ ['', ORG.tianbao, p, '1'],
      /* 6 */ [` ${fullWidth('914108 00171 971661U')}　`, ORG.tianbao, p, '1'],
      /* 7 */ ['9141-0800-ma45-4807-xe', ORG.songyang, p, '2'],
    ]));
    assert.equal(r.res.status, 201, r.text);
    assert.deepEqual([r.json.batch.rowsTotal, r.json.batch.rowsAccepted, r.json.batch.rowsQuarantined], [6, 2, 4]);
    const q = await quarantine(r.json.batch.id);
    assert.deepEqual(q.map((x) => x.rowNumber), [2, 3, 4, 5]);
    assert.match(reasonText(q[0].problems[0]), /第\s*18\s*位/);
    assert.match(reasonText(q[1].problems[0]), /9.17/);
    assert.match(reasonText(q[2].problems[0]), /18/);
    assert.match(reasonText(q[3].problems[0]), /空/);
    for (const item of q) assert.equal(item.problems[0].column, '统一社会信用代码');
    const stored = sql(server.dbUrl, `SELECT e.uscc FROM facts f JOIN enterprises e ON e.id = f.enterprise_id WHERE f.batch_id = ${r.json.batch.id} ORDER BY e.uscc`);
    assert.deepEqual(stored.map(([u]) => u).sort(), [TIANBAO_USCC, SONGYANG_USCC].sort());
  });

  test('a malformed JSON line is quarantined, the other lines stored', async () => {
    const p = nextPeriod();
    const body = `${jsonl([{ 统一社会信用代码: TIANBAO_USCC, 所属期: p, 纳税额: 1 }])}{"统一社会信用代码": "${SONGYANG_USCC}", 所属期\n`
      + `[1, 2]\n${jsonl([{ 统一社会信用代码: SONGYANG_USCC, 所属期: p, 纳税额: 2, 多余: 'x' }])}`
      + `${jsonl([{ 统一社会信用代码: SONGYANG_USCC, 所属期: nextPeriod(), 纳税额: 3 }])}`;
    const r = await tax({ fileName: 'lines.jsonl' }, body);
    assert.equal(r.res.status, 201, r.text);
    assert.deepEqual([r.json.batch.rowsTotal, r.json.batch.rowsAccepted, r.json.batch.rowsQuarantined], [5, 2, 3]);
    const q = await quarantine(r.json.batch.id);
    assert.deepEqual(q.map((x) => x.rowNumber), [2, 3, 4]);
    assert.match(reasonText(q[0].problems[0]), /JSON/);
    assert.match(reasonText(q[1].problems[0]), /对象/);
    assert.match(reasonText(q[2].problems[0]), /多余/);
  });

  test('over the upload limit: 413, nothing stored; just under it is fine', async () => {
    const small = await startServer({ demo: 'registry', extraArgs: ['--upload-limit', '65536'] });
    try {
      const smallApi = createClient(small.baseUrl);
      const { taxProvider: provider } = await loginAll(smallApi, ['taxProvider']);
      const counts = () => collectCounts(small.dbUrl);
      const before = counts();
      const rows = [TAX_HEADER];
      for (let i = 0; rows.length < 3000; i++) rows.push([TIANBAO_USCC, ORG.tianbao, `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, '100']);
      const big = Buffer.from(csv(rows), 'utf8');
      assert.ok(big.length > 65536 && big.length < 1024 * 1024, `${big.length} bytes: over the upload limit, under the body limit`);
      const r = await upload(smallApi, provider, { category: 'tax', fileName: 'big.csv' }, big);
      assertProblem(r, { status: 413 });
      assert.deepEqual(counts(), before);
      let size = 0;
      const fit = [TAX_HEADER];
      for (const row of rows.slice(1)) {
        size += Buffer.byteLength(row.join(','), 'utf8') + 2;
        if (size > 60000) break;
        fit.push(row);
      }
      const ok = await upload(smallApi, provider, { category: 'tax', fileName: 'fits.csv' }, csv(fit));
      assert.equal(ok.res.status, 201, ok.text.slice(0, 300));
      assert.equal(ok.json.batch.rowsAccepted, fit.length - 1);
      smallApi.assertNo500();
    } finally {
      await small.stop();
    }
  });

  test('unknown category: 422 naming it, nothing stored', async () => {
    const body = csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '1']]);
    await refused(() => upload(api, creds.provider, { category: 'weather', fileName: 'x.csv' }, body), { status: 422, field: 'category' });
    await refused(() => upload(api, creds.provider, { fileName: 'x.csv' }, body), { status: 422, field: 'category' });
  });

  test('a format that cannot be told from the file name, or a bad format or encoding parameter: 422', async () => {
    const body = csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '1']]);
    for (const fileName of ['data.dat', 'README', 'report.xls', 'tax.csv.exe']) {
      await refused(() => tax({ fileName }, body), { status: 422, field: 'format' });
    }
    await refused(() => tax({ fileName: 'x.csv', format: 'pdf' }, body), { status: 422, field: 'format' });
    await refused(() => tax({ fileName: 'x.csv', encoding: 'latin1' }, body), { status: 422, field: 'encoding' });
    await refused(() => tax({}, body), { status: 422, field: 'fileName' });
    await refused(() => tax({ fileName: '' }, body), { status: 422, field: 'fileName' });
    // With format given, the name does not matter.
    const ok = await tax({ fileName: 'export-from-system', format: 'csv' }, body);
    assert.equal(ok.res.status, 201, ok.text);
  });

  test('a provider naming another provider: 422; the operator naming a bank: 422', async () => {
    const body = csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '1']]);
    await refused(() => tax({ fileName: 'x.csv', provider: orgIds[ORG.market] }, body), { status: 422, field: 'provider' });
    await refused(() => tax({ fileName: 'x.csv', provider: 'abc' }, body), { status: 422, field: 'provider' });
    await refused(() => tax({ fileName: 'x.csv', provider: orgIds[ORG.icbc] }, body, creds.platform), { status: 422, field: 'provider' });
    await refused(() => tax({ fileName: 'x.csv' }, body, creds.platform), { status: 422, field: 'provider' });
    // Its own id is fine.
    const own = await tax({ fileName: 'own.csv', provider: orgIds[ORG.tax] }, body);
    assert.equal(own.res.status, 201, own.text);
    assert.equal(own.json.batch.providerId, orgIds[ORG.tax]);
  });

  test('callers who may not submit: a bank user 403, nobody 401, a session without its CSRF token 403', async () => {
    const body = csv([TAX_HEADER, [TIANBAO_USCC, ORG.tianbao, nextPeriod(), '1']]);
    await refused(() => tax({ fileName: 'bank.csv' }, body, creds.bankManager), { status: 403, code: 'forbidden' });
    await refused(() => upload(api, undefined, { category: 'tax', fileName: 'anon.csv' }, body), { status: 401, code: 'unauthenticated' });
    await refused(() => tax({ fileName: 'csrf.csv' }, body, { cookie: creds.taxProvider.cookie }), { status: 403, code: 'csrf_failed' });
    // A token without collect.submit.
    const t = await c.taxProvider.post('/api/v1/tokens', { name: 'read only', permissions: ['collect.read'], expiresInDays: 1 });
    assert.equal(t.res.status, 201, t.text);
    await refused(() => tax({ fileName: 'ro.csv' }, body, { bearer: t.json.token }), { status: 403, code: 'forbidden' });
  });
});
