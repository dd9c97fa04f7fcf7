// The `jinfu` command line: the reference tools, the database commands and configuration.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jinfuBin, startServer } from '../support/server.mjs';
import { testClockEnv } from '../support/clock.mjs';

let work; // a scratch directory, also the working directory, so a stray default database lands here

before(() => { work = mkdtempSync(path.join(tmpdir(), 'jinfu-cli-')); });
after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

const withoutUndefined = (env) => Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));

// Runs jinfu without any JINFU_* variables from the caller's environment (unless given), on the
// suite's pinned clock; a variable given as undefined is left out.
function jinfu(args, { input, env = {} } = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('JINFU_')));
  const r = spawnSync(jinfuBin, args, {
    cwd: work, encoding: 'utf8', input: input ?? '', env: withoutUndefined({ ...clean, ...testClockEnv(), ...env }), timeout: 120000,  // a hang guard (the demo on a busy machine), not a timing check
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const sqliteUrl = (name) => `sqlite:${path.join(work, name)}`;

describe('jinfu check-uscc', () => {
  test('checks codes given as arguments; exit 1 when any is invalid', () => {
    const r = jinfu(['check-uscc', '914403001922038216', '91350100M000100Y4X', '12345']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout,
      '914403001922038216 ok\n' +
      '91350100M000100Y4X invalid: 第18位校验码错误：应为“3”，实际为“X”\n' +
      '12345 invalid: 长度应为18位，实际为5位\n');
  });

  test('exit 0 when all are valid, printing the normalised code', () => {
    const r = jinfu(['check-uscc', '９１４４０３００１９２２０３８２１６', '91350100m000100y43']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '914403001922038216 ok\n91350100M000100Y43 ok\n');
  });

  test('reads one code per line from stdin, skipping blank lines and CRLF endings', () => {
    const ok = jinfu(['check-uscc'], { input: '914403001922038216\r\n\r\n   \n91350100m000100y43\n' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, '914403001922038216 ok\n91350100M000100Y43 ok\n');
    const bad = jinfu(['check-uscc'], { input: '91350100M000100Y4Z\n914403001922038216' });
    assert.equal(bad.status, 1);
    assert.equal(bad.stdout, '91350100M000100Y4Z invalid: 第18位校验码错误：应为“3”，实际为“Z”\n914403001922038216 ok\n');
  });

  test('nothing on stdin: nothing to report, exit 0', () => {
    const r = jinfu(['check-uscc'], { input: '' });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
  });
});

describe('jinfu calendar', () => {
  test('add-workdays 2026-09-30 1 skips the 国庆 holiday: 2026-10-08', () => {
    const r = jinfu(['calendar', 'add-workdays', '2026-09-30', '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '2026-10-08\n');
  });

  test('add-workdays counts backwards with a negative number', () => {
    const r = jinfu(['calendar', 'add-workdays', '2026-10-08', '-1']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '2026-09-30\n');
  });

  test('is-workday: 2026-10-10 (adjusted Saturday) yes, 2026-10-01 (国庆节) no', () => {
    const yes = jinfu(['calendar', 'is-workday', '2026-10-10']);
    assert.equal(yes.status, 0);
    assert.equal(yes.stdout, 'yes\n');
    const no = jinfu(['calendar', 'is-workday', '2026-10-01']);
    assert.equal(no.status, 0);
    assert.equal(no.stdout, 'no\n');
  });

  test('a bad date exits 2 with a Chinese message on stderr and nothing on stdout', () => {
    for (const args of [['is-workday', '2026-02-30'], ['add-workdays', '2026-9-30', '1']]) {
      const r = jinfu(['calendar', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `错误：日期应为 YYYY-MM-DD 格式的有效日期，实际为“${args[1]}”。\n`);
    }
  });

  test('a bad number of days is refused by the argument parser', () => {
    const r = jinfu(['calendar', 'add-workdays', '2026-09-30', 'x']);
    assert.notEqual(r.status, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /-3650 to 3650/);
  });

  // Results outside years 1–9999 are refused rather than printed as "10009-…" or "-013-…".
  test('add-workdays whose result falls outside years 1–9999 exits 2 with the reason, printing no date', () => {
    for (const args of [['9999-12-31', '3650'], ['0001-01-01', '-3650']]) {
      const r = jinfu(['calendar', 'add-workdays', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', 'no date is printed');
      assert.match(r.stderr, /^错误：推算结果超出公历 1–9999 年。$/m);
    }
  });
});

describe('jinfu version and usage', () => {
  test('version prints the program name and a semantic version', () => {
    const r = jinfu(['version']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^jinfu \d+\.\d+\.\d+\S*\n$/);
  });

  test('no subcommand or an unknown one fails with a message', () => {
    for (const args of [[], ['no-such-command']]) {
      const r = jinfu(args);
      assert.ok(r.status !== 0 && r.status !== null, `${args}: exit ${r.status}`);
      assert.notEqual(r.stderr, '');
    }
  });
});

describe('jinfu demo (on the test database: SQLite or PostgreSQL)', () => {
  let server;
  before(async () => { server = await startServer({ demo: false }); });
  after(async () => { await server?.stop(); });

  test('demo twice is idempotent: the second run adds nothing; summary stays 200/13/5', async () => {
    const first = jinfu(['--db', server.dbUrl, 'demo']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^演示数据已就绪：新增机构 34 个，新增企业 200 家，归集批次 \d+ 个（入库 \d+ 行，隔离 \d+ 行），信用评分运行 2 次\n/);
    const second = jinfu(['--db', server.dbUrl, 'demo']);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /^演示数据已就绪：新增机构 0 个，新增企业 0 家，归集批次 0 个（入库 0 行，隔离 0 行），信用评分运行 0 次\n/);
    const res = await fetch(`${server.baseUrl}/api/v1/summary`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { enterprises: 200, banks: 13, parks: 5 });
  });

  test('migrate on a migrated database applies nothing', () => {
    const r = jinfu(['--db', server.dbUrl, 'migrate']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /结构版本 \d+（本次应用 0 个迁移）\n$/);
  });
});

describe('jinfu database selection and configuration', () => {
  test('serve refuses a database whose schema is newer than the binary', () => {
    const db = path.join(work, 'future.db');
    assert.equal(jinfu(['--db', `sqlite:${db}`, 'migrate']).status, 0);
    execFileSync('sqlite3', [db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00+08:00')"]);
    const r = jinfu(['--db', `sqlite:${db}`, 'serve', '--listen', '127.0.0.1:0']);
    assert.equal(r.signal, null, 'serve must exit by itself, not keep running');
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /listening on/);
    assert.match(r.stderr, /错误：数据库结构版本为 9999，高于本程序支持的 \d+：请使用更新版本的 jinfu。/);
    // migrate refuses too, and leaves the database alone.
    const m = jinfu(['--db', `sqlite:${db}`, 'migrate']);
    assert.equal(m.status, 1);
    assert.match(m.stderr, /数据库结构版本为 9999/);
  });

  test('--db nonsense:x fails with a clear message', () => {
    for (const cmd of ['migrate', 'serve']) {
      const r = jinfu(['--db', 'nonsense:x', cmd]);
      assert.equal(r.status, 2, `${cmd}: ${r.stderr}`);
      assert.equal(r.stderr, '错误：数据库地址应为 sqlite:路径 或 postgresql://…，实际为“nonsense:x”。\n');
      assert.equal(r.stdout, '');
    }
  });

  test('an unreachable PostgreSQL server fails with a message naming the database', () => {
    const r = jinfu(['--db', 'postgresql://nobody@127.0.0.1:1/none', 'migrate']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^错误：无法连接数据库 postgresql:\/\/nobody@127\.0\.0\.1:1\/none/);
  });

  test('--db can come from the JINFU_DB environment variable; --db wins over it', () => {
    const r = jinfu(['demo'], { env: { JINFU_DB: sqliteUrl('env.db') } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^演示数据已就绪：新增机构 34 个，新增企业 200 家，归集批次 \d+ 个（入库 \d+ 行，隔离 \d+ 行），信用评分运行 2 次\n/);
    assert.ok(existsSync(path.join(work, 'env.db')));
    assert.ok(!existsSync(path.join(work, 'var')), 'the default database must not have been used');
    // The same database again: nothing new.
    assert.match(jinfu(['--db', sqliteUrl('env.db'), 'demo']).stdout, /^演示数据已就绪：新增机构 0 个，新增企业 0 家，归集批次 0 个（入库 0 行，隔离 0 行），信用评分运行 0 次\n/);
    const both = jinfu(['--db', sqliteUrl('flag.db'), 'migrate'], { env: { JINFU_DB: sqliteUrl('env.db') } });
    assert.equal(both.status, 0, both.stderr);
    assert.match(both.stdout, new RegExp(`^数据库 ${sqliteUrl('flag.db').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  });

  test('--config FILE reads the database from a TOML file', () => {
    const file = path.join(work, 'jinfu.toml');
    writeFileSync(file, `# jinfu settings\ndb = "${sqliteUrl('config.db')}"\nlog-level = "warn"\n`);
    const r = jinfu(['--config', file, 'migrate']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^数据库 sqlite:\S+config\.db 结构版本 \d+（本次应用 \d+ 个迁移）\n$/);
    assert.ok(existsSync(path.join(work, 'config.db')));
    const demo = jinfu(['--config', file, 'demo']);
    assert.match(demo.stdout, /^演示数据已就绪：新增机构 34 个，新增企业 200 家，归集批次 \d+ 个（入库 \d+ 行，隔离 \d+ 行），信用评分运行 2 次\n/);
  });

  test('--config with a missing file fails and names the file', () => {
    const missing = path.join(work, 'missing.toml');
    const r = jinfu(['--config', missing, 'version']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /missing\.toml/);
  });

  test('a pinned clock (--now) is for test and demo mode only; the sweep then runs on its day', () => {
    const db = sqliteUrl('clock.db');
    assert.equal(jinfu(['--db', db, 'migrate']).status, 0);
    const refused = jinfu(['--db', db, '--mode', 'production', '--now', '2026-02-10', 'finance', 'sweep']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^错误：--now（JINFU_NOW）只用于测试与演示/);
    // Production is the default mode, and the environment variables are read like the flags.
    const byEnv = jinfu(['--db', db, 'finance', 'sweep'], { env: { JINFU_MODE: undefined, JINFU_NOW: '2026-02-10' } });
    assert.equal(byEnv.status, 2);
    assert.match(byEnv.stderr, /^错误：--now（JINFU_NOW）只用于测试与演示/);
    const pinned = jinfu(['--db', db, 'finance', 'sweep'], { env: { JINFU_MODE: 'demo', JINFU_NOW: '2026-02-10T23:30:00+08:00' } });
    assert.equal(pinned.status, 0, pinned.stderr);
    assert.match(pinned.stdout, /^超时检查（2026-02-10）/);
    const utc = jinfu(['--db', db, '--mode', 'test', '--now', '2026-02-10T16:30:00Z', 'finance', 'sweep']);
    assert.match(utc.stdout, /^超时检查（2026-02-11）/, ' 16:30 UTC is already the next day in Shanghai');
    for (const bad of ['2026-02-30', 'yesterday', '2026-02-10T25:00:00+08:00', '2026-02-10T10:00:00']) {
      const r = jinfu(['--db', db, '--mode', 'test', '--now', bad, 'finance', 'sweep']);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /^错误：--now 应为 YYYY-MM-DD 或 RFC 3339 时刻/, bad);
    }
  });

  // main.cpp declares ->envname("JINFU_CONFIG") on the --config option, but CLI11 2.1.2 ignores
  // envname() on the config option: the file is silently not read and the default database used.
  test('JINFU_CONFIG names the configuration file like --config does', () => {
    const file = path.join(work, 'env-config.toml');
    writeFileSync(file, `db = "${sqliteUrl('env-config.db')}"\n`);
    const r = jinfu(['migrate'], { env: { JINFU_CONFIG: file } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^数据库 sqlite:\S+env-config\.db /, `used: ${r.stdout}`);
  });
});
