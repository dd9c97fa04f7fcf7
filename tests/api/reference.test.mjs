// Reference-data tools: USCC (统一社会信用代码) validation and the official work calendar.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { JSON_TYPE, assertProblem, createClient } from './helpers.mjs';

let server;
let api;
before(async () => {
  server = await startServer({ demo: false });
  api = createClient(server.baseUrl);
});
after(async () => {
  api?.assertNo500();
  await server?.stop();
});

const validate = (codes, headers) => api.postJson('/api/v1/uscc/validate', { codes }, headers);

describe('POST /api/v1/uscc/validate', () => {
  test('accepts a valid code and describes its registration authority', async () => {
    const { res, json } = await validate(['914403001922038216']);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), JSON_TYPE);
    assert.deepEqual(json, {
      results: [{
        input: '914403001922038216', code: '914403001922038216', valid: true, reason: null,
        description: '市场监管·企业',
      }],
    });
  });

  test('rejects a wrong check character, naming position 18 and the expected character', async () => {
    // 91350100M000100Y43 is valid; the same code ending in X has a wrong 18th character.
    const { res, json } = await validate(['91350100M000100Y4X', '91350100M000100Y43']);
    assert.equal(res.status, 200);
    const [bad, good] = json.results;
    assert.equal(bad.valid, false);
    assert.equal(bad.position, 18);
    assert.equal(bad.reason, '第18位校验码错误：应为“3”，实际为“X”');
    assert.equal(good.valid, true);
    assert.equal(good.reason, null);
  });

  test('91350100M000100Y4Z (GB 32100\'s misprinted example): position 18 should be 3', async () => {
    const { json } = await validate(['91350100M000100Y4Z']);
    const [r] = json.results;
    assert.equal(r.valid, false);
    assert.equal(r.code, '91350100M000100Y4Z');
    assert.equal(r.position, 18);
    assert.equal(r.reason, '第18位校验码错误：应为“3”，实际为“Z”');
    assert.equal(r.description, undefined);
  });

  test('normalises full-width, lower-case and padded input, keeping the original as input', async () => {
    const inputs = ['９１４４０３００１９２２０３８２１６', ' 91350100m000100y43\u3000', '\uFEFF914403001922038216'];
    const { json } = await validate(inputs);
    assert.deepEqual(json.results.map((r) => [r.input, r.code, r.valid]), [
      [inputs[0], '914403001922038216', true],
      [inputs[1], '91350100M000100Y43', true],
      [inputs[2], '914403001922038216', true],
    ]);
  });

  test('explains in English with Accept-Language: en', async () => {
    const { res, json } = await validate(['91350100M000100Y4X', '12345'], { 'accept-language': 'en-US,en;q=0.9' });
    assert.equal(res.status, 200);
    assert.equal(json.results[0].reason, "check character at position 18 is wrong: expected '3', got 'X'");
    assert.equal(json.results[1].reason, 'the code must be 18 characters long, got 5');
  });

  test('gives a reason for each kind of mistake, and keeps the order of the input', async () => {
    const { json } = await validate(['', '12345', '9144 03001922038216', '91440300192O038216']);
    assert.equal(json.results.length, 4);
    assert.deepEqual(json.results.map((r) => r.valid), [false, false, false, false]);
    assert.equal(json.results[0].reason, '统一社会信用代码为空');
    assert.equal(json.results[1].reason, '长度应为18位，实际为5位');
    assert.equal(json.results[2].position, 5);
    assert.match(json.results[2].reason, /^第5位是空格/);
    assert.equal(json.results[3].position, 12);
    assert.equal(json.results[3].reason, '第12位字符“O”不在允许的字符集中（不使用I、O、S、V、Z），可能应为数字“0”');
  });

  test('an empty list is fine', async () => {
    const { res, json } = await validate([]);
    assert.equal(res.status, 200);
    assert.deepEqual(json, { results: [] });
  });

  test('accepts exactly 1000 codes', async () => {
    const { res, json } = await validate(Array(1000).fill('914403001922038216'));
    assert.equal(res.status, 200);
    assert.equal(json.results.length, 1000);
    assert.ok(json.results.every((r) => r.valid));
  });

  test('422 with field "codes" when codes is missing', async () => {
    const r = await api.postJson('/api/v1/uscc/validate', { code: ['914403001922038216'] });
    const p = assertProblem(r, { status: 422, code: 'validation_failed', instance: '/api/v1/uscc/validate' });
    assert.equal(p.title, '内容校验未通过');
    assert.deepEqual(p.errors, [{ field: 'codes', message: '应为字符串数组。' }]);
  });

  test('422 with field "codes" when codes is not an array', async () => {
    for (const codes of ['914403001922038216', 42, null, { a: 1 }]) {
      const p = assertProblem(await validate(codes), { status: 422, code: 'validation_failed' });
      assert.deepEqual(p.errors.map((e) => e.field), ['codes'], `for ${JSON.stringify(codes)}`);
    }
  });

  test('422 naming each element that is not a string (codes[1], codes[3])', async () => {
    const p = assertProblem(await validate(['914403001922038216', 1, 'x', null]), {
      status: 422, code: 'validation_failed',
    });
    assert.deepEqual(p.errors, [
      { field: 'codes[1]', message: '应为字符串。' },
      { field: 'codes[3]', message: '应为字符串。' },
    ]);
  });

  test('422 in English with Accept-Language: en', async () => {
    const p = assertProblem(await validate(['a', 2], { 'accept-language': 'en' }), {
      status: 422, code: 'validation_failed', lang: 'en',
    });
    assert.equal(p.title, 'Unprocessable content');
    assert.deepEqual(p.errors, [{ field: 'codes[1]', message: 'Must be a string.' }]);
  });

  test('422 for 1001 codes: at most 1000 per request', async () => {
    const p = assertProblem(await validate(Array(1001).fill('914403001922038216')), {
      status: 422, code: 'validation_failed',
    });
    assert.deepEqual(p.errors, [{ field: 'codes', message: '一次最多校验 1000 个代码。' }]);
  });

  test('the default body limit is 1 MiB: a body one byte over gets 413 naming 1048576', async () => {
    const json = JSON.stringify({ codes: [] });
    const over = json + ' '.repeat(1048576 + 1 - json.length);
    const p = assertProblem(await api.postJson('/api/v1/uscc/validate', over), { status: 413, code: 'payload_too_large' });
    assert.equal(p.detail, '请求体超过上限 1048576 字节。');
    const exact = json + ' '.repeat(1048576 - json.length);
    assert.equal((await api.postJson('/api/v1/uscc/validate', exact)).res.status, 200);
  });
});

describe('GET /api/v1/calendar/{date}', () => {
  const day = (path) => api.call(`/api/v1/calendar/${path}`);

  test('2026-10-01 is the 国庆节 holiday', async () => {
    const { res, json } = await day('2026-10-01');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), JSON_TYPE);
    assert.deepEqual(json, { date: '2026-10-01', workday: false, kind: 'holiday', name: '国庆节', inSchedule: true });
  });

  test('2026-10-10 (a Saturday) is an adjusted working day for 国庆节', async () => {
    const { json } = await day('2026-10-10');
    assert.deepEqual(json, {
      date: '2026-10-10', workday: true, kind: 'adjusted-workday', name: '国庆节', inSchedule: true,
    });
  });

  test('an ordinary weekday and an ordinary weekend', async () => {
    assert.deepEqual((await day('2026-09-30')).json, {
      date: '2026-09-30', workday: true, kind: 'weekday', name: null, inSchedule: true,
    });
    assert.deepEqual((await day('2026-09-12')).json, {
      date: '2026-09-12', workday: false, kind: 'weekend', name: null, inSchedule: true,
    });
  });

  test('addWorkdays skips the 国庆 holiday: 2026-09-30 + 1 = 2026-10-08', async () => {
    const { res, json } = await day('2026-09-30?addWorkdays=1');
    assert.equal(res.status, 200);
    assert.equal(json.addWorkdays, 1);
    assert.equal(json.result, '2026-10-08');
    assert.equal(json.date, '2026-09-30');
  });

  test('addWorkdays counts backwards and counts the adjusted Saturday', async () => {
    assert.equal((await day('2026-10-08?addWorkdays=-1')).json.result, '2026-09-30');
    assert.equal((await day('2026-10-09?addWorkdays=1')).json.result, '2026-10-10');
    assert.equal((await day('2026-10-01?addWorkdays=0')).json.result, '2026-10-01');
  });

  test('a date outside the official schedule (2030-01-02) says inSchedule false', async () => {
    const { res, json } = await day('2030-01-02');
    assert.equal(res.status, 200);
    assert.deepEqual(json, { date: '2030-01-02', workday: true, kind: 'weekday', name: null, inSchedule: false });
  });

  test('2026-02-30 (no such day) → 400 invalid_path_parameter with field date', async () => {
    const p = assertProblem(await day('2026-02-30'), {
      status: 400, code: 'invalid_path_parameter', instance: '/api/v1/calendar/2026-02-30',
    });
    assert.equal(p.title, '请求有误');
    assert.deepEqual(p.errors, [{ field: 'date', message: '应为有效日期（YYYY-MM-DD），实际为“2026-02-30”。' }]);
  });

  test('2026-2-3 (not zero-padded) → 400 invalid_path_parameter with field date', async () => {
    const p = assertProblem(await day('2026-2-3'), { status: 400, code: 'invalid_path_parameter' });
    assert.deepEqual(p.errors.map((e) => e.field), ['date']);
  });

  test('other malformed dates → 400 with field date, in English when asked', async () => {
    for (const bad of ['20261001', 'today', '0000-01-01', '2026-13-01', '2026-10-01x']) {
      const r = await api.call(`/api/v1/calendar/${bad}`, { headers: { 'accept-language': 'en' } });
      const p = assertProblem(r, { status: 400, code: 'invalid_path_parameter', lang: 'en' });
      assert.deepEqual(p.errors.map((e) => e.field), ['date'], bad);
      assert.match(p.errors[0].message, /^Expected a valid date \(YYYY-MM-DD\)/);
    }
  });

  test('addWorkdays=abc → 400 invalid_query_parameter with field addWorkdays', async () => {
    const p = assertProblem(await day('2026-10-01?addWorkdays=abc'), {
      status: 400, code: 'invalid_query_parameter', instance: '/api/v1/calendar/2026-10-01',
    });
    assert.deepEqual(p.errors, [{ field: 'addWorkdays', message: '应为 -3650 到 3650 之间的整数。' }]);
  });

  test('addWorkdays must be an integer from -3650 to 3650', async () => {
    for (const bad of ['', '1.5', '+1', '3651', '-3651', '99999999999', '1e3', '0x10']) {
      const r = await day(`2026-10-01?addWorkdays=${encodeURIComponent(bad)}`);
      const p = assertProblem(r, { status: 400, code: 'invalid_query_parameter' });
      assert.deepEqual(p.errors.map((e) => e.field), ['addWorkdays'], JSON.stringify(bad));
    }
    assert.equal((await day('2026-10-01?addWorkdays=3650')).res.status, 200);
    assert.equal((await day('2026-10-01?addWorkdays=-3650')).res.status, 200);
  });

  // A result outside years 0001–9999 cannot be written as YYYY-MM-DD (it was once "10013-12-27" and
  // "-013-01-05"): the one right answer is a refusal naming addWorkdays.
  test('addWorkdays whose result falls outside years 0001–9999 → 400 naming addWorkdays, never a date', async () => {
    for (const path of ['9999-12-31?addWorkdays=3650', '0001-01-01?addWorkdays=-3650']) {
      const r = await day(path);
      assert.equal(r.res.status, 400, `${path}: ${r.text}`);
      const p = assertProblem(r, { status: 400, code: 'invalid_query_parameter' });
      assert.deepEqual(p.errors, [{ field: 'addWorkdays', message: '推算结果超出公历 1–9999 年。' }], path);
      assert.equal(p.result, undefined, 'no result is answered');
    }
  });

  test('a trailing slash or a missing date is not the calendar route (404 problem)', async () => {
    assertProblem(await api.call('/api/v1/calendar/2026-10-01/'), { status: 404, code: 'not_found' });
    assertProblem(await api.call('/api/v1/calendar/'), { status: 404, code: 'not_found' });
  });
});
