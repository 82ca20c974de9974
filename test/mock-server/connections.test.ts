/**
 * Issue #16 items 6 and 7, against the real server process: a body refused before it was read closes
 * the connection and says so (`Connection: close`), and a client that goes away mid-body is not a
 * server error (no log line).
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMockToExit, type SpawnedMock, spawnMock } from '../helpers-node/spawn-mock.js';

interface Exchange {
  /** Everything the server sent. */
  text: string;
  /** Whether the server ended the connection (instead of keeping it open for the next request). */
  closed: boolean;
}

/** Send raw bytes on a fresh connection; collect the answer until the server closes or goes quiet. */
function exchange(url: string, parts: (string | Buffer)[], quietMs = 700): Promise<Exchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let text = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(false), quietMs);
    };
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      quiet();
    });
    socket.on('end', () => done(true));
    socket.on('close', () => done(true));
    socket.on('error', (e) => (text ? done(true) : reject(e)));
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
      quiet();
    });
  });
}

const head = (path: string, headers: Record<string, string>) =>
  `POST /api/v1${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

const chunk = (data: string) => `${data.length.toString(16)}\r\n${data}\r\n`;

describe('connections (real server process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mock-connections-'));
  let server: SpawnedMock;
  before(async () => {
    server = await spawnMock(['--db', join(dir, 'db.json')]);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 413 on a chunked body answers Connection: close and closes', async () => {
    const big = 'x'.repeat(8 * 1024);
    const res = await exchange(server.url, [
      head('/auth/login', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }),
      chunk(`{"username":"${big}`),
      chunk(big),
      chunk(big),
    ]);
    assert.match(res.text, /^HTTP\/1\.1 413 /, res.text);
    assert.match(res.text, /\r\nconnection: close\r\n/i, res.text);
    assert.doesNotMatch(res.text, /keep-alive/i, res.text);
    assert.ok(res.closed, 'the server closed the connection');
  });

  it('a 413 on a declared Content-Length, a 415 and a 403 leave the body unread: Connection: close, closed', async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['/auth/login', { 'Content-Type': 'application/json', 'Content-Length': '100000' }, / 413 /],
      ['/auth/login', { 'Content-Type': 'text/plain', 'Content-Length': '40' }, / 415 /],
      [
        '/auth/login',
        { 'Content-Type': 'application/json', 'Content-Length': '40', Origin: 'https://evil.example' },
        / 403 /,
      ],
    ];
    for (const [path, headers, status] of cases) {
      const res = await exchange(server.url, [head(path, headers), 'x'.repeat(10)]);
      assert.match(res.text.split('\r\n')[0] ?? '', status, res.text);
      assert.match(res.text, /\r\nconnection: close\r\n/i, res.text);
      assert.ok(res.closed, `${status}: the server closed the connection`);
    }
  });

  it('a body that was read keeps the connection alive', async () => {
    const body = JSON.stringify({ username: 'nobody', password: 'x' });
    const res = await exchange(server.url, [
      head('/auth/login', { 'Content-Type': 'application/json', 'Content-Length': String(body.length) }),
      body,
    ]);
    assert.match(res.text, /^HTTP\/1\.1 401 /, res.text);
    assert.doesNotMatch(res.text, /\r\nconnection: close\r\n/i, res.text);
    assert.equal(res.closed, false);
  });

  it('clients that disconnect mid-body are not logged as server errors', async () => {
    const before = server.output();
    for (let i = 0; i < 5; i++) {
      const { hostname, port } = new URL(server.url);
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(head('/auth/login', { 'Content-Type': 'application/json', 'Content-Length': '5000' }));
          socket.write('{"username":"adm');
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 100);
        });
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    const logged = server.output().slice(before.length);
    assert.equal(logged, '', `the server logged: ${logged}`);
    // And it still serves.
    const ok = await fetch(`${server.url}/api/v1/openapi.json`);
    assert.equal(ok.status, 200);
  });

  it('--trusted-origin accepts changes from a page behind a proxy that rewrites Host; a malformed origin stops start-up', async () => {
    const page = 'http://localhost:5173';
    const trusted = await spawnMock(['--db', join(dir, 'trusted.json'), '--trusted-origin', page]);
    try {
      const login = (origin: string) =>
        fetch(`${trusted.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin },
          body: JSON.stringify({ username: 'admin', password: 'Passw0rd!' }),
        });
      const ok = await login(page);
      assert.equal(ok.status, 200, await ok.text());
      const other = await login('http://localhost:5174');
      assert.equal(other.status, 403);
      const detail = ((await other.json()) as { detail: string }).detail;
      assert.ok(
        detail.includes('http://localhost:5174') && detail.includes(new URL(trusted.url).host),
        detail,
      );
    } finally {
      await trusted.stop();
    }
    const bad = await runMockToExit([
      '--db',
      join(dir, 'bad.json'),
      '--trusted-origin',
      'http://localhost:5173/',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.output, /Invalid --trusted-origin "http:\/\/localhost:5173\/"/);
  });
});
