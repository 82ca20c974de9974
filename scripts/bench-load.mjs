#!/usr/bin/env node
// Mock server under load (autocannon, 127.0.0.1 only, bounded runs):
//   GET /me/personal-info and an acknowledged PATCH (If-Match: *), 20 connections each with its own
//   session, for a db of 10 and of 10 000 users — each as a ratio to a raw node:http handler that serves
//   the same bytes in the same run. For the PATCH also: the mock at 1 connection (what group commit
//   gains from concurrency) and plain lowdb doing one `db.write()` per request (what it would cost
//   without group commit: every write stringifies and rewrites the whole file).
//
//   node scripts/bench-load.mjs [--duration 5] [--slices 5] [--connections 20] [--users 10,10000]
//
// Targets (reported, not enforced — the machine is shared): GET ≥ 0.5× raw; PATCH p99 ≤ 20 ms at 10 users.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, ROOT, round, table, writeResults } from './bench-lib.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    slices: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    users: { type: 'string', default: '10,10000' },
    'raw-server': { type: 'string' },
    mode: { type: 'string' },
    db: { type: 'string' },
  },
});

// ---------------------------------------------------------------------------------------------------------

/** The baseline: node:http answering the captured bytes (and, in mode `lowdb`, one lowdb write per PATCH). */
async function rawServer(payloadFile, mode, dbFile) {
  const { get, patch } = JSON.parse(readFileSync(payloadFile, 'utf8'));
  let db;
  if (mode === 'lowdb') {
    const { Low } = await import('lowdb');
    const { DataFile } = await import('lowdb/node');
    db = new Low(new DataFile(dbFile, { parse: JSON.parse, stringify: JSON.stringify }), null);
    await db.read();
  }
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, get.headers);
      res.end(get.body);
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (db) {
        const user = db.data.users[0];
        user.welcomeMessage = body.welcomeMessage;
        user.version += 1;
        await db.write();
      }
      res.writeHead(200, patch.headers);
      res.end(patch.body);
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

// ---------------------------------------------------------------------------------------------------------

function start(argv, what) {
  const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 120_000);
    const onData = (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, stop: () => stop(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${out}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

async function login(base, username) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'Passw0rd!' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return /psid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')[0];
}

const PATCH_BODY = JSON.stringify({ welcomeMessage: 'Welcome back — load test' });

/** What the raw server must answer: the mock's own bytes and headers. */
async function capture(base, cookie) {
  const pick = (res) => {
    const headers = {};
    for (const h of ['content-type', 'etag', 'cache-control', 'x-content-type-options', 'referrer-policy'])
      if (res.headers.get(h)) headers[h] = res.headers.get(h);
    return headers;
  };
  const get = await fetch(`${base}/api/v1/me/personal-info`, { headers: { Cookie: cookie } });
  const patch = await fetch(`${base}/api/v1/me/personal-info`, {
    method: 'PATCH',
    headers: { Cookie: cookie, 'Content-Type': 'application/json', 'If-Match': '*' },
    body: PATCH_BODY,
  });
  if (get.status !== 200 || patch.status !== 200) throw new Error(`capture: ${get.status} ${patch.status}`);
  return {
    get: { headers: pick(get), body: await get.text() },
    patch: { headers: pick(patch), body: await patch.text() },
  };
}

async function cannon(url, { method, cookies, connections, duration }) {
  const { default: autocannon } = await import('autocannon');
  let next = 0;
  const headers = { 'Content-Type': 'application/json', 'If-Match': '*' };
  const result = await autocannon({
    url: `${url}/api/v1/me/personal-info`,
    method,
    connections,
    duration,
    ...(method === 'PATCH' ? { body: PATCH_BODY } : {}),
    headers,
    setupClient: (client) => {
      const cookie = cookies[next++ % cookies.length];
      client.setHeaders({ ...headers, Cookie: cookie });
    },
  });
  return {
    rps: round(result.requests.average, 0),
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

/** CPU time (user + system) the process has used, in µs — per request, it is far steadier than req/s here. */
function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1e6 / 100);
  } catch {
    return Number.NaN;
  }
}

/**
 * Run the targets of one group side by side: a 1 s warm-up each, then `slices` rounds of one short run
 * per target, so a burst of load from other processes hits every target alike. Ratios are taken per
 * round (target ÷ the group's first target) and the median reported.
 */
async function sideBySide(group, { slices, sliceSeconds, cookies }) {
  for (const t of group.targets)
    await cannon(t.server.url, { method: group.method, cookies, connections: t.conns, duration: 1 });
  const runs = group.targets.map(() => []);
  for (let i = 0; i < slices; i++) {
    for (const [k, t] of group.targets.entries()) {
      const before = cpuMicros(t.server.child.pid);
      const r = await cannon(t.server.url, {
        method: group.method,
        cookies,
        connections: t.conns,
        duration: sliceSeconds,
      });
      runs[k].push({ ...r, cpu: (cpuMicros(t.server.child.pid) - before) / Math.max(1, r.total) });
    }
  }
  return group.targets.map((t, k) => {
    const mine = runs[k];
    const base = runs[0];
    return {
      scenario: group.scenario,
      target: t.label,
      connections: t.conns,
      rps: Math.round(median(mine.map((r) => r.rps))),
      p50: median(mine.map((r) => r.p50)),
      p99: median(mine.map((r) => r.p99)),
      p99max: Math.max(...mine.map((r) => r.p99)),
      cpuUs: Math.round(median(mine.map((r) => r.cpu))),
      ratio: k === 0 ? null : round(median(mine.map((r, i) => r.rps / base[i].rps)), 2),
      cpuRatio: k === 0 ? null : round(median(mine.map((r, i) => r.cpu / base[i].cpu)), 1),
      non2xx: mine.reduce((a, r) => a + r.non2xx, 0),
    };
  });
}

async function main() {
  const duration = Number(args.duration);
  const slices = Math.max(1, Math.min(duration, Number(args.slices)));
  const sliceSeconds = Math.max(1, Math.round(duration / slices));
  const connections = Number(args.connections);
  const sizes = args.users.split(',').map(Number);
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const children = [];
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    for (const users of sizes) {
      const db = join(dir, `db-${users}.json`);
      const mockArgs = ['--import', 'tsx', 'mock-server/node.ts', '--host', '127.0.0.1', '--port', '0'];
      const mock = await start([...mockArgs, '--db', db, '--seed-users', String(users)], 'mock server');
      children.push(mock);
      const dbBytes = readFileSync(db).byteLength;
      // Each connection its own session, over the first min(users, connections) bulk users.
      const cookies = [];
      for (let i = 0; i < connections; i++)
        cookies.push(await login(mock.url, `user${i % Math.min(users, connections)}`));
      const payloads = join(dir, `payload-${users}.json`);
      writeFileSync(payloads, JSON.stringify(await capture(mock.url, cookies[0])));
      const rawDb = join(dir, `raw-${users}.json`);
      writeFileSync(rawDb, readFileSync(db));
      const raw = await start(['scripts/bench-load.mjs', '--raw-server', payloads], 'raw server');
      const lowdb = await start(
        ['scripts/bench-load.mjs', '--raw-server', payloads, '--mode', 'lowdb', '--db', rawDb],
        'lowdb server',
      );
      children.push(raw, lowdb);
      const groups = [
        {
          scenario: 'GET',
          method: 'GET',
          targets: [
            { label: 'raw node:http', server: raw, conns: connections },
            { label: 'mock server', server: mock, conns: connections },
          ],
        },
        {
          scenario: 'PATCH',
          method: 'PATCH',
          targets: [
            { label: 'raw node:http', server: raw, conns: connections },
            { label: 'mock server', server: mock, conns: connections },
            { label: 'lowdb, one write per request', server: lowdb, conns: connections },
            { label: 'mock server, 1 connection', server: mock, conns: 1 },
          ],
        },
      ];
      for (const group of groups) {
        for (const row of await sideBySide(group, { slices, sliceSeconds, cookies })) {
          rows.push({ users, dbBytes, ...row });
          console.error(
            `  ${users} users · ${row.scenario} · ${row.target}: ${row.rps} req/s, p99 ${row.p99} ms, ` +
              `${row.cpuUs} µs CPU/req${row.non2xx ? `, ${row.non2xx} non-2xx!` : ''}`,
          );
        }
      }
      await Promise.all([mock.stop(), raw.stop(), lowdb.stop()]);
      children.length = 0;
    }
  } finally {
    await cleanup();
  }

  const find = (users, scenario, target) =>
    rows.find((r) => r.users === users && r.scenario === scenario && r.target === target);
  const checks = [];
  const notes = [];
  for (const users of sizes) {
    const get = find(users, 'GET', 'mock server');
    const patch = find(users, 'PATCH', 'mock server');
    const lowdb = find(users, 'PATCH', 'lowdb, one write per request');
    const one = find(users, 'PATCH', 'mock server, 1 connection');
    checks.push({ what: `GET ≥ 0.5× raw (${users} users)`, value: `${get.ratio}×`, ok: get.ratio >= 0.5 });
    if (users <= 10)
      checks.push({
        what: `PATCH p99 ≤ 20 ms (${users} users)`,
        value: `${patch.p99} ms`,
        ok: patch.p99 <= 20,
      });
    notes.push(
      `PATCH, ${users} users (${round(get.dbBytes / 1024 / 1024, 2)} MB db): ${patch.rps} req/s acknowledged — ` +
        `${round(patch.rps / Math.max(1, lowdb.rps), 1)}× plain lowdb with one write per request (${lowdb.rps} req/s), ` +
        `${round(patch.rps / Math.max(1, one.rps), 1)}× its own rate at 1 connection (${one.rps} req/s): group commit.`,
    );
  }
  const text = [
    `Mock server load — autocannon on 127.0.0.1, ${connections} connections (own session each), ` +
      `${slices} × ${sliceSeconds} s per target, interleaved, after a 1 s warm-up; medians`,
    '',
    table([
      [
        'db users',
        'request',
        'server',
        'conns',
        'req/s',
        'vs raw',
        'p50 ms',
        'p99 ms',
        'CPU µs/req',
        'CPU vs raw',
        'non-2xx',
      ],
      ...rows.map((r) => [
        r.users,
        r.scenario,
        r.target,
        r.connections,
        r.rps,
        r.ratio === null ? '' : `${r.ratio}×`,
        r.p50,
        r.p99,
        r.cpuUs,
        r.cpuRatio === null ? '' : `${r.cpuRatio}×`,
        r.non2xx,
      ]),
    ]),
    '',
    ...notes,
    '',
    ...checks.map((c) => `${c.ok ? '✔' : '✘'} ${c.what}: ${c.value}`),
  ].join('\n');
  writeResults('load', { duration, slices, sliceSeconds, connections, rows, checks }, text);
}

if (args['raw-server']) await rawServer(args['raw-server'], args.mode ?? 'echo', args.db);
else await main();
