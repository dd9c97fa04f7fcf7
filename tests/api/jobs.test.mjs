// Long work as a job: an upload sent with `Prefer: respond-async` is answered 202 with a job to
// follow (GET /api/v1/jobs/{id}: rows read, percent, the batch at the end), which its owner may
// cancel (the batch is rolled back whole). Someone else's job does not exist for them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient, sleep } from './helpers.mjs';
import { as, loginAll } from './auth-helpers.mjs';
import { TIANBAO_USCC, collectCounts, upload } from './collect-helpers.mjs';

const ASYNC = { prefer: 'respond-async' };
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

// A tax file of `rows` rows for the demo's first enterprise, one month each.
function taxFile(rows) {
  const lines = ['统一社会信用代码,所属期,实缴税额（元）,纳税信用等级'];
  for (let i = 0; i < rows; i++) lines.push(`${TIANBAO_USCC},${1900 + Math.floor(i / 12)}-${String(1 + (i % 12)).padStart(2, '0')},${1000 + i},A`);
  return `${lines.join('\n')}\n`;
}

describe('background jobs', () => {
  let server, api, creds, c;
  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
    creds = await loginAll(api, ['taxProvider', 'platform', 'govAdmin']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
  });
  after(async () => { api?.assertNo500(); await server?.stop(); });

  async function follow(client, id) {
    for (let i = 0; i < 600; i++) {
      const r = await client.get(`/api/v1/jobs/${id}`);
      assert.equal(r.res.status, 200, r.text);
      if (TERMINAL.has(r.json.status)) return r.json;
      await sleep(50);
    }
    throw new Error(`job ${id} did not finish`);
  }

  test('an upload with Prefer: respond-async is a job: 202, Location, and the batch when it is done', async () => {
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, creds.taxProvider, { category: 'tax', fileName: '纳税-后台.csv' }, taxFile(2500), ASYNC);
    assert.equal(r.res.status, 202, r.text);
    assert.equal(r.res.headers.get('preference-applied'), 'respond-async');
    assert.equal(r.res.headers.get('location'), `/api/v1/jobs/${r.json.id}`);
    assert.match(r.json.id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(r.json.kind, 'collect.import');
    assert.ok(['queued', 'running'].includes(r.json.status));
    assert.equal(r.json.unit, '行');
    const done = await follow(c.taxProvider, r.json.id);
    assert.equal(done.status, 'succeeded', JSON.stringify(done.problem));
    assert.equal(done.percent, 100);
    assert.equal(done.total, 2500, 'the rows of the file, counted when it arrived');
    assert.ok(done.done >= 2000, `rows read ${done.done}`);
    assert.equal(done.result.batch.rowsTotal, 2500);
    assert.equal(done.result.batch.rowsAccepted + done.result.batch.rowsQuarantined, 2500);
    assert.ok(done.result.batch.rowsAccepted > 2000);
    assert.equal(collectCounts(server.dbUrl).batches, before.batches + 1);
    // The same content again: the job succeeds with the earlier batch, nothing applied twice.
    const again = await upload(api, creds.taxProvider, { category: 'tax', fileName: '纳税-后台.csv' }, taxFile(2500), ASYNC);
    const dup = await follow(c.taxProvider, again.json.id);
    assert.equal(dup.result.duplicate, true);
    assert.equal(dup.result.batch.id, done.result.batch.id);
    // Listed among the caller's jobs, newest first.
    const mine = await c.taxProvider.get('/api/v1/jobs');
    assert.deepEqual(mine.json.items.map((j) => j.id), [again.json.id, r.json.id]);
  });

  test('someone else\'s job does not exist for them; the operator follows everyone\'s', async () => {
    const r = await upload(api, creds.taxProvider, { category: 'tax', fileName: '纳税-他人.csv' }, taxFile(10), ASYNC);
    await follow(c.taxProvider, r.json.id);
    assertProblem(await c.govAdmin.get(`/api/v1/jobs/${r.json.id}`), { status: 404, code: 'not_found' });
    assertProblem(await c.govAdmin.post(`/api/v1/jobs/${r.json.id}/cancel`), { status: 404, code: 'not_found' });
    assert.deepEqual((await c.govAdmin.get('/api/v1/jobs')).json.items, []);
    assert.equal((await c.platform.get(`/api/v1/jobs/${r.json.id}`)).res.status, 200);
    assertProblem(await c.taxProvider.get('/api/v1/jobs/no-such-job'), { status: 404, code: 'not_found' });
    assertProblem(await api.call(`/api/v1/jobs/${r.json.id}`), { status: 401, code: 'unauthenticated' });
  });

  test('a cancelled import stores nothing; a finished job cannot be cancelled', async () => {
    const before = collectCounts(server.dbUrl);
    const r = await upload(api, creds.taxProvider, { category: 'tax', fileName: '纳税-取消.csv' }, taxFile(200_000), ASYNC);
    assert.equal(r.res.status, 202, r.text);
    const asked = await c.taxProvider.post(`/api/v1/jobs/${r.json.id}/cancel`);
    assert.equal(asked.res.status, 202, asked.text);
    assert.equal(asked.json.cancelRequested, true);
    const end = await follow(c.taxProvider, r.json.id);
    assert.equal(end.status, 'cancelled');
    assert.equal(end.problem.code, 'job_cancelled');
    assert.match(end.problem.detail, /撤回/);
    assert.deepEqual(collectCounts(server.dbUrl), before, 'no batch, fact or quarantined row of it');
    assertProblem(await c.taxProvider.post(`/api/v1/jobs/${r.json.id}/cancel`), { status: 409, code: 'job_finished' });
  });

  test('an upload goes to disk as it arrives: 55 MB sent, the memory of the server does not hold it', async () => {
    const rss = () => Number(readFileSync(`/proc/${server.child.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)[1]);
    const body = Buffer.from(taxFile(1_500_000));
    assert.ok(body.length > 50e6, `${body.length} bytes`);
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 5);
    const r = await upload(api, creds.taxProvider, { category: 'tax', fileName: '纳税-大文件.csv' }, body, ASYNC);
    clearInterval(sampler);
    assert.equal(r.res.status, 202, r.text);
    assert.equal(r.json.total, 1_500_000);
    assert.ok(peak - before < 30 * 1024, `resident memory grew by ${Math.round((peak - before) / 1024)} MiB while receiving`);
    assert.equal((await c.taxProvider.post(`/api/v1/jobs/${r.json.id}/cancel`)).res.status, 202);
    assert.equal((await follow(c.taxProvider, r.json.id)).status, 'cancelled');
  });

  test('a file that cannot be read is refused at once, not as a job', async () => {
    const r = await upload(api, creds.taxProvider, { category: 'tax', fileName: '坏.xlsx' }, 'not a workbook', ASYNC);
    assertProblem(r, { status: 422, code: 'file_unreadable' });
  });
});
