// The API description is served by the server itself (GET /api/v1/openapi.json, public): the
// document docs/openapi.yaml says, as JSON, describing every route the server has with the
// permission it requires. The developer portal (/developers) renders it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startServer } from '../support/server.mjs';
import { createClient } from './helpers.mjs';
import { jinfu } from './auth-helpers.mjs';

describe('GET /api/v1/openapi.json', () => {
  let server;
  let api;
  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
  });
  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('is docs/openapi.yaml as JSON, open to anyone', async () => {
    const r = await api.call('/api/v1/openapi.json');
    assert.equal(r.res.status, 200, r.text);
    assert.equal(r.res.headers.get('content-type'), 'application/json; charset=utf-8');
    const source = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8'));
    assert.deepEqual(r.json, source);
    assert.equal(r.json.openapi, '3.1.0');
  });

  test('describes every route the server has, with its permission', async () => {
    const doc = (await api.call('/api/v1/openapi.json')).json;
    const routes = jinfu(['--db', server.dbUrl, 'routes']).stdout.trim().split('\n').map((line) => line.split('\t'));
    assert.ok(routes.length > 60);
    for (const [method, pattern, permission] of routes) {
      const path = pattern.replace(/\{(\w+):\w+\}/g, '{$1}');
      const op = doc.paths[path]?.[method.toLowerCase()];
      assert.ok(op, `${method} ${path} is described`);
      assert.equal(op['x-permission'], permission, `${method} ${path}`);
    }
  });
});
