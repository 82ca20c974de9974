/**
 * The two commands the package ships, as a backend team runs them: `npm run build`, `npm pack`, the
 * tarball installed ALONE into an empty folder, then
 *
 *   npx personal-settings-mock --port 0 --db …
 *   npx personal-settings-contract --base-url <mock>/api/v1 --reporter junit --output report.xml
 *
 * → exit 0, one <testcase> per test of the suite, 0 failures; and again against the mock started with
 * --no-dev-routes → exit 0 with every hook-dependent test skipped, saying why. Unusable input → exit 2.
 *
 *   npm run test:package      (the tarball the runner built and packed once for every package test)
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { beginFile, NEEDS_DEV, registeredTests } from '../contract/harness.js';
import { loadSuites } from '../contract/suites.js';
import { tempDir } from './helpers.js';
import { freePort, packedTarball, run } from './package-helpers.js';

/** `npx <bin> …` in the consumer folder, as the guide says (the bin comes from the installed tarball). */
function npx(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('npx', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

interface Mock {
  url: string;
  stop: () => Promise<void>;
}

/** `npx personal-settings-mock` on a free port; resolves once it has printed its URL and the seeded logins. */
function startMock(cwd: string, args: string[]): Promise<Mock> {
  const child: ChildProcess = spawn('npx', ['personal-settings-mock', '--port', '0', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: npx, its shell and node stop together
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return done();
      child.once('exit', () => done());
      process.kill(-child.pid, 'SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`personal-settings-mock did not start within 30 s:\n${out}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      // Output comes in chunks: wait for the whole banner, which ends with the seeded logins.
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] && /logins\s+admin \/ Passw0rd!.*\n/.test(out)) {
        clearTimeout(timer);
        resolve({ url: match[1], stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`personal-settings-mock exited with ${code}:\n${out}`));
    });
  });
}

interface Case {
  name: string;
  classname: string;
  skipped: string | null;
  failure: boolean;
}

/** The <testcase> elements of a JUnit report (our writer's shape: one element per line). */
function testcases(xml: string): Case[] {
  const cases: Case[] = [];
  const re = /<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(re)) {
    const body = m[4] ?? '';
    cases.push({
      classname: m[1] ?? '',
      name: m[2] ?? '',
      skipped: /<skipped message="([^"]*)"/.exec(body)?.[1] ?? null,
      failure: body.includes('<failure'),
    });
  }
  return cases;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('the shipped commands, from the tarball alone', { timeout: 300_000 }, () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let consumer: string;
  let suite: { total: number; needsHooks: number };

  before(async () => {
    await loadSuites(beginFile);
    const tests = registeredTests();
    suite = { total: tests.length, needsHooks: tests.filter((t) => t.needsHooks).length };

    work = await tempDir('package-contract-');
    // Built and packed once by `npm run test:package` (test/e2e/package-run.ts), or here when alone.
    const tarball = await packedTarball();
    consumer = join(work.path, 'backend-ci');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'backend-ci', private: true }));
    // Only the tarball: its dependencies (and lit's peers, which npm adds) come from the npm cache.
    try {
      run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], consumer);
    } catch (error) {
      // The cache cannot resolve the dependencies' ranges offline (a CI cache filled by `npm ci` holds
      // tarballs, not registry metadata). The commands need none of them (everything is bundled), so
      // install the package the way npm lays it out: extracted, with its bins linked.
      console.warn(`offline install failed, extracting the tarball instead:\n${String(error).slice(0, 300)}`);
      const modules = join(consumer, 'node_modules');
      run('tar', ['-xzf', tarball, '-C', work.path], work.path);
      cpSync(join(work.path, 'package'), join(modules, 'personal-settings-elements'), { recursive: true });
      mkdirSync(join(modules, '.bin'), { recursive: true });
      for (const bin of ['personal-settings-contract', 'personal-settings-mock']) {
        symlinkSync(`../personal-settings-elements/dist/bin/${bin}.js`, join(modules, '.bin', bin));
      }
    }
  });

  after(async () => {
    await work?.remove();
  });

  /** `npx personal-settings-mock [mockArgs]`, then the suite with a JUnit report: exit 0 expected. */
  async function suiteAgainstMock(name: string, mockArgs: string[]) {
    const mock = await startMock(consumer, ['--db', join(work.path, `${name}.json`), ...mockArgs]);
    try {
      const report = join(work.path, `${name}.xml`);
      const baseUrl = `${mock.url}/api/v1`;
      const result = await npx(consumer, [
        'personal-settings-contract',
        ...['--base-url', baseUrl, '--reporter', 'junit', '--output', report],
      ]);
      assert.equal(result.code, 0, `exit code\n${result.stdout.slice(-3000)}\n${result.stderr}`);
      const xml = readFileSync(report, 'utf8');
      const cases = testcases(xml);
      assert.equal(cases.length, suite.total, 'one <testcase> per test of the suite, skipped ones included');
      assert.equal(cases.filter((c) => c.failure).length, 0, 'no failures');
      return { stdout: result.stdout, xml, cases };
    } finally {
      await mock.stop();
    }
  }

  it('runs the whole suite against `npx personal-settings-mock`: exit 0, a <testcase> per test, 0 failures', async () => {
    const { xml, cases } = await suiteAgainstMock('with-hooks', []);
    assert.equal(cases.filter((c) => c.skipped !== null).length, 0, 'nothing skipped with the hooks');
    assert.match(
      xml,
      new RegExp(`<testsuites name="personal-settings-contract" tests="${suite.total}" failures="0"`),
    );
    assert.equal(new Set(cases.map((c) => `${c.classname}/${c.name}`)).size, cases.length, 'unique names');
  });

  it('against the mock without dev routes: exit 0, the hook-dependent tests skipped with the reason', async () => {
    const { stdout, cases } = await suiteAgainstMock('no-hooks', ['--no-dev-routes']);
    assert.match(stdout, /test hooks: none/);
    const skipped = cases.filter((c) => c.skipped !== null);
    assert.equal(skipped.length, suite.needsHooks, 'exactly the tests that need the hooks are skipped');
    for (const c of skipped) assert.equal(unescapeXml(c.skipped ?? ''), NEEDS_DEV, `${c.name}: the reason`);
  });

  it('unusable input is exit 2 with one line naming the cause, no stack trace', async () => {
    const port = await freePort(); // taken from the OS and released: nothing listens there
    const closed = await npx(consumer, [
      'personal-settings-contract',
      '--base-url',
      `http://127.0.0.1:${port}/api/v1`,
    ]);
    const missing = await npx(consumer, [
      'personal-settings-contract',
      '--base-url',
      `http://127.0.0.1:${port}/api/v1`,
      '--fixtures',
      join(work.path, 'no-such-users.json'),
    ]);
    const noUrl = await npx(consumer, ['personal-settings-contract']);
    for (const [what, result, cause] of [
      [
        'an unreachable base URL',
        closed,
        /cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1: connection refused/,
      ],
      ['a missing fixtures file', missing, /fixtures file .*no-such-users\.json: not found/],
      ['no --base-url', noUrl, /--base-url is required/],
    ] as const) {
      assert.equal(result.code, 2, `${what}: exit 2\n${result.stderr}`);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `${what}: one line\n${result.stderr}`);
      assert.match(lines[0] ?? '', cause, what);
      assert.doesNotMatch(result.stderr, /\n\s+at /, `${what}: no stack trace`);
    }
    const help = await npx(consumer, ['personal-settings-contract', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--reporter NAME\s+spec \(default\), tap or junit/);
    assert.match(help.stdout, /Examples:/);
  });
});
