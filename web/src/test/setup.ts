// Vitest setup: every test starts with the server's dictionaries in place, as the app has them
// after its first request. dictionaries.json is what GET /api/v1/dictionaries answers
// (tests/api/dictionaries.test.mjs checks that it still is).
//
// Test files share one module graph per worker (`isolate: false` in vite.config.ts), so each test
// also ends here as if the page were closed: every mounted wrapper unmounted (its timers and
// watchers stopped), the document emptied (dialogs teleported to <body>), no CSRF token and no
// 401 handler left for the next test.
import { afterEach, beforeEach } from 'vitest'
import { config, disableAutoUnmount, enableAutoUnmount } from '@vue/test-utils'
import { setCsrfToken, setUnauthorizedHandler } from '@/api/http'
import { setDictionaries, type Dictionaries } from '@/utils/dict'
import served from './dictionaries.json'
import { ChartStub } from './mount'

export const DICTIONARIES = served.dictionaries as Dictionaries

beforeEach(() => setDictionaries(DICTIONARIES))
setDictionaries(DICTIONARIES)

// Test utils is loaded once per worker but this file runs for every test file: hook it up anew.
disableAutoUnmount()
enableAutoUnmount(afterEach)
// vue-echarts' <VChart> (component name Echarts) needs a canvas: tests see the option instead.
config.global.stubs = { ...config.global.stubs, Echarts: ChartStub }
afterEach(() => {
  document.body.innerHTML = ''
  setCsrfToken(null)
  setUnauthorizedHandler(null)
})
