import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runMockToExit, type SpawnedMock, spawnMock } from '../helpers-node/spawn-mock.js';

/** Rounds of kill -9 (issue: 20 in the hardening run; `DURABILITY_ROUNDS` overrides). */
const ROUNDS = Number(process.env.DURABILITY_ROUNDS ?? 5);
/** Acknowledged writes across all writers; each round kills only once the stream is really flowing. */
let progress = 0;
const WRITERS = 8;

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'Passw0rd!' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return /psid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
}

/** PATCH the user's welcome message to `n` over and over; returns the last n the server acknowledged. */
async function writeStream(
  base: string,
  username: string,
  start: number,
  signal: AbortSignal,
): Promise<number> {
  const acked0 = start;
  let cookie: string;
  let version: string;
  try {
    cookie = await login(base, username);
    const get = await fetch(`${base}/api/v1/me/personal-info`, { headers: { Cookie: cookie } });
    version = ((await get.json()) as { version: string }).version;
  } catch {
    return acked0; // killed before this writer got going
  }
  let acked = acked0;
  for (let n = start + 1; !signal.aborted; n++) {
    try {
      const res = await fetch(`${base}/api/v1/me/personal-info`, {
        method: 'PATCH',
        headers: { Cookie: cookie, 'Content-Type': 'application/json', 'If-Match': `"${version}"` },
        body: JSON.stringify({ welcomeMessage: `write ${n}` }),
        signal,
      });
      if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
      version = ((await res.json()) as { version: string }).version;
      acked = n;
      progress++;
    } catch {
      break; // the server died mid-request: that write was not acknowledged
    }
  }
  return acked;
}

describe('storage durability (real server process, kill -9)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mock-durability-'));
  const db = join(dir, 'db.json');
  let server: SpawnedMock | undefined;
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write across ${ROUNDS} rounds of kill -9 mid-stream, and the file always parses`, async () => {
    const users = Array.from({ length: WRITERS }, (_, i) => `user${i}`);
    const acked = new Map(users.map((u) => [u, 0]));
    for (let round = 0; round < ROUNDS; round++) {
      server = await spawnMock(['--db', db, '--seed-users', String(WRITERS)]);
      const controller = new AbortController();
      const streams = users.map((u) => writeStream(server!.url, u, acked.get(u)!, controller.signal));
      // Let writes flow, then kill without warning while requests are in flight.
      const target = progress + WRITERS * 3;
      const deadline = Date.now() + 20_000;
      while (progress < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
      server.child.kill('SIGKILL');
      await new Promise((r) => server!.child.once('exit', r));
      controller.abort();
      const results = await Promise.all(streams);
      for (const [i, u] of users.entries()) acked.set(u, results[i]!);

      const data = JSON.parse(readFileSync(db, 'utf8')) as {
        users: { username: string; welcomeMessage: string }[];
      };
      for (const u of users) {
        const stored = Number(
          data.users.find((x) => x.username === u)!.welcomeMessage.replace('write ', '') || 0,
        );
        assert.ok(
          stored >= acked.get(u)!,
          `round ${round}: ${u} acknowledged write ${acked.get(u)} but the file holds ${stored}`,
        );
        acked.set(u, stored);
      }
    }
    const total = [...acked.values()].reduce((a, b) => a + b, 0);
    assert.ok(total > ROUNDS, `expected a stream of writes, got ${total}`);
  });

  it('refuses a second server on the same db (lock file), naming the holder', async () => {
    server = await spawnMock(['--db', db]);
    const second = await runMockToExit(['--db', db]);
    assert.equal(second.code, 1);
    assert.match(second.output, /Another mock server \(pid \d+\) is already using/);
    await server.stop();
  });

  it('stops at start-up on a corrupt db with the path, and leaves the file untouched', async () => {
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"schemaVersion":1,"users":[');
    const result = await runMockToExit(['--db', corrupt]);
    assert.equal(result.code, 1);
    assert.match(result.output, /is corrupt/);
    assert.ok(result.output.includes(corrupt));
    assert.equal(readFileSync(corrupt, 'utf8'), '{"schemaVersion":1,"users":[');
  });

  it('stops at start-up on an empty (0-byte) db, names it and leaves it empty; --reset seeds on purpose', async () => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    const result = await runMockToExit(['--db', empty]);
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /is corrupt \(the file is empty/);
    assert.ok(result.output.includes(empty));
    assert.match(result.output, /--reset/);
    assert.equal(statSync(empty).size, 0, 'the empty file is left as it was');

    const reset = await runMockToExit(['--db', empty, '--reset']);
    assert.match(reset.output, /listening on/, reset.output);
    const seeded = JSON.parse(readFileSync(empty, 'utf8')) as { users: { username: string }[] };
    assert.ok(
      seeded.users.some((u) => u.username === 'admin'),
      'seeded',
    );
  });
});
