#!/usr/bin/env node
// Mock server under load (autocannon, 127.0.0.1 only, bounded runs):
//   GET /me/personal-info and an acknowledged PATCH (If-Match: *), 20 connections each with its own
//   session (users spread over the db), for a db of 10 and of 10 000 users — each as a ratio to a raw
//   node:http handler that serves the same bytes in the same run. For the PATCH also: the mock at 1
//   connection (what group commit gains from concurrency) and plain lowdb doing one `db.write()` per
//   request (what it would cost without group commit: every write stringifies the whole db).
//   The second baseline is json-server 1.0.0-beta.3 (what an integrator would start instead of this
//   mock; lowdb + steno, the same storage idea), started as `json-server db.json` on a copy of the same
//   db (same users, same size): GET /users/<id> and PATCH /users/<id> for the same users as the
//   sessions, same connections, in the same rounds. It runs as installed, file watcher included.
//
//   node scripts/bench-load.mjs [--get-rounds 8] [--get-seconds 1] [--patch-rounds 5] [--patch-seconds 1]
//     (PATCH rounds last at least 2 s on a db over 1 MB: plain lowdb needs about 1 s for its first answer)
//     [--connections 20] [--users 10,10000] [--requests GET,PATCH] [--pin off|<load cpus>:<server cpus>]
//     [--compare <git ref>]
//   --compare adds the mock as it is at <git ref> (checked out into a temporary git worktree, on a db of
//   its own) as one more target in the same rounds: "what did this change buy" as a ratio from one
//   interleaved run, not two runs on a machine whose load moves between them.
//
// How it is measured (2 cores, shared with other work, and autocannon runs on them too):
// - the targets of a group take turns: short runs, raw and mock alternating, the order reversed every
//   other round, so a burst of outside load or a drift hits both sides alike; after each run the server
//   finishes what it still has queued before the next one starts;
// - each ratio is taken within a round (mock ÷ raw of that round); the table shows the median over the
//   rounds and the lowest–highest, so the spread is in plain sight;
// - the raw server answers each session with the bytes the mock gave that session (body, status, every
//   header but Date in the mock's order, Content-Length rather than chunked): the output says which
//   header lines differ, and the run stops if a body differs;
// - beside req/s, each server's CPU time per request (from /proc): much steadier than req/s here;
// - nothing pinned by default. `--pin 0:1` puts autocannon on core 0 and the servers on core 1; on this
//   shared machine that made the per-round spread wider, not narrower (a pinned server cannot move away
//   from outside load on its core), so it is there to try, not the default.
//
// Targets (reported, not enforced — the machine is shared; issue #18): GET ≥ 2× json-server and
// acknowledged PATCH ≥ 1.5× json-server at 10 users, PATCH ≥ 2× json-server at 10 000 users;
// PATCH p99 ≤ 20 ms at 10 users.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, ROOT, round, table, writeResults } from './bench-lib.mjs';

const { values: args } = parseArgs({
  options: {
    'get-rounds': { type: 'string', default: '8' },
    'get-seconds': { type: 'string', default: '1' },
    'patch-rounds': { type: 'string', default: '5' },
    'patch-seconds': { type: 'string', default: '1' },
    connections: { type: 'string', default: '20' },
    users: { type: 'string', default: '10,10000' },
    requests: { type: 'string', default: 'GET,PATCH' },
    pin: { type: 'string', default: 'off' },
    compare: { type: 'string' },
    'raw-server': { type: 'string' },
    mode: { type: 'string' },
    db: { type: 'string' },
  },
});

// ---------------------------------------------------------------------------------------------------------

/** Headers node:http writes by itself; everything else the raw server repeats from the mock. */
const NODE_WRITES = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** A captured response as node:http's `writeHead` takes it: the mock's headers in order, then Content-Length. */
function replay({ rawHeaders, body }) {
  const headers = [];
  for (let i = 0; i < rawHeaders.length; i += 2)
    if (!NODE_WRITES.has(rawHeaders[i].toLowerCase())) headers.push(rawHeaders[i], rawHeaders[i + 1]);
  headers.push('Content-Length', String(Buffer.byteLength(body)));
  return { headers, body };
}

/**
 * The baseline: node:http answering the captured bytes — for a GET, the ones the mock gave that session
 * (found by its Cookie header) — and, in mode `lowdb`, one lowdb write per PATCH.
 */
async function rawServer(payloadFile, mode, dbFile) {
  const payload = JSON.parse(readFileSync(payloadFile, 'utf8'));
  const gets = new Map(Object.entries(payload.get).map(([cookie, r]) => [cookie, replay(r)]));
  const anyGet = gets.values().next().value;
  const patch = replay(payload.patch);
  let db;
  if (mode === 'lowdb') {
    const { Low } = await import('lowdb');
    const { DataFile } = await import('lowdb/node');
    db = new Low(new DataFile(dbFile, { parse: JSON.parse, stringify: JSON.stringify }), null);
    await db.read();
  }
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      const r = gets.get(req.headers.cookie) ?? anyGet;
      res.writeHead(200, r.headers);
      res.end(r.body);
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

/** Start a server and wait for the line that gives its URL (`listening on http://…`, or `pattern`). */
function start(argv, what, { pattern = /listening on (http:\/\/\S+)/, url, env } = {}) {
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 120_000);
    const onData = (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: url ?? m[1], child, stop: () => stop(child) });
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

/** A port nobody listens on right now (json-server prints the port it was given, so 0 will not do). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** json-server 1.0.0-beta.3 on a copy of the mock's db, as an integrator would run it. */
async function startJsonServer(dbFile) {
  const port = await freePort();
  const bin = join(ROOT, 'node_modules', 'json-server', 'lib', 'bin.js');
  return start([bin, dbFile, '--port', String(port), '--host', '127.0.0.1'], 'json-server', {
    pattern: /JSON Server started on PORT :\d+/,
    url: `http://127.0.0.1:${port}`,
    env: { FORCE_COLOR: '0' },
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

const JSON_SERVER = 'json-server 1.0.0-beta.3';

const PATCH_BODY = JSON.stringify({ welcomeMessage: 'Welcome back — load test' });

/** One request over node:http, so the headers come back as sent: order, case and all. */
function request(base, { method = 'GET', cookie, body }) {
  return new Promise((resolve, reject) => {
    const headers = { Cookie: cookie };
    if (body !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'If-Match': '*' });
    const req = http.request(`${base}/api/v1/me/personal-info`, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * What the raw server must answer: the mock's own responses. The PATCH first (it moves one user's
 * version), then the GET of every session, which no longer changes while the GETs run.
 */
async function capture(base, cookies) {
  const patch = await request(base, { method: 'PATCH', cookie: cookies[0], body: PATCH_BODY });
  if (patch.status !== 200) throw new Error(`capture PATCH: ${patch.status} ${patch.body}`);
  const get = {};
  for (const cookie of new Set(cookies)) {
    const r = await request(base, { cookie });
    if (r.status !== 200) throw new Error(`capture GET: ${r.status} ${r.body}`);
    get[cookie] = { rawHeaders: r.rawHeaders, body: r.body };
  }
  return { get, patch: { rawHeaders: patch.rawHeaders, body: patch.body } };
}

/**
 * The same GET from the mock and from the raw server, session by session: the bodies must be equal
 * byte for byte (else the run stops), and the header lines that differ (Date aside) are reported.
 */
async function compareResponses(mock, raw, cookies) {
  const differ = new Set();
  for (const cookie of new Set(cookies)) {
    const [a, b] = [await request(mock.url, { cookie }), await request(raw.url, { cookie })];
    if (a.status !== b.status || a.body !== b.body)
      throw new Error(
        `raw server does not answer what the mock does (${a.status}/${b.status}):\n${a.body}\n${b.body}`,
      );
    const lines = (r) => {
      const out = [];
      for (let i = 0; i < r.rawHeaders.length; i += 2)
        if (r.rawHeaders[i].toLowerCase() !== 'date') out.push(`${r.rawHeaders[i]}: ${r.rawHeaders[i + 1]}`);
      return out;
    };
    const [la, lb] = [lines(a), lines(b)];
    for (const l of la) if (!lb.includes(l)) differ.add(`mock only: ${l}`);
    for (const l of lb) if (!la.includes(l)) differ.add(`raw only: ${l}`);
    // Where node:http puts the lines it writes itself (Content-Length, Connection…) is its business.
    const ours = (ls) => ls.filter((l) => !NODE_WRITES.has(l.slice(0, l.indexOf(':')).toLowerCase()));
    if (differ.size === 0 && ours(la).join('\n') !== ours(lb).join('\n'))
      differ.add('same headers, another order');
  }
  return [...differ];
}

/**
 * One autocannon run. `perConnection(i)` gives connection i its path and headers: for the mock (and
 * the raw server) its own session cookie; for json-server the matching user's `/users/<id>`.
 */
async function cannon(url, { method, perConnection, connections, duration }) {
  const { default: autocannon } = await import('autocannon');
  let next = 0;
  const result = await autocannon({
    url,
    method,
    connections,
    duration,
    ...(method === 'PATCH' ? { body: PATCH_BODY } : {}),
    setupClient: (client) => client.setRequests([perConnection(next++)]),
  });
  return {
    rps: result.requests.total / Math.max(0.001, result.duration),
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    /** What the failures were: status codes other than 2xx, errors, timeouts. */
    failures: [
      ...Object.entries(result.statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, { count }]) => `${count}× ${code}`),
      ...(result.errors ? [`${result.errors} errors`] : []),
      ...(result.timeouts ? [`${result.timeouts} timeouts`] : []),
    ],
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
 * Wait until the server has caught up: requests still queued when autocannon stops (a PATCH on the
 * 10 000-user db takes tens of ms each) would otherwise be served during the next target's run.
 * Idle = under 5% of a core over 200 ms; at most 5 s.
 */
async function settle(pid) {
  const until = Date.now() + 5000;
  let last = cpuMicros(pid);
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    const now = cpuMicros(pid);
    if (!(now - last > 10_000)) return;
    last = now;
  }
}

/** `taskset` a process and all its threads onto `cpus` (e.g. "1"); off when not asked for. */
function pin(pid, cpus) {
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taskset ${cpus} ${pid}: ${r.stderr || r.error?.message}`);
}

const spread = (xs, digits) => `${round(Math.min(...xs), digits)}–${round(Math.max(...xs), digits)}`;

/**
 * Run the targets of one group in turns: a 1 s warm-up each, then `rounds` rounds of one short run per
 * target, the order reversed every other round, so a burst of load from other processes (or a slow
 * drift) hits every target alike. After each run the server is left to finish what it still has
 * queued (its CPU time counts for that run). Ratios are taken per round (target ÷ the group's first
 * target, the raw server); the median and the lowest–highest over the rounds are reported.
 */
async function sideBySide(group, { rounds, seconds }) {
  for (const t of group.targets) {
    const { perConnection } = t;
    await cannon(t.server.url, { method: group.method, perConnection, connections: t.conns, duration: 1 });
    await settle(t.server.child.pid);
  }
  const runs = group.targets.map(() => []);
  for (let i = 0; i < rounds; i++) {
    const order = [...group.targets.entries()];
    if (i % 2 === 1) order.reverse();
    for (const [k, t] of order) {
      const before = cpuMicros(t.server.child.pid);
      const r = await cannon(t.server.url, {
        method: group.method,
        perConnection: t.perConnection,
        connections: t.conns,
        duration: seconds,
      });
      await settle(t.server.child.pid);
      runs[k][i] = { ...r, cpu: (cpuMicros(t.server.child.pid) - before) / Math.max(1, r.total) };
    }
  }
  const raw = runs[0];
  const json = runs[group.targets.findIndex((t) => t.label === JSON_SERVER)];
  const earlier = runs[group.targets.findIndex((t) => t.label.startsWith('mock server at '))];
  /** Per-round ratios of `mine` to a baseline's runs: median and lowest–highest. */
  const versus = (mine, base, field, digits) => {
    if (!base || mine === base) return null;
    // A round where either side answered nothing (a 4 MB db on a starved machine) has no ratio.
    const ratios = mine.map((r, i) => r[field] / base[i][field]).filter((x) => Number.isFinite(x) && x > 0);
    if (ratios.length === 0) {
      const answered = (runs) => runs.reduce((a, r) => a + r.total, 0);
      return { median: null, spread: `none: ${answered(mine)} vs ${answered(base)} answers in all rounds` };
    }
    return { median: round(median(ratios), 2), spread: spread(ratios, digits) };
  };
  return group.targets.map((t, k) => {
    const mine = runs[k];
    return {
      scenario: group.scenario,
      target: t.label,
      connections: t.conns,
      rps: Math.round(median(mine.map((r) => r.rps))),
      p50: median(mine.map((r) => r.p50)),
      p99: median(mine.map((r) => r.p99)),
      p99max: Math.max(...mine.map((r) => r.p99)),
      cpuUs: Math.round(median(mine.map((r) => r.cpu))),
      vsRaw: versus(mine, raw, 'rps', 2),
      cpuVsRaw: versus(mine, raw, 'cpu', 1),
      vsJsonServer: versus(mine, json, 'rps', 2),
      vsCompared: versus(mine, earlier, 'rps', 2),
      cpuVsCompared: versus(mine, earlier, 'cpu', 2),
      rounds: mine.map((r) => ({ rps: Math.round(r.rps), cpuUs: round(r.cpu, 1), p99: r.p99 })),
      non2xx: mine.reduce((a, r) => a + r.non2xx, 0),
      failures: [...new Set(mine.flatMap((r) => r.failures))],
    };
  });
}

/**
 * The repository at `ref` in a temporary git worktree sharing this checkout's node_modules, so the
 * mock of an earlier commit can run beside this one. Removed again by the returned function.
 */
function checkoutRef(ref, dir) {
  const path = join(dir, 'compare');
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', path, ref], { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(path, 'node_modules'), 'dir');
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  const remove = () => execFileSync('git', ['worktree', 'remove', '--force', path], { cwd: ROOT });
  return { path, label: `mock server at ${ref} (${sha})`, remove };
}

/** json-server answers the users the sessions belong to, and takes their PATCH: else its figures mean nothing. */
async function checkJsonServer(base, bulk) {
  for (const n of new Set(bulk)) {
    const get = await fetch(`${base}/users/u-bulk-${n}`);
    const user = await get.json();
    if (get.status !== 200 || user.username !== `user${n}`)
      throw new Error(`json-server GET /users/u-bulk-${n}: ${get.status} ${JSON.stringify(user)}`);
  }
  const patch = await fetch(`${base}/users/u-bulk-${bulk[0]}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: PATCH_BODY,
  });
  if (patch.status !== 200) throw new Error(`json-server PATCH: ${patch.status} ${await patch.text()}`);
}

async function main() {
  const rounds = {
    GET: Math.max(1, Number(args['get-rounds'])),
    PATCH: Math.max(1, Number(args['patch-rounds'])),
  };
  const seconds = { GET: Number(args['get-seconds']), PATCH: Number(args['patch-seconds']) };
  const roundSeconds = (scenario, dbBytes) =>
    scenario === 'PATCH' && dbBytes > 1024 * 1024 ? Math.max(2, seconds.PATCH) : seconds[scenario];
  const connections = Number(args.connections);
  const sizes = args.users.split(',').map(Number);
  const requests = args.requests.toUpperCase().split(',');
  const [loadCpus, serverCpus] = args.pin === 'off' ? [] : args.pin.split(':');
  const loadBefore = loadavg()[0];
  const rows = [];
  const headerDiffs = new Set();
  const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const children = [];
  const compare = args.compare ? checkoutRef(args.compare, dir) : null;
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop()));
    compare?.remove();
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
      // Each connection its own session, for bulk users spread evenly over the db (user0, user500, …
      // with 10 000 users): a lookup by user must not always find its user near the start.
      const bulk = Array.from({ length: connections }, (_, i) => Math.floor((i * users) / connections));
      const cookies = [];
      for (const n of bulk) cookies.push(await login(mock.url, `user${n}`));
      const payloads = join(dir, `payload-${users}.json`);
      writeFileSync(payloads, JSON.stringify(await capture(mock.url, cookies)));
      const rawDb = join(dir, `raw-${users}.json`);
      writeFileSync(rawDb, readFileSync(db));
      // json-server gets the same db (same users, sessions and size) in a file of its own.
      const jsonDb = join(dir, `json-server-${users}.json`);
      writeFileSync(jsonDb, readFileSync(db));
      const raw = await start(['scripts/bench-load.mjs', '--raw-server', payloads], 'raw server');
      const lowdb = await start(
        ['scripts/bench-load.mjs', '--raw-server', payloads, '--mode', 'lowdb', '--db', rawDb],
        'lowdb server',
      );
      const json = await startJsonServer(jsonDb);
      children.push(raw, lowdb, json);
      let before = null;
      const beforeCookies = [];
      if (compare) {
        const beforeDb = join(dir, `before-${users}.json`);
        before = await start(
          [
            ...mockArgs.map((a) => (a === 'mock-server/node.ts' ? join(compare.path, a) : a)),
            '--db',
            beforeDb,
            '--seed-users',
            String(users),
          ],
          compare.label,
        );
        children.push(before);
        for (const n of bulk) beforeCookies.push(await login(before.url, `user${n}`));
      }
      for (const d of await compareResponses(mock, raw, cookies)) headerDiffs.add(d);
      await checkJsonServer(json.url, bulk);
      if (serverCpus) {
        for (const s of [mock, raw, lowdb, json, before]) if (s) pin(s.child.pid, serverCpus);
        pin(process.pid, loadCpus);
      }
      const ME = '/api/v1/me/personal-info';
      const withJson = { 'Content-Type': 'application/json' };
      const bySession = (i) => ({
        path: ME,
        headers: { ...withJson, 'If-Match': '*', Cookie: cookies[i % cookies.length] },
      });
      const byBeforeSession = (i) => ({
        path: ME,
        headers: { ...withJson, 'If-Match': '*', Cookie: beforeCookies[i % beforeCookies.length] },
      });
      const byUserId = (i) => ({ path: `/users/u-bulk-${bulk[i % bulk.length]}`, headers: withJson });
      const target = (label, server, perConnection, conns = connections) => ({
        label,
        server,
        perConnection,
        conns,
      });
      // Both scenarios compare the same servers; PATCH adds two of its own.
      const compared = [
        target('raw node:http', raw, bySession),
        target('mock server', mock, bySession),
        target(JSON_SERVER, json, byUserId),
        ...(before ? [target(compare.label, before, byBeforeSession)] : []),
      ];
      const groups = [
        { scenario: 'GET', method: 'GET', targets: compared },
        {
          scenario: 'PATCH',
          method: 'PATCH',
          targets: [
            ...compared,
            target('lowdb, one write per request', lowdb, bySession),
            target('mock server, 1 connection', mock, bySession, 1),
          ],
        },
      ].filter((g) => requests.includes(g.scenario));
      for (const group of groups) {
        const opts = { rounds: rounds[group.scenario], seconds: roundSeconds(group.scenario, dbBytes) };
        for (const row of await sideBySide(group, opts)) {
          rows.push({ users, dbBytes, ...row });
          const vs = (v, what) => (v ? ` ${v.median}× ${what} (rounds ${v.spread})` : '');
          console.error(
            `  ${users} users · ${row.scenario} · ${row.target}: ${row.rps} req/s,` +
              `${vs(row.vsRaw, 'raw')}${vs(row.vsJsonServer, 'json-server')} p99 ${row.p99} ms, ` +
              `${row.cpuUs} µs CPU/req${row.non2xx ? `, ${row.non2xx} non-2xx! (${row.failures.join(', ')})` : ''}`,
          );
        }
      }
      await Promise.all(children.map((c) => c.stop()));
      children.length = 0;
    }
  } finally {
    await cleanup();
  }
  const loadAfter = loadavg()[0];

  const find = (users, scenario, target) =>
    rows.find((r) => r.users === users && r.scenario === scenario && r.target === target);
  const checks = [];
  const notes = [];
  for (const users of sizes) {
    const get = find(users, 'GET', 'mock server');
    const patch = find(users, 'PATCH', 'mock server');
    const lowdb = find(users, 'PATCH', 'lowdb, one write per request');
    const one = find(users, 'PATCH', 'mock server, 1 connection');
    const fmt = (v) =>
      !v
        ? 'not measured'
        : v.median === null
          ? `no ratio (${v.spread})`
          : `${v.median}× (rounds ${v.spread}×)`;
    // Issue #18: against json-server, the peer an integrator would otherwise start.
    if (get)
      checks.push({
        what: `GET ≥ 2× json-server (${users} users)`,
        value: `${fmt(get.vsJsonServer)}; ${fmt(get.vsRaw)} raw, CPU/req ${fmt(get.cpuVsRaw)} raw`,
        ok: (get.vsJsonServer?.median ?? 0) >= 2,
        info: users > 10,
      });
    if (patch) {
      const want = users <= 10 ? 1.5 : 2;
      checks.push({
        what: `acknowledged PATCH ≥ ${want}× json-server (${users} users)`,
        value: fmt(patch.vsJsonServer),
        ok: (patch.vsJsonServer?.median ?? 0) >= want,
      });
    }
    if (patch && users <= 10)
      checks.push({
        what: `PATCH p99 ≤ 20 ms (${users} users)`,
        value: `${patch.p99} ms`,
        ok: patch.p99 <= 20,
      });
    if (patch)
      notes.push(
        `PATCH, ${users} users (${round(patch.dbBytes / 1024 / 1024, 2)} MB db): ${patch.rps} req/s acknowledged — ` +
          `${lowdb.rps ? `${round(patch.rps / lowdb.rps, 1)}×` : 'against none from'} plain lowdb with one write per request (${lowdb.rps} req/s), ` +
          `${round(patch.rps / Math.max(1, one.rps), 1)}× its own rate at 1 connection (${one.rps} req/s): group commit.`,
      );
  }
  const headerNote = headerDiffs.size
    ? `Raw vs mock GET, same body bytes; header lines that differ (Date aside): ${[...headerDiffs].join('; ')}`
    : 'Raw vs mock GET: same body bytes, same header lines in the same order (Date aside).';
  const text = [
    `Mock server load — autocannon on 127.0.0.1, ${connections} connections (own session each); ` +
      `${rounds.GET} rounds of ${seconds.GET} s (GET), ${rounds.PATCH} of ${seconds.PATCH} s (PATCH; ${roundSeconds('PATCH', Infinity)} s over 1 MB) per target, taking turns, ` +
      `after a 1 s warm-up; ${serverCpus ? `autocannon pinned to CPU ${loadCpus}, servers to CPU ${serverCpus}` : 'nothing pinned'}; ` +
      `load average ${round(loadBefore, 1)} before, ${round(loadAfter, 1)} after`,
    'Medians over the rounds; "rounds" is the lowest–highest per-round ratio (each ratio taken within one round).',
    '',
    table([
      [
        'db users',
        'request',
        'server',
        'conns',
        'req/s',
        'vs raw',
        'rounds',
        'vs json-server',
        'rounds',
        'p50 ms',
        'p99 ms',
        'CPU µs/req',
        'CPU vs raw',
        'rounds',
        'non-2xx',
      ],
      ...rows.map((r) => [
        r.users,
        r.scenario,
        r.target,
        r.connections,
        r.rps,
        r.vsRaw ? (r.vsRaw.median === null ? 'n/a' : `${r.vsRaw.median}×`) : '',
        r.vsRaw?.spread ?? '',
        r.vsJsonServer ? (r.vsJsonServer.median === null ? 'n/a' : `${r.vsJsonServer.median}×`) : '',
        r.vsJsonServer?.spread ?? '',
        r.p50,
        r.p99,
        r.cpuUs,
        r.cpuVsRaw ? (r.cpuVsRaw.median === null ? 'n/a' : `${r.cpuVsRaw.median}×`) : '',
        r.cpuVsRaw?.spread ?? '',
        r.non2xx,
      ]),
    ]),
    '',
    headerNote,
    ...notes,
    ...rows
      .filter((r) => r.target === 'mock server' && r.vsCompared)
      .map(
        (r) =>
          `${r.scenario}, ${r.users} users: this mock ÷ the ${compare.label}: ${r.vsCompared.median}× req/s (rounds ${r.vsCompared.spread}), ` +
          `${r.cpuVsCompared.median}× CPU per request (rounds ${r.cpuVsCompared.spread}).`,
      ),
    '',
    ...checks.map(
      (c) => `${c.info ? '·' : c.ok ? '✔' : '✘'} ${c.what}: ${c.value}${c.info ? ' (for information)' : ''}`,
    ),
  ].join('\n');
  writeResults(
    'load',
    {
      rounds,
      seconds,
      connections,
      pin: args.pin,
      loadavg: { before: loadBefore, after: loadAfter },
      headerDiffs: [...headerDiffs],
      rows,
      checks,
    },
    text,
  );
}

if (args['raw-server']) await rawServer(args['raw-server'], args.mode ?? 'echo', args.db);
else await main();
