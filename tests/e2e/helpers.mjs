// Shared setup for the browser tests: a real jinfu server with the demo data (and the demo users
// with a known password), Debian's /usr/bin/chromium through playwright-core, and the login and
// logout steps every test needs now that all pages but /login and the 404 page require a session.
//
// Set JINFU_E2E_BASE_URL to point at an already running server instead of starting one through
// tests/support/server.mjs (its demo users must then use DEMO_PASSWORD below).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const artifactDir = join(repoRoot, 'test-artifacts', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const TITLE = '企业融资公共服务平台';

// Every demo user has this password: the template databases the servers start from are made
// with it (tests/support/template-db.mjs), and `jinfu demo` run by a test reads it from here.
export const DEMO_PASSWORD = 'Jinfu-Demo-2026!';
process.env.JINFU_DEMO_PASSWORD = DEMO_PASSWORD;

/** Starts a server with the demo data, or uses JINFU_E2E_BASE_URL. Returns { baseUrl, stop }. */
export async function startE2eServer() {
  await mkdir(artifactDir, { recursive: true });
  if (process.env.JINFU_E2E_BASE_URL) return { baseUrl: process.env.JINFU_E2E_BASE_URL, async stop() {} };
  assert.ok(
    existsSync(join(repoRoot, 'web/dist/index.html')),
    'web/dist/index.html is missing: run `npm run build:web` first',
  );
  const { startServer } = await import('../support/server.mjs');
  const server = await startServer({ demo: true });
  return { baseUrl: server.baseUrl, stop: () => server.stop(), server };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CONTEXT_OPTIONS = {
  viewport: { width: 1366, height: 768 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

/** A browser whose contexts are independent cookie jars (one per user). */
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Collects uncaught page exceptions; `assertNone()` fails the test that caused any.
 * Call `track(page)` for every page a test opens.
 */
export function pageErrorTracker() {
  const errors = [];
  return {
    track(page) {
      page.on('pageerror', (err) => errors.push(err));
      return page;
    },
    assertNone() {
      assert.deepEqual(errors.splice(0).map((e) => String(e)), [], 'the page threw uncaught exceptions');
    },
  };
}

/** Fills the login form and submits it; does not wait for the outcome. */
export async function submitLogin(page, username, password) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Logs in through the login page and waits until the shell shows the user. `path` is where the
 * browser starts (the guard sends it to /login?redirect=…, and back after the login).
 */
export async function login(page, baseUrl, username, password = DEMO_PASSWORD, path = '/') {
  await page.goto(new URL(path, baseUrl).href);
  await page.waitForURL(/\/login(\?|$)/);
  await submitLogin(page, username, password);
  await page.getByTestId('user-menu').waitFor();
  await page.waitForURL((url) => url.pathname === new URL(path, baseUrl).pathname);
}

/** Logs out through the header's user menu and waits for the login page. */
export async function logout(page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await page.waitForURL(/\/login(\?|$)/);
  await page.getByTestId('login-form').waitFor();
}

/**
 * The sidebar as a list of titles: top-level entries, and 'Group > Page' for a group's entries
 * (groups are expanded first so their entries are real, visible menu items).
 */
export async function sidebarMenu(page) {
  const sidebar = page.locator('.sidebar');
  // The root menu; a group's entries sit in a nested `.el-menu--inline`.
  const root = sidebar.locator('.el-menu:not(.el-menu--inline)');
  const groups = root.locator(':scope > .el-sub-menu');
  const out = [];
  const topItems = root.locator(':scope > .el-menu-item');
  for (const text of await topItems.allTextContents()) out.push(text.trim());
  for (let i = 0; i < (await groups.count()); i++) {
    const group = groups.nth(i);
    const title = (await group.locator('.el-sub-menu__title').textContent()).trim();
    if (!(await group.evaluate((el) => el.classList.contains('is-opened')))) {
      await group.locator('.el-sub-menu__title').click();
    }
    const items = group.locator('.el-menu-item');
    await items.first().waitFor();
    for (const text of await items.allTextContents()) out.push(`${title} > ${text.trim()}`);
  }
  return out;
}

/**
 * Runs `action` (say, a click on 搜索) and waits for the list request it causes — a GET of
 * `pathname` whose query passes `accept` — and for `table` to show its answer (the loading mask
 * gone after the answer came). Resolves the answer's JSON. A real event, never a sleep.
 */
export async function listAnswer(page, table, pathname, action, accept = () => true) {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return r.request().method() === 'GET' && url.pathname === pathname && accept(url.searchParams);
  });
  await action();
  const response = await answered;
  assert.equal(response.status(), 200, `GET ${response.url()}`);
  const body = await response.json();
  // Element Plus may hold more than one mask while they fade out (a list asked for twice in a
  // row): wait until none of them is visible.
  await table.page().waitForFunction(
    (el) => ![...el.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null && getComputedStyle(m).opacity !== '0'),
    await table.elementHandle(),
  );
  return body;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(artifactDir, name), fullPage: true, animations: 'disabled' });
}
