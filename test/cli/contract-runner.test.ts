/**
 * The contract suite's runner as a backend team meets it (the same code as the shipped
 * `personal-settings-contract`, run in process): reporters, a broken rule reported with the request and
 * response, skips without hooks, --bail, and unusable input as exit 2 in one line. The backend is the mock
 * app served on a free port — as is, or with one rule deliberately broken.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ServerType, serve } from '@hono/node-server';
import { createMemoryMock } from '../../mock-server/memory.js';
import { runContract } from '../contract/runner.js';
import { loadSuites } from '../contract/suites.js';

interface Served {
  url: string;
  close: () => Promise<void>;
}

/** Serve `fetch` on 127.0.0.1 and a free port. */
function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Served> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runContract(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    loadSuites,
  });
  return { code, stdout, stderr };
}

/** The runner against `server`'s API (`--base-url <server>/api/v1`) with more arguments. */
function runAgainst(server: Served, ...args: string[]): ReturnType<typeof run> {
  return run(['--base-url', `${server.url}/api/v1`, ...args]);
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line:\n${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  return lines[0] ?? '';
}

describe('personal-settings-contract (the runner)', () => {
  let good: Served;
  let broken: Served;
  let html: Served;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'contract-runner-'));
    good = await listen((await createMemoryMock()).app.fetch);
    // The same mock, but personal data goes out without `nosniff` (a rule of the transport group).
    const mock = await createMemoryMock();
    broken = await listen(async (request) => {
      const response = await mock.app.fetch(request);
      if (!new URL(request.url).pathname.includes('/me/')) return response;
      const headers = new Headers(response.headers);
      headers.delete('X-Content-Type-Options');
      return new Response(response.body, { status: response.status, headers });
    });
    html = await listen(
      () =>
        new Response('<!doctype html><title>Console</title>', { headers: { 'Content-Type': 'text/html' } }),
    );
  });

  after(async () => {
    await Promise.all([good?.close(), broken?.close(), html?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('spec (default) and tap: exit 0 when the rules hold', async () => {
    const spec = await runAgainst(good, '--grep', '^transport › headers');
    assert.equal(spec.code, 0, spec.stdout + spec.stderr);
    assert.match(spec.stdout, /test hooks: http:\/\/127\.0\.0\.1:\d+\/__dev/);
    assert.match(spec.stdout, /transport\n {2}headers\n {4}✔ nosniff on every answer/);
    assert.match(spec.stdout, /✔ tests 2 · passed 2 · failed 0 · skipped 0/);

    const tap = await runAgainst(good, '--grep', '^transport › headers', '--reporter', 'tap');
    assert.equal(tap.code, 0);
    assert.match(tap.stdout, /^TAP version 14\n1\.\.2\nok 1 - transport › headers › nosniff/);
  });

  it('a broken rule: exit 1, and the JUnit <failure> carries what broke with the request and response', async () => {
    const output = join(dir, 'broken.xml');
    const result = await runAgainst(broken, '--grep', 'nosniff', '--reporter', 'junit', '--output', output);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /✖ nosniff on every answer/);
    assert.match(result.stdout, /Failures:\n\n1\) transport › headers › nosniff/);
    const xml = await readFile(output, 'utf8');
    assert.match(
      xml,
      /<testsuites name="personal-settings-contract" tests="1" failures="1" errors="0" skipped="0"/,
    );
    const failure = /<failure message="([^"]*)" type="ContractViolation">([\s\S]*?)<\/failure>/.exec(xml);
    assert.ok(failure, xml);
    assert.match(failure[1] ?? '', /nosniff/);
    assert.match(failure[2] ?? '', /Request: {2}GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/me\/personal-info/);
    assert.match(failure[2] ?? '', /Response: 200\n {2}cache-control: no-store/);
    assert.match(failure[2] ?? '', /&quot;version&quot;/, 'the response body');
  });

  it('--bail: after the first failure the rest are reported as skipped', async () => {
    const result = await runAgainst(broken, '--grep', '^transport › headers', '--bail');
    assert.equal(result.code, 1);
    assert.match(result.stdout, /﹣ an unsupported method .* # SKIP not run: --bail after a failure/);
  });

  it('without hooks: the tests that need them are skipped with the reason, exit 0', async () => {
    const result = await runAgainst(good, '--no-hooks', '--grep', '^challenges › verification codes');
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /test hooks: none/);
    assert.match(result.stdout, /# SKIP needs the test hooks \(outbox, clock, reset, channel switches\)/);
    assert.match(result.stdout, /passed 0 · failed 0 · skipped \d+/);
  });

  it('unusable input: exit 2 and one line naming the cause', async () => {
    const fixtures = join(dir, 'users.json');
    await writeFile(
      fixtures,
      JSON.stringify({
        users: [
          // On this backend `operator` is a remote user with an unverified mobile and no email.
          {
            username: 'operator',
            password: 'Passw0rd!',
            kind: 'local',
            contacts: {
              mobile: { value: '+8613900001111', verified: true, region: 'CN' },
              email: { value: 'operator@example.com', verified: true },
            },
          },
          {
            username: 'operator',
            password: 'Passw0rd!',
            kind: 'remote',
            contacts: { mobile: { value: '+8613900001111', verified: false, region: 'CN' } },
          },
          {
            username: 'sso.user',
            kind: 'third-party',
            contacts: { email: { value: 'sso.user@example.com', verified: true } },
          },
        ],
      }),
    );
    const malformed = join(dir, 'malformed.json');
    await writeFile(malformed, JSON.stringify({ users: [{ username: 'x', kind: 'robot', contacts: {} }] }));
    const cases: [string[], RegExp][] = [
      [
        ['--base-url', `${html.url}/api/v1`],
        /is not the personal-settings API: GET .*\/openapi\.json answered HTML/,
      ],
      [
        ['--base-url', good.url],
        /answered 404 \(did you mean --base-url http:\/\/127\.0\.0\.1:\d+\/api\/v1\?\)/,
      ],
      [
        ['--base-url', `${good.url}/api/v1`, '--fixtures', fixtures],
        /user "operator": the fixtures give a verified mobile, the backend shows an unverified mobile/,
      ],
      [
        ['--base-url', `${good.url}/api/v1`, '--fixtures', malformed],
        /fixtures file .*malformed\.json: users\.0\.kind: /,
      ],
      [
        ['--base-url', `${good.url}/api/v1`, '--hooks-url', `${good.url}/nothing`],
        /--hooks-url .* does not offer the test hooks/,
      ],
      [['--base-url', `${good.url}/api/v1`, '--timeout', 'soon'], /--timeout must be a positive integer/],
      [['--base-url', 'staging'], /--base-url "staging" is not a URL/],
    ];
    for (const [args, cause] of cases) {
      const result = await run(args);
      assert.equal(result.code, 2, `${args.join(' ')}\n${result.stdout}${result.stderr}`);
      assert.match(oneLine(result.stderr), cause);
    }
  });
});
