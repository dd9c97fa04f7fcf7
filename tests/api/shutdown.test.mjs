// Graceful shutdown on SIGTERM/SIGINT: stop accepting, close idle connections at once, let a
// request in flight finish (up to the 10 s grace period), then exit 0.
//
// The platform has no deliberately slow endpoint, so "a request in flight" is a POST whose body
// is still arriving when the signal comes: the server has read its header and waits for the rest.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../support/server.mjs';
import { parseRawResponse, sleep, within } from './helpers.mjs';

// A raw connection whose output can be awaited piece by piece.
function openConnection(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const conn = {
      socket,
      text: '',
      closedAt: undefined,
      closed: null,
      write: (s) => socket.write(s),
      // Resolves when `predicate(text)` holds; rejects after timeoutMs.
      waitFor(predicate, timeoutMs = 5000) {
        return new Promise((res, rej) => {
          const check = () => {
            if (predicate(conn.text)) { cleanup(); res(conn.text); }
          };
          const timer = setTimeout(() => { cleanup(); rej(new Error(`timed out waiting; got ${JSON.stringify(conn.text)}`)); }, timeoutMs);
          const cleanup = () => { clearTimeout(timer); socket.off('data', onData); };
          const onData = () => setImmediate(check);
          socket.on('data', onData);
          check();
        });
      },
    };
    conn.closed = new Promise((res) => {
      const done = () => { if (conn.closedAt === undefined) conn.closedAt = Date.now(); res(conn.closedAt); };
      socket.on('end', done);
      socket.on('close', done);
      socket.on('error', done);
    });
    socket.on('data', (d) => { conn.text += d.toString('utf8'); });
    socket.once('connect', () => resolve(conn));
    socket.once('error', reject);
  });
}

function connectOutcome(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve('connected'); });
    s.once('error', (e) => resolve(e.code));
  });
}

const BODY = JSON.stringify({ codes: ['914403001922038216', '91350100M000100Y4X'] });
const postHead = (length) => 'POST /api/v1/uscc/validate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n' +
  `Content-Length: ${length}\r\n\r\n`;

describe('graceful shutdown', { concurrency: true }, () => {
  test('SIGTERM: idle connection closed, new connections refused, the request in flight is answered, exit 0', async () => {
    const server = await startServer({ demo: false });
    const port = Number(new URL(server.baseUrl).port);
    try {
      // An idle keep-alive connection that has already been served once.
      const idle = await openConnection(port);
      idle.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
      await idle.waitFor((t) => parseRawResponse(t).complete);
      assert.equal(parseRawResponse(idle.text).status, 200);

      // A request in flight: header and half of the body sent.
      const busy = await openConnection(port);
      busy.write(postHead(Buffer.byteLength(BODY)) + BODY.slice(0, 20));
      await sleep(300);

      const signalledAt = Date.now();
      server.child.kill('SIGTERM');

      // The idle connection is closed at once, without an answer.
      const idleClosedAt = await within(idle.closed, 2000, null);
      assert.ok(idleClosedAt, 'the idle keep-alive connection must be closed on SIGTERM');
      assert.ok(idleClosedAt - signalledAt < 1000, `idle connection closed after ${idleClosedAt - signalledAt} ms`);
      assert.equal(idle.text.split('HTTP/1.1 ').length - 1, 1, 'no second response on the idle connection');

      // The listening socket is closed: nobody new gets in.
      assert.equal(await connectOutcome(port), 'ECONNREFUSED');
      assert.equal(server.child.exitCode, null, 'the server must wait for the request in flight');

      // The rest of the body arrives; the request is answered in full, and the connection closed.
      busy.write(BODY.slice(20));
      await busy.waitFor((t) => parseRawResponse(t).complete);
      const res = parseRawResponse(busy.text);
      assert.equal(res.status, 200);
      assert.equal(res.headers.connection, 'close');
      const json = JSON.parse(res.body);
      assert.deepEqual(json.results.map((r) => r.valid), [true, false]);
      await busy.closed;

      // Then the process exits cleanly, well within the grace period.
      const exit = await within(server.exited, 5000, 'timeout');
      assert.deepEqual(exit, { code: 0, signal: null }, `exit: ${JSON.stringify(exit)}; stderr: ${server.stderr()}`);
      assert.ok(Date.now() - signalledAt < 5000);
      assert.doesNotMatch(server.stderr(), /still open after the grace period/);
      assert.equal(await connectOutcome(port), 'ECONNREFUSED');
    } finally {
      await server.stop();
    }
  });

  test('SIGTERM with a request that never completes: exit 0 after the 10 s grace period', async () => {
    const server = await startServer({ demo: false });
    const port = Number(new URL(server.baseUrl).port);
    try {
      const stalled = await openConnection(port);
      stalled.write(postHead(1000) + '{"codes":');
      await sleep(300);
      const signalledAt = Date.now();
      server.child.kill('SIGTERM');
      const exit = await within(server.exited, 15000, 'timeout');
      const took = Date.now() - signalledAt;
      assert.deepEqual(exit, { code: 0, signal: null }, `exit: ${JSON.stringify(exit)}; stderr: ${server.stderr()}`);
      assert.ok(took >= 9000 && took <= 13000, `exited ${took} ms after SIGTERM`);
      await within(stalled.closed, 1000);
      assert.ok(stalled.closedAt, 'the stalled connection must be closed when the process exits');
      assert.match(server.stderr(), /still open after the grace period/);
    } finally {
      await server.stop();
    }
  });

  test('SIGINT with nothing in flight: exit 0 promptly', async () => {
    const server = await startServer({ demo: false });
    try {
      const res = await fetch(server.baseUrl + '/healthz');
      assert.equal(res.status, 200);
      await res.text();
      const signalledAt = Date.now();
      server.child.kill('SIGINT');
      const exit = await within(server.exited, 5000, 'timeout');
      assert.deepEqual(exit, { code: 0, signal: null }, `stderr: ${server.stderr()}`);
      assert.ok(Date.now() - signalledAt < 2000, `took ${Date.now() - signalledAt} ms`);
    } finally {
      await server.stop();
    }
  });
});
