// 信用画像 in a real browser against the real server with the demo data (which holds two completed
// scoring runs): the enterprise's own profile (gauge, grade, features, reasons with remedies), the
// public scorecard, a bank refused without consent, the platform admin's scorecard journey (view,
// train a candidate on loan outcomes, import another, a refused tampered file, compare, activate)
// and the government's grade distribution with its PSI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONTEXT_OPTIONS,
  DEMO_PASSWORD,
  artifactDir,
  launchBrowser,
  login,
  pageErrorTracker,
  screenshot,
  startE2eServer,
} from './helpers.mjs';

const DRIFT_ZH = /稳定|轻微漂移|显著漂移/;

// The canonical form of a scorecard artifact (docs/credit-api.md): keys sorted recursively, no spaces.
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The artifact with `checksum` recomputed over everything else. */
function sealed(artifact) {
  const { checksum, ...rest } = artifact;
  return { ...rest, checksum: `sha256:${createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex')}` };
}

let server;
let baseUrl;
let browser;
let workDir;
const errors = pageErrorTracker();

async function openBrowser() {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  context.setDefaultTimeout(20_000);
  const page = errors.track(await context.newPage());
  return { context, page };
}

/** The id of an enterprise user's own enterprise, through the API (its search scope holds only it). */
async function ownEnterpriseId(username) {
  const res = await fetch(new URL('/api/v1/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const list = await (await fetch(new URL('/api/v1/enterprises?pageSize=1', baseUrl), { headers: { Cookie: cookie } })).json();
  assert.equal(list.items.length, 1);
  return list.items[0].id;
}

/** ECharts animates on canvas (which `animations: 'disabled'` cannot stop): let it finish before a screenshot. */
const settle = (page) => page.waitForTimeout(1200);

/** The viewport only: a dialog or drawer is fixed to it, a full-page screenshot would cut it. */
const viewportShot = (page, name) => page.screenshot({ path: join(artifactDir, name), animations: 'disabled' });

/** Whether an ECharts chart has drawn: its container holds a canvas of non-zero size. */
async function waitForChart(page, testId) {
  const canvas = page.getByTestId(testId).locator('canvas').first();
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  assert.ok(box && box.width > 50 && box.height > 50, `${testId} is drawn (${JSON.stringify(box)})`);
}

before(async () => {
  server = await startE2eServer();
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  workDir = mkdtempSync(join(tmpdir(), 'jinfu-e2e-credit-'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('信用画像 (enterprise)', { timeout: 90_000 }, () => {
  test('demo-enterprise-staff sees the score gauge, grade, features and a reason with its remedy and department', async () => {
    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-enterprise-staff');
    await page.locator('.sidebar').getByText('信用评价').click();
    await page.locator('.sidebar').getByRole('menuitem', { name: '信用画像' }).click();
    await page.waitForURL(/\/credit\/mine$/);

    await page.getByTestId('credit-name').waitFor();
    assert.equal((await page.getByTestId('credit-name').textContent()).trim(), '焦作市天宝桓祥科技有限公司');
    assert.match((await page.getByTestId('credit-grade').textContent()).trim(), /^[A-E] · (优|良|中|关注|风险)$/);
    const score = Number((await page.getByTestId('credit-score').textContent()).trim());
    assert.ok(Number.isInteger(score) && score > 0, `a score (${score})`);
    assert.match(await page.getByTestId('credit-version').textContent(), /\S/);
    assert.match(await page.getByTestId('credit-as-of').textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await waitForChart(page, 'credit-gauge');

    // 指标明细: the contract's 22 features, each with its points out of the maximum and its source.
    const featureRows = page.getByTestId('credit-features').locator('.el-table__body tr');
    assert.equal(await featureRows.count(), 22);
    assert.match(await featureRows.first().textContent(), /成立年限/);
    assert.match(await featureRows.first().textContent(), /\d+\s*\/\s*\d+/);

    // 扣分原因与改进建议: a reason reads as text, with a remedy and the department responsible.
    const reasons = page.getByTestId('credit-reason');
    const shown = await reasons.count();
    assert.ok(shown >= 1 && shown <= 4, `one to four reasons shown prominently (${shown})`);
    const first = reasons.first();
    assert.match(await first.getByTestId('credit-reason-text').textContent(), /[\u4e00-\u9fff]/);
    assert.match(await first.getByTestId('credit-reason-remedy').textContent(), /[\u4e00-\u9fff]{4,}/);
    assert.match(await first.getByTestId('credit-reason-department').textContent(), /[\u4e00-\u9fff]{2,}/);
    assert.match(await first.getByTestId('credit-reason-lost').textContent(), /^-\d+/);

    // 评分历史 holds at least the score just recorded.
    await page.getByTestId('credit-history').locator('.el-table__body tr').first().waitFor();
    await settle(page);
    await screenshot(page, 'credit-profile.png');

    // 评分规则公开: the public scorecard with its bins, points and reasons.
    await page.getByTestId('credit-rules-open').click();
    const dialog = page.getByTestId('credit-rules-dialog');
    await dialog.getByTestId('scorecard-features').waitFor();
    assert.match(await dialog.getByTestId('scorecard-grades').textContent(), /优[\s\S]*风险/);
    assert.match(await dialog.getByTestId('scorecard-features').textContent(), /近12个月纳税额/);
    await viewportShot(page, 'credit-rules.png');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // 我的企业档案 links to the same profile.
    await page.goto(new URL('/registry/mine', baseUrl).href);
    await page.getByTestId('enterprise-credit-link').click();
    await page.waitForURL(/\/credit\/enterprises\/\d+$/);
    await page.getByTestId('credit-gauge').waitFor();
    assert.equal((await page.getByTestId('credit-name').textContent()).trim(), '焦作市天宝桓祥科技有限公司');

    await context.close();
    errors.assertNone();
  });

  test('a bank officer is refused without the enterprise’s consent and reads why', async () => {
    // The bank's own search finds no enterprise (no consent yet): the id comes from the enterprise.
    const id = await ownEnterpriseId('demo-enterprise-staff');
    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-bank-officer');
    await page.goto(new URL(`/credit/enterprises/${id}`, baseUrl).href);
    const alert = page.getByTestId('credit-error');
    await alert.waitFor();
    assert.match(await alert.textContent(), /[\u4e00-\u9fff]{4,}/, 'the server’s Chinese message');
    assert.equal(await page.getByTestId('credit-gauge').count(), 0);
    assert.equal(await page.getByTestId('forbidden').count(), 0, 'the page opens; the server refuses the score');
    await screenshot(page, 'credit-consent-required.png');
    await context.close();
    errors.assertNone();
  });
});

describe('信用分布 (government)', { timeout: 90_000 }, () => {
  test('demo-gov-viewer sees two runs, the grade distribution against the base run and its PSI', async () => {
    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-gov-viewer');
    await page.locator('.sidebar').getByText('信用评价').click();
    await page.locator('.sidebar').getByRole('menuitem', { name: '信用分布' }).click();
    await page.waitForURL(/\/credit\/distribution$/);

    await waitForChart(page, 'distribution-grade-chart');
    await waitForChart(page, 'distribution-histogram');
    assert.match(await page.getByTestId('distribution-psi-value').textContent(), /^\d+\.\d{4}$/);
    assert.match(await page.getByTestId('distribution-drift').textContent(), DRIFT_ZH);
    assert.match(await page.getByTestId('distribution-base-card').textContent(), /基期 · 批次 #\d+/);
    const gradeRows = page.getByTestId('distribution-grades').locator('.el-table__body tr');
    assert.ok((await gradeRows.count()) >= 2);

    const runRows = page.getByTestId('distribution-runs').locator('.el-table__body tr');
    await runRows.nth(1).waitFor();
    assert.ok((await runRows.count()) >= 2, 'the demo holds two completed runs');
    // No individual enterprise appears on the page.
    assert.doesNotMatch(await page.locator('.app-main').textContent(), /天宝桓祥|有限公司/);
    await settle(page);
    await screenshot(page, 'credit-distribution.png');

    // Choosing the two runs (oldest as base) reloads the distribution with ?run=&base=.
    await runRows.nth(0).locator('.el-checkbox').click();
    await runRows.nth(1).locator('.el-checkbox').click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/credit/distribution?') && /run=\d+/.test(r.url()) && /base=\d+/.test(r.url())),
      page.getByTestId('distribution-compare').click(),
    ]);
    assert.equal(response.status(), 200);
    const body = await response.json();
    assert.ok(body.base, 'a base run');
    assert.notEqual(body.run.id, body.base.id);
    await page.getByTestId('distribution-psi-value').waitFor();

    await context.close();
    errors.assertNone();
  });
});

describe('评分卡管理 (platform admin)', { timeout: 180_000 }, () => {
  test('views the active scorecard, trains and imports candidates, compares the trained one with the active one and activates it', async () => {
    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-platform-admin');
    await page.locator('.sidebar').getByText('信用评价').click();
    await page.locator('.sidebar').getByRole('menuitem', { name: '评分卡管理' }).click();
    await page.waitForURL(/\/credit\/scorecards$/);

    const table = page.getByTestId('scorecard-table');
    const activeRow = table.locator('.el-table__body tr', { hasText: '启用中' });
    await activeRow.first().waitFor();
    assert.equal(await activeRow.count(), 1);
    const activeVersion = (await activeRow.getByTestId('scorecard-version').textContent()).trim();
    await screenshot(page, 'credit-scorecards.png');

    // 查看: the drawer lists grades and every feature's bins.
    await activeRow.getByTestId('scorecard-view').click();
    const drawer = page.getByTestId('scorecard-drawer');
    await drawer.getByTestId('scorecard-features').waitFor();
    assert.match(await drawer.textContent(), new RegExp(`评分卡 ${activeVersion.replace(/[.]/g, '\\.')}`));
    assert.match(await drawer.getByTestId('scorecard-features').textContent(), /未归集/);
    await viewportShot(page, 'credit-scorecard-drawer.png');
    await page.keyboard.press('Escape');
    await drawer.getByTestId('scorecard-features').waitFor({ state: 'hidden' });

    // 训练新版本 on the demo's loan outcomes: a WoE logistic card with its AUC and KS beside the
    // active card's on the same validation sample, registered as a candidate.
    const version = `woe-e2e-${Date.now().toString(36)}`;
    await page.getByTestId('scorecard-train').click();
    const trainDialog = page.getByTestId('scorecard-train-dialog');
    await trainDialog.waitFor();
    await trainDialog.getByTestId('scorecard-train-version').fill(version);
    await trainDialog.locator('input[type=file]').setInputFiles('data/demo/credit/loan-outcomes.csv');
    await trainDialog.getByTestId('scorecard-train-submit').click();
    const trainResult = trainDialog.getByTestId('scorecard-train-result');
    await trainResult.waitFor({ timeout: 60000 });
    const trainText = await trainResult.textContent();
    assert.match(trainText, new RegExp(`已登记待启用版本 ${version}`));
    assert.match(trainText, /开发样本[\s\S]*验证样本[\s\S]*当前启用评分卡（同一验证样本）/);
    assert.match(trainText, /0\.\d{3}/);
    await viewportShot(page, 'credit-train-result.png');
    await trainDialog.getByTestId('scorecard-train-close').click();
    await trainDialog.waitFor({ state: 'hidden' });
    const candidateRow = table.locator('.el-table__body tr', { hasText: version });
    await candidateRow.waitFor();
    assert.match(await candidateRow.textContent(), /待启用/);
    assert.match(await candidateRow.textContent(), /WoE逻辑回归/);
    assert.match(await candidateRow.getByTestId('scorecard-auc').textContent(), /^0\.\d{3}$/);
    assert.match(await candidateRow.getByTestId('scorecard-ks').textContent(), /^0\.\d{3}$/);
    assert.match(await candidateRow.getByTestId('scorecard-psi').textContent(), /^\d\.\d{3}$/);
    // The trained card in the drawer: its training figures and each feature's information value.
    await candidateRow.getByTestId('scorecard-view').click();
    await drawer.getByTestId('scorecard-training').waitFor();
    assert.match(await drawer.getByTestId('scorecard-training').textContent(), /AUC[\s\S]*验证样本/);
    assert.match(await drawer.getByTestId('scorecard-features').textContent(), /IV \d\.\d{3}/);
    await viewportShot(page, 'credit-scorecard-trained.png');
    await page.keyboard.press('Escape');
    await drawer.getByTestId('scorecard-training').waitFor({ state: 'hidden' });

    // 导入评分卡: the active artifact with other points for one feature, sealed with its checksum;
    // the same file changed after sealing is refused with both checksums named.
    const active = await (await fetch(new URL('/api/v1/credit/scorecard', baseUrl))).json();
    assert.equal(active.version, activeVersion);
    const imported = structuredClone(active.artifact);
    const importedVersion = `expert-e2e-${Date.now().toString(36)}`;
    imported.version = importedVersion;
    imported.title = '浏览器测试评分卡';
    for (const bin of imported.features[1].bins) bin.points += 10;
    const good = sealed(imported);
    const goodText = JSON.stringify(good, null, 2);
    const goodPath = join(workDir, `${version}-import.json`);
    writeFileSync(goodPath, goodText);
    const tamperedText = goodText.replace(/("title":\s*)"[^"]*"/, '$1"被篡改的评分卡"');
    assert.notEqual(tamperedText, goodText);
    const tamperedPath = join(workDir, `${version}-tampered.json`);
    writeFileSync(tamperedPath, tamperedText);

    await page.getByTestId('scorecard-import').click();
    const importDialog = page.getByTestId('scorecard-import-dialog');
    await importDialog.waitFor();
    await importDialog.locator('input[type=file]').setInputFiles(tamperedPath);
    await importDialog.getByTestId('scorecard-import-submit').click();
    const refusal = importDialog.getByTestId('scorecard-import-problem');
    await refusal.waitFor();
    const refusalText = await refusal.textContent();
    assert.ok(refusalText.includes(good.checksum.slice(7, 19)), `checksum mismatch explained: ${refusalText}`);
    await viewportShot(page, 'credit-import-refused.png');

    await importDialog.locator('input[type=file]').setInputFiles(goodPath);
    await importDialog.getByTestId('scorecard-import-submit').click();
    await importDialog.waitFor({ state: 'hidden' });
    const importedRow = table.locator('.el-table__body tr', { hasText: importedVersion });
    await importedRow.waitFor();
    assert.match(await importedRow.textContent(), /待启用/);
    await screenshot(page, 'credit-scorecards-candidate.png');

    // 对比 with the active version: metrics, features side by side and the population's grades.
    await candidateRow.getByTestId('scorecard-compare').click();
    const compare = page.getByTestId('scorecard-compare-dialog');
    await compare.getByTestId('compare-features').waitFor();
    assert.match(await compare.getByTestId('compare-metrics').textContent(), new RegExp(version));
    assert.match(await compare.getByTestId('compare-features').textContent(), /有变化|新增|删除/);
    await compare.getByTestId('compare-population').waitFor();
    assert.match(await compare.getByTestId('compare-psi').textContent(), /^\d+\.\d{4}$/);
    assert.match(await compare.getByTestId('compare-upgraded').textContent(), /升级 \d/);
    await waitForChart(page, 'compare-chart');
    await settle(page);
    await viewportShot(page, 'credit-compare.png');
    await compare.getByTestId('compare-features').scrollIntoViewIfNeeded();
    await viewportShot(page, 'credit-compare-features.png');
    await compare.getByRole('button', { name: '关 闭' }).click();
    await compare.waitFor({ state: 'hidden' });

    // 启用 after confirmation: the candidate is active, the previous one retired.
    await candidateRow.getByTestId('scorecard-activate').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await box.textContent(), new RegExp(activeVersion.replace(/[.]/g, '\\.')));
    await box.getByRole('button', { name: '启用' }).click();
    await candidateRow.getByText('启用中').waitFor();
    const oldRow = table.locator('.el-table__body tr', { hasText: activeVersion });
    await oldRow.getByText('已停用').waitFor();
    await screenshot(page, 'credit-scorecards-activated.png');

    const now = await (await fetch(new URL('/api/v1/credit/scorecard', baseUrl))).json();
    assert.equal(now.version, version);

    await context.close();
    errors.assertNone();
  });
});
