// The one clock of the test suites. Every jinfu a test starts runs in test mode on a clock pinned
// to TEST_NOW (the day the demo data describes) plus the time the test process has run, so the
// tests and every server and command they start read the same "now" — and no test passes or
// fails by the date the suite happens to run on.
export const TEST_NOW = '2026-11-27T10:00:00+08:00';

const startedAt = Date.now();

/** The suite's now, in milliseconds since the epoch. */
export function testNowMs() {
  return Date.parse(TEST_NOW) + (Date.now() - startedAt);
}

/** The environment that pins a jinfu process to the suite's clock at the moment it starts. */
export function testClockEnv() {
  return { JINFU_MODE: 'test', JINFU_NOW: new Date(testNowMs()).toISOString() };
}

/** RFC 3339 with milliseconds at +08:00, `offsetMs` from the suite's now, as the server writes it. */
export function shanghaiTime(offsetMs = 0) {
  const t = new Date(testNowMs() + offsetMs + 8 * 3600 * 1000);
  return t.toISOString().replace('Z', '+08:00');
}

/** YYYY-MM-DD in Shanghai, `offsetDays` from the suite's today. */
export function shanghaiDate(offsetDays = 0) {
  return shanghaiTime(offsetDays * 86400 * 1000).slice(0, 10);
}

// Children spawned without an explicit environment inherit the pin as of this module's loading;
// runJinfu, serveOn and the helpers pass the current one.
Object.assign(process.env, testClockEnv());
