// 企业库 and 数据归集 (issue 4) in a real browser against the real server with the demo data:
// the provider's upload → quarantine → download → resubmit journey with a messy GB18030 CSV, an
// XLSX upload, the enterprise profile (masking, 划型依据, facts, change history), hostile text in
// enterprise names, the 归集时效 report and the 数据目录.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONTEXT_OPTIONS,
  DEMO_PASSWORD,
  launchBrowser,
  listAnswer,
  login,
  pageErrorTracker,
  repoRoot,
  screenshot,
  sidebarMenu,
  startE2eServer,
} from './helpers.mjs';

// ---- test data ---------------------------------------------------------------------------

const SYMBOLS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** A valid unified social credit code (GB 32100 with its GB 11714 organisation code). */
function makeUscc(head8, org8) {
  const v = (ch) => (ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55);
  const orgCheck = 11 - ([...org8].reduce((s, ch, i) => s + v(ch) * ORG_WEIGHTS[i], 0) % 11);
  const first17 = head8 + org8 + (orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck));
  const c = 31 - ([...first17].reduce((s, ch, i) => s + SYMBOLS.indexOf(ch) * WEIGHTS[i], 0) % 31);
  return first17 + SYMBOLS[c === 31 ? 0 : c];
}
const wrongCheck = (uscc) => uscc.slice(0, 17) + SYMBOLS[(SYMBOLS.indexOf(uscc[17]) + 1) % SYMBOLS.length];
const fullWidth = (s) => s.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** CSV text with CRLF line ends; cells with `,` `"` or line breaks are quoted. */
function csv(rows) {
  const cell = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
const gb18030 = (text) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });

/** A minimal XLSX workbook (one sheet, inline strings) written by python3's zipfile. */
function writeXlsx(path, rows) {
  const script = String.raw`
import json, sys, zipfile
from xml.sax.saxutils import escape
path, rows = sys.argv[1], json.load(sys.stdin)
def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
xml_rows = []
for r, row in enumerate(rows, 1):
    cells = ''.join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), r, escape(str(v)))
                    for c, v in enumerate(row))
    xml_rows.append('<row r="%d">%s</row>' % (r, cells))
parts = {
  '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  'xl/worksheets/sheet1.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % ''.join(xml_rows),
}
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text)
`;
  execFileSync('python3', ['-c', script, path], { input: JSON.stringify(rows) });
}

/** The text of every XML part of an XLSX (python3's zipfile), and its part names. */
function xlsxText(path) {
  const script = String.raw`
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
texts = []
for n in names:
    if n.endswith('.xml'):
        texts += re.findall(r'<t[^>]*>([^<]*)</t>', z.read(n).decode('utf-8'))
print(json.dumps({'names': names, 'texts': texts}, ensure_ascii=False))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

// Two demo enterprises, read from the demo data rather than written down twice.
const demoEnterprises = readFileSync(join(repoRoot, 'data/demo/enterprises.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));
const TIANBAO = demoEnterprises.find((e) => e[1] === '焦作市天宝桓祥科技有限公司');
const SONGYANG = demoEnterprises.find((e) => e[1] === '焦作嵩阳光电科技有限公司');
const [TIANBAO_USCC, SONGYANG_USCC] = [TIANBAO[0], SONGYANG[0]];
const TIANBAO_REGISTRATION = readFileSync(join(repoRoot, 'data/demo/collect/registration.csv'), 'utf8')
  .split('\n')
  .find((line) => line.startsWith(TIANBAO_USCC))
  .split(',');
const TIANBAO_LEGAL_REP = TIANBAO_REGISTRATION[4];
const [TIANBAO_CONTACT, TIANBAO_MOBILE] = TIANBAO_REGISTRATION.slice(14, 16);
// A valid code that no demo enterprise has.
const UNKNOWN_USCC = makeUscc('91410871', 'MA4XPT01');
assert.ok(!demoEnterprises.some((e) => e[0] === UNKNOWN_USCC));

const TAX_HEADER = ['纳税人识别号', '纳税人名称', '所属期', '实缴税额（元）', '纳税信用等级'];
/** Rows 2–6 of the messy file; rows 4, 5 and 6 are refused. */
const MESSY_TAX = [
  TAX_HEADER,
  [TIANBAO_USCC, TIANBAO[1], '2024-11', '123456.78', 'A'],
  [fullWidth(SONGYANG_USCC), SONGYANG[1], '2024-11', '98765.43', 'B'],
  [wrongCheck(SONGYANG_USCC), SONGYANG[1], '2024-12', '5000.00', 'B'],
  [UNKNOWN_USCC, '未登记的企业', '2024-12', '100.00', ''],
  [TIANBAO_USCC, TIANBAO[1], '2026-13', '4321.00', 'A'],
];
/** The refused rows corrected (the unknown enterprise is left out). */
const FIXED_TAX = [
  TAX_HEADER,
  [SONGYANG_USCC, SONGYANG[1], '2024-12', '5000.00', 'B'],
  [TIANBAO_USCC, TIANBAO[1], '2024-12', '4321.00', 'A'],
];

// ---- the server, the browser and API calls --------------------------------------------------

let server;
let baseUrl;
let browser;
let workDir;
const errors = pageErrorTracker();

before(async () => {
  server = await startE2eServer();
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  workDir = mkdtempSync(join(tmpdir(), 'jinfu-e2e-collect-'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function openBrowser(options = {}) {
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, acceptDownloads: true, ...options });
  context.setDefaultTimeout(15_000);
  const page = errors.track(await context.newPage());
  return { context, page };
}

/** A session for direct API calls: { get(path), submit(body, query) }. */
async function apiSession(username) {
  const res = await fetch(new URL('/api/v1/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200, `${username} logs in`);
  const { csrfToken } = await res.json();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jinfu_session=')).split(';')[0];
  return {
    async get(path) {
      const r = await fetch(new URL(path, baseUrl), { headers: { cookie } });
      assert.equal(r.status, 200, `GET ${path}`);
      return r.json();
    },
    async submit(body, query) {
      const r = await fetch(new URL(`/api/v1/collect/batches?${new URLSearchParams(query)}`, baseUrl), {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/octet-stream' },
        body,
      });
      const json = await r.json();
      assert.equal(r.status, 201, `the batch is created: ${JSON.stringify(json)}`);
      return json.batch;
    },
  };
}

/** Opens a sidebar group and one of its pages. */
async function openMenu(page, group, item) {
  const sidebar = page.locator('.sidebar');
  const sub = sidebar.locator('.el-sub-menu').filter({ has: page.locator('.el-sub-menu__title', { hasText: group }) });
  if (!(await sub.evaluate((el) => el.classList.contains('is-opened')))) await sub.locator('.el-sub-menu__title').click();
  await sub.getByRole('menuitem', { name: item }).click();
}

/** Picks an option of the Element Plus select inside `container`. */
async function choose(page, select, option) {
  await select.locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: option }).first().click();
}

const squash = (s) => (s ?? '').replace(/\s+/g, '');
const wan = (fen) => (Math.round(fen / 10_000) / 100).toFixed(2);
const bodyRows = (table) => table.locator('.el-table__body tr');

/** The 值 of an el-descriptions item, by its label. */
async function descriptionValue(page, container, label) {
  const labelCell = container.locator('.el-descriptions__label', { hasText: new RegExp(`^${label}$`) });
  return (await labelCell.locator('xpath=following-sibling::*[1]').textContent()).trim();
}

/** Chooses a file in the upload dialog and submits it; resolves the message the user sees. */
async function uploadInDialog(page, dialog, { category, filePath, provider }) {
  if (provider) await choose(page, dialog.getByTestId('upload-provider'), provider);
  if (category) await choose(page, dialog.getByTestId('upload-category'), new RegExp(`^${category}$`));
  await dialog.getByTestId('upload-encoding').getByText('自动识别').click();
  assert.ok(await dialog.getByRole('radio', { name: '自动识别' }).isChecked(), '编码 自动识别');
  await dialog.locator('input[type=file]').setInputFiles(filePath);
  await dialog.locator('.el-upload-list__item', { hasText: filePath.split('/').pop() }).waitFor();
}

// ---- the journeys ----------------------------------------------------------------------------

describe('数据归集 (issue 4)', { timeout: 120_000 }, () => {
  test('done when: a provider uploads a messy GB18030 CSV, sees what was refused, downloads it, resubmits', async () => {
    const messyPath = join(workDir, '纳税数据-2024年底.csv');
    writeFileSync(messyPath, gb18030(csv(MESSY_TAX)));
    assert.notEqual(readFileSync(messyPath).toString('utf8'), csv(MESSY_TAX), 'the file is not UTF-8');
    const fixedPath = join(workDir, '纳税数据-修正.csv');
    writeFileSync(fixedPath, gb18030(csv(FIXED_TAX)));

    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-tax-provider'); // 纳税 comes from the tax bureau
    assert.ok((await sidebarMenu(page)).includes('数据归集 > 归集批次'));
    await openMenu(page, '数据归集', '归集批次');
    await page.waitForURL(/\/collect\/batches$/);
    await page.getByTestId('batch-table').waitFor();

    // 上传数据: 纳税, 自动识别, the messy file.
    await page.getByTestId('batch-upload').click();
    const dialog = page.getByTestId('upload-dialog');
    await dialog.waitFor();
    await uploadInDialog(page, dialog, { category: '纳税', filePath: messyPath });
    await screenshot(page, 'collect-upload-dialog.png');
    await dialog.getByTestId('upload-submit').click();

    const success = page.locator('.el-message--success');
    await success.waitFor();
    assert.equal((await success.textContent()).trim(), '已入库 2 行，隔离 3 行');
    await page.waitForURL(/\/collect\/batches\/\d+$/);
    const firstId = Number(/(\d+)$/.exec(page.url())[1]);

    // The batch page: the counts, then exactly which rows were refused and why.
    const info = page.getByTestId('batch-info');
    await info.waitFor();
    assert.equal(await descriptionValue(page, info, '批次号'), `#${firstId}`);
    assert.equal(await descriptionValue(page, info, '提供部门'), '国家税务总局焦作市税务局');
    assert.equal(await descriptionValue(page, info, '数据类别'), '纳税');
    assert.equal(await descriptionValue(page, info, '文件名'), '纳税数据-2024年底.csv');
    assert.equal(await descriptionValue(page, info, '编码'), 'GB18030', 'auto-detected as GB18030');
    assert.equal(await descriptionValue(page, info, '总行数'), '5');
    assert.equal(await descriptionValue(page, info, '入库'), '2');
    assert.equal(await descriptionValue(page, info, '隔离'), '3');

    const quarantine = page.getByTestId('quarantine-table');
    await bodyRows(quarantine).nth(2).waitFor();
    const lines = [];
    for (const row of await bodyRows(quarantine).all()) {
      lines.push((await row.locator('td').allTextContents()).map((t) => t.trim()));
    }
    assert.deepEqual(
      lines.map((l) => [l[0], l[1], l[2]]),
      [
        ['4', '纳税人识别号', wrongCheck(SONGYANG_USCC)],
        ['5', '纳税人识别号', UNKNOWN_USCC],
        ['6', '所属期', '2026-13'],
      ],
      '行号, 问题列 and 原值 of each refused row',
    );
    assert.match(lines[0][3], /第\s*18\s*位校验码错误/);
    assert.match(lines[0][3], new RegExp(`应为“${SONGYANG_USCC[17]}”`));
    assert.match(lines[1][3], /[\u4e00-\u9fff]/, 'a Chinese reason for the unknown enterprise');
    assert.match(lines[1][3], new RegExp(`没有统一社会信用代码为\\s*${UNKNOWN_USCC}\\s*的企业`));
    assert.match(lines[2][3], /月份\s*13\s*不存在/);
    for (const l of lines) assert.doesNotMatch(l[3], /object|^-$/, 'the reason is text');
    assert.equal(
      lines[1][4],
      `纳税人识别号：${UNKNOWN_USCC}；纳税人名称：未登记的企业；所属期：2024-12；实缴税额（元）：100.00；纳税信用等级：`,
      '原始数据 shows the refused row in the file’s column order',
    );
    // The full-width code was normalised and accepted: it is not among the refused rows.
    assert.ok(!lines.some((l) => l[0] === '3'));
    await screenshot(page, 'collect-batch-quarantine.png');

    // 下载隔离数据（XLSX）.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('batch-download-quarantine').click(),
    ]);
    assert.match(download.suggestedFilename(), /^隔离数据-批次\d+\.xlsx$/);
    const xlsxPath = join(workDir, 'quarantine.xlsx');
    await download.saveAs(xlsxPath);
    const bytes = readFileSync(xlsxPath);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
    const sheet = xlsxText(xlsxPath);
    assert.ok(sheet.names.some((n) => n.startsWith('xl/worksheets/')), `worksheet parts: ${sheet.names}`);
    for (const text of [...TAX_HEADER, '错误原因', '原行号', UNKNOWN_USCC, '2026-13']) {
      assert.ok(sheet.texts.includes(text), `the quarantine XLSX holds ${text}`);
    }
    assert.ok(sheet.texts.some((t) => /第\s*18\s*位校验码错误/.test(t)), 'and the Chinese reasons');

    // 修正后重新提交 with the corrected rows: a new batch that names the first, nothing refused.
    await page.getByTestId('batch-resubmit').click();
    const resubmit = page.locator('[data-testid="upload-dialog"]:visible');
    await resubmit.waitFor();
    assert.match(await resubmit.locator('.el-dialog__title').textContent(), /修正后重新提交/);
    assert.match(squash(await resubmit.textContent()), new RegExp(`修正批次#${firstId}的隔离数据后重新提交`));
    await screenshot(page, 'collect-resubmit-dialog.png');
    const presetCategory = resubmit.getByTestId('upload-category');
    await presetCategory.getByText('纳税', { exact: true }).waitFor({ timeout: 3000 });
    assert.ok(await presetCategory.locator('.el-select__wrapper.is-disabled').count(), 'the category is fixed');
    await uploadInDialog(page, resubmit, { filePath: fixedPath });
    await resubmit.getByTestId('upload-submit').click();
    await page.locator('.el-message--success', { hasText: '已入库 2 行，隔离 0 行' }).waitFor();
    await page.waitForURL((url) => /\/collect\/batches\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${firstId}`));
    const secondId = Number(/(\d+)$/.exec(page.url())[1]);
    const resubmitOf = page.getByTestId('batch-resubmit-of');
    await resubmitOf.waitFor();
    assert.equal(squash(await resubmitOf.textContent()), `本批次为批次#${firstId}的重新提交`);
    assert.equal(await descriptionValue(page, page.getByTestId('batch-info'), '批次号'), `#${secondId}`);
    assert.equal(await descriptionValue(page, page.getByTestId('batch-info'), '隔离'), '0');
    await page.getByTestId('quarantine-table').getByText('本批次没有被隔离的行').waitFor();
    assert.ok(await page.getByTestId('batch-download-quarantine').isDisabled(), 'nothing to download');
    await screenshot(page, 'collect-batch-resubmitted.png');

    // The same (messy) file again: a warning, nothing applied twice, no new batch.
    await page.getByRole('button', { name: '返回批次列表' }).click();
    await page.waitForURL(/\/collect\/batches$/);
    const list = page.getByTestId('batch-table');
    await bodyRows(list).filter({ hasText: `#${secondId}` }).waitFor();
    const batchesBefore = await bodyRows(list).count();
    const totalBefore = (await (await page.request.get(new URL('/api/v1/collect/batches', baseUrl).href)).json()).total;
    await page.getByTestId('batch-upload').click();
    const again = page.locator('[data-testid="upload-dialog"]:visible');
    await again.waitFor();
    await uploadInDialog(page, again, { category: '纳税', filePath: messyPath });
    // The list reloads after the submission: its answer, and the table showing it, are the events.
    const reloaded = listAnswer(page, list, '/api/v1/collect/batches', () => again.getByTestId('upload-submit').click());
    const warning = page.locator('.el-message--warning');
    await warning.waitFor();
    assert.equal((await warning.textContent()).trim(), `该文件已提交过（批次 #${firstId}），未重复入库`);
    assert.ok(page.url().endsWith('/collect/batches'), 'stays on the list');
    const listed = await reloaded;
    assert.equal(listed.total, totalBefore, 'no new batch stored');
    assert.ok(listed.items.every((b) => b.id <= Math.max(firstId, secondId)), 'no batch newer than the resubmission');
    assert.equal(await bodyRows(list).count(), batchesBefore, 'no new batch');
    const firstRow = bodyRows(list).filter({ hasText: `#${firstId}` });
    assert.match(await firstRow.textContent(), /纳税数据-2024年底\.csv/);
    assert.equal((await firstRow.getByTestId('batch-quarantined').textContent()).trim(), '3');
    await screenshot(page, 'collect-batches.png');

    await context.close();
    errors.assertNone();
  });

  test('an XLSX upload (the operator for 人社局) creates a batch with the right counts', async () => {
    const xlsxPath = join(workDir, '社保缴费-2024年11月.xlsx');
    writeXlsx(xlsxPath, [
      ['统一社会信用代码', '费款所属期', '参保人数', '欠费金额（元）'],
      [TIANBAO_USCC, '2024年11月', '380', ''],
      [SONGYANG_USCC, '2024年11月', '240', '1200.50'],
      [SONGYANG_USCC.slice(0, 17), '2024年11月', '12', ''],
    ]);

    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-platform-admin', DEMO_PASSWORD, '/collect/batches');
    await page.getByTestId('batch-upload').click();
    const dialog = page.getByTestId('upload-dialog');
    await dialog.waitFor();
    await uploadInDialog(page, dialog, {
      provider: '焦作市人力资源和社会保障局',
      category: '社保',
      filePath: xlsxPath,
    });
    await dialog.getByTestId('upload-submit').click();
    await page.locator('.el-message--success', { hasText: '已入库 2 行，隔离 1 行' }).waitFor();
    await page.waitForURL(/\/collect\/batches\/\d+$/);

    const info = page.getByTestId('batch-info');
    await info.waitFor();
    assert.equal(await descriptionValue(page, info, '提供部门'), '焦作市人力资源和社会保障局');
    assert.equal(await descriptionValue(page, info, '数据类别'), '社保');
    assert.equal(await descriptionValue(page, info, '格式'), 'XLSX');
    assert.equal(await descriptionValue(page, info, '总行数'), '3');
    assert.equal(await descriptionValue(page, info, '入库'), '2');
    assert.equal(await descriptionValue(page, info, '隔离'), '1');
    const refused = bodyRows(page.getByTestId('quarantine-table'));
    await refused.first().waitFor();
    assert.equal(await refused.count(), 1);
    const cells = (await refused.first().locator('td').allTextContents()).map((t) => t.trim());
    assert.equal(cells[0], '4');
    assert.equal(cells[1], '统一社会信用代码');
    assert.match(cells[3], /[\u4e00-\u9fff]/, 'a Chinese reason');
    await screenshot(page, 'collect-batch-xlsx.png');
    await context.close();
    errors.assertNone();
  });

  test('企业档案: search by pinyin initials, masked 基本信息, 归集信息, 变更记录; the enterprise sees itself unmasked', async () => {
    const gov = await apiSession('demo-gov-officer');
    const found = await gov.get('/api/v1/enterprises?q=tbhx');
    const id = found.items.find((e) => e.name === TIANBAO[1]).id;
    const apiProfile = await gov.get(`/api/v1/enterprises/${id}`);
    assert.match(apiProfile.legalRepresentative, /\*/, 'the API masks the legal representative for a government user');
    assert.notEqual(apiProfile.legalRepresentative, TIANBAO_LEGAL_REP);
    const taxBefore = (await gov.get(`/api/v1/enterprises/${id}/facts?category=tax`)).categories[0].facts;
    const latest = taxBefore[0];
    const changed = taxBefore.find((f) => f.key === '2026-09');
    assert.ok(changed, 'the demo has 纳税 for 2026-09');

    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-gov-officer');
    await openMenu(page, '企业库', '企业查询');
    await page.waitForURL(/\/registry\/enterprises$/);
    await page.getByTestId('enterprise-search-q').fill('tbhx');
    await page.getByRole('button', { name: '搜索' }).click();
    const results = bodyRows(page.getByTestId('enterprise-table'));
    await results.filter({ hasText: TIANBAO[1] }).waitFor();
    assert.equal(await results.count(), 1, 'tbhx finds exactly the one enterprise');
    const resultRow = (await results.first().locator('td').allTextContents()).map((t) => t.trim());
    assert.equal(resultRow[0], TIANBAO[1]);
    assert.equal(resultRow[1], TIANBAO_USCC);
    assert.equal(resultRow[3], '中型');
    assert.equal(resultRow[5], wan(Number(TIANBAO[7])), '注册资本 in 万元');
    await screenshot(page, 'registry-search.png');

    await page.getByTestId('enterprise-name').click();
    await page.waitForURL(new RegExp(`/registry/enterprises/${id}$`));
    const basic = page.getByTestId('enterprise-basic');
    await basic.waitFor();
    assert.equal((await page.getByTestId('enterprise-profile-name').textContent()).trim(), TIANBAO[1]);
    assert.equal(await descriptionValue(page, basic, '法定代表人'), apiProfile.legalRepresentative);
    assert.ok(!(await basic.textContent()).includes(TIANBAO_LEGAL_REP), 'the full name is not on the page');
    assert.equal(await descriptionValue(page, basic, '注册资本（万元）'), wan(Number(TIANBAO[7])));
    assert.equal(await descriptionValue(page, basic, '市场主体类型'), '有限责任公司');
    assert.match(await page.getByTestId('enterprise-size').textContent(), /中型/);
    assert.equal(
      (await page.getByTestId('enterprise-size-reason').textContent()).trim(),
      `划型依据：${apiProfile.sizeRule.reason}`,
    );
    assert.match(apiProfile.sizeRule.reason, /从业人员\s*462\s*人/);
    await screenshot(page, 'registry-profile-basic.png');

    // 归集信息: the 纳税 facts with 来源部门 and 批次号, amounts in 万元.
    await page.getByRole('tab', { name: '归集信息' }).click();
    const taxSection = page
      .getByTestId('enterprise-facts')
      .locator('.el-collapse-item')
      .filter({ has: page.locator('.category-title', { hasText: /^纳税$/ }) });
    await bodyRows(taxSection).first().waitFor();
    const headers = (await taxSection.locator('.el-table__header th').allTextContents()).map((t) => t.trim());
    for (const h of ['所属期', '纳税额（万元）', '来源部门', '批次号']) assert.ok(headers.includes(h), `column ${h} in ${headers}`);
    const first = (await bodyRows(taxSection).first().locator('td').allTextContents()).map((t) => t.trim());
    const at = (h) => first[headers.indexOf(h)];
    assert.equal(at('所属期'), latest.key);
    assert.equal(at('纳税额（万元）'), wan(latest.values.taxPaid));
    assert.equal(at('来源部门'), latest.provider.name);
    assert.equal(at('批次号'), `#${latest.batchId}`);
    await screenshot(page, 'registry-profile-facts.png');

    // 变更记录: nothing for 2026-09 yet; the provider sends a different amount for it.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/v1/enterprises/${id}/history`)),
      page.getByRole('tab', { name: '变更记录' }).click(),
    ]);
    const history = page.getByTestId('enterprise-history');
    await history.locator('.el-loading-mask').waitFor({ state: 'hidden' });
    const newAmount = '111111.11';
    assert.ok(!(await history.textContent()).includes('11.11 万元'));
    const provider = await apiSession('demo-tax-provider');
    const batch = await provider.submit(
      Buffer.from(csv([['纳税人识别号', '所属期', '实缴税额（元）', '纳税信用等级'], [TIANBAO_USCC, '2026-09', newAmount, changed.values.creditGrade]])),
      { category: 'tax', fileName: '纳税更正.csv' },
    );
    assert.equal(batch.rowsSuperseding, 1);

    await page.reload();
    await page.getByRole('tab', { name: '变更记录' }).click();
    const change = bodyRows(page.getByTestId('enterprise-history')).filter({ hasText: '纳税额' });
    await change.first().waitFor();
    assert.equal(await change.count(), 1, 'one change of 纳税额');
    const cells = (await change.locator('td').allTextContents()).map((t) => t.trim());
    assert.equal(cells[0], '纳税');
    assert.equal(cells[1], '纳税额');
    assert.equal(cells[2], `${wan(changed.values.taxPaid)} 万元`);
    assert.equal(cells[3], '11.11 万元');
    const historyHeaders = (await page.getByTestId('enterprise-history').locator('.el-table__header th').allTextContents()).map((t) => t.trim());
    assert.equal(cells[historyHeaders.indexOf('来源部门')], '国家税务总局焦作市税务局');
    assert.equal(cells[historyHeaders.indexOf('批次号')], `#${batch.id}`);
    // The batch number leads to the batch (a government user may read batches).
    assert.ok(await change.getByRole('link', { name: `#${batch.id}` }).isVisible());
    await screenshot(page, 'registry-profile-history.png');
    await context.close();

    // The enterprise's own user: 我的企业档案, unmasked.
    const own = await openBrowser();
    await login(own.page, baseUrl, 'demo-enterprise-staff');
    await openMenu(own.page, '企业库', '我的企业档案');
    await own.page.waitForURL(/\/registry\/mine$/);
    const mine = own.page.getByTestId('enterprise-basic');
    await mine.waitFor();
    assert.equal((await own.page.getByTestId('enterprise-profile-name').textContent()).trim(), TIANBAO[1]);
    assert.equal(await descriptionValue(own.page, mine, '法定代表人'), TIANBAO_LEGAL_REP);
    await screenshot(own.page, 'registry-mine.png');
    await own.context.close();
    errors.assertNone();
  });

  test(
    'a government user sees the legal representative and contact masked in 归集信息 too',
    async () => {
      const { context, page } = await openBrowser();
      await login(page, baseUrl, 'demo-gov-officer', DEMO_PASSWORD, '/registry/enterprises');
      await page.getByTestId('enterprise-search-q').fill(TIANBAO_USCC);
      await page.getByRole('button', { name: '搜索' }).click();
      await page.getByTestId('enterprise-name').filter({ hasText: TIANBAO[1] }).click();
      await page.getByTestId('enterprise-basic').waitFor();
      await page.getByRole('tab', { name: '归集信息' }).click();
      const registration = page
        .getByTestId('enterprise-facts')
        .locator('.el-collapse-item')
        .filter({ has: page.locator('.category-title', { hasText: /^登记注册$/ }) });
      await bodyRows(registration).first().waitFor();
      const text = await registration.textContent();
      await context.close();
      for (const secret of [TIANBAO_LEGAL_REP, TIANBAO_CONTACT, TIANBAO_MOBILE]) {
        assert.ok(!text.includes(secret), `归集信息 shows ${secret} unmasked to a government user`);
      }
    },
  );

  test('hostile text in an enterprise name is shown literally and never runs', async () => {
    const hostile = '<img src=x onerror="window.__xss=1">测试有限公司';
    const uscc = makeUscc('91410871', 'MA4XKE01');
    const header = readFileSync(join(repoRoot, 'data/demo/collect/registration.csv'), 'utf8').split('\n')[0].split(',');
    const row = [uscc, hostile, '有限责任公司', '存续（在业）', '王小明', '100.00', '2020-05-01',
      '焦作市示范区神州路1号<script>window.__xss=2</script>', '410871', 'C35', '', '20', '500.00', '300.00', '', ''];
    const refusedRow = [...row];
    refusedRow[0] = wrongCheck(makeUscc('91410871', 'MA4XKE02'));
    const provider = await apiSession('demo-provider');
    const batch = await provider.submit(Buffer.from(csv([header, row, refusedRow])), {
      category: 'registration',
      fileName: '<b onmouseover="window.__xss=3">登记.csv',
    });
    assert.equal(batch.rowsAccepted, 1);
    assert.equal(batch.rowsQuarantined, 1);

    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-gov-officer', DEMO_PASSWORD, '/registry/enterprises');
    await page.getByTestId('enterprise-search-q').fill('测试有限公司');
    await page.getByRole('button', { name: '搜索' }).click();
    const link = page.getByTestId('enterprise-table').getByTestId('enterprise-name').filter({ hasText: '测试有限公司' });
    await link.waitFor();
    assert.equal((await link.textContent()).trim(), hostile);
    assert.equal(await page.locator('.app-main img[src="x"]').count(), 0);
    await screenshot(page, 'registry-hostile-list.png');

    await link.click();
    await page.getByTestId('enterprise-basic').waitFor();
    assert.equal((await page.getByTestId('enterprise-profile-name').textContent()).trim(), hostile);
    assert.match(await page.getByTestId('enterprise-basic').textContent(), /<script>window\.__xss=2<\/script>/);
    await page.getByRole('tab', { name: '归集信息' }).click();
    await page.getByTestId('enterprise-facts').getByText(hostile).first().waitFor();
    assert.equal(await page.locator('img[src="x"], .app-main script').count(), 0);
    assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined');
    await screenshot(page, 'registry-hostile-profile.png');
    await context.close();

    // The provider's batch page shows the refused copy literally too.
    const prov = await openBrowser();
    await login(prov.page, baseUrl, 'demo-provider', DEMO_PASSWORD, `/collect/batches/${batch.id}`);
    const info = prov.page.getByTestId('batch-info');
    await info.waitFor();
    assert.equal(await descriptionValue(prov.page, info, '文件名'), '<b onmouseover="window.__xss=3">登记.csv');
    const refused = bodyRows(prov.page.getByTestId('quarantine-table')).first();
    await refused.waitFor();
    assert.ok((await refused.textContent()).includes(`企业名称：${hostile}`));
    assert.equal(await prov.page.locator('img[src="x"], .app-main b').count(), 0);
    assert.equal(await prov.page.evaluate(() => typeof window.__xss), 'undefined');
    await prov.context.close();
    errors.assertNone();
  });

  test('归集时效: providers with 逾期 and 缺报期次, and the chart', async () => {
    const report = await (await apiSession('demo-gov-admin')).get('/api/v1/collect/timeliness');
    const entries = Array.isArray(report) ? report : report.items;
    const hr = entries.find((e) => e.providerName.includes('人力资源和社会保障局') && e.category === 'social_insurance');
    const power = entries.find((e) => e.providerName.includes('供电公司') && e.category === 'utilities');
    assert.ok(hr.missingPeriods.includes('2026-08'), 'the demo misses 人社局 2026-08');
    assert.ok(power.late > 0, 'the demo has 供电公司 late');

    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-gov-admin');
    await openMenu(page, '数据归集', '归集时效');
    await page.waitForURL(/\/collect\/timeliness$/);
    const table = page.getByTestId('timeliness-table');
    await bodyRows(table).filter({ hasText: power.providerName }).waitFor();
    const headers = (await table.locator('.el-table__header th').allTextContents()).map((t) => t.trim());
    const rowOf = async (entry) => {
      const row = bodyRows(table).filter({ hasText: entry.providerName }).filter({ hasText: entry.categoryName });
      assert.equal(await row.count(), 1, `one row for ${entry.providerName} ${entry.categoryName}`);
      const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
      // A provider with several categories spans its first cell over them.
      return Object.fromEntries(headers.slice(headers.length - cells.length).map((h, i) => [h, cells[i]]));
    };
    const hrRow = await rowOf(hr);
    assert.match(hrRow['缺报期次'], /2026-08/);
    for (const p of hr.missingPeriods) assert.ok(hrRow['缺报期次'].includes(p));
    const powerRow = await rowOf(power);
    assert.equal(powerRow['逾期条数'], power.late.toLocaleString('en-US'));
    assert.equal(powerRow['逾期率 (%)'], `${(power.lateShare * 100).toFixed(1)}%`);
    assert.equal(powerRow['缺报期次'], '无');
    // 税务局's row counts, besides the demo's on-time months, the 2024 rows the first journey of
    // this file sent late: the page shows the server's figure.
    const tax = entries.find((e) => e.category === 'tax' && e.providerName.includes('税务局'));
    assert.equal((await rowOf(tax))['逾期条数'], tax.late.toLocaleString('en-US'));

    const canvas = page.getByTestId('timeliness-chart').locator('canvas');
    await canvas.first().waitFor();
    const box = await canvas.first().boundingBox();
    assert.ok(box.width > 300 && box.height > 200, `the chart has a size: ${JSON.stringify(box)}`);
    await page.waitForTimeout(1500); // the bars grow in for a second
    await screenshot(page, 'collect-timeliness.png');
    await context.close();
    errors.assertNone();
  });

  test('数据目录: the 11 categories and what each field of 纳税 means', async () => {
    const { items } = await (await fetch(new URL('/api/v1/collect/categories', baseUrl))).json();
    assert.equal(items.length, 11);
    const tax = items.find((c) => c.code === 'tax');

    // The catalogue is the providers' reference (and the operator's and government's), not a bank's.
    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-provider');
    await openMenu(page, '数据归集', '数据目录');
    await page.waitForURL(/\/collect\/catalogue$/);
    const categories = page.getByTestId('catalogue-categories');
    await bodyRows(categories).nth(10).waitFor();
    const names = [];
    for (const row of await bodyRows(categories).all()) names.push((await row.locator('td').first().textContent()).trim());
    assert.deepEqual(names, [
      '登记注册', '纳税', '社保', '公积金', '水电气', '行政许可', '行政处罚', '司法',
      '经营异常名录/严重违法失信名单', '知识产权', '资质荣誉',
    ]);

    await bodyRows(categories).filter({ hasText: /^纳税/ }).click();
    const fields = page.getByTestId('catalogue-fields');
    await fields.locator('.category-heading', { hasText: '纳税' }).waitFor();
    const headers = (await fields.locator('.el-table__header th').allTextContents()).map((t) => t.trim());
    const shown = {};
    for (const row of await bodyRows(fields).all()) {
      const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
      shown[cells[headers.indexOf('名称')]] = cells[headers.indexOf('含义')];
    }
    assert.deepEqual(Object.keys(shown), tax.fields.map((f) => f.name));
    for (const f of tax.fields) assert.equal(shown[f.name], f.description, `含义 of ${f.name}`);
    assert.match(shown['纳税额'], /实际缴纳/);
    // 单位 in Chinese, and the accepted column names (aliases) when a field is expanded.
    const taxPaid = bodyRows(fields).filter({ hasText: '纳税额' }).first();
    assert.equal((await taxPaid.locator('td').nth(headers.indexOf('单位')).textContent()).trim(), '元');
    await taxPaid.locator('.el-table__expand-icon').click();
    const detail = fields.locator('.field-detail').filter({ hasText: '可接受的列名' });
    await detail.waitFor();
    for (const alias of tax.fields.find((f) => f.key === 'taxPaid').aliases) await detail.getByText(alias, { exact: true }).waitFor();
    await screenshot(page, 'collect-catalogue.png');
    await context.close();
    errors.assertNone();
  });
});
