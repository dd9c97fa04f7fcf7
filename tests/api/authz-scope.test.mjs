// Data scope across organisations: an object outside the caller's scope answers 404 not_found,
// exactly like one that does not exist, leaks nothing of itself, and is recorded in the audit
// trail as access.denied with the prober's name; every enterprise read is recorded as
// enterprise.read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runJinfu, startServer } from '../support/server.mjs';
import { assertProblem, createClient } from './helpers.mjs';
import {
  DEMO_USERS, ORG, STRONG_PASSWORD, allAudit, as, expectStatus, loginAll, organisationIds, sql, sqlText,
} from './auth-helpers.mjs';

describe('data scope across organisations', () => {
  let server;
  let api;
  let c; // role → client
  let orgs; // name → id
  let orgList; // every organisation, as the platform sees them
  const ids = {};
  const probes = []; // { username, method, path } expected as access.denied
  const reads = []; // { username, id } successful enterprise reads

  // Sends a request that must be refused as out of scope, checks the 404 and that the body names
  // nothing of `secrets`, and remembers it for the audit check.
  async function outOfScope(role, method, path, body, secrets = []) {
    const client = c[role];
    const r = method === 'GET' ? await client.get(path)
      : method === 'DELETE' ? await client.del(path)
        : await client[method.toLowerCase()](path, body);
    assertProblem(r, { status: 404, code: 'not_found' });
    for (const s of secrets) assert.ok(!r.text.includes(String(s)), `the 404 for ${path} leaks ${s}: ${r.text}`);
    probes.push({ username: DEMO_USERS[role], method, path });
    return r;
  }

  async function readEnterprise(role, id) {
    const r = await c[role].get(`/api/v1/enterprises/${id}`);
    assert.equal(r.res.status, 200, r.text);
    reads.push({ username: DEMO_USERS[role], id });
    return r.json;
  }

  before(async () => {
    server = await startServer({ demo: true });
    api = createClient(server.baseUrl);
    const creds = await loginAll(api, ['platform', 'bankManager', 'bankOfficer', 'entAdmin', 'provider', 'govViewer', 'govAdmin']);
    c = Object.fromEntries(Object.entries(creds).map(([role, cred]) => [role, as(api, cred)]));
    const all = await c.platform.get('/api/v1/organisations?pageSize=100');
    orgList = all.json.items;
    orgs = await organisationIds(c.platform);

    // A manager of another bank, and a user of the other enterprise, made by the platform admin.
    const [abcUser, songyangUser] = await Promise.all([
      c.platform.post('/api/v1/users', {
        username: 'abc-manager', displayName: '农行管理员甲', mobile: '13912345678', password: STRONG_PASSWORD,
        organisationId: orgs[ORG.abc], roles: ['bank-manager'],
      }),
      c.platform.post('/api/v1/users', {
        username: 'songyang-staff', displayName: '嵩阳经办人乙', password: STRONG_PASSWORD,
        organisationId: orgs[ORG.songyang], roles: ['enterprise-staff'],
      }),
    ]);
    ids.abcUser = expectStatus(abcUser, 201, 'create abc-manager').id;
    ids.songyangUser = expectStatus(songyangUser, 201, 'create songyang-staff').id;
    // Its token, issued on the command line (printed once).
    ids.abcToken = runJinfu(['--db', server.dbUrl, 'token', 'issue', '--user', 'abc-manager', '--name', '农行对接',
      '--permission', 'token.manage', '--days', '30']).trim();
    assert.match(ids.abcToken, /^jf_[A-Za-z0-9_-]{20,}$/);
    ids.abcTokenId = Number(sql(server.dbUrl, "SELECT id FROM api_tokens WHERE name = '农行对接'")[0][0]);

    const enterprise = (where) => sql(server.dbUrl, `SELECT id, name, uscc, region_code FROM enterprises WHERE ${where} ORDER BY id LIMIT 1`)[0];
    ids.tianbao = enterprise(`name = ${sqlText(ORG.tianbao)}`);
    ids.songyang = enterprise(`name = ${sqlText(ORG.songyang)}`);
    ids.zoneOther = enterprise(`region_code = '410871' AND name NOT IN (${sqlText(ORG.tianbao)}, ${sqlText(ORG.songyang)})`);
    ids.outside = enterprise("region_code = '410802'");
    assert.ok(ids.tianbao && ids.songyang && ids.zoneOther && ids.outside, 'demo enterprises found');
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('bank manager: a user of another bank is 404 to read, change and reset, and absent from lists', async () => {
    const secrets = ['abc-manager', '农行管理员甲', ORG.abc, '13912345678', '1391'];
    await outOfScope('bankManager', 'GET', `/api/v1/users/${ids.abcUser}`, undefined, secrets);
    await outOfScope('bankManager', 'PATCH', `/api/v1/users/${ids.abcUser}`, { displayName: '改名' }, secrets);
    await outOfScope('bankManager', 'PUT', `/api/v1/users/${ids.abcUser}/password`, { password: 'Zz9!other-pass' }, secrets);
    // A user id that does not exist gives the very same answer, apart from the path.
    const missing = await c.bankManager.get('/api/v1/users/999999');
    const other = await c.bankManager.get(`/api/v1/users/${ids.abcUser}`);
    const strip = ({ requestId, instance, ...rest }) => rest;
    assert.deepEqual(strip(missing.json), strip(other.json));
    probes.push({ username: DEMO_USERS.bankManager, method: 'GET', path: '/api/v1/users/999999' },
      { username: DEMO_USERS.bankManager, method: 'GET', path: `/api/v1/users/${ids.abcUser}` });

    const list = await c.bankManager.get('/api/v1/users?pageSize=100');
    assert.equal(list.res.status, 200);
    assert.ok(list.json.items.length > 0);
    assert.ok(list.json.items.every((u) => u.organisationId === orgs[ORG.icbc]), 'only its own bank\'s users');
    const filtered = await c.bankManager.get(`/api/v1/users?organisationId=${orgs[ORG.abc]}`);
    assert.equal(filtered.res.status, 200);
    assert.equal(filtered.json.total, 0);
    assert.deepEqual(filtered.json.items, []);
    // The account was not changed by the refused PATCH.
    const seen = await c.platform.get(`/api/v1/users/${ids.abcUser}`);
    assert.equal(seen.json.displayName, '农行管理员甲');
  });

  test('bank manager: another bank\'s token is not listed, DELETE is 404, and the token stays valid', async () => {
    const list = await c.bankManager.get('/api/v1/tokens');
    assert.equal(list.res.status, 200);
    assert.ok(!list.json.items.some((t) => t.id === ids.abcTokenId), 'another bank\'s token is listed');
    assert.ok(list.json.items.every((t) => !t.username || t.username.startsWith('demo-bank')), JSON.stringify(list.json.items));
    await outOfScope('bankManager', 'DELETE', `/api/v1/tokens/${ids.abcTokenId}`, undefined, ['农行对接', 'abc-manager', ids.abcToken.slice(0, 7)]);
    const still = await as(api, { bearer: ids.abcToken }).get('/api/v1/tokens');
    assert.equal(still.res.status, 200, still.text);
    const mine = still.json.items.find((t) => t.id === ids.abcTokenId);
    assert.equal(mine?.revoked, false);
    // The platform sees both banks' tokens.
    const platformList = await c.platform.get('/api/v1/tokens');
    assert.ok(platformList.json.items.some((t) => t.id === ids.abcTokenId));
  });

  test('enterprise admin: its own enterprise is 200; the other enterprise and its user are 404', async () => {
    const [id, name, uscc] = ids.tianbao;
    const own = await readEnterprise('entAdmin', id);
    assert.equal(own.name, name);
    assert.equal(own.uscc, uscc);
    const [otherId, otherName, otherUscc] = ids.songyang;
    await outOfScope('entAdmin', 'GET', `/api/v1/enterprises/${otherId}`, undefined, [otherName, otherUscc, '嵩阳']);
    await outOfScope('entAdmin', 'GET', `/api/v1/users/${ids.songyangUser}`, undefined, ['songyang-staff', '嵩阳经办人乙', '嵩阳']);
    await outOfScope('entAdmin', 'PATCH', `/api/v1/users/${ids.songyangUser}`, { disabled: true }, ['songyang-staff', '嵩阳']);
    const list = await c.entAdmin.get('/api/v1/users?pageSize=100');
    assert.ok(list.json.items.every((u) => u.organisationId === orgs[ORG.tianbao]));
    assert.ok(!list.json.items.some((u) => u.username === 'songyang-staff'));
  });

  test('provider: no enterprise is in its scope (404 without a name); a bank without the enterprise\'s consent: 403 consent_required without a name', async () => {
    const [id, name, uscc] = ids.tianbao;
    await outOfScope('provider', 'GET', `/api/v1/enterprises/${id}`, undefined, [name, uscc]);
    for (const [role, [target, ...secrets]] of [['bankOfficer', ids.tianbao], ['bankManager', ids.outside]]) {
      const r = await c[role].get(`/api/v1/enterprises/${target}`);
      assertProblem(r, { status: 403, code: 'consent_required' });
      for (const secret of secrets) assert.ok(!r.text.includes(String(secret)), `the 403 leaks ${secret}: ${r.text}`);
    }
  });

  test('government viewer (410871): enterprises of the zone are 200, one in 410802 is 404', async () => {
    for (const [id, name, uscc, region] of [ids.tianbao, ids.zoneOther, ids.songyang]) {
      const e = await readEnterprise('govViewer', id);
      assert.equal(e.name, name);
      assert.equal(e.uscc, uscc);
      assert.equal(e.regionCode, region);
    }
    const [id, name, uscc, region] = ids.outside;
    assert.ok(!region.startsWith('410871'));
    await outOfScope('govViewer', 'GET', `/api/v1/enterprises/${id}`, undefined, [name, uscc]);
    // Organisations too: the ICBC branch (410800) is outside the zone.
    await outOfScope('govViewer', 'GET', `/api/v1/organisations/${orgs[ORG.icbc]}`, undefined, [ORG.icbc]);
    const list = await c.govViewer.get('/api/v1/organisations?pageSize=100');
    assert.equal(list.res.status, 200);
    const zone = orgList.filter((o) => o.regionCode.startsWith('410871'));
    assert.deepEqual(list.json.items.map((o) => o.id).sort((a, b) => a - b), zone.map((o) => o.id).sort((a, b) => a - b));
  });

  test('the platform admin reads any enterprise', async () => {
    const e = await readEnterprise('platform', ids.outside[0]);
    assert.equal(e.name, ids.outside[1]);
  });

  test('gov-admin lists only users of organisations in 410871; the platform admin lists all', async () => {
    const zoneOrgs = new Set(orgList.filter((o) => o.regionCode.startsWith('410871')).map((o) => o.id));
    const gov = await c.govAdmin.get('/api/v1/users?pageSize=100');
    assert.equal(gov.res.status, 200);
    assert.ok(gov.json.items.length > 0);
    const outside = gov.json.items.filter((u) => !zoneOrgs.has(u.organisationId));
    assert.deepEqual(outside.map((u) => u.username), [], 'users outside the zone are listed to gov-admin');
    assert.equal(gov.json.total, gov.json.items.length);

    const everyone = Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM users')[0][0]);
    const platform = await c.platform.get('/api/v1/users?pageSize=100');
    assert.equal(platform.json.total, everyone);
    assert.ok(platform.json.items.some((u) => u.username === 'abc-manager'));
    const inZone = platform.json.items.filter((u) => zoneOrgs.has(u.organisationId)).map((u) => u.id);
    assert.deepEqual(gov.json.items.map((u) => u.id), inZone, 'gov-admin sees every user of the zone');

    // Users outside the zone are 404 to gov-admin, to read and to change.
    await outOfScope('govAdmin', 'GET', `/api/v1/users/${ids.abcUser}`, undefined, ['abc-manager', '农行管理员甲']);
    const bankManagerId = platform.json.items.find((u) => u.username === 'demo-bank-manager').id;
    await outOfScope('govAdmin', 'PATCH', `/api/v1/users/${bankManagerId}`, { disabled: true }, ['demo-bank-manager']);
  });

  test('mobile numbers are masked unless the caller is the user or manages them', async () => {
    const staff = (await c.platform.get('/api/v1/users?q=demo-enterprise-staff')).json.items[0];
    const patched = await c.platform.patch(`/api/v1/users/${staff.id}`, { mobile: '13512345678' });
    assert.equal(patched.json.mobile, '13512345678', 'the platform admin manages everyone');
    // The enterprise admin manages its own staff.
    assert.equal((await c.entAdmin.get(`/api/v1/users/${staff.id}`)).json.mobile, '13512345678');
    // The zone's gov-admin may read the enterprise's users but not manage them (PATCH → 404), so
    // it must see the number masked, like any other reader.
    const gov = await c.govAdmin.get(`/api/v1/users/${staff.id}`);
    assert.equal(gov.res.status, 200);
    await outOfScope('govAdmin', 'PATCH', `/api/v1/users/${staff.id}`, { displayName: 'x' });
    assert.equal(gov.json.mobile, '135****5678', 'gov-admin holds user.manage, but not over an enterprise\'s user');
    const listed = (await c.govAdmin.get('/api/v1/users?pageSize=100')).json.items.find((u) => u.id === staff.id);
    assert.equal(listed.mobile, '135****5678');
  });

  test('user list filters: q and role match literally (no wildcards, whole role codes); status is checked', async () => {
    assert.equal((await c.platform.get('/api/v1/users?q=%25')).json.total, 0);
    assert.equal((await c.platform.get('/api/v1/users?q=_')).json.total, 0);
    assert.equal((await c.platform.get('/api/v1/users?role=bank')).json.total, 0);
    const managers = await c.platform.get('/api/v1/users?role=bank-manager&pageSize=100');
    assert.deepEqual(managers.json.items.map((u) => u.username).sort(), ['abc-manager', 'demo-bank-manager']);
    const q = await c.platform.get(`/api/v1/users?q=${encodeURIComponent('农行管理员')}`);
    assert.deepEqual(q.json.items.map((u) => u.username), ['abc-manager']);
    // Case does not matter, on either database (SQLite's LIKE ignores ASCII case, PostgreSQL's
    // does not), as in the audit trail's user filter.
    assert.equal((await c.platform.get('/api/v1/users?q=ABC-MANAGER')).json.total, 1, 'q is case-insensitive');
    assert.equal((await c.platform.get('/api/v1/organisations?q=ICBC')).json.total,
      (await c.platform.get('/api/v1/organisations?q=icbc')).json.total);
    assertProblem(await c.platform.get('/api/v1/users?status=locked'), { status: 400, code: 'invalid_query_parameter' });
    assertProblem(await c.platform.get('/api/v1/users?pageSize=101'), { status: 400, code: 'invalid_query_parameter' });
    const active = await c.platform.get('/api/v1/users?status=active&pageSize=100');
    assert.ok(active.json.items.every((u) => u.disabled === false));
  });

  test('admins create users only where they may, with roles they may grant', async () => {
    const body = (over) => ({ username: `scope-${Math.random().toString(36).slice(2, 8)}`, displayName: '测试',
      password: STRONG_PASSWORD, ...over });
    const field = (r, name) => {
      assertProblem(r, { status: 422, code: 'validation_failed' });
      assert.ok(r.json.errors.some((e) => e.field === name), `expected a field error on ${name}: ${r.text}`);
    };
    // gov-admin: a government body of its region yes; one outside the region, or a park, no.
    const ok = await c.govAdmin.post('/api/v1/users', body({ organisationId: orgs['高新区科创局'], roles: ['gov-viewer'] }));
    assert.equal(ok.res.status, 201, ok.text);
    field(await c.govAdmin.post('/api/v1/users', body({ organisationId: orgs['焦作市金融工作局'], roles: ['gov-viewer'] })), 'organisationId');
    field(await c.govAdmin.post('/api/v1/users', body({ organisationId: orgs['中原工业设计城'], roles: ['gov-viewer'] })), 'organisationId');
    // bank-manager: not in another bank, not a role of another kind.
    field(await c.bankManager.post('/api/v1/users', body({ organisationId: orgs[ORG.abc], roles: ['bank-officer'] })), 'organisationId');
    field(await c.bankManager.post('/api/v1/users', body({ organisationId: orgs[ORG.icbc], roles: ['platform-admin'] })), 'roles[0]');
    // enterprise-admin: not a user of the other enterprise.
    field(await c.entAdmin.post('/api/v1/users', body({ organisationId: orgs[ORG.songyang], roles: ['enterprise-staff'] })), 'organisationId');
    // An admin cannot disable itself.
    const own = (await c.platform.get('/api/v1/auth/me')).json.user;
    field(await c.platform.patch(`/api/v1/users/${own.id}`, { disabled: true }), 'disabled');
    // nor raise itself: bank-manager may not give its own account a role of another kind.
    const me = (await c.bankManager.get('/api/v1/auth/me')).json.user;
    field(await c.bankManager.patch(`/api/v1/users/${me.id}`, { roles: ['bank-manager', 'gov-admin'] }), 'roles[1]');
  });

  test('every out-of-scope probe is in the audit trail as access.denied with the prober\'s name', async () => {
    const { items } = await allAudit(c.platform, 'action=access.denied');
    const missing = probes.filter((p) => !items.some((e) => e.username === p.username && e.outcome === 'denied'
      && e.objectType === 'route' && e.objectId === `${p.method} ${p.path}`));
    assert.deepEqual(missing, [], 'denials without an audit entry');
    for (const e of items) {
      assert.ok(e.userId > 0 && e.organisationId > 0 && e.organisationName, `denial entry without the actor: ${JSON.stringify(e)}`);
    }
  });

  test('every enterprise read is in the audit trail as enterprise.read', async () => {
    const { items } = await allAudit(c.platform, 'action=enterprise.read');
    assert.equal(items.length, reads.length, 'one enterprise.read per successful read, none for a 404');
    for (const r of reads) {
      const n = items.filter((e) => e.username === r.username && e.objectType === 'enterprise'
        && e.objectId === String(r.id) && e.outcome === 'success').length;
      const expected = reads.filter((x) => x.username === r.username && x.id === r.id).length;
      assert.equal(n, expected, `enterprise.read of ${r.id} by ${r.username}`);
    }
  });
});
