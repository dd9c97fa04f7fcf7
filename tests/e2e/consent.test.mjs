// 数据授权 in a real browser against the real server with the demo data: the enterprise grants
// 工商银行焦作分行 the 信用画像 scope for 30 days; the bank finds the enterprise under 授权企业 and opens
// its credit profile; the enterprise sees that read under 谁查看了我的数据 and revokes the consent;
// the bank, reloading the profile, reads the server's refusal. Each side is its own browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  CONTEXT_OPTIONS,
  artifactDir,
  launchBrowser,
  login,
  pageErrorTracker,
  screenshot,
  startE2eServer,
} from './helpers.mjs';

const ENTERPRISE = '焦作市天宝桓祥科技有限公司';
const BANK = '工商银行焦作分行';

let server;
let baseUrl;
let browser;
const errors = pageErrorTracker();

async function openBrowser() {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  context.setDefaultTimeout(20_000);
  const page = errors.track(await context.newPage());
  return { context, page };
}

/** ECharts animates on canvas (which `animations: 'disabled'` cannot stop): let it finish before a screenshot. */
const settle = (page) => page.waitForTimeout(1200);

/** The viewport only: a dialog is fixed to it, a full-page screenshot would cut it. */
const viewportShot = (page, name) => page.screenshot({ path: join(artifactDir, name), animations: 'disabled' });

/** Opens a 融资对接 page through the sidebar. */
async function openFromMenu(page, title, path) {
  await page.locator('.sidebar').getByText('融资对接').click();
  await page.locator('.sidebar').getByRole('menuitem', { name: title }).click();
  await page.waitForURL((url) => url.pathname === path);
}

before(async () => {
  server = await startE2eServer();
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('数据授权 journey', { timeout: 150_000 }, () => {
  test('grant → the bank reads the credit profile → the enterprise sees the read → revoke → the bank is refused', async () => {
    // 1. The enterprise grants 工商银行焦作分行 the 信用画像 scope for 30 days.
    const ent = await openBrowser();
    await login(ent.page, baseUrl, 'demo-enterprise-staff');
    await openFromMenu(ent.page, '数据授权', '/finance/consents');
    await ent.page.locator('.breadcrumb').getByText('数据授权').waitFor();
    const consentTable = ent.page.getByTestId('consent-table');
    await consentTable.getByText('尚未向任何银行授权').waitFor();

    await ent.page.getByTestId('consent-add').click();
    const dialog = ent.page.getByTestId('consent-dialog');
    await dialog.waitFor();
    // 信用画像 is preselected; the period defaults to 30 days.
    const scopes = dialog.getByTestId('consent-form-scopes');
    await scopes.getByText('纳税').waitFor();
    assert.equal(await scopes.locator('.el-checkbox.is-checked').count(), 1);
    assert.equal((await scopes.locator('.el-checkbox.is-checked').textContent()).trim(), '信用画像');
    assert.equal(await dialog.getByTestId('consent-form-days').locator('input').inputValue(), '30');

    // Nothing chosen yet: the form asks for a bank before anything is sent.
    await dialog.getByTestId('consent-form-submit').click();
    await dialog.getByText('请选择被授权的银行').waitFor();

    await dialog.getByTestId('consent-form-bank').locator('.el-select__wrapper').click();
    await ent.page.keyboard.type('工商');
    await ent.page.locator('.el-select-dropdown__item:visible', { hasText: BANK }).first().click();
    // Choosing a bank clears the message.
    await dialog.getByText('请选择被授权的银行').waitFor({ state: 'hidden' });
    await dialog.getByTestId('consent-form-purpose').fill('申请流动资金贷款');
    await viewportShot(ent.page, 'consent-dialog.png');
    await dialog.getByTestId('consent-form-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    const consentRow = consentTable.locator('.el-table__body tr', { hasText: BANK });
    await consentRow.waitFor();
    assert.match(await consentRow.getByTestId('consent-scopes').textContent(), /^\s*信用画像\s*$/);
    assert.equal((await consentRow.getByTestId('consent-status').textContent()).trim(), '有效');
    assert.match(await consentRow.textContent(), /demo-enterprise-staff/);
    // 授权时间 and 到期时间 are 30 days apart.
    const [granted, expires] = (await consentRow.textContent()).match(/\d{4}-\d{2}-\d{2}/g);
    assert.equal((Date.parse(expires) - Date.parse(granted)) / 86_400_000, 30);
    await screenshot(ent.page, 'consent-list.png');

    // 2. The bank finds the enterprise under 授权企业 and opens its credit profile.
    const bank = await openBrowser();
    await login(bank.page, baseUrl, 'demo-bank-officer');
    await openFromMenu(bank.page, '授权企业', '/finance/authorized');
    const authorizedRow = bank.page.getByTestId('authorized-table').locator('.el-table__body tr', { hasText: ENTERPRISE });
    await authorizedRow.waitFor();
    assert.match(await authorizedRow.textContent(), /91410800\w{10}/);
    assert.match(await authorizedRow.textContent(), /信用画像/);
    assert.equal((await authorizedRow.getByTestId('authorized-status').textContent()).trim(), '有效');
    await screenshot(bank.page, 'consent-authorized.png');

    await authorizedRow.getByTestId('authorized-credit').click();
    await bank.page.waitForURL(/\/credit\/enterprises\/\d+$/);
    const profileUrl = bank.page.url();
    await bank.page.getByTestId('credit-gauge').locator('canvas').first().waitFor();
    assert.equal((await bank.page.getByTestId('credit-name').textContent()).trim(), ENTERPRISE);
    assert.match((await bank.page.getByTestId('credit-grade').textContent()).trim(), /^[A-E] · (优|良|中|关注|风险)$/);
    assert.ok(Number((await bank.page.getByTestId('credit-score').textContent()).trim()) > 0);
    await bank.page.getByTestId('credit-history').locator('.el-table__body tr').first().waitFor();
    await settle(bank.page);
    await screenshot(bank.page, 'consent-bank-profile.png');

    // 3. The enterprise sees the bank's read under 谁查看了我的数据.
    await ent.page.getByTestId('consent-tabs').getByText('谁查看了我的数据').click();
    const readRow = ent.page.getByTestId('consent-reads').locator('.el-table__body tr', { hasText: BANK }).first();
    await readRow.waitFor();
    assert.match(await readRow.textContent(), /demo-bank-officer/);
    assert.match(await readRow.textContent(), /查看信用画像/);
    assert.match(await readRow.textContent(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await screenshot(ent.page, 'consent-reads.png');

    // 4. The enterprise revokes, after a confirmation that names the bank.
    await ent.page.getByTestId('consent-tabs').getByText('我的授权').click();
    await consentRow.getByTestId('consent-revoke').click();
    const box = ent.page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await box.textContent(), new RegExp(`确认撤回对「${BANK}」的数据授权`));
    await viewportShot(ent.page, 'consent-revoke-confirm.png');
    await box.getByRole('button', { name: '撤回' }).click();
    await consentRow.getByTestId('consent-status').getByText('已撤回').waitFor();
    assert.equal(await consentRow.getByTestId('consent-revoke').count(), 0);
    await screenshot(ent.page, 'consent-revoked.png');

    // 5. The bank, reloading the profile, reads the server's refusal; 授权企业 shows the revocation.
    await bank.page.goto(profileUrl);
    const alert = bank.page.getByTestId('credit-error');
    await alert.waitFor();
    assert.match(await alert.textContent(), /需要企业数据授权/);
    assert.equal(await bank.page.getByTestId('credit-gauge').count(), 0);
    await screenshot(bank.page, 'consent-bank-refused.png');

    await bank.page.goto(new URL('/finance/authorized', baseUrl).href);
    await authorizedRow.getByTestId('authorized-status').getByText('已撤回').waitFor();
    assert.equal(await authorizedRow.getByTestId('authorized-credit').count(), 0);

    await bank.context.close();
    await ent.context.close();
    errors.assertNone();
  });
});

describe('数据授权 pages by organisation kind', { timeout: 60_000 }, () => {
  test('a bank cannot open 数据授权 and an enterprise cannot open 授权企业', async () => {
    const bank = await openBrowser();
    await login(bank.page, baseUrl, 'demo-bank-manager', undefined, '/finance/consents');
    await bank.page.getByText('抱歉，您无权访问此页面').waitFor();
    await bank.context.close();

    const ent = await openBrowser();
    await login(ent.page, baseUrl, 'demo-enterprise-admin', undefined, '/finance/authorized');
    await ent.page.getByText('抱歉，您无权访问此页面').waitFor();
    await ent.context.close();
    errors.assertNone();
  });
});
