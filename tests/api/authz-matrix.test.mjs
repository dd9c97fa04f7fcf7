// The authorization matrix: every route the server has (as `jinfu routes` prints it) × every kind
// of caller — nobody, the nine demo roles, an API token of demo-bank-manager that carries only
// token.manage, and a 政府信用专员 (gov-credit, a role without a demo user: the platform admin makes
// one in the zone's government) — with the status each must get, sent as real requests over HTTP.
// Unsafe requests with a session always carry its CSRF token, so a 403 here means "no permission"
// (or, marked in the table, "no consent"), never "no CSRF".
// The test fails when the server has a route the table lacks, or the table one the server lacks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shanghaiDate } from '../support/clock.mjs';
import { runJinfu, startServer } from '../support/server.mjs';
import { createClient } from './helpers.mjs';
import {
  DEMO_USERS, ORG, STRONG_PASSWORD, as, allAudit, loginAll, mustLogin, organisationIds, send, sql, sqlText,
} from './auth-helpers.mjs';
import { shiftedCopy } from './credit-helpers.mjs';

// Columns of the table, in order.
const CALLERS = ['anon', 'entStaff', 'entAdmin', 'bankOfficer', 'bankManager', 'govViewer', 'govOfficer', 'govAdmin',
  'provider', 'platform', 'token', 'govCredit'];
// The demo users that are columns: demo-tax-provider is a second 数据报送员, of another department.
const MATRIX_USERS = Object.keys(DEMO_USERS).filter((role) => role !== 'taxProvider');

// The permissions of each caller, from docs/identity-api.md (the token: what it was issued for).
const PERMISSIONS = {
  anon: [],
  entStaff: ['self', 'enterprise.read', 'credit.read', 'consent.manage', 'consent.read', 'finance.read', 'demand.manage'],
  entAdmin: ['self', 'enterprise.read', 'user.read', 'user.manage', 'role.read', 'credit.read', 'consent.manage', 'consent.read',
    'finance.read', 'demand.manage'],
  bankOfficer: ['self', 'enterprise.read', 'credit.read', 'consent.read', 'finance.read', 'deal.handle'],
  bankManager: ['self', 'enterprise.read', 'user.read', 'user.manage', 'role.read', 'token.manage', 'credit.read', 'consent.read',
    'finance.read', 'deal.handle', 'product.manage'],
  govViewer: ['self', 'enterprise.read', 'org.read', 'collect.read', 'credit.stats', 'finance.read', 'finance.stats'],
  govOfficer: ['self', 'enterprise.read', 'enterprise.export', 'org.read', 'user.read', 'collect.read', 'credit.stats',
    'finance.read', 'finance.stats'],
  govAdmin: ['self', 'enterprise.read', 'enterprise.export', 'org.read', 'user.read', 'user.manage', 'role.read', 'audit.read',
    'audit.export', 'collect.read', 'credit.stats', 'finance.read', 'finance.stats'],
  provider: ['self', 'enterprise.read', 'token.manage', 'collect.read', 'collect.submit'],
  platform: ['self', 'enterprise.read', 'enterprise.export', 'org.read', 'org.manage', 'user.read', 'user.manage', 'role.read',
    'token.manage', 'audit.read', 'audit.export', 'collect.read', 'collect.submit', 'collect.manage', 'credit.stats', 'credit.manage',
    'finance.read', 'finance.stats', 'finance.manage'],
  token: ['token.manage'],
  govCredit: ['self', 'enterprise.read', 'org.read', 'credit.read', 'credit.stats'],
};

// The role table of docs/identity-api.md: code → [中文, org kind, caller with that role].
const ROLES = {
  'enterprise-staff': ['企业经办人', 'enterprise', 'entStaff'],
  'enterprise-admin': ['企业管理员', 'enterprise', 'entAdmin'],
  'bank-officer': ['客户经理', 'bank', 'bankOfficer'],
  'bank-manager': ['银行管理员', 'bank', 'bankManager'],
  'gov-viewer': ['政府查看员', 'government', 'govViewer'],
  'gov-officer': ['政府经办人', 'government', 'govOfficer'],
  'gov-admin': ['政府管理员', 'government', 'govAdmin'],
  'provider-uploader': ['数据报送员', 'provider', 'provider'],
  'platform-admin': ['平台管理员', 'operator', 'platform'],
  'gov-credit': ['政府信用专员', 'government', 'govCredit'],
};

// route → [permission, expected statuses per caller, error codes of cells whose code is not the
// status's usual one]. How each cell is requested is in REQUESTS:
// - public POSTs and the self-service password change get `{}` → 422 (nothing changes);
// - PUT /users/{id}/password gets `{}` on the caller's own id → 422 (a real reset would end the
//   caller's sessions);
// - GET/PATCH /users/{id} use the caller's own user id, /organisations/{id} its own organisation;
// - POST /users creates a user in the caller's own organisation with a role it may grant (the
//   platform: a bank-officer in 农业银行焦作分行); POST /organisations creates a park;
// - DELETE /auth/sessions/{id} names another user's live session (the platform admin's; the
//   platform admin names the bank manager's) → 404 not_found, and that session lives on;
//   POST /auth/logout runs last, on the caller's session;
// - POST /tokens issues a one-day token.manage token; DELETE /tokens/{id} revokes a token issued
//   for the purpose in the caller's organisation;
// - GET /enterprises/{id} reads 焦作市天宝桓祥科技有限公司 (region 410871): in scope for its own
//   enterprise users, the zone's government and the platform; banks read it only under 天宝桓祥's
//   consent, which it has not given → 403 consent_required (marked CONSENT); the provider has no
//   scope over enterprises → 404 not_found. …/facts and …/history of it likewise;
//   GET /enterprises searches by pinyin (banks and providers get an empty list, 200);
// - POST /collect/batches sends an 知识产权 file name (demo-provider's category) but no body: a submitter gets 422 (the file is
//   empty; the operator also for the missing `provider`), nothing is stored;
// - GET /collect/batches/{id} and its quarantine name a batch demo-provider submitted (one row
//   refused): government and the operator see every batch, the provider its own;
// - the credit routes run on one scoring run (`jinfu credit score --all`) and a candidate scorecard
//   the platform admin registered before: POST /credit/scorecards sends that candidate again → 409
//   for the operator (nothing stored); …/train sends a CSV without naming the version → 422
//   (nothing trained); …/activate names the active scorecard → 409; /compare the
//   active one with the candidate; …/verify a score 天宝桓祥's own user recorded. The score and
//   history of 天宝桓祥: its own users and the zone's gov-credit 200; banks hold credit.read but
//   have no consent from it → 403 consent_required (marked CONSENT); everyone else 403 forbidden;
// - 数据授权: 焦作嵩阳光电 (another enterprise, through a user the platform admin makes for it) has
//   given 工商银行焦作分行 one consent (["tax"], so it opens nothing the matrix reads). POST
//   /consents sends `{}` → 422 for enterprise users (no bank, no scopes: nothing stored);
//   DELETE /consents/{id} names 嵩阳光电's consent → 404 not_found for 天宝桓祥's users (not theirs;
//   it stays live); GET /consents lists an enterprise's own consents or those its bank holds;
//   …/reads is 天宝桓祥's read log; GET /banks is public.
// - 融资对接: 工商银行焦作分行 has two published products and a draft; 天宝桓祥 has an open pool demand,
//   one claimed by 工行 (its application 已提交) and one approved (已授信). Writes are sent so that
//   they change nothing: POST/PUT products and match/demands get `{}` → 422; publish names a
//   published product and withdraw the draft → 409; withdraw/claim name the claimed demand → 409;
//   commands get `{}` → 422 (no command); the enterprise's withdraw/materials name the approved
//   application → 409; PUT settings sends decision 0 → 422; POST /finance/sweep runs a sweep (nothing
//   is due). Reads name the open demand, the claimed application and the published products, all in
//   every reader's scope. POST /notifications/{id}/read names the caller's own message (one is
//   written for every user before the matrix runs).

// The error code of a cell where it is not the status's usual one (CODES below).
const CONSENT = { bankOfficer: 'consent_required', bankManager: 'consent_required' };

//                                                                  anon ent-s ent-a bk-o bk-m gv-v gv-o gv-a prov plat token gv-cr
const MATRIX = {
  'GET /healthz':                                  ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /readyz':                                   ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /metrics':                                  ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'POST /api/v1/uscc/validate':                    ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /api/v1/calendar/{date:date}':              ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /api/v1/dictionaries':                      ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /api/v1/dictionaries/{name}':               ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'POST /api/v1/auth/login':                       ['public',        '422  422  422  422  422  422  422  422  422  422  422  422'],
  'POST /api/v1/auth/logout':                      ['self',          '401  204  204  204  204  204  204  204  204  204  403  204'],
  'GET /api/v1/auth/me':                           ['self',          '401  200  200  200  200  200  200  200  200  200  403  200'],
  'PUT /api/v1/auth/password':                     ['self',          '401  422  422  422  422  422  422  422  422  422  403  422'],
  'GET /api/v1/auth/sessions':                     ['self',          '401  200  200  200  200  200  200  200  200  200  403  200'],
  'DELETE /api/v1/auth/sessions/{id:int}':         ['self',          '401  404  404  404  404  404  404  404  404  404  403  404'],
  'GET /api/v1/users':                             ['user.read',     '401  403  200  403  200  403  200  200  403  200  403  403'],
  'POST /api/v1/users':                            ['user.manage',   '401  403  201  403  201  403  403  201  403  201  403  403'],
  'GET /api/v1/users/{id:int}':                    ['user.read',     '401  403  200  403  200  403  200  200  403  200  403  403'],
  'PATCH /api/v1/users/{id:int}':                  ['user.manage',   '401  403  200  403  200  403  403  200  403  200  403  403'],
  'PUT /api/v1/users/{id:int}/password':           ['user.manage',   '401  403  422  403  422  403  403  422  403  422  403  403'],
  'GET /api/v1/organisations':                     ['org.read',      '401  403  403  403  403  200  200  200  403  200  403  200'],
  'GET /api/v1/organisations/{id:int}':            ['org.read',      '401  403  403  403  403  200  200  200  403  200  403  200'],
  'POST /api/v1/organisations':                    ['org.manage',    '401  403  403  403  403  403  403  403  403  201  403  403'],
  'PATCH /api/v1/organisations/{id:int}':          ['org.manage',    '401  403  403  403  403  403  403  403  403  200  403  403'],
  'GET /api/v1/roles':                             ['role.read',     '401  403  200  403  200  403  403  200  403  200  403  403'],
  'GET /api/v1/tokens':                            ['token.manage',  '401  403  403  403  200  403  403  403  200  200  200  403'],
  'POST /api/v1/tokens':                           ['token.manage',  '401  403  403  403  201  403  403  403  201  201  201  403'],
  'DELETE /api/v1/tokens/{id:int}':                ['token.manage',  '401  403  403  403  204  403  403  403  204  204  204  403'],
  'GET /api/v1/audit':                             ['audit.read',    '401  403  403  403  403  403  403  200  403  200  403  403'],
  'GET /api/v1/audit/export':                      ['audit.export',  '401  403  403  403  403  403  403  200  403  200  403  403'],
  'GET /api/v1/summary':                           ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /api/v1/enterprises/{id:int}':              ['enterprise.read', '401  200  200  403  403  200  200  200  404  200  403  200', CONSENT],
  'GET /api/v1/enterprises':                       ['enterprise.read', '401  200  200  200  200  200  200  200  200  200  403  200'],
  'GET /api/v1/enterprises/export':                ['enterprise.export', '401  403  403  403  403  403  200  200  403  200  403  403'],
  'GET /api/v1/enterprises/{id:int}/facts':        ['enterprise.read', '401  200  200  403  403  200  200  200  404  200  403  200', CONSENT],
  'GET /api/v1/enterprises/{id:int}/history':      ['enterprise.read', '401  200  200  403  403  200  200  200  404  200  403  200', CONSENT],
  'GET /api/v1/openapi.json':                      ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /api/v1/collect/categories':                ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /api/v1/collect/categories/{code}/template.xlsx': ['public', '200  200  200  200  200  200  200  200  200  200  200  200'],
  'PUT /api/v1/collect/categories/{code}/providers': ['collect.manage', '401  403  403  403  403  403  403  403  403  422  403  403'],
  'POST /api/v1/collect/batches':                  ['collect.submit', '401  403  403  403  403  403  403  403  422  422  403  403'],
  'GET /api/v1/collect/batches':                   ['collect.read',  '401  403  403  403  403  200  200  200  200  200  403  403'],
  'GET /api/v1/collect/batches/{id:int}':          ['collect.read',  '401  403  403  403  403  200  200  200  200  200  403  403'],
  'GET /api/v1/collect/batches/{id:int}/quarantine': ['collect.read', '401  403  403  403  403  200  200  200  200  200  403  403'],
  'GET /api/v1/collect/batches/{id:int}/quarantine.xlsx': ['collect.read', '401  403  403  403  403  200  200  200  200  200  403  403'],
  'GET /api/v1/collect/timeliness':                ['collect.read',  '401  403  403  403  403  200  200  200  200  200  403  403'],
  'GET /api/v1/credit/scorecard':                  ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'GET /api/v1/credit/scorecards':                 ['credit.manage', '401  403  403  403  403  403  403  403  403  200  403  403'],
  'POST /api/v1/credit/scorecards':                ['credit.manage', '401  403  403  403  403  403  403  403  403  409  403  403'],
  'POST /api/v1/credit/scorecards/train':          ['credit.manage', '401  403  403  403  403  403  403  403  403  422  403  403'],
  'GET /api/v1/credit/scorecards/{id:int}':        ['credit.manage', '401  403  403  403  403  403  403  403  403  200  403  403'],
  'GET /api/v1/credit/scorecards/{id:int}/compare': ['credit.manage', '401  403  403  403  403  403  403  403  403  200  403  403'],
  'POST /api/v1/credit/scorecards/{id:int}/activate': ['credit.manage', '401  403  403  403  403  403  403  403  403  409  403  403'],
  'GET /api/v1/credit/enterprises/{id:int}/score': ['credit.read',   '401  200  200  403  403  403  403  403  403  403  403  200', CONSENT],
  'GET /api/v1/credit/enterprises/{id:int}/scores': ['credit.read',  '401  200  200  403  403  403  403  403  403  403  403  200', CONSENT],
  'GET /api/v1/credit/scores/{id:int}/verify':     ['credit.manage', '401  403  403  403  403  403  403  403  403  200  403  403'],
  'GET /api/v1/credit/runs':                       ['credit.stats',  '401  403  403  403  403  200  200  200  403  200  403  200'],
  'GET /api/v1/credit/distribution':               ['credit.stats',  '401  403  403  403  403  200  200  200  403  200  403  200'],
  'GET /api/v1/banks':                             ['public',        '200  200  200  200  200  200  200  200  200  200  200  200'],
  'POST /api/v1/consents':                         ['consent.manage', '401  422  422  403  403  403  403  403  403  403  403  403'],
  'GET /api/v1/consents':                          ['consent.read',  '401  200  200  200  200  403  403  403  403  403  403  403'],
  'DELETE /api/v1/consents/{id:int}':              ['consent.manage', '401  404  404  403  403  403  403  403  403  403  403  403'],
  'GET /api/v1/consents/reads':                    ['consent.manage', '401  200  200  403  403  403  403  403  403  403  403  403'],  'GET /api/v1/finance/catalogue':                 ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'GET /api/v1/finance/products':                  ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'GET /api/v1/finance/products/compare':          ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'GET /api/v1/finance/products/{id:int}':         ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'POST /api/v1/finance/products':                 ['product.manage', '401  403  403  403  422  403  403  403  403  403  403  403'],
  'PUT /api/v1/finance/products/{id:int}':         ['product.manage', '401  403  403  403  422  403  403  403  403  403  403  403'],
  'POST /api/v1/finance/products/{id:int}/publish': ['product.manage', '401  403  403  403  409  403  403  403  403  403  403  403'],
  'POST /api/v1/finance/products/{id:int}/withdraw': ['product.manage', '401  403  403  403  409  403  403  403  403  403  403  403'],
  'POST /api/v1/finance/match':                    ['demand.manage', '401  422  422  403  403  403  403  403  403  403  403  403'],
  'POST /api/v1/finance/demands':                  ['demand.manage', '401  422  422  403  403  403  403  403  403  403  403  403'],
  'GET /api/v1/finance/demands':                   ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'GET /api/v1/finance/demands/{id:int}':          ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'POST /api/v1/finance/demands/{id:int}/withdraw': ['demand.manage', '401  409  409  403  403  403  403  403  403  403  403  403'],
  'POST /api/v1/finance/demands/{id:int}/claim':   ['deal.handle',   '401  403  403  409  409  403  403  403  403  403  403  403'],
  'GET /api/v1/finance/applications':              ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'GET /api/v1/finance/applications/{id:int}':     ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'POST /api/v1/finance/applications/{id:int}/commands': ['deal.handle', '401  403  403  422  422  403  403  403  403  403  403  403'],
  'POST /api/v1/finance/applications/{id:int}/withdraw': ['demand.manage', '401  409  409  403  403  403  403  403  403  403  403  403'],
  'POST /api/v1/finance/applications/{id:int}/materials': ['demand.manage', '401  409  409  403  403  403  403  403  403  403  403  403'],
  'GET /api/v1/finance/overview':                  ['finance.stats', '401  403  403  403  403  200  200  200  403  200  403  403'],
  'GET /api/v1/finance/overdue':                   ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'GET /api/v1/finance/settings':                  ['finance.read',  '401  200  200  200  200  200  200  200  403  200  403  403'],
  'PUT /api/v1/finance/settings':                  ['finance.manage', '401  403  403  403  403  403  403  403  403  422  403  403'],
  'POST /api/v1/finance/sweep':                    ['finance.manage', '401  403  403  403  403  403  403  403  403  200  403  403'],
  'GET /api/v1/notifications':                     ['self',          '401  200  200  200  200  200  200  200  200  200  403  200'],
  'GET /api/v1/notifications/unread-count':        ['self',          '401  200  200  200  200  200  200  200  200  200  403  200'],
  'POST /api/v1/notifications/{id:int}/read':      ['self',          '401  200  200  200  200  200  200  200  200  200  403  200'],
  'POST /api/v1/notifications/read-all':           ['self',          '401  200  200  200  200  200  200  200  200  200  403  200'],
  'GET /api/v1/jobs':                              ['self',          '401  200  200  200  200  200  200  200  200  200  403  200'],
  'GET /api/v1/jobs/{id}':                         ['self',          '401  404  404  404  404  404  404  404  404  404  403  404'],
  'POST /api/v1/jobs/{id}/cancel':                 ['self',          '401  404  404  404  404  404  404  404  404  404  403  404'],
};

// The role each caller may give a user of its own organisation when creating one.
const GRANTABLE = { entAdmin: 'enterprise-staff', bankManager: 'bank-officer', govAdmin: 'gov-viewer', platform: 'bank-officer' };

// How each cell is requested: (caller, ctx) → { path, body, headers }. `c` is the caller's context
// (cred, userId, organisationId, …); ids of an unprivileged caller are its own, so that its 403
// can only come from the missing permission.
const REQUESTS = {
  'GET /healthz': () => ({ path: '/healthz' }),
  'GET /readyz': () => ({ path: '/readyz' }),
  'GET /metrics': () => ({ path: '/metrics' }),
  'POST /api/v1/uscc/validate': () => ({ path: '/api/v1/uscc/validate', body: { codes: ['91410800171971661U'] } }),
  'GET /api/v1/calendar/{date:date}': () => ({ path: '/api/v1/calendar/2026-10-01' }),
  'GET /api/v1/dictionaries': () => ({ path: '/api/v1/dictionaries' }),
  'GET /api/v1/dictionaries/{name}': () => ({ path: '/api/v1/dictionaries/application_state' }),
  'POST /api/v1/auth/login': () => ({ path: '/api/v1/auth/login', body: {} }),
  'POST /api/v1/auth/logout': () => ({ path: '/api/v1/auth/logout' }),
  'GET /api/v1/auth/me': () => ({ path: '/api/v1/auth/me' }),
  'PUT /api/v1/auth/password': () => ({ path: '/api/v1/auth/password', body: {} }),
  'GET /api/v1/auth/sessions': () => ({ path: '/api/v1/auth/sessions' }),
  'DELETE /api/v1/auth/sessions/{id:int}': (c) => ({ path: `/api/v1/auth/sessions/${c.othersSessionId}` }),
  'GET /api/v1/users': () => ({ path: '/api/v1/users' }),
  'POST /api/v1/users': (c, ctx, caller) => ({
    path: '/api/v1/users',
    body: {
      username: `matrix-${caller}`, displayName: `矩阵 ${caller}`, password: STRONG_PASSWORD,
      organisationId: caller === 'platform' ? ctx.orgIds[ORG.abc] : c.organisationId,
      roles: [GRANTABLE[caller] ?? 'bank-officer'],
    },
  }),
  'GET /api/v1/users/{id:int}': (c) => ({ path: `/api/v1/users/${c.userId}` }),
  'PATCH /api/v1/users/{id:int}': (c) => ({ path: `/api/v1/users/${c.userId}`, body: { displayName: c.displayName } }),
  'PUT /api/v1/users/{id:int}/password': (c) => ({ path: `/api/v1/users/${c.userId}/password`, body: {} }),
  'GET /api/v1/organisations': () => ({ path: '/api/v1/organisations' }),
  'GET /api/v1/organisations/{id:int}': (c) => ({ path: `/api/v1/organisations/${c.organisationId}` }),
  'POST /api/v1/organisations': () => ({
    path: '/api/v1/organisations', body: { kind: 'park', name: '矩阵测试孵化器', regionCode: '410871' },
  }),
  'PATCH /api/v1/organisations/{id:int}': (c) => ({ path: `/api/v1/organisations/${c.organisationId}`, body: { shortName: '简称' } }),
  'GET /api/v1/roles': () => ({ path: '/api/v1/roles' }),
  'GET /api/v1/tokens': () => ({ path: '/api/v1/tokens' }),
  'POST /api/v1/tokens': (c, ctx, caller) => ({
    path: '/api/v1/tokens', body: { name: `matrix-${caller}`, permissions: ['token.manage'], expiresInDays: 1 },
  }),
  'DELETE /api/v1/tokens/{id:int}': (c) => ({ path: `/api/v1/tokens/${c.victimTokenId}` }),
  'GET /api/v1/audit': () => ({ path: '/api/v1/audit?pageSize=5' }),
  'GET /api/v1/audit/export': () => ({ path: '/api/v1/audit/export?action=auth.login' }),
  'GET /api/v1/summary': () => ({ path: '/api/v1/summary' }),
  'GET /api/v1/enterprises/{id:int}': (c, ctx) => ({ path: `/api/v1/enterprises/${ctx.tianbaoEnterpriseId}` }),
  'GET /api/v1/enterprises': () => ({ path: '/api/v1/enterprises?q=tianbao' }),
  'GET /api/v1/enterprises/export': () => ({ path: '/api/v1/enterprises/export?q=tbhx' }),
  'GET /api/v1/enterprises/{id:int}/facts': (c, ctx) => ({ path: `/api/v1/enterprises/${ctx.tianbaoEnterpriseId}/facts` }),
  'GET /api/v1/enterprises/{id:int}/history': (c, ctx) => ({ path: `/api/v1/enterprises/${ctx.tianbaoEnterpriseId}/history` }),
  'GET /api/v1/collect/categories': () => ({ path: '/api/v1/collect/categories' }),
  'GET /api/v1/openapi.json': () => ({ path: '/api/v1/openapi.json' }),
  'GET /api/v1/collect/categories/{code}/template.xlsx': () => ({ path: '/api/v1/collect/categories/tax/template.xlsx' }),
  'PUT /api/v1/collect/categories/{code}/providers': () => ({ path: '/api/v1/collect/categories/judicial/providers', body: {} }),
  'POST /api/v1/collect/batches': () => ({ path: '/api/v1/collect/batches?category=ip&fileName=matrix.csv' }),
  'GET /api/v1/collect/batches': () => ({ path: '/api/v1/collect/batches' }),
  'GET /api/v1/collect/batches/{id:int}': (c, ctx) => ({ path: `/api/v1/collect/batches/${ctx.batchId}` }),
  'GET /api/v1/collect/batches/{id:int}/quarantine': (c, ctx) => ({ path: `/api/v1/collect/batches/${ctx.batchId}/quarantine` }),
  'GET /api/v1/collect/batches/{id:int}/quarantine.xlsx': (c, ctx) => ({
    path: `/api/v1/collect/batches/${ctx.batchId}/quarantine.xlsx`,
  }),
  'GET /api/v1/collect/timeliness': () => ({ path: '/api/v1/collect/timeliness?asOf=2026-06-30' }),
  'GET /api/v1/credit/scorecard': () => ({ path: '/api/v1/credit/scorecard' }),
  'GET /api/v1/credit/scorecards': () => ({ path: '/api/v1/credit/scorecards' }),
  'POST /api/v1/credit/scorecards': (c, ctx) => ({ path: '/api/v1/credit/scorecards', body: ctx.candidate }),
  'POST /api/v1/credit/scorecards/train': () => ({
    path: '/api/v1/credit/scorecards/train', body: '统一社会信用代码,观察日期,结果\r\n', headers: { 'content-type': 'text/csv' },
  }),
  'GET /api/v1/credit/scorecards/{id:int}': (c, ctx) => ({ path: `/api/v1/credit/scorecards/${ctx.activeScorecardId}` }),
  'GET /api/v1/credit/scorecards/{id:int}/compare': (c, ctx) => ({
    path: `/api/v1/credit/scorecards/${ctx.activeScorecardId}/compare?with=${ctx.candidateId}`,
  }),
  'POST /api/v1/credit/scorecards/{id:int}/activate': (c, ctx) => ({
    path: `/api/v1/credit/scorecards/${ctx.activeScorecardId}/activate`,
  }),
  'GET /api/v1/credit/enterprises/{id:int}/score': (c, ctx) => ({ path: `/api/v1/credit/enterprises/${ctx.tianbaoEnterpriseId}/score` }),
  'GET /api/v1/credit/enterprises/{id:int}/scores': (c, ctx) => ({
    path: `/api/v1/credit/enterprises/${ctx.tianbaoEnterpriseId}/scores`,
  }),
  'GET /api/v1/credit/scores/{id:int}/verify': (c, ctx) => ({ path: `/api/v1/credit/scores/${ctx.scoreId}/verify` }),
  'GET /api/v1/credit/runs': () => ({ path: '/api/v1/credit/runs' }),
  'GET /api/v1/credit/distribution': () => ({ path: '/api/v1/credit/distribution' }),
  'GET /api/v1/banks': () => ({ path: '/api/v1/banks' }),
  'POST /api/v1/consents': () => ({ path: '/api/v1/consents', body: {} }),
  'GET /api/v1/consents': () => ({ path: '/api/v1/consents' }),
  'DELETE /api/v1/consents/{id:int}': (c, ctx) => ({ path: `/api/v1/consents/${ctx.othersConsentId}` }),
  'GET /api/v1/consents/reads': () => ({ path: '/api/v1/consents/reads' }),  'GET /api/v1/finance/catalogue': () => ({ path: '/api/v1/finance/catalogue' }),
  'GET /api/v1/finance/products': () => ({ path: '/api/v1/finance/products?sort=rate' }),
  'GET /api/v1/finance/products/compare': (c, ctx) => ({ path: `/api/v1/finance/products/compare?ids=${ctx.fin.productId},${ctx.fin.product2Id}` }),
  'GET /api/v1/finance/products/{id:int}': (c, ctx) => ({ path: `/api/v1/finance/products/${ctx.fin.productId}` }),
  'POST /api/v1/finance/products': () => ({ path: '/api/v1/finance/products', body: {} }),
  'PUT /api/v1/finance/products/{id:int}': (c, ctx) => ({ path: `/api/v1/finance/products/${ctx.fin.draftId}`, body: {} }),
  'POST /api/v1/finance/products/{id:int}/publish': (c, ctx) => ({ path: `/api/v1/finance/products/${ctx.fin.productId}/publish` }),
  'POST /api/v1/finance/products/{id:int}/withdraw': (c, ctx) => ({ path: `/api/v1/finance/products/${ctx.fin.draftId}/withdraw` }),
  'POST /api/v1/finance/match': () => ({ path: '/api/v1/finance/match', body: {} }),
  'POST /api/v1/finance/demands': () => ({ path: '/api/v1/finance/demands', body: {} }),
  'GET /api/v1/finance/demands': () => ({ path: '/api/v1/finance/demands' }),
  'GET /api/v1/finance/demands/{id:int}': (c, ctx) => ({ path: `/api/v1/finance/demands/${ctx.fin.openDemandId}` }),
  'POST /api/v1/finance/demands/{id:int}/withdraw': (c, ctx) => ({ path: `/api/v1/finance/demands/${ctx.fin.claimedDemandId}/withdraw` }),
  'POST /api/v1/finance/demands/{id:int}/claim': (c, ctx) => ({ path: `/api/v1/finance/demands/${ctx.fin.claimedDemandId}/claim` }),
  'GET /api/v1/finance/applications': () => ({ path: '/api/v1/finance/applications' }),
  'GET /api/v1/finance/applications/{id:int}': (c, ctx) => ({ path: `/api/v1/finance/applications/${ctx.fin.applicationId}` }),
  'POST /api/v1/finance/applications/{id:int}/commands': (c, ctx) => ({
    path: `/api/v1/finance/applications/${ctx.fin.applicationId}/commands`, body: {},
  }),
  'POST /api/v1/finance/applications/{id:int}/withdraw': (c, ctx) => ({ path: `/api/v1/finance/applications/${ctx.fin.approvedId}/withdraw` }),
  'POST /api/v1/finance/applications/{id:int}/materials': (c, ctx) => ({ path: `/api/v1/finance/applications/${ctx.fin.approvedId}/materials` }),
  'GET /api/v1/finance/overview': () => ({ path: '/api/v1/finance/overview' }),
  'GET /api/v1/finance/overdue': () => ({ path: '/api/v1/finance/overdue?open=false' }),
  'GET /api/v1/finance/settings': () => ({ path: '/api/v1/finance/settings' }),
  'PUT /api/v1/finance/settings': () => ({ path: '/api/v1/finance/settings', body: { decision: 0 } }),
  'POST /api/v1/finance/sweep': () => ({ path: '/api/v1/finance/sweep' }),
  'GET /api/v1/notifications': () => ({ path: '/api/v1/notifications' }),
  'GET /api/v1/notifications/unread-count': () => ({ path: '/api/v1/notifications/unread-count' }),
  'POST /api/v1/notifications/{id:int}/read': (c) => ({ path: `/api/v1/notifications/${c.notificationId}/read` }),
  'POST /api/v1/notifications/read-all': () => ({ path: '/api/v1/notifications/read-all' }),
  'GET /api/v1/jobs': () => ({ path: '/api/v1/jobs' }),
  'GET /api/v1/jobs/{id}': () => ({ path: '/api/v1/jobs/not-a-job-of-anyone' }),
  'POST /api/v1/jobs/{id}/cancel': () => ({ path: '/api/v1/jobs/not-a-job-of-anyone/cancel' }),
};

const CODES = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 422: 'validation_failed' };

function expectations(route) {
  const [permission, row, codes = {}] = MATRIX[route];
  const statuses = row.trim().split(/\s+/).map(Number);
  assert.equal(statuses.length, CALLERS.length, `row of ${route} has ${statuses.length} cells`);
  return { permission, statuses, codes };
}

// Runs `tasks` (functions returning promises) at most `limit` at a time.
async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('authorization matrix: every route × every role', () => {
  let server;
  let api;
  let routes;
  const ctx = { callers: {} };

  before(async () => {
    server = await startServer({ demo: 'registry' });
    api = createClient(server.baseUrl);
    routes = runJinfu(['--db', server.dbUrl, 'routes']).trim().split('\n').map((line) => {
      const [method, pattern, permission] = line.split('\t');
      return { key: `${method} ${pattern}`, permission };
    });

    // One session per role (log-ins are deliberately slow).
    const roles = MATRIX_USERS;
    const main = await loginAll(api, roles);
    const platform = as(api, main.platform);
    ctx.orgIds = await organisationIds(platform);
    await Promise.all(roles.map(async (role) => {
      const [me, sessions] = await Promise.all([
        as(api, main[role]).get('/api/v1/auth/me'), as(api, main[role]).get('/api/v1/auth/sessions')]);
      assert.equal(me.res.status, 200, me.text);
      assert.equal(sessions.res.status, 200, sessions.text);
      ctx.callers[role] = {
        cred: main[role],
        userId: me.json.user.id,
        displayName: me.json.user.displayName,
        organisationId: me.json.organisation.id,
        me: me.json,
        sessionId: sessions.json.items.find((s) => s.current).id,
      };
    }));
    // The 政府信用专员 column: a gov-credit user of the zone's government, made by the platform admin.
    const govCredit = await platform.post('/api/v1/users', {
      username: 'matrix-gov-credit', displayName: '矩阵 信用专员', password: STRONG_PASSWORD,
      organisationId: ctx.orgIds[ORG.zone], roles: ['gov-credit'],
    });
    assert.equal(govCredit.res.status, 201, govCredit.text);
    const gcCred = await mustLogin(api, 'matrix-gov-credit', STRONG_PASSWORD);
    const [gcMe, gcSessions] = await Promise.all([
      send(api, gcCred, 'GET', '/api/v1/auth/me'), send(api, gcCred, 'GET', '/api/v1/auth/sessions')]);
    assert.equal(gcMe.res.status, 200, gcMe.text);
    ctx.callers.govCredit = {
      cred: gcCred,
      userId: gcMe.json.user.id,
      displayName: gcMe.json.user.displayName,
      organisationId: gcMe.json.organisation.id,
      me: gcMe.json,
      sessionId: gcSessions.json.items.find((s) => s.current).id,
    };
    for (const role of [...roles, 'govCredit']) {
      ctx.callers[role].othersSessionId = ctx.callers[role === 'platform' ? 'bankManager' : 'platform'].sessionId;
    }

    // The API token column: demo-bank-manager's token with token.manage only.
    const issue = async (role, name) => {
      const r = await as(api, main[role]).post('/api/v1/tokens', { name, permissions: ['token.manage'], expiresInDays: 30 });
      assert.equal(r.res.status, 201, r.text);
      return r.json;
    };
    const [token, victimBank, victimToken, victimProvider, victimPlatform] = await Promise.all([
      issue('bankManager', 'matrix caller'), issue('bankManager', 'victim of bank manager'),
      issue('bankManager', 'victim of the token'), issue('provider', 'victim of provider'),
      issue('platform', 'victim of platform'),
    ]);
    const bm = ctx.callers.bankManager;
    ctx.callers.token = { ...bm, cred: { bearer: token.token }, victimTokenId: victimToken.id };
    ctx.callers.anon = { ...ctx.callers.platform, cred: undefined, victimTokenId: victimBank.id };
    for (const role of [...roles, 'govCredit']) ctx.callers[role].victimTokenId = victimBank.id;
    ctx.callers.provider.victimTokenId = victimProvider.id;
    ctx.callers.platform.victimTokenId = victimPlatform.id;

    ctx.tianbaoEnterpriseId = Number(sql(server.dbUrl, `SELECT id FROM enterprises WHERE name = ${sqlText(ORG.tianbao)}`)[0][0]);

    // A batch of demo-provider's (市场监管局 provides 知识产权): one accepted row, one refused (a
    // wrong check character).
    const file = '统一社会信用代码,知识产权类型,登记号,知识产权名称,授权日期\r\n'
      + '91410800171971661U,发明专利,ZL202510000001.1,一种超硬材料合成装置,2026-05-01\r\n'
      + '91410800171971661X,发明专利,ZL202510000002.1,一种金刚石合成方法,2026-05-01\r\n';
    const batch = await api.call('/api/v1/collect/batches?category=ip&fileName=matrix-setup.csv', {
      method: 'POST',
      headers: { cookie: main.provider.cookie, 'x-csrf-token': main.provider.csrf, 'content-type': 'text/csv' },
      body: file,
    });
    assert.equal(batch.res.status, 201, batch.text);
    assert.equal(batch.json.batch.rowsQuarantined, 1, batch.text);
    ctx.batchId = batch.json.batch.id;
    ctx.batchesBefore = Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM collect_batches')[0][0]);

    // Credit: one scoring run, a candidate scorecard, a score recorded by the enterprise's own read.
    runJinfu(['--db', server.dbUrl, 'credit', 'score', '--all']);
    const active = await api.call('/api/v1/credit/scorecard');
    assert.equal(active.res.status, 200, active.text);
    ctx.activeScorecardId = active.json.id;
    ctx.candidate = shiftedCopy(active.json.artifact, 'matrix-candidate');
    const candidate = await platform.post('/api/v1/credit/scorecards', ctx.candidate);
    assert.equal(candidate.res.status, 201, candidate.text);
    ctx.candidateId = candidate.json.id;
    const score = await as(api, main.entStaff).get(`/api/v1/credit/enterprises/${ctx.tianbaoEnterpriseId}/score`);
    assert.equal(score.res.status, 200, score.text);
    ctx.scoreId = score.json.scoreId;
    ctx.scorecardsBefore = (await platform.get('/api/v1/credit/scorecards')).json;

    // 数据授权: 嵩阳光电 consents to 工商银行焦作分行 reading its tax records; that consent is the
    // one the DELETE cells name.
    const songyang = await platform.post('/api/v1/users', {
      username: 'matrix-songyang-staff', displayName: '矩阵 嵩阳光电', password: STRONG_PASSWORD,
      organisationId: ctx.orgIds[ORG.songyang], roles: ['enterprise-staff'],
    });
    assert.equal(songyang.res.status, 201, songyang.text);
    const songyangCred = await mustLogin(api, 'matrix-songyang-staff', STRONG_PASSWORD);
    const consent = await send(api, songyangCred, 'POST', '/api/v1/consents', { bankId: ctx.orgIds[ORG.icbc], scopes: ['tax'] });
    assert.equal(consent.res.status, 201, consent.text);
    ctx.othersConsentId = consent.json.id;

    // 融资对接: products of 工行, demands of 天宝桓祥, a claimed and an approved application.
    const manager = as(api, main.bankManager);
    const officer = as(api, main.bankOfficer);
    const enterprise = as(api, main.entStaff);
    const must = async (r, status, what) => { const x = await r; assert.equal(x.res.status, status, `${what}: ${x.text}`); return x.json; };
    const productBody = (name) => ({
      name, kind: 'credit', minAmountFen: 10_000_000, maxAmountFen: 500_000_000, minTermMonths: 6, maxTermMonths: 36,
      minRateBp: 350, maxRateBp: 450, repayment: ['interest_first'], guarantees: ['credit'], approvalWorkdays: 5,
    });
    const published = async (name) => {
      const p = await must(manager.post('/api/v1/finance/products', productBody(name)), 201, 'create a product');
      await must(manager.post(`/api/v1/finance/products/${p.id}/publish`), 200, 'publish it');
      return p.id;
    };
    ctx.fin = { productId: await published('矩阵信用贷'), product2Id: await published('矩阵税易贷') };
    ctx.fin.draftId = (await must(manager.post('/api/v1/finance/products', productBody('矩阵草稿')), 201, 'a draft')).id;
    const demand = (purpose) => must(enterprise.post('/api/v1/finance/demands', { amountFen: 50_000_000, termMonths: 12, purpose }),
      201, 'publish a demand');
    ctx.fin.openDemandId = (await demand('矩阵开放需求')).id;
    ctx.fin.claimedDemandId = (await demand('矩阵已接单需求')).id;
    ctx.fin.applicationId = (await must(officer.post(`/api/v1/finance/demands/${ctx.fin.claimedDemandId}/claim`), 201, 'claim')).id;
    const approvedDemand = (await demand('矩阵已授信需求')).id;
    ctx.fin.approvedId = (await must(officer.post(`/api/v1/finance/demands/${approvedDemand}/claim`), 201, 'claim')).id;
    const validUntil = shanghaiDate(38);
    for (const body of [{ command: 'accept' }, { command: 'start_review' },
      { command: 'approve', amountFen: 40_000_000, rateBp: 365, termMonths: 12, validUntil }]) {
      await must(officer.post(`/api/v1/finance/applications/${ctx.fin.approvedId}/commands`, body), 200, body.command);
    }
    ctx.finBefore = sql(server.dbUrl, `SELECT (SELECT COUNT(*) FROM products), (SELECT COUNT(*) FROM demands),
      (SELECT COUNT(*) FROM applications), (SELECT COUNT(*) FROM application_events), (SELECT COUNT(*) FROM finance_settings)`);
    // One message for every user, the one its read cell names.
    sql(server.dbUrl, `INSERT INTO notifications (user_id, kind, title, body, link, created_at)
      SELECT id, 'matrix', '矩阵消息', '矩阵', '', '2026-01-01T00:00:00.000+08:00' FROM users`);
    for (const caller of Object.values(ctx.callers)) {
      caller.notificationId = Number(sql(server.dbUrl, `SELECT id FROM notifications WHERE kind = 'matrix' AND user_id = ${caller.userId}`)[0][0]);
    }
  });

  after(async () => {
    api?.assertNo500();
    await server?.stop();
  });

  test('the table lists exactly the routes `jinfu routes` prints, with the same permissions', () => {
    const served = new Map(routes.map((r) => [r.key, r.permission]));
    const missing = [...served.keys()].filter((k) => !(k in MATRIX));
    const extra = Object.keys(MATRIX).filter((k) => !served.has(k));
    assert.deepEqual(missing, [], `routes the server has but the matrix lacks: ${missing.join(', ')}`);
    assert.deepEqual(extra, [], `routes in the matrix the server does not have: ${extra.join(', ')}`);
    assert.equal(routes.length, served.size, 'jinfu routes printed a route twice');
    for (const [key, permission] of served) assert.equal(MATRIX[key][0], permission, `permission of ${key}`);
    for (const key of Object.keys(MATRIX)) assert.ok(REQUESTS[key], `no request for ${key}`);
  });

  test('the table agrees with the documented role permissions: 401 anonymous, 403 exactly without the permission', () => {
    for (const key of Object.keys(MATRIX)) {
      const { permission, statuses, codes } = expectations(key);
      CALLERS.forEach((caller, i) => {
        const s = statuses[i];
        const where = `${key} for ${caller}`;
        if (permission === 'public') assert.ok(s !== 401 && s !== 403, where);
        else if (caller === 'anon') assert.equal(s, 401, where);
        else if (!PERMISSIONS[caller].includes(permission)) {
          assert.equal(s, 403, where);
          assert.equal(codes[caller], undefined, `${where}: a 403 for want of the permission is forbidden`);
        } else if (codes[caller] === 'consent_required') assert.equal(s, 403, where);
        else assert.ok(s !== 401 && s !== 403, where);
      });
    }
  });

  test('GET /api/v1/roles is the documented role table; /me gives each demo user its role\'s permissions', async () => {
    const r = await send(api, ctx.callers.platform.cred, 'GET', '/api/v1/roles');
    assert.equal(r.res.status, 200, r.text);
    const served = Object.fromEntries(r.json.roles.map((role) => [role.code, role]));
    assert.deepEqual(Object.keys(served).sort(), Object.keys(ROLES).sort());
    for (const [code, [name, orgKind, caller]] of Object.entries(ROLES)) {
      assert.equal(served[code].name, name, code);
      assert.equal(served[code].orgKind, orgKind, code);
      assert.equal(typeof served[code].nameEn, 'string');
      assert.deepEqual([...served[code].permissions].sort(), [...PERMISSIONS[caller]].sort(), `permissions of ${code}`);
      const me = ctx.callers[caller].me;
      assert.deepEqual(me.user.roles, [code]);
      assert.deepEqual(me.permissions, [...PERMISSIONS[caller]].sort(), `/me permissions of ${caller}`);
      assert.equal(me.organisation.kind, orgKind);
      assert.match(me.csrfToken, /^[A-Za-z0-9_-]{20,}$/);
    }
    const codes = r.json.permissions.map((p) => p.code).sort();
    assert.deepEqual(codes, [...new Set(Object.values(PERMISSIONS).flat())].sort());
    const en = await send(api, ctx.callers.platform.cred, 'GET', '/api/v1/roles', undefined, { 'accept-language': 'en' });
    assert.equal(en.json.roles.find((role) => role.code === 'bank-manager').name, 'Bank manager');
  });

  test('every cell answers as the table says', async () => {
    const cells = [];
    for (const key of Object.keys(MATRIX)) {
      const { statuses, codes } = expectations(key);
      const method = key.split(' ')[0];
      CALLERS.forEach((caller, i) => {
        const c = ctx.callers[caller];
        const spec = REQUESTS[key](c, ctx, caller);
        cells.push({ key, caller, method, spec, expected: statuses[i], code: codes[caller], cred: c.cred });
      });
    }
    // Log-outs last: they end the main sessions every other cell uses.
    const isLogout = (cell) => cell.key === 'POST /api/v1/auth/logout';
    const run = (cell) => async () => {
      const r = await send(api, cell.cred, cell.method, cell.spec.path, cell.spec.body, cell.spec.headers);
      return { cell, status: r.res.status, json: r.json, text: r.text, headers: r.res.headers };
    };
    const results = [
      ...await pool(cells.filter((c) => !isLogout(c)).map(run), 8),
    ];

    // Every denial — 403 and the out-of-scope 404 — is in the audit trail, as access.denied.
    const denials = results.filter((r) => r.status === 403 || (r.status === 404 && r.cell.caller !== 'anon'));
    const platform = as(api, ctx.callers.platform.cred);
    // The sessions others tried to end are alive.
    assert.equal((await send(api, ctx.callers.bankManager.cred, 'GET', '/api/v1/auth/me')).res.status, 200);
    const trail = await allAudit(platform, 'action=access.denied');
    assert.equal(trail.total, denials.length, 'one access.denied entry per 403/404');

    results.push(...await pool(cells.filter(isLogout).map(run), 8));

    const wrong = [];
    for (const { cell, status, json, text, headers } of results) {
      const where = `${cell.caller.padEnd(11)} ${cell.key} (${cell.spec.path})`;
      if (status !== cell.expected) {
        wrong.push(`${where}: expected ${cell.expected}, got ${status}: ${text.slice(0, 160)}`);
        continue;
      }
      const code = cell.code ?? CODES[status];
      if (code && json?.code !== code) wrong.push(`${where}: ${status} with code ${json?.code}, expected ${code}`);
      if (status === 401 && headers.get('set-cookie')) wrong.push(`${where}: a 401 sets a cookie`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} cell(s) differ from the matrix:\n${wrong.join('\n')}`);
  });

  test('after the matrix: the refused submissions stored nothing', () => {
    assert.equal(Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM collect_batches')[0][0]), ctx.batchesBefore);
    assert.equal(Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM facts')[0][0]), 1);
  });

  test('after the matrix: the refused finance writes changed nothing', () => {
    assert.deepEqual(sql(server.dbUrl, `SELECT (SELECT COUNT(*) FROM products), (SELECT COUNT(*) FROM demands),
      (SELECT COUNT(*) FROM applications), (SELECT COUNT(*) FROM application_events), (SELECT COUNT(*) FROM finance_settings)`),
    ctx.finBefore);
    assert.deepEqual(sql(server.dbUrl, `SELECT state FROM applications WHERE id IN (${ctx.fin.applicationId}, ${ctx.fin.approvedId}) ORDER BY id`),
      [['submitted'], ['approved']]);
    assert.deepEqual(sql(server.dbUrl, `SELECT status FROM products WHERE id IN (${ctx.fin.productId}, ${ctx.fin.draftId}) ORDER BY id`),
      [['published'], ['draft']]);
  });

  test('after the matrix: no consent was given, and the one the DELETE cells named is live', () => {
    assert.equal(Number(sql(server.dbUrl, 'SELECT COUNT(*) FROM consents')[0][0]), 1);
    const [[revokedAt]] = sql(server.dbUrl, `SELECT COALESCE(revoked_at, 'live') FROM consents WHERE id = ${ctx.othersConsentId}`);
    assert.equal(revokedAt, 'live');
  });

  test('after the matrix: the refused scorecard registration and activation changed nothing', async () => {
    // Every matrix session has logged out by now: a fresh one.
    const platform = as(api, await mustLogin(api, DEMO_USERS.platform));
    const r = await platform.get('/api/v1/credit/scorecards');
    assert.equal(r.res.status, 200, r.text);
    assert.deepEqual(r.json, ctx.scorecardsBefore);
    const pub = await api.call('/api/v1/credit/scorecard');
    assert.equal(pub.json.id, ctx.activeScorecardId, 'the same scorecard is active');
  });

  test('after the matrix: log-out ended each session; the token lives on', async () => {
    const roles = [...MATRIX_USERS, 'govCredit'];
    const checks = await Promise.all(roles.map((role) => send(api, ctx.callers[role].cred, 'GET', '/api/v1/auth/me')));
    assert.deepEqual(checks.map((r) => r.res.status), checks.map(() => 401));
    // The API token is untouched by all this: it still lists tokens.
    const t = await send(api, ctx.callers.token.cred, 'GET', '/api/v1/tokens');
    assert.equal(t.res.status, 200, t.text);
  });
});
