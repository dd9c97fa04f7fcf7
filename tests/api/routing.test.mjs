// Who is calling is asked before anything about the path: an anonymous caller gets 401 on a
// protected route even when a path parameter is malformed (it learns nothing about the path
// first), a logged-in caller gets the 400 naming the parameter, and a path that exists only for
// another method is 405 with Allow — not a 400 about a parameter nobody meant.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import { login } from './auth-helpers.mjs';

describe('routing: admission before typed path parameters', () => {
  let server;
  let api;
  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
  });
  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('anonymous GET of a path that exists only as POST → 405 naming POST', async () => {
    const r = await api.call('/api/v1/credit/scorecards/train');
    assertProblem(r, { status: 405, code: 'method_not_allowed' });
    assert.equal(r.res.headers.get('allow'), 'POST');
  });

  test('anonymous caller with a malformed id on a protected route → 401, not 400', async () => {
    for (const path of ['/api/v1/credit/scores/abc/verify', '/api/v1/finance/products/abc', '/api/v1/finance/applications/0']) {
      assertProblem(await api.call(path), { status: 401 });
    }
  });

  test('the same request logged in → 400 invalid_path_parameter naming the parameter', async () => {
    const { cred } = await login(api, 'demo-platform-admin');
    const p = assertProblem(await api.call('/api/v1/finance/products/abc', { headers: { cookie: cred.cookie } }),
      { status: 400, code: 'invalid_path_parameter' });
    assert.deepEqual(p.errors.map((e) => e.field), ['id']);
    assert.match(p.errors[0].message, /应为正整数/);
  });

  test('a public route still answers 400 for a malformed parameter', async () => {
    const p = assertProblem(await api.call('/api/v1/calendar/2026-02-30'), { status: 400, code: 'invalid_path_parameter' });
    assert.deepEqual(p.errors.map((e) => e.field), ['date']);
  });
});
