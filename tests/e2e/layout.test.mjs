// Every page of every role at 1366×768, the screen of a common government desktop: no table hides
// a column behind its fixed 操作 column (a table that scrolls sideways), and no page scrolls
// sideways. Each role's first screen is kept as a screenshot in test-artifacts/e2e/. And an
// enterprise's pages on a 390×844 phone: the menu is a drawer and no page scrolls sideways (a
// wide table scrolls within itself).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONTEXT_OPTIONS, launchBrowser, login, pageErrorTracker, screenshot, sidebarMenu, startE2eServer,
} from './helpers.mjs';

// One user per kind of organisation (and the bank's and the government's richest roles).
const USERS = ['demo-enterprise-admin', 'demo-bank-manager', 'demo-gov-admin', 'demo-provider', 'demo-platform-admin'];

let server;
let baseUrl;
let browser;
const errors = pageErrorTracker();

before(async () => {
  server = await startE2eServer();
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits until the page has loaded what it asked for: no request in flight, no loading mask shown. */
async function settled(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () => ![...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null && getComputedStyle(m).opacity !== '0'),
  );
  // The page that was left fades out while the new one fades in: wait for both to finish.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  // Tables lay their columns out after the rows arrive: two frames later they are in place.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Opens a sidebar entry ('Group > Page' or a top-level title) and waits for its page to settle. */
async function openEntry(page, entry) {
  const [group, item] = entry.includes(' > ') ? entry.split(' > ') : [null, entry];
  const sidebar = page.locator('.sidebar');
  let link = sidebar.getByRole('menuitem', { name: item, exact: true });
  if (group) {
    const sub = sidebar.locator('.el-sub-menu').filter({ has: page.locator('.el-sub-menu__title', { hasText: group }) });
    if (!(await sub.evaluate((el) => el.classList.contains('is-opened')))) await sub.locator('.el-sub-menu__title').click();
    link = sub.getByRole('menuitem', { name: item, exact: true });
  }
  const before = page.url();
  await link.click();
  await page.waitForURL((url) => url.href !== before);
  await settled(page);
}

/** What overflows on the page now: tables that scroll sideways, and the page itself. */
function overflows(page) {
  return page.evaluate(() => {
    const out = [];
    document.querySelectorAll('.el-table').forEach((table, i) => {
      if (table.offsetParent === null) return; // a hidden tab's table
      const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap');
      if (!wrap || wrap.scrollWidth <= wrap.clientWidth + 1) return;
      const headers = [...table.querySelectorAll('.el-table__header th')].map((th) => th.textContent.trim()).filter(Boolean);
      const name = table.closest('[data-testid]')?.getAttribute('data-testid') ?? table.getAttribute('data-testid') ?? `table ${i + 1}`;
      out.push(`${name} scrolls sideways by ${wrap.scrollWidth - wrap.clientWidth} px (${headers.join('|')})`);
    });
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      out.push(`the page scrolls sideways by ${document.documentElement.scrollWidth - window.innerWidth} px`);
    }
    return out;
  });
}

describe('1366×768: no clipped columns, no sideways scrolling', { timeout: 300_000 }, () => {
  for (const username of USERS) {
    test(username, async () => {
      const context = await browser.newContext(CONTEXT_OPTIONS);
      context.setDefaultTimeout(15_000);
      const page = errors.track(await context.newPage());
      await login(page, baseUrl, username);
      await settled(page);
      await screenshot(page, `first-screen-${username}.png`);
      const problems = (await overflows(page)).map((p) => `首页: ${p}`);

      const entries = (await sidebarMenu(page)).filter((e) => e !== '首页');
      assert.ok(entries.length >= 3, `${username} has a menu: ${entries}`);
      for (const entry of entries) {
        await openEntry(page, entry);
        for (const p of await overflows(page)) problems.push(`${entry}: ${p}`);
      }
      assert.deepEqual(problems, [], `${username} at 1366×768`);
      await context.close();
      errors.assertNone();
    });
  }
});

describe('390×844: an enterprise on its phone', { timeout: 300_000 }, () => {
  test('the menu is a drawer, and no page of the enterprise scrolls sideways', async () => {
    const context = await browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(15_000);
    const page = errors.track(await context.newPage());
    await login(page, baseUrl, 'demo-enterprise-admin');
    await settled(page);
    // The sidebar is out of the way until the hamburger opens it.
    const sidebar = page.locator('.sidebar');
    assert.ok((await sidebar.boundingBox()).x + (await sidebar.boundingBox()).width <= 0, 'the menu starts closed');
    await screenshot(page, 'phone-first-screen-demo-enterprise-admin.png');
    const problems = (await overflows(page)).filter((p) => p.startsWith('the page')).map((p) => `首页: ${p}`);

    await page.getByTestId('menu-toggle').click();
    await page.waitForFunction(() => document.querySelector('.sidebar').getBoundingClientRect().x >= 0);
    const entries = (await sidebarMenu(page)).filter((e) => e !== '首页');
    assert.ok(entries.length >= 3, `a menu: ${entries}`);
    for (const entry of entries) {
      if (!(await page.getByTestId('drawer-mask').isVisible())) {
        await page.getByTestId('menu-toggle').click();
        await page.waitForFunction(() => document.querySelector('.sidebar').getBoundingClientRect().x >= 0);
      }
      await openEntry(page, entry);
      assert.equal(await page.getByTestId('drawer-mask').count(), 0, `${entry}: choosing a page closes the menu`);
      for (const p of await overflows(page)) if (p.startsWith('the page')) problems.push(`${entry}: ${p}`);
    }
    assert.deepEqual(problems, [], 'demo-enterprise-admin at 390×844');
    await context.close();
    errors.assertNone();
  });
});

describe('开发者接入 (/developers)', { timeout: 120_000 }, () => {
  test('without logging in: how to get and use a token, and the reference rendered from the server\'s description', async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    context.setDefaultTimeout(20_000);
    const page = errors.track(await context.newPage());
    // The addresses people try first lead there too.
    await page.goto(new URL('/api-docs', baseUrl).href);
    await page.waitForURL(/\/developers$/);
    const portal = page.getByTestId('developers');
    await portal.getByText('Authorization: Bearer 令牌').waitFor();
    await portal.getByText('系统管理 > 接口令牌').waitFor();
    // Swagger UI has read GET /api/v1/openapi.json: its title, and the operations under their tag.
    const reference = page.getByTestId('developers-reference');
    await reference.locator('.info .title').getByText('企业融资公共服务平台').waitFor();
    await reference.locator('.opblock-tag').first().click();
    await reference.locator('.opblock').first().waitFor();
    assert.ok((await reference.locator('.opblock').count()) > 60, 'every route is listed');
    await reference.getByText('/api/v1/collect/batches', { exact: true }).first().waitFor();
    assert.equal(page.url(), new URL('/developers', baseUrl).href, 'no log-in was asked for');
    await screenshot(page, 'developers.png');
    await context.close();
    errors.assertNone();
  });
});
