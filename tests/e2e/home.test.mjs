// Browser smoke test of the SPA served by the real jinfu binary.
//
// Uses Debian's /usr/bin/chromium through playwright-core (no bundled browser
// download). Set JINFU_E2E_BASE_URL to point at an already running server
// instead of starting one through tests/support/server.mjs.
//
// Every page but /login and the 404 page needs a session: the browser logs in
// once (as a demo user without management permissions) and keeps the cookie. A government viewer:
// 工具箱 is not in the menu of enterprises and banks.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  CONTEXT_OPTIONS,
  TITLE,
  artifactDir,
  login,
  pageErrorTracker,
  startE2eServer,
} from './helpers.mjs'

const VALID_USCC = '914403001922038216'
const INVALID_USCC = '91350100M000100Y4Z'
const USER = 'demo-gov-viewer'

let server
let baseUrl
let context
let profileDir
/** Uncaught exceptions in the page: any of them fails the test that caused it. */
const errors = pageErrorTracker()

async function getJson(path) {
  const res = await fetch(new URL(path, baseUrl), { headers: { 'Accept-Language': 'zh-CN' } })
  assert.equal(res.status, 200, `GET ${path} → HTTP ${res.status}: ${await res.clone().text()}`)
  return res.json()
}

async function newPage() {
  return errors.track(await context.newPage())
}

function assertNoPageErrors() {
  errors.assertNone()
}

before(async () => {
  server = await startE2eServer()
  baseUrl = server.baseUrl

  // A throw-away profile keeps runs independent of each other and of any
  // Chromium the developer uses interactively.
  profileDir = await mkdtemp(join(tmpdir(), 'jinfu-e2e-chromium-'))
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...CONTEXT_OPTIONS,
  })
  context.setDefaultTimeout(15_000)

  // Before logging in, 首页 is not reachable: the guard sends the browser to the login page.
  const page = await newPage()
  await page.goto(new URL('/', baseUrl).href)
  await page.waitForURL(/\/login$/)
  await login(page, baseUrl, USER)
  await page.close()
  assertNoPageErrors()
})

after(async () => {
  await context?.close()
  await server?.stop()
  if (profileDir) await rm(profileDir, { recursive: true, force: true })
})

describe('企业融资公共服务平台 web', { timeout: 120_000 }, () => {
  test('首页 shows the platform shell and the summary counts from the API', async () => {
    const page = await newPage()
    await page.goto(new URL('/', baseUrl).href)

    const counts = {
      enterprises: page.getByTestId('summary-enterprises'),
      banks: page.getByTestId('summary-banks'),
      parks: page.getByTestId('summary-parks'),
    }
    await counts.parks.waitFor()

    assert.match(await page.title(), new RegExp(TITLE))
    await page.locator('.sidebar').getByRole('menuitem', { name: '首页' }).waitFor()
    await page.locator('.navbar').getByText(TITLE).waitFor()
    await page.locator('.breadcrumb').getByText('首页').waitFor()
    // The header names the logged-in user and their organisation.
    assert.ok((await page.getByTestId('user-display-name').textContent()).trim(), 'the user has a display name')
    assert.equal((await page.getByTestId('user-org-name').textContent()).trim(), '示范区（高新区）党工委、管委会')

    const api = await getJson('/api/v1/summary')
    for (const [key, locator] of Object.entries(counts)) {
      const text = (await locator.textContent()).trim()
      assert.match(text, /^\d{1,3}(,\d{3})*$/, `${key} shows a plain number, got ${JSON.stringify(text)}`)
      const shown = Number(text.replaceAll(',', ''))
      assert.equal(shown, api[key], `${key}: page shows ${shown}, API says ${api[key]}`)
      assert.ok(shown > 0, `${key} should be > 0 with demo data loaded`)
    }
    assert.equal(await page.getByTestId('summary-error').count(), 0, 'no error alert once the counts are shown')

    await page.screenshot({ path: join(artifactDir, 'home.png'), fullPage: true, animations: 'disabled' })
    await page.close()
    assertNoPageErrors()
  })

  test('unknown paths show the 404 page with a way back', async () => {
    const page = await newPage()
    await page.goto(new URL('/no/such/page', baseUrl).href)
    await page.getByText('抱歉，您访问的页面不存在').waitFor()
    await page.screenshot({ path: join(artifactDir, 'not-found.png'), fullPage: true, animations: 'disabled' })

    await page.getByRole('button', { name: '返回首页' }).click()
    await page.waitForURL(new URL('/', baseUrl).href)
    await page.getByTestId('summary-enterprises').waitFor()
    await page.close()
    assertNoPageErrors()
  })

  test('信用代码校验 marks a valid and an invalid code', async () => {
    const page = await newPage()
    await page.goto(new URL('/', baseUrl).href)
    // Reach the tool through the sidebar so the menu wiring is covered too.
    await page.locator('.sidebar').getByText('工具箱').click()
    await page.locator('.sidebar').getByRole('menuitem', { name: '信用代码校验' }).click()
    await page.waitForURL(/\/tools\/uscc$/)
    await page.locator('.breadcrumb').getByText('信用代码校验').waitFor()

    await page.getByTestId('uscc-input').fill(`${VALID_USCC}\n\n  ${INVALID_USCC}  \n`)
    await page.getByRole('button', { name: '校验' }).click()

    const rows = page.getByTestId('uscc-results').locator('.el-table__body tr')
    await rows.nth(1).waitFor()
    assert.equal(await rows.count(), 2)

    const verdict = (code) => rows.filter({ hasText: code }).getByTestId('uscc-verdict')
    assert.equal((await verdict(VALID_USCC).textContent()).trim(), '合法')
    assert.equal((await verdict(INVALID_USCC).textContent()).trim(), '不合法')
    const invalidReason = (await rows.filter({ hasText: INVALID_USCC }).locator('td').last().textContent()).trim()
    assert.ok(invalidReason && invalidReason !== '—', 'an invalid code comes with a reason')

    await page.screenshot({ path: join(artifactDir, 'uscc.png'), fullPage: true, animations: 'disabled' })
    await page.close()
    assertNoPageErrors()
  })

  test('工作日计算 shows the day type and the result date from the API', async () => {
    const date = '2026-10-01'
    const workdays = 3
    const api = await getJson(`/api/v1/calendar/${date}?addWorkdays=${workdays}`)
    const labels = { holiday: '法定节假日', weekend: '休息日', 'adjusted-workday': '调休上班日', weekday: '工作日' }

    const page = await newPage()
    await page.goto(new URL('/tools/calendar', baseUrl).href)
    const dateInput = page.getByTestId('calendar-date').locator('input')
    await dateInput.fill(date)
    await dateInput.press('Enter')
    await page.getByTestId('calendar-days').locator('input').fill(String(workdays))
    await page.getByRole('button', { name: '计算' }).click()

    await page.getByTestId('calendar-result-date').waitFor()
    assert.equal((await page.getByTestId('calendar-kind').textContent()).trim(), labels[api.kind])
    assert.equal((await page.getByTestId('calendar-result-date').textContent()).trim(), api.result)

    await page.screenshot({ path: join(artifactDir, 'calendar.png'), fullPage: true, animations: 'disabled' })
    await page.close()
    assertNoPageErrors()
  })
})
