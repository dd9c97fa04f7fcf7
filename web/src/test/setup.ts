// Vitest setup: every test starts with the server's dictionaries in place, as the app has them
// after its first request. dictionaries.json is what GET /api/v1/dictionaries answers
// (tests/api/dictionaries.test.mjs checks that it still is).
import { beforeEach } from 'vitest'
import { setDictionaries, type Dictionaries } from '@/utils/dict'
import served from './dictionaries.json'

export const DICTIONARIES = served.dictionaries as Dictionaries

beforeEach(() => setDictionaries(DICTIONARIES))
setDictionaries(DICTIONARIES)
