// Login, menus by role and the user-administration journey, in a real browser against the real
// server with the demo users (`jinfu demo`, password from JINFU_DEMO_PASSWORD, set in helpers.mjs
// before the server starts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONTEXT_OPTIONS,
  DEMO_PASSWORD,
  launchBrowser,
  listAnswer,
  login,
  logout,
  pageErrorTracker,
  screenshot,
  sidebarMenu,
  startE2eServer,
  submitLogin,
} from './helpers.mjs';

// 工具箱 is for the operator, the government and the data providers, not for enterprises and banks.
const TOOLS = ['工具箱 > 信用代码校验', '工具箱 > 工作日计算'];
// Everyone reads enterprises within their scope; an enterprise's scope is itself, so its users get
// their own profile (我的企业档案) in place of the search.
const REGISTRY = ['企业库 > 企业查询'];
const REGISTRY_ENTERPRISE = ['企业库 > 我的企业档案'];
// The data catalogue is for the operator, the government and the providers (not for enterprises
// and banks); batches and timeliness need collect.read.
const COLLECT = ['数据归集 > 数据目录'];
const COLLECT_READ = [...COLLECT, '数据归集 > 归集批次', '数据归集 > 归集时效'];
// 信用评价: an enterprise's own 信用画像; grade distributions for the government and the platform;
// scorecard versions for the platform admin. Banks read profiles only under consent: no page of their own.
const CREDIT_MINE = ['信用评价 > 信用画像'];
const CREDIT_STATS = ['信用评价 > 信用分布'];
const CREDIT_MANAGE = [...CREDIT_STATS, '信用评价 > 评分卡管理'];
// 融资对接: an enterprise's 产品超市, 发布需求, 我的需求, 我的申请 and 数据授权 (finance.read, demand.manage,
// consent.manage); a bank's 商机, 申请处理 and 授权企业 (deal.handle, consent.read), with 产品管理 for its
// manager (product.manage); the government's 产品超市, 对接总览 and 超时督办 (finance.read, finance.stats);
// the platform admin's also 对接时限 (finance.manage). A data provider has none of them.
const FINANCE_PATH = {
  产品超市: '/finance/products',
  发布需求: '/finance/publish',
  我的需求: '/finance/demands',
  我的申请: '/finance/applications',
  数据授权: '/finance/consents',
  产品管理: '/finance/my-products',
  商机: '/finance/opportunities',
  申请处理: '/finance/deals',
  授权企业: '/finance/authorized',
  对接总览: '/finance/overview',
  超时督办: '/finance/overdue',
  对接时限: '/finance/settings',
};
const finance = (...titles) => titles.map((t) => `融资对接 > ${t}`);
const FINANCE_ENTERPRISE = finance('产品超市', '发布需求', '我的需求', '我的申请', '数据授权');
const FINANCE_BANK = finance('商机', '申请处理', '授权企业');
const FINANCE_BANK_MANAGER = finance('产品管理', '商机', '申请处理', '授权企业');
const FINANCE_GOV = finance('产品超市', '对接总览', '超时督办');
const FINANCE_PLATFORM = finance('产品超市', '对接总览', '超时督办', '对接时限');
const SYSTEM = {
  user: '系统管理 > 用户管理',
  org: '系统管理 > 机构管理',
  role: '系统管理 > 角色与权限',
  token: '系统管理 > 接口令牌',
  audit: '系统管理 > 审计日志',
};

// What each demo user's permissions (docs/identity-api.md) and organisation kind put in the sidebar,
// and their organisation. 角色与权限 is for the operator and the government only: the enterprise and
// bank admins hold role.read (to give roles in 用户管理) without the page.
const DEMO_USERS = [
  { username: 'demo-enterprise-staff', org: '焦作市天宝桓祥科技有限公司', system: [], registry: REGISTRY_ENTERPRISE, collect: [],
    credit: CREDIT_MINE, finance: FINANCE_ENTERPRISE, tools: [] },
  { username: 'demo-enterprise-admin', org: '焦作市天宝桓祥科技有限公司', system: ['user'], registry: REGISTRY_ENTERPRISE, collect: [],
    credit: CREDIT_MINE, finance: FINANCE_ENTERPRISE, tools: [] },
  { username: 'demo-bank-officer', org: '工商银行焦作分行', system: [], registry: REGISTRY, collect: [], finance: FINANCE_BANK, tools: [] },
  { username: 'demo-bank-manager', org: '工商银行焦作分行', system: ['user', 'token'], registry: REGISTRY, collect: [],
    finance: FINANCE_BANK_MANAGER, tools: [] },
  { username: 'demo-gov-viewer', org: '示范区（高新区）党工委、管委会', system: ['org'], registry: REGISTRY, collect: COLLECT_READ,
    credit: CREDIT_STATS, finance: FINANCE_GOV, tools: TOOLS },
  { username: 'demo-gov-officer', org: '示范区（高新区）党工委、管委会', system: ['user', 'org'], registry: REGISTRY, collect: COLLECT_READ,
    credit: CREDIT_STATS, finance: FINANCE_GOV, tools: TOOLS },
  { username: 'demo-gov-admin', org: '示范区（高新区）党工委、管委会', system: ['user', 'org', 'role', 'audit'], registry: REGISTRY,
    collect: COLLECT_READ, credit: CREDIT_STATS, finance: FINANCE_GOV, tools: TOOLS },
  { username: 'demo-provider', org: '焦作市市场监督管理局', system: ['token'], registry: REGISTRY, collect: COLLECT_READ, tools: TOOLS },
  { username: 'demo-platform-admin', org: '焦作智慧金服公司', system: ['user', 'org', 'role', 'token', 'audit'], registry: REGISTRY,
    collect: COLLECT_READ, credit: CREDIT_MANAGE, finance: FINANCE_PLATFORM, tools: TOOLS },
];
// Pages kept out of a user's menu by its organisation kind, though it may hold their permission:
// typed as an address, each shows the 403 page.
const HIDDEN_BY_KIND = {
  enterprise: ['/collect/catalogue', '/system/role', '/tools/uscc', '/tools/calendar', '/registry/enterprises'],
  bank: ['/collect/catalogue', '/system/role', '/tools/uscc', '/tools/calendar'],
};
const KIND_OF = (username) => username.match(/^demo-(enterprise|bank)-/)?.[1];

const PAGE_OF = {
  user: '/system/user',
  org: '/system/org',
  role: '/system/role',
  token: '/system/token',
  audit: '/system/audit',
};

let server;
let baseUrl;
let browser;
const errors = pageErrorTracker();

/** A fresh cookie jar (= a different browser) with one page. */
async function openBrowser() {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  context.setDefaultTimeout(15_000);
  const page = errors.track(await context.newPage());
  return { context, page };
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

describe('登录页', { timeout: 60_000 }, () => {
  test('shows the platform title, and 用户名或密码错误 for a wrong password', async () => {
    const { context, page } = await openBrowser();
    await page.goto(new URL('/login', baseUrl).href);
    await page.getByTestId('login-form').waitFor();
    assert.match(await page.title(), /企业融资公共服务平台/);
    await page.getByRole('heading', { name: '企业融资公共服务平台' }).waitFor();
    await screenshot(page, 'login.png');

    await submitLogin(page, 'demo-gov-admin', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.match(await error.textContent(), /用户名或密码错误/);
    assert.match(page.url(), /\/login$/, 'stays on the login page');
    await screenshot(page, 'login-error.png');
    await context.close();
    errors.assertNone();
  });

  test('a page opened without a session comes back after the login', async () => {
    const { context, page } = await openBrowser();
    await page.goto(new URL('/tools/calendar', baseUrl).href);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/tools/calendar');
    await submitLogin(page, 'demo-gov-viewer', DEMO_PASSWORD);
    await page.waitForURL(/\/tools\/calendar$/);
    await page.locator('.breadcrumb').getByText('工作日计算').waitFor();
    await context.close();
    errors.assertNone();
  });
});

describe('菜单按角色', () => {
  for (const demo of DEMO_USERS) {
    const expected = ['首页', ...demo.registry, ...demo.collect, ...(demo.credit ?? []), ...(demo.finance ?? []),
      ...demo.system.map((k) => SYSTEM[k]), ...demo.tools];
    test(`${demo.username}: ${demo.system.length ? demo.system.join(', ') : 'no 系统管理'}`, { timeout: 60_000 }, async () => {
      const { context, page } = await openBrowser();
      await login(page, baseUrl, demo.username);

      assert.equal((await page.getByTestId('user-org-name').textContent()).trim(), demo.org);
      assert.ok((await page.getByTestId('user-display-name').textContent()).trim(), 'shows a display name');
      assert.deepEqual(await sidebarMenu(page), expected);

      // /finance opens the first 融资对接 page the user may see; without any, the 404 page.
      await page.goto(new URL('/finance', baseUrl).href);
      const firstFinance = demo.finance?.[0]?.replace('融资对接 > ', '');
      if (firstFinance) {
        await page.waitForURL((url) => url.pathname === FINANCE_PATH[firstFinance]);
        await page.locator('.breadcrumb').getByText(firstFinance).waitFor();
      } else {
        await page.getByText(/页面不存在|无权访问/).first().waitFor();
      }

      // A page outside the user's permissions shows the 403 page (the address stays).
      const denied = Object.keys(PAGE_OF).find((k) => !demo.system.includes(k));
      if (denied) {
        await page.goto(new URL(PAGE_OF[denied], baseUrl).href);
        await page.getByText('抱歉，您无权访问此页面').waitFor();
        assert.ok(page.url().endsWith(PAGE_OF[denied]));
        if (demo.username === 'demo-enterprise-staff') await screenshot(page, 'forbidden.png');
      }
      // So does a page kept out of the menu for the user's kind of organisation.
      for (const path of HIDDEN_BY_KIND[KIND_OF(demo.username)] ?? []) {
        await page.goto(new URL(path, baseUrl).href);
        await page.getByText('抱歉，您无权访问此页面').waitFor();
        assert.ok(page.url().endsWith(path), path);
      }
      // 企业库 typed as an address opens the user's first page in it: an enterprise's own profile.
      await page.goto(new URL('/registry', baseUrl).href);
      const firstRegistry = demo.registry[0].replace('企业库 > ', '');
      await page.waitForURL((url) => url.pathname === (firstRegistry === '我的企业档案' ? '/registry/mine' : '/registry/enterprises'));
      await page.locator('.breadcrumb').getByText(firstRegistry).waitFor();
      // And a permitted one opens.
      const allowed = demo.system[0];
      if (allowed) {
        await page.goto(new URL(PAGE_OF[allowed], baseUrl).href);
        await page.locator('.app-main .el-table').first().waitFor();
        assert.equal(await page.getByTestId('forbidden').count(), 0);
      }

      await logout(page);
      // The session is gone: 首页 leads back to the login page.
      await page.goto(new URL('/', baseUrl).href);
      await page.waitForURL(/\/login$/);
      await context.close();
      errors.assertNone();
    });
  }
});

describe('审计日志', { timeout: 60_000 }, () => {
  test('demo-gov-admin sees the logins, opens the details and exports', async () => {
    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-gov-admin', DEMO_PASSWORD, '/system/audit');
    const rows = page.getByTestId('audit-table').locator('.el-table__body tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 1, 'at least the own login is in the audit trail');
    const loginRow = rows.filter({ hasText: 'auth.login' }).first();
    await loginRow.waitFor();
    assert.match(await loginRow.textContent(), /demo-gov-admin/);

    // Filter on the outcome through the search form: wait for the filtered answer and the table
    // showing it (the unfiltered rows were already on screen).
    await page.getByTestId('audit-search-user').fill('demo-gov-admin');
    const filtered = await listAnswer(page, page.getByTestId('audit-table'), '/api/v1/audit',
      () => page.getByRole('button', { name: '搜索' }).click(), (q) => q.get('user') === 'demo-gov-admin');
    assert.ok(filtered.items.length >= 1, 'the own login at least');
    assert.deepEqual([...new Set(filtered.items.map((e) => e.username))], ['demo-gov-admin']);
    assert.equal(await rows.count(), filtered.items.length);
    await rows.first().waitFor();
    for (const text of await rows.allTextContents()) assert.match(text, /demo-gov-admin/);

    await loginRow.getByTestId('audit-view').click();
    await page.getByTestId('audit-detail').first().waitFor();
    await page.keyboard.press('Escape');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    assert.match(download.suggestedFilename(), /^审计日志-\d{8}\.xlsx$/);
    await context.close();
    errors.assertNone();
  });
});

describe('用户管理 journey', { timeout: 120_000 }, () => {
  test('platform admin creates a user; the user logs in, changes the password and logs in with it', async () => {
    const username = `e2e-user-${Date.now().toString(36)}`;
    const firstPassword = 'Start-Pass-2026x';
    const newPassword = 'Changed#Pass-2027';

    // 1. The platform admin creates the user through the dialog.
    const admin = await openBrowser();
    await login(admin.page, baseUrl, 'demo-platform-admin');
    await admin.page.locator('.sidebar').getByText('系统管理').click();
    await admin.page.locator('.sidebar').getByRole('menuitem', { name: '用户管理' }).click();
    await admin.page.waitForURL(/\/system\/user$/);
    await admin.page.getByTestId('user-table').locator('.el-table__body tr').first().waitFor();

    await admin.page.getByTestId('user-add').click();
    const dialog = admin.page.getByTestId('user-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('user-form-username').fill(username);
    await dialog.getByTestId('user-form-display-name').fill('旅程测试');
    await dialog.getByTestId('user-form-password').fill(firstPassword);
    await dialog
      .locator('.el-form-item')
      .filter({ has: admin.page.locator('label', { hasText: /^机构$/ }) })
      .locator('.el-select__wrapper')
      .click();
    await admin.page.keyboard.type('天宝桓祥');
    await admin.page
      .locator('.el-select-dropdown__item:visible', { hasText: '焦作市天宝桓祥科技有限公司' })
      .first()
      .click();
    await dialog.getByText('企业经办人').click();
    await screenshot(admin.page, 'user-dialog.png');
    await dialog.getByTestId('user-form-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    await admin.page.getByTestId('user-search-q').fill(username);
    const found = await listAnswer(admin.page, admin.page.getByTestId('user-table'), '/api/v1/users',
      () => admin.page.getByRole('button', { name: '搜索' }).click(), (q) => q.get('q') === username);
    assert.deepEqual(found.items.map((u) => u.username), [username], 'the search finds the new user only');
    const row = admin.page.getByTestId('user-table').locator('.el-table__body tr', { hasText: username });
    await row.waitFor();
    assert.equal(await admin.page.getByTestId('user-table').locator('.el-table__body tr').count(), 1);
    assert.match(await row.textContent(), /企业经办人/);
    assert.match(await row.textContent(), /正常/);
    await admin.page.getByTestId('user-search-q').fill('');
    await admin.page.getByRole('button', { name: '搜索' }).click();
    await admin.page.getByTestId('user-table').locator('.el-table__body tr').nth(1).waitFor();
    await screenshot(admin.page, 'users.png');

    // The creation is in the audit trail, with the new user as the "after" state.
    await admin.page.locator('.sidebar').getByRole('menuitem', { name: '审计日志' }).click();
    await admin.page.waitForURL(/\/system\/audit$/);
    await admin.page
      .locator('.search-form .el-form-item')
      .filter({ has: admin.page.locator('label', { hasText: /^操作$/ }) })
      .locator('.el-select__wrapper')
      .click();
    await admin.page.locator('.el-select-dropdown__item:visible', { hasText: 'user.create' }).first().click();
    const created = await listAnswer(admin.page, admin.page.getByTestId('audit-table'), '/api/v1/audit',
      () => admin.page.getByRole('button', { name: '搜索' }).click(), (q) => q.get('action') === 'user.create');
    assert.ok(created.items.length >= 1 && created.items.every((e) => e.action === 'user.create'), 'only user.create entries');
    const createRow = admin.page
      .getByTestId('audit-table')
      .locator('.el-table__body tr', { hasText: 'demo-platform-admin' })
      .first();
    await createRow.waitFor();
    assert.match(await createRow.textContent(), /新建用户/);
    assert.match(await createRow.textContent(), /成功/);
    await createRow.getByTestId('audit-view').click();
    const after = admin.page.locator('[data-testid="audit-after"]:visible');
    await after.waitFor();
    assert.match(await after.textContent(), new RegExp(`"username": "${username}"`));
    await screenshot(admin.page, 'audit.png');
    await admin.page.keyboard.press('Escape');

    // 2. The new user logs in three times (three browsers) …
    const elsewhere = await openBrowser();
    await login(elsewhere.page, baseUrl, username, firstPassword);
    const third = await openBrowser();
    await login(third.page, baseUrl, username, firstPassword);
    const user = await openBrowser();
    await login(user.page, baseUrl, username, firstPassword);
    await user.page.getByTestId('user-menu').click();
    await user.page.getByTestId('menu-profile').click();
    await user.page.waitForURL(/\/profile$/);
    assert.equal((await user.page.getByTestId('profile-username').textContent()).trim(), username);
    assert.match(await user.page.getByTestId('profile-roles').textContent(), /企业经办人/);

    // … sees the three sessions in 我的会话 and signs one of the others out with 下线 …
    const sessionRows = user.page.getByTestId('session-table').locator('.el-table__body tr');
    await sessionRows.nth(2).waitFor();
    assert.equal(await sessionRows.count(), 3);
    assert.equal(await user.page.getByTestId('session-current').count(), 1);
    await user.page.getByTestId('session-revoke').first().click();
    await user.page.locator('.el-message-box').getByRole('button', { name: '下线' }).click();
    await user.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="session-table"] .el-table__body tr').length === 2,
    );
    await screenshot(user.page, 'profile-sessions.png');

    // … and changes the password in 个人中心.

    await user.page.getByTestId('password-current').fill(firstPassword);
    await user.page.getByTestId('password-new').fill(newPassword);
    await user.page.getByTestId('password-confirm').fill(newPassword);
    await user.page.getByTestId('password-submit').click();
    await user.page.getByTestId('password-changed').waitFor();
    assert.match(await user.page.getByTestId('password-changed').textContent(), /其他设备.*退出/);
    // Still logged in here, with a fresh session; every other session is gone.
    await user.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="session-table"] .el-table__body tr').length === 1,
    );
    await user.page.getByTestId('session-current').waitFor();
    await screenshot(user.page, 'profile.png');
    for (const other of [elsewhere, third]) {
      await other.page.reload();
      await other.page.waitForURL(/\/login$/);
      await other.context.close();
    }

    // 3. Log out; the old password no longer works, the new one does.
    await logout(user.page);
    await submitLogin(user.page, username, firstPassword);
    await user.page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    await submitLogin(user.page, username, newPassword);
    await user.page.getByTestId('user-menu').waitFor();
    await user.page.waitForURL((url) => url.pathname === '/');

    await user.context.close();
    await admin.context.close();
    errors.assertNone();
  });
});

describe('系统管理 pages', { timeout: 120_000 }, () => {
  test('platform admin: 机构管理, 角色与权限, and an API token shown once then revoked', async () => {
    const { context, page } = await openBrowser();
    await login(page, baseUrl, 'demo-platform-admin', DEMO_PASSWORD, '/system/org');
    const orgRows = page.getByTestId('org-table').locator('.el-table__body tr');
    await orgRows.first().waitFor();
    const platform = orgRows.filter({ hasText: '焦作智慧金服公司' }).first();
    assert.match(await platform.textContent(), /平台运营方/);
    assert.ok(await page.getByTestId('org-add').isVisible(), 'org.manage offers 新增');
    await screenshot(page, 'orgs.png');

    await page.goto(new URL('/system/role', baseUrl).href);
    const roleRows = page.getByTestId('role-table').locator('.el-table__body tr');
    await roleRows.nth(9).waitFor();
    assert.equal(await roleRows.count(), 10);
    assert.match(await roleRows.filter({ hasText: 'gov-credit' }).textContent(), /政府信用专员/);
    const govAdmin = roleRows.filter({ hasText: 'gov-admin' });
    assert.match(await govAdmin.textContent(), /政府管理员/);
    assert.match(await govAdmin.textContent(), /政府部门/);
    assert.match(await govAdmin.textContent(), /导出审计日志/);
    await screenshot(page, 'roles.png');

    await page.goto(new URL('/system/token', baseUrl).href);
    await page.getByTestId('token-add').click();
    const dialog = page.getByTestId('token-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('token-form-name').fill('e2e 数据接口');
    await dialog.getByText('查看用户').click();
    await dialog.getByTestId('token-form-submit').click();
    const result = page.getByTestId('token-result');
    await result.waitFor();
    await result.getByText('令牌只显示一次，请立即妥善保存').waitFor();
    const token = await result.getByTestId('token-value').inputValue();
    assert.match(token, /^jf_/);
    await screenshot(page, 'token.png');
    await result.getByRole('button', { name: '我已保存' }).click();
    await result.waitFor({ state: 'hidden' });

    // The token works as a bearer credential for what it was given (user.read) and no more.
    const users = await fetch(new URL('/api/v1/users', baseUrl), { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(users.status, 200);
    const audit = await fetch(new URL('/api/v1/audit', baseUrl), { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(audit.status, 403);

    const tokenRow = page.getByTestId('token-table').locator('.el-table__body tr', { hasText: 'e2e 数据接口' });
    await tokenRow.waitFor();
    assert.match(await tokenRow.textContent(), /有效/);
    assert.ok((await tokenRow.textContent()).includes(token.slice(0, 7)), 'the row shows the token prefix');
    await tokenRow.getByTestId('token-revoke').click();
    await page.locator('.el-message-box').getByRole('button', { name: '吊销' }).click();
    await tokenRow.getByText('已吊销').waitFor();
    const revoked = await fetch(new URL('/api/v1/users', baseUrl), { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(revoked.status, 401);

    await context.close();
    errors.assertNone();
  });
});
