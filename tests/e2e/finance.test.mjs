// 融资对接 in a real browser against the real server with the demo data (which already holds a
// demo marketplace: several banks' products and five demands of the demo enterprise). Each
// journey finds its own demand by a purpose text of its own; each side is its own browser.
//
// 1. Pool demand to disbursement: the enterprise previews the match rule by rule and publishes to
//    the pool; the bank claims it under 商机, sees no consent yet; the enterprise grants 信用画像;
//    the bank reads the credit profile, then 受理 → 进入审批 → 授信 → 签约 → 放款; the enterprise
//    reads the whole timeline, the read under 谁查看了我的数据 and its 站内信.
// 2. Refusal with reasons: the enterprise applies directly to 经营快贷 from 产品超市; the bank
//    accepts, reviews and refuses with two reason codes; the enterprise reads each reason with its
//    remedy and department exactly as GET /finance/catalogue has them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shanghaiDate } from '../support/clock.mjs';
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

const ENTERPRISE = '焦作市天宝桓祥科技有限公司';
const BANK = '工商银行焦作分行';
const PRODUCT = '经营快贷';

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

/** The viewport only: a dialog is fixed to it, a full-page screenshot would cut it. */
const viewportShot = (page, name) => page.screenshot({ path: join(artifactDir, name), animations: 'disabled' });

/** ECharts animates on canvas (which `animations: 'disabled'` cannot stop): let it finish before a screenshot. */
const settle = (page) => page.waitForTimeout(1200);

/** Opens a 融资对接 page through the sidebar. */
async function openFromMenu(page, title, path) {
  const group = page.locator('.sidebar .el-sub-menu', { has: page.locator('.el-sub-menu__title', { hasText: '融资对接' }) });
  // The group is open already on a 融资对接 page: a click on its title would close it.
  if (!(await group.evaluate((el) => el.classList.contains('is-opened')))) await group.locator('.el-sub-menu__title').click();
  await group.getByRole('menuitem', { name: title }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/** The text of an element as rendered (innerText), with its whitespace collapsed. */
async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** The rejection reasons as GET /api/v1/finance/catalogue lists them, by code. */
async function catalogueReasons() {
  const res = await fetch(new URL('/api/v1/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'demo-enterprise-staff', password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const catalogue = await (await fetch(new URL('/api/v1/finance/catalogue', baseUrl), { headers: { Cookie: cookie } })).json();
  return Object.fromEntries(catalogue.reasons.map((r) => [r.code, r]));
}

/**
 * Runs one bank command on 办理申请: clicks its button, lets `fillDialog` fill the dialog, confirms, and
 * waits for the state the page then shows.
 */
async function bankCommand(page, code, state, fillDialog = async () => {}) {
  await page.getByTestId(`deal-command-${code}`).click();
  const dialog = page.getByTestId('command-dialog');
  await dialog.waitFor();
  await fillDialog(dialog);
  await dialog.getByTestId('command-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('deal-title').getByText(state, { exact: true }).waitFor();
}

/**
 * The text box of a form control found by its test id: Element Plus puts the id on the native
 * input or textarea of an el-input, and on the wrapper of an el-input-number.
 */
async function field(scope, testId) {
  const target = scope.getByTestId(testId);
  const tag = await target.evaluate((el) => el.tagName);
  return tag === 'INPUT' || tag === 'TEXTAREA' ? target : target.locator('input, textarea').first();
}

/** Types into a form control (see `field`). */
async function fill(scope, testId, value) {
  await (await field(scope, testId)).fill(value);
}

/**
 * A date in a date picker, found by its form label (el-date-picker does not pass a test id on to
 * the page): typed, then confirmed with Enter.
 */
async function pickDate(dialog, label, date) {
  const input = dialog.getByLabel(label, { exact: true });
  await input.fill(date);
  await input.press('Enter');
}

/** The row of a 我的申请 table whose 编号 is `#id`. */
function applicationRow(page, id) {
  return page
    .getByTestId('application-table')
    .locator('.el-table__body tr')
    .filter({ has: page.locator('td').first().getByText(`#${id}`, { exact: true }) });
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

describe('融资对接: 需求池 → 接单 → 数据授权 → 授信 → 放款', { timeout: 240_000 }, () => {
  test('the enterprise publishes, the bank claims and disburses, the enterprise follows every step', async () => {
    const purpose = `购置检测设备（需求池旅程 ${Date.now().toString(36)}）`;

    // 1. The enterprise fills 发布需求 and previews the match, rule by rule.
    const ent = await openBrowser();
    await login(ent.page, baseUrl, 'demo-enterprise-staff');
    // The demo's own applications have left unread messages: the bell shows their number.
    const bellCount = ent.page.getByTestId('notice-badge').locator('sup');
    await bellCount.waitFor();
    const unreadBefore = Number(await textOf(bellCount));
    assert.ok(unreadBefore > 0, `the bell shows the unread count (${unreadBefore})`);
    await openFromMenu(ent.page, '发布需求', '/finance/publish');
    await ent.page.locator('.breadcrumb').getByText('发布需求').waitFor();
    await fill(ent.page, 'publish-amount', '86');
    await fill(ent.page, 'publish-term', '12');
    await fill(ent.page, 'publish-purpose', purpose);
    await ent.page.getByTestId('publish-preview').click();

    // 经营快贷 fits (every rule 符合, with the enterprise's value and the threshold) and is ranked.
    const ranked = ent.page.getByTestId('match-ranked').locator('.el-table__body tr');
    await ranked.filter({ hasText: PRODUCT }).waitFor();
    assert.match(await ranked.filter({ hasText: PRODUCT }).textContent(), new RegExp(BANK));
    const items = ent.page.getByTestId('match-items');
    const fits = items.locator('.el-collapse-item', { hasText: PRODUCT });
    assert.match(await textOf(fits.locator('.el-collapse-item__header')), /符合准入 经营快贷 工商银行焦作分行 · .*0 项不符合，0 项无法判断$/);
    await fits.locator('.el-collapse-item__header').click();
    const fitRules = fits.getByTestId('match-rules').locator('.el-table__body tr');
    await fitRules.first().waitFor();
    const fitRows = await fitRules.allTextContents();
    assert.ok(fitRows.length >= 4, `经营快贷 lists its rules (${fitRows.length})`);
    // Each row: 准入条件, 结果, 贵企业情况 (the value), 产品要求 (the threshold).
    const cellsOf = async (row) => (await row.locator('td').allTextContents()).map((t) => t.trim());
    assert.deepEqual(await cellsOf(fitRules.filter({ hasText: '纳税信用等级' })), ['纳税信用等级', '符合', 'M级', '不低于 M级']);
    assert.deepEqual(await cellsOf(fitRules.filter({ hasText: '融资金额' })), ['融资金额', '符合', '86 万元', '10 万元–300 万元']);
    assert.deepEqual(await cellsOf(fitRules.filter({ hasText: '融资期限' })), ['融资期限', '符合', '12 个月', '3–12 个月']);

    // 税易贷 needs tax grade B: 不符合, with the value M against B.
    const misfit = items.locator('.el-collapse-item', { hasText: '税易贷' });
    assert.match(await textOf(misfit.locator('.el-collapse-item__header')), /不符合 税易贷/);
    await misfit.locator('.el-collapse-item__header').click();
    const misfitTax = misfit.getByTestId('match-rules').locator('.el-table__body tr', { hasText: '纳税信用等级' });
    await misfitTax.waitFor();
    assert.deepEqual(await cellsOf(misfitTax), ['纳税信用等级', '不符合', 'M级', '不低于 B级']);
    await misfit.getByText('不符合准入条件，暂不能定向申请该产品').waitFor();
    // Some product cannot be judged for lack of data, or everything is judged: either way only the three outcomes appear.
    for (const cell of await items.getByTestId('match-rules').locator('.el-table__body tr td:nth-child(2)').allTextContents()) {
      assert.match(cell.trim(), /^(符合|不符合|无法判断)$/);
    }
    await screenshot(ent.page, 'finance-match.png');

    // 发布到需求池, after a confirmation that repeats the amount and term.
    await ent.page.getByTestId('publish-pool').click();
    const box = ent.page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await textOf(box), /86 万元、12 个月/);
    await box.getByRole('button', { name: '发布' }).click();
    await ent.page.waitForURL((url) => url.pathname === '/finance/demands');
    const demandRow = ent.page.getByTestId('demand-table').locator('.el-table__body tr', { hasText: purpose });
    await demandRow.waitFor();
    assert.equal(await textOf(demandRow.getByTestId('demand-amount')), '86');
    assert.equal(await textOf(demandRow.getByTestId('demand-status')), '待接单');
    await screenshot(ent.page, 'finance-demands.png');

    // 2. The bank finds the demand under 商机 › 匹配商机 (its 经营快贷 fits) and claims it.
    const bank = await openBrowser();
    await login(bank.page, baseUrl, 'demo-bank-officer');
    await openFromMenu(bank.page, '商机', '/finance/opportunities');
    const opportunity = bank.page.getByTestId('opportunities-table').locator('.el-table__body tr', { hasText: purpose });
    await opportunity.waitFor();
    assert.equal(await textOf(opportunity.getByTestId('opportunity-enterprise')), ENTERPRISE);
    assert.equal(await textOf(opportunity.getByTestId('opportunity-amount')), '86');
    assert.match(await textOf(opportunity.getByTestId('opportunity-matched')), new RegExp(PRODUCT));
    await screenshot(bank.page, 'finance-opportunities.png');
    await opportunity.getByTestId('opportunity-claim').click();
    const claimBox = bank.page.locator('.el-message-box');
    await claimBox.waitFor();
    assert.match(await textOf(claimBox), new RegExp(`确认接单「${ENTERPRISE}」的融资需求（86 万元，12 个月）`));
    await claimBox.getByRole('button', { name: '接单' }).click();
    await bank.page.waitForURL(/\/finance\/deals\/\d+$/);
    const appId = Number(new URL(bank.page.url()).pathname.split('/').pop());
    const title = bank.page.getByTestId('deal-title');
    await title.waitFor();
    assert.match(await textOf(title), new RegExp(`申请 #${appId} · ${ENTERPRISE}`));
    assert.match(await textOf(bank.page.getByTestId('deal-facts')), /86 万元/);
    assert.ok((await textOf(bank.page.getByTestId('deal-facts'))).includes(purpose), 'the purpose is shown');
    // No consent yet: both scopes 未授权, no link to the credit profile.
    const consentCard = bank.page.getByTestId('deal-consent');
    await consentCard.getByTestId('deal-no-consent').waitFor();
    assert.match(await textOf(consentCard), /信用画像：\s*未授权/);
    assert.equal(await consentCard.getByTestId('deal-credit-link').count(), 0);
    assert.match(await textOf(bank.page.getByTestId('deal-timeline')), /接单/);
    await screenshot(bank.page, 'finance-deal-claimed.png');

    // 3. The enterprise grants 工商银行焦作分行 the 信用画像 scope under 数据授权.
    await openFromMenu(ent.page, '数据授权', '/finance/consents');
    await ent.page.getByTestId('consent-add').click();
    const grant = ent.page.getByTestId('consent-dialog');
    await grant.waitFor();
    await grant.getByTestId('consent-form-bank').locator('.el-select__wrapper').click();
    await ent.page.keyboard.type('工商');
    await ent.page.locator('.el-select-dropdown__item:visible', { hasText: BANK }).first().click();
    const scopes = grant.getByTestId('consent-form-scopes');
    assert.equal(await textOf(scopes.locator('.el-checkbox.is-checked')), '信用画像');
    await grant.getByTestId('consent-form-purpose').fill('融资申请审批');
    await grant.getByTestId('consent-form-submit').click();
    await grant.waitFor({ state: 'hidden' });
    const consentRow = ent.page.getByTestId('consent-table').locator('.el-table__body tr', { hasText: BANK });
    await consentRow.waitFor();
    assert.equal(await textOf(consentRow.getByTestId('consent-status')), '有效');

    // 4. The bank reloads: the consent is there, and the link opens the credit profile.
    await bank.page.reload();
    await consentCard.getByTestId('deal-credit-link').waitFor();
    assert.match(await textOf(consentCard), /信用画像：\s*已授权/);
    await screenshot(bank.page, 'finance-deal-consent.png');
    await consentCard.getByTestId('deal-credit-link').click();
    await bank.page.waitForURL(/\/credit\/enterprises\/\d+$/);
    await bank.page.getByTestId('credit-gauge').locator('canvas').first().waitFor();
    assert.equal(await textOf(bank.page.getByTestId('credit-name')), ENTERPRISE);
    assert.match(await textOf(bank.page.getByTestId('credit-grade')), /^[A-E] · (优|良|中|关注|风险)$/);
    assert.ok(Number(await textOf(bank.page.getByTestId('credit-score'))) > 0, 'a score');
    await settle(bank.page);
    await screenshot(bank.page, 'finance-deal-credit.png');
    await bank.page.goBack();
    await bank.page.waitForURL((url) => url.pathname === `/finance/deals/${appId}`);

    // 5. 受理 (with a note) → 进入审批 → 授信 → 签约 → 放款.
    const acceptNote = '已电话联系企业财务负责人，约定本周上门调查';
    const validUntil = shanghaiDate(90);
    const today = shanghaiDate(0);
    await title.waitFor();
    await bankCommand(bank.page, 'accept', '已受理', async (d) => {
      await fill(d, 'command-note', acceptNote);
    });
    await bankCommand(bank.page, 'start_review', '审批中');
    await bankCommand(bank.page, 'approve', '已授信', async (d) => {
      // The dialog starts from the requested amount and term.
      assert.equal(await (await field(d, 'command-amount')).inputValue(), '86.00');
      await fill(d, 'command-amount', '80');
      await fill(d, 'command-rate', '3.85');
      await fill(d, 'command-term', '12');
      await pickDate(d, '授信有效期至', validUntil);
      await viewportShot(bank.page, 'finance-approve-dialog.png');
    });
    assert.equal(await textOf(bank.page.getByTestId('deal-approved')), '80 万元');
    await bankCommand(bank.page, 'sign_contract', '已签约', async (d) => {
      await d.getByTestId('command-contract').fill('ICBC-JZ-2026-0086');
    });
    await bankCommand(bank.page, 'disburse', '已放款', async (d) => {
      assert.match(await textOf(d.getByTestId('command-remaining')), /尚可放款 80 万元/);
      await fill(d, 'command-amount', '80');
      assert.equal(await d.getByLabel('放款日期', { exact: true }).inputValue(), today);
    });
    assert.match(await textOf(bank.page.getByTestId('deal-disbursed')), /^80 万元/);
    assert.equal(await bank.page.getByTestId('deal-no-commands').count() + (await bank.page.getByTestId('deal-commands').count()), 1);
    await screenshot(bank.page, 'finance-deal-disbursed.png');

    // 6. The enterprise: 站内信 bell, then 我的申请 → the application with its whole timeline.
    await openFromMenu(ent.page, '我的申请', '/finance/applications');
    await ent.page.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="notice-badge"] sup')?.textContent || 0) > before,
      unreadBefore,
    );
    assert.ok(Number(await textOf(bellCount)) >= unreadBefore + 5, 'one unread message per step of the bank');
    const appRow = applicationRow(ent.page, appId);
    await appRow.waitFor();
    assert.match(await textOf(appRow), new RegExp(BANK));
    assert.equal(await textOf(appRow.getByTestId('application-state')), '已放款');
    assert.equal(await textOf(appRow.getByTestId('application-requested')), '86');
    await screenshot(ent.page, 'finance-applications.png');
    await appRow.getByRole('button', { name: '详情' }).click();
    await ent.page.waitForURL((url) => url.pathname === `/finance/applications/${appId}`);
    await ent.page.getByTestId('app-timeline').waitFor();
    assert.equal(await textOf(ent.page.getByTestId('app-state')), '已放款');
    assert.equal(await textOf(ent.page.getByTestId('app-requested')), '86 万元');
    assert.equal(await textOf(ent.page.getByTestId('app-approved')), '80 万元');
    assert.equal(await textOf(ent.page.getByTestId('app-disbursed')), '80 万元');
    assert.equal(await textOf(ent.page.getByTestId('app-rate')), '3.85%');
    const events = ent.page.getByTestId('app-event');
    const eventTexts = (await events.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    const eventOf = (re) => {
      const found = eventTexts.find((t) => re.test(t));
      assert.ok(found, `the timeline has ${re}: ${JSON.stringify(eventTexts)}`);
      return found;
    };
    assert.match(eventOf(/接单/), new RegExp(BANK));
    assert.match(eventOf(/受理 → 已受理/), new RegExp(acceptNote));
    eventOf(/进入审批/);
    const approved = eventOf(/授信 → 已授信/);
    assert.match(approved, /授信金额：80 万元/);
    assert.match(approved, /年利率：3\.85%/);
    assert.match(approved, /期限：12 个月/);
    assert.match(approved, new RegExp(`授信有效期至：${validUntil}`));
    assert.match(eventOf(/签约 → 已签约/), /合同编号：ICBC-JZ-2026-0086/);
    const disbursed = eventOf(/放款 → 已放款/);
    assert.match(disbursed, /本次放款：80 万元/);
    assert.match(disbursed, new RegExp(`放款日期：${today}`));
    // Oldest first: 接单 before 放款.
    assert.ok(eventTexts.findIndex((t) => /接单/.test(t)) < eventTexts.findIndex((t) => /放款 → 已放款/.test(t)));
    await screenshot(ent.page, 'finance-application.png');

    // 站内信: the messages about this application, unread.
    await ent.page.getByTestId('notice-bell').click();
    await ent.page.waitForURL((url) => url.pathname === '/notifications');
    const notices = ent.page.getByTestId('notice-item').filter({ hasText: `融资申请 #${appId}` });
    await notices.first().waitFor();
    const noticeTexts = (await notices.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    assert.ok(noticeTexts.some((t) => /已放款/.test(t) && /未读/.test(t)), `an unread 已放款 message: ${JSON.stringify(noticeTexts)}`);
    assert.ok(noticeTexts.some((t) => /已授信/.test(t)), `an 已授信 message: ${JSON.stringify(noticeTexts)}`);
    await screenshot(ent.page, 'finance-notifications.png');

    // 7. 谁查看了我的数据: the bank's read of the credit profile.
    await openFromMenu(ent.page, '数据授权', '/finance/consents');
    await ent.page.getByTestId('consent-tabs').getByText('谁查看了我的数据').click();
    const readRow = ent.page.getByTestId('consent-reads').locator('.el-table__body tr', { hasText: BANK }).first();
    await readRow.waitFor();
    assert.match(await textOf(readRow), /demo-bank-officer/);
    assert.match(await textOf(readRow), /查看信用画像/);
    await screenshot(ent.page, 'finance-consent-reads.png');

    await bank.context.close();
    await ent.context.close();
    errors.assertNone();
  });
});

describe('融资对接: 定向申请 → 拒绝，原因与改进办法', { timeout: 180_000 }, () => {
  test('the enterprise applies to 经营快贷, the bank refuses with R01 and R03, the enterprise reads the remedies', async () => {
    const purpose = `支付研发外包费用（定向申请旅程 ${Date.now().toString(36)}）`;
    const reasons = await catalogueReasons();
    const chosen = ['R01', 'R03'];

    // 1. From 产品超市 the enterprise applies for 经营快贷, fills the need and submits.
    const ent = await openBrowser();
    await login(ent.page, baseUrl, 'demo-enterprise-staff');
    await openFromMenu(ent.page, '产品超市', '/finance/products');
    const productRow = ent.page.getByTestId('product-table').locator('.el-table__body tr', { hasText: PRODUCT });
    await productRow.waitFor();
    assert.match(await textOf(productRow), new RegExp(BANK));
    await productRow.getByTestId('product-apply').click();
    await ent.page.waitForURL((url) => url.pathname === '/finance/publish');
    const chosenProduct = ent.page.getByTestId('publish-product');
    await chosenProduct.waitFor();
    assert.match(await textOf(chosenProduct), new RegExp(`定向申请：${PRODUCT}（${BANK}）`));
    await fill(ent.page, 'publish-amount', '45');
    await fill(ent.page, 'publish-term', '6');
    await fill(ent.page, 'publish-purpose', purpose);
    await ent.page.getByTestId('publish-directed').click();
    const box = ent.page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await textOf(box), new RegExp(`确认向「${BANK}」申请「${PRODUCT}」，融资 45 万元、6 个月`));
    await box.getByRole('button', { name: '提交申请' }).click();
    const done = ent.page.getByTestId('publish-done');
    await done.waitFor();
    assert.match(await textOf(done), new RegExp(`已向${BANK}申请「${PRODUCT}」`));
    const appId = Number((await textOf(done)).match(/申请编号 #(\d+)/)[1]);
    await viewportShot(ent.page, 'finance-directed-done.png');
    await done.getByTestId('publish-view').click();
    await ent.page.waitForURL((url) => url.pathname === `/finance/applications/${appId}`);
    await ent.page.getByTestId('app-state').getByText('已提交').waitFor();

    // 2. The bank opens it from 申请处理, accepts, reviews and refuses with two reasons.
    const bank = await openBrowser();
    await login(bank.page, baseUrl, 'demo-bank-officer');
    await openFromMenu(bank.page, '申请处理', '/finance/deals');
    const dealRow = bank.page.getByTestId('deals-table').locator('.el-table__body tr', { hasText: `#${appId}` }).first();
    await dealRow.waitFor();
    assert.match(await textOf(dealRow), new RegExp(ENTERPRISE));
    assert.match(await textOf(dealRow), new RegExp(PRODUCT));
    assert.match(await textOf(dealRow), /45 万元/);
    assert.equal(await textOf(dealRow.getByTestId('deal-state')), '已提交');
    await dealRow.getByTestId('deal-open').click();
    await bank.page.waitForURL((url) => url.pathname === `/finance/deals/${appId}`);
    await bank.page.getByTestId('deal-title').waitFor();
    await bankCommand(bank.page, 'accept', '已受理');
    await bankCommand(bank.page, 'start_review', '审批中');
    const rejectNote = '经审查，企业纳税信用与社保缴纳情况暂不满足本行要求';
    await bankCommand(bank.page, 'reject', '已拒绝', async (d) => {
      // Nothing chosen yet: the dialog asks for a reason and a note before anything is sent.
      await d.getByTestId('command-submit').click();
      await d.getByText('请至少选择一项拒绝原因').waitFor();
      await d.getByText('请填写拒绝说明').waitFor();
      for (const code of chosen) {
        await d.getByTestId('command-reasons').locator('.el-select__wrapper').click();
        await bank.page.keyboard.type(code);
        await bank.page.locator('.el-select-dropdown__item:visible', { hasText: `${code} ${reasons[code].zh}` }).first().click();
        await bank.page.keyboard.press('Escape');
      }
      // Each chosen reason shows its remedy and department before it is sent; the message has gone.
      await d.getByText('请至少选择一项拒绝原因').waitFor({ state: 'hidden' });
      const details = d.getByTestId('command-reason-details').locator('.reason');
      assert.equal(await details.count(), 2);
      for (let i = 0; i < chosen.length; i++) {
        const r = reasons[chosen[i]];
        assert.equal(await textOf(details.nth(i)), `${r.code} ${r.zh} 修复建议：${r.remedy} 对应部门：${r.department}`);
      }
      await fill(d, 'command-note', rejectNote);
      await d.getByText('请填写拒绝说明').waitFor({ state: 'hidden' });
      await viewportShot(bank.page, 'finance-reject-dialog.png');
    });
    const bankReasons = bank.page.getByTestId('deal-reject-reasons');
    for (const code of chosen) assert.match(await textOf(bankReasons), new RegExp(`${code} ${reasons[code].zh}`));
    await screenshot(bank.page, 'finance-deal-rejected.png');

    // 3. The enterprise reloads its application: 已拒绝, each reason with remedy and department.
    await ent.page.reload();
    await ent.page.getByTestId('app-state').getByText('已拒绝').waitFor();
    const card = ent.page.getByTestId('app-rejection');
    await card.waitFor();
    assert.match(await textOf(card), new RegExp(`${BANK}未批准本次申请`));
    assert.match(await textOf(card), new RegExp(`银行说明：${rejectNote}`));
    const shown = card.getByTestId('app-reason');
    assert.equal(await shown.count(), 2);
    for (let i = 0; i < chosen.length; i++) {
      const r = reasons[chosen[i]];
      const reason = shown.nth(i);
      assert.match(await textOf(reason.locator('.reason-head')), new RegExp(`^${r.code} ${r.zh}`));
      const lines = (await reason.locator('.reason-line').allTextContents()).map((t) => t.trim());
      assert.deepEqual(lines, [`如何改进${r.remedy}`, `责任部门${r.department}`]);
    }
    await screenshot(ent.page, 'finance-application-rejected.png');

    // And under 我的申请 the application reads 已拒绝.
    await openFromMenu(ent.page, '我的申请', '/finance/applications');
    const appRow = applicationRow(ent.page, appId);
    await appRow.waitFor();
    assert.match(await textOf(appRow), new RegExp(PRODUCT));
    assert.equal(await textOf(appRow.getByTestId('application-state')), '已拒绝');

    await bank.context.close();
    await ent.context.close();
    errors.assertNone();
  });
});
