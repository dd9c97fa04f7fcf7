// Helpers for the registry and collection tests (registry-search, collect, collect-bad-input):
// uploading a file as the body of POST /api/v1/collect/batches, making valid (and deliberately
// broken) unified social credit codes, encoding text as GB18030, writing CSV and a minimal XLSX
// workbook by hand, and counting what the database holds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { sql } from './auth-helpers.mjs';

// ---- unified social credit codes (GB 32100, with the GB 11714 organisation code inside) ----

const SYMBOLS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function value36(ch) {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return ch.charCodeAt(0) - 55; // A = 10 … Z = 35
}

// A valid code from its first 8 characters (department, kind, region: '91410871') and 8 more
// (the organisation code body: digits and letters of the GB 32100 alphabet).
export function makeUscc(head8, org8) {
  assert.equal(head8.length, 8);
  assert.equal(org8.length, 8);
  for (const ch of head8 + org8) assert.ok(SYMBOLS.includes(ch), `${ch} is not in the GB 32100 alphabet`);
  const orgSum = [...org8].reduce((s, ch, i) => s + value36(ch) * ORG_WEIGHTS[i], 0);
  const orgCheck = 11 - (orgSum % 11);
  const c17 = orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck);
  const first17 = head8 + org8 + c17;
  const sum = [...first17].reduce((s, ch, i) => s + SYMBOLS.indexOf(ch) * WEIGHTS[i], 0);
  const c = 31 - (sum % 31);
  return first17 + SYMBOLS[c === 31 ? 0 : c];
}

// The same code with a different (wrong) check character at position 18.
export function wrongCheck(uscc) {
  const last = uscc[17];
  const other = SYMBOLS[(SYMBOLS.indexOf(last) + 1) % SYMBOLS.length];
  return uscc.slice(0, 17) + other;
}

// ASCII digits and letters as their full-width forms (１２３ＡＢＣ).
export function fullWidth(s) {
  return s.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

// ---- encodings and file formats ----

// The bytes of `text` in GB18030 (glibc's iconv; Node has no GB18030 encoder).
export function gb18030(text) {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });
}

// CSV text (CRLF line ends); cells with `,` `"` or line breaks are quoted.
export function csv(rows) {
  const cell = (v) => {
    const s = String(v ?? '');
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

// JSON Lines text from objects.
export function jsonl(objects) {
  return objects.map((o) => JSON.stringify(o)).join('\n') + '\n';
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const DOS_DATE = (0 << 9) | (1 << 5) | 1;

// A ZIP archive of `files` ({name: string | Buffer}), every entry stored (not compressed).
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(DOS_DATE << 16, 10); // 00:00, 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(DOS_DATE << 16, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const escapeXml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(i) {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// A minimal XLSX workbook with one sheet: strings as inline strings, JS numbers as numbers, and
// { date: serial } as a number with the built-in date format (numFmtId 14), as Excel stores dates.
export function xlsx(rows) {
  const sheetRows = rows.map((cells, r) => {
    const cs = cells.map((v, c) => {
      const ref = `${columnName(c)}${r + 1}`;
      if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
      if (typeof v === 'object' && v && 'date' in v) return `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
      if (v === '' || v === undefined || v === null) return '';
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
    }).join('');
    return `<row r="${r + 1}">${cs}</row>`;
  }).join('');
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const pkg = 'http://schemas.openxmlformats.org/package/2006/relationships';
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      + '</Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${pkg}">`
      + `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${main}" xmlns:r="${rel}">`
      + '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${pkg}">`
      + `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>`
      + `<Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${main}">`
      + '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${main}">`
      + `<sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

// ---- requests ----

// POST /api/v1/collect/batches with `body` (string or Buffer) as the file; `query` the query
// parameters (category, fileName, …). `cred` as in auth-helpers' send(). Resolves { res, text, json }.
export function upload(api, cred, query, body, extraHeaders = {}) {
  const headers = { 'content-type': 'application/octet-stream', ...extraHeaders };
  if (cred?.cookie) headers.cookie = cred.cookie;
  if (cred?.cookie && cred.csrf) headers['x-csrf-token'] = cred.csrf;
  if (cred?.bearer) headers.authorization = `Bearer ${cred.bearer}`;
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const init = { method: 'POST', headers };
  if (body !== undefined) init.body = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return api.call(`/api/v1/collect/batches?${qs}`, init);
}

// GET returning the raw bytes: { res, bytes }.
export async function download(api, cred, target) {
  const headers = {};
  if (cred?.cookie) headers.cookie = cred.cookie;
  if (cred?.bearer) headers.authorization = `Bearer ${cred.bearer}`;
  const res = await api.request(target, { headers });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

// ---- the database ----

// How many rows the collection tables (and the registry) hold.
export function collectCounts(dbUrl) {
  const [row] = sql(dbUrl, 'SELECT (SELECT COUNT(*) FROM collect_batches), (SELECT COUNT(*) FROM facts), '
    + '(SELECT COUNT(*) FROM collect_quarantine), (SELECT COUNT(*) FROM fact_history), (SELECT COUNT(*) FROM enterprises)');
  const [batches, facts, quarantine, history, enterprises] = row.map(Number);
  return { batches, facts, quarantine, history, enterprises };
}

// A problem's Chinese reason, whether the server sends {zh, en} or a plain string.
export function reasonText(problem) {
  const r = problem?.reason;
  if (typeof r === 'string') return r;
  return r?.zh ?? '';
}

// The demo enterprises used throughout.
export const TIANBAO_USCC = '91410800171971661U';
export const SONGYANG_USCC = '91410800MA454807XE';

// A registration (登记注册) file: the header, and one row per enterprise from `overrides` on top
// of a complete, valid row. Amount columns are in 万元.
export const REGISTRATION_HEADER = ['统一社会信用代码', '企业名称', '企业类型', '登记状态', '法定代表人', '注册资本（万元）',
  '成立日期', '住所', '行政区划代码', '行业代码', '所属园区', '从业人员', '营业收入（万元）', '资产总额（万元）', '联系人', '联系电话'];

const REGISTRATION_DEFAULTS = {
  uscc: '', name: '', entityType: '有限责任公司', status: '存续', legalRepresentative: '张伟明', registeredCapital: '500',
  establishedOn: '2020-05-18', address: '焦作市示范区文昌路100号', regionCode: '410871', industryCode: 'C3562', parkName: '',
  employees: '50', annualRevenue: '3000', totalAssets: '5000', contactName: '李晓红', contactMobile: '13812345678',
};

export function registrationRow(overrides) {
  const r = { ...REGISTRATION_DEFAULTS, ...overrides };
  return [r.uscc, r.name, r.entityType, r.status, r.legalRepresentative, r.registeredCapital, r.establishedOn, r.address,
    r.regionCode, r.industryCode, r.parkName, r.employees, r.annualRevenue, r.totalAssets, r.contactName, r.contactMobile];
}

export function registrationCsv(rows) {
  return csv([REGISTRATION_HEADER, ...rows.map(registrationRow)]);
}
