// `jinfu import` (src/collect/import_cli.cpp) beyond the happy path of collect-kill: --encoding
// (auto, utf-8, gb18030; anything else refused), --format (csv, xlsx, jsonl; else taken from the
// file name, and refused when the name does not tell), and --resubmit-of (a correction of an
// earlier batch of the same provider and category, recorded as such; any other batch refused).
// Each import is checked as an operator would: the exit status, the printed summary, and what the
// batch and the facts hold afterwards. On SQLite, or PostgreSQL when JINFU_TEST_PG is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../support/server.mjs';
import { jinfu, sql } from './auth-helpers.mjs';
import { TIANBAO_USCC, csv, gb18030, jsonl, registrationCsv, xlsx } from './collect-helpers.mjs';

const TAX_HEADER = ['统一社会信用代码', '所属期', '纳税额（元）', '纳税信用等级'];

describe('jinfu import: --encoding, --format and --resubmit-of', () => {
  let server;
  let work;
  const file = (name, content) => {
    const p = path.join(work, name);
    writeFileSync(p, content);
    return p;
  };
  const importTax = (p, ...options) =>
    jinfu(['--db', server.dbUrl, 'import', '--category', 'tax', '--provider', '税务局', ...options, p]);
  const importJson = (p, ...options) => {
    const r = importTax(p, '--json', ...options);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const batch = (id) => {
    const [[fileName, format, encoding, source, resubmitOf]] = sql(server.dbUrl,
      `SELECT file_name, format, encoding, source, COALESCE(resubmit_of, 0) FROM collect_batches WHERE id = ${Number(id)}`);
    return { fileName, format, encoding, source, resubmitOf: Number(resubmitOf) };
  };
  // The stored tax amount of 天宝桓祥 for a month, or undefined.
  const taxOf = (month) => {
    const rows = sql(server.dbUrl, `SELECT f.vals FROM facts f JOIN enterprises e ON e.id = f.enterprise_id
      WHERE e.uscc = '${TIANBAO_USCC}' AND f.category = 'tax' AND f.fact_date LIKE '${month}%'`);
    return rows.length ? JSON.parse(rows[0][0]) : undefined;
  };
  const batchCount = () => Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM collect_batches')[0][0]);

  before(async () => {
    server = await startServer({ demo: 'registry' });
    work = mkdtempSync(path.join(tmpdir(), 'jinfu-cli-import-'));
  });
  after(async () => {
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('--encoding gb18030 reads a GB18030 file; auto detects it; utf-8 refuses it naming the encoding; anything else is refused', () => {
    const text = csv([TAX_HEADER, [TIANBAO_USCC, '2026-01', '1234.50', 'A']]);
    const gb = file('税务-gb.csv', gb18030(text));

    const before = batchCount();
    const asUtf8 = importTax(gb, '--encoding', 'utf-8');
    assert.equal(asUtf8.status, 2);
    assert.equal(asUtf8.stdout, '');
    assert.match(asUtf8.stderr, /^错误：表头不是有效的 UTF-8 编码（文件按 UTF-8 读取；若为 GB18030 请在上传时声明编码）/);
    const bad = importTax(gb, '--encoding', 'latin1');
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, '错误：--encoding 须为 auto、utf-8 或 gb18030。\n');
    assert.equal(batchCount(), before, 'a refused import stores no batch');

    const declared = importJson(gb, '--encoding', 'gb18030');
    assert.deepEqual([declared.rowsTotal, declared.rowsAccepted, declared.rowsQuarantined, declared.duplicate], [1, 1, 0, false]);
    assert.deepEqual(batch(declared.batchId), { fileName: path.basename(gb), format: 'csv', encoding: 'GB18030', source: 'cli', resubmitOf: 0 });
    assert.ok(taxOf('2026-01'), 'the month is stored');

    // The same bytes without --encoding: detected as GB18030, so the very batch above (exit 3).
    const auto = importTax(gb);
    assert.equal(auto.status, 3, auto.stderr);
    assert.equal(auto.stdout, `该文件已提交过（批次 ${declared.batchId}），未重复入库\n`);
    assert.equal(batchCount(), before + 1);
  });

  test('--format names the reader whatever the file is called; without it the extension decides, and an unknown one is refused', () => {
    const rows = [[TIANBAO_USCC, '2026-02', '200.00', 'A']];
    // No extension: the name does not tell.
    const bare = file('tax-feb', csv([TAX_HEADER, ...rows]));
    const untold = importTax(bare);
    assert.equal(untold.status, 2);
    assert.equal(untold.stderr, '错误：无法从文件名判断格式，请用 --format 指定。\n');
    const unknown = importTax(bare, '--format', 'xml');
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, '错误：--format 须为 csv、xlsx 或 jsonl。\n');
    const asCsv = importJson(bare, '--format', 'csv');
    assert.equal(asCsv.rowsAccepted, 1);
    assert.equal(batch(asCsv.batchId).format, 'csv');

    // JSON Lines in a file called .csv: --format wins over the name.
    const lines = file('tax-mar.csv', jsonl([{ 统一社会信用代码: TIANBAO_USCC, 所属期: '2026-03', '纳税额（元）': '300.00', 纳税信用等级: 'B' }]));
    const asJsonl = importJson(lines, '--format', 'jsonl');
    assert.deepEqual([asJsonl.rowsTotal, asJsonl.rowsAccepted, asJsonl.rowsQuarantined], [1, 1, 0]);
    assert.equal(batch(asJsonl.batchId).format, 'jsonl');
    // Read as CSV (by its name), the same file has no tax header: refused, nothing stored.
    const misread = importTax(lines);
    assert.equal(misread.status, 2);
    assert.equal(misread.stderr, '错误：文件中没有可识别的列，请检查表头是否为“纳税”类别的字段（如“统一社会信用代码”）\n');

    // XLSX by extension, and by --format under another name.
    const book = xlsx([TAX_HEADER, [TIANBAO_USCC, '2026-04', 400, 'A']]);
    const byName = importJson(file('tax-apr.xlsx', book));
    assert.equal(byName.rowsAccepted, 1);
    assert.equal(batch(byName.batchId).format, 'xlsx');
    const byFlag = importTax(file('tax-apr.bin', book), '--format', 'xlsx');
    assert.equal(byFlag.status, 3, 'the same workbook: already stored');
    for (const month of ['2026-02', '2026-03', '2026-04']) assert.ok(taxOf(month), `${month} is stored`);
  });

  test('--resubmit-of records the correction of a batch with quarantined rows; another category\'s or a missing batch is refused', () => {
    const first = importTax(file('tax-may.csv', csv([TAX_HEADER,
      [TIANBAO_USCC, '2026-05', '500.00', 'A'],
      [TIANBAO_USCC, '2026-13', '600.00', 'A']])));
    assert.equal(first.status, 0, first.stderr);
    const m = first.stdout.match(/^批次 (\d+)：共 2 行，入库 1 行（其中更新 0 行），未变化 0 行，隔离 1 行\n {2}第 3 行：所属期：月份 13 不存在\n$/);
    assert.ok(m, first.stdout);
    const firstId = Number(m[1]);

    const fixed = file('tax-may-fixed.csv', csv([TAX_HEADER, [TIANBAO_USCC, '2026-06', '600.00', 'A']]));
    const before = batchCount();
    const missing = importTax(fixed, '--resubmit-of', '999999');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^错误：[^\n]*（resubmitOf：被更正的批次不存在，或不属于同一提供部门和数据类别。）\n$/);
    // A registration batch of 市场监管局 is not what a tax file corrects.
    const reg = jinfu(['--db', server.dbUrl, 'import', '--category', 'registration', '--provider', '市场监管局', '--json',
      file('reg.csv', registrationCsv([{ uscc: TIANBAO_USCC, name: '焦作市天宝桓祥科技有限公司' }]))]);
    assert.equal(reg.status, 0, reg.stderr);
    const regId = JSON.parse(reg.stdout).batchId;
    const other = importTax(fixed, '--resubmit-of', String(regId));
    assert.equal(other.status, 2);
    assert.equal(other.stderr, missing.stderr);
    assert.equal(batchCount(), before + 1, 'only the registration batch was stored');
    assert.equal(taxOf('2026-06'), undefined);

    const correction = importJson(fixed, '--resubmit-of', String(firstId));
    assert.deepEqual([correction.rowsTotal, correction.rowsAccepted, correction.rowsQuarantined], [1, 1, 0]);
    assert.deepEqual(batch(correction.batchId), { fileName: path.basename(fixed), format: 'csv', encoding: 'UTF-8', source: 'cli', resubmitOf: firstId });
    assert.ok(taxOf('2026-06'), 'the corrected row is stored');
  });
});
