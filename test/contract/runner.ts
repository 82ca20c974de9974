/**
 * The contract suite's runner: options, the checks that the input is usable (exit 2), the run itself
 * (order, concurrency, timeouts, --bail, --grep) and the reporters (spec, tap, junit). The same code runs
 * in `npm run test:contract` (run.ts, through tsx) and in the shipped `personal-settings-contract` bin
 * (cli.ts, bundled into dist/bin/ by scripts/build-bins.mjs).
 *
 * Exit codes: 0 — every test that ran passed (skips allowed); 1 — the backend broke the contract;
 * 2 — the input is unusable (options, base URL, hooks URL, fixtures), said in one line.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DevClient } from '../../mock-server/dev-client.js';
import {
  DEFAULT_FIXTURES,
  type Fixtures,
  FixturesError,
  parseFixtures,
  type Role,
  roleOf,
} from './fixtures.js';
import {
  Browser,
  beginFile,
  configure,
  credentials,
  type Exchange,
  expectOk,
  NEEDS_DEV,
  registeredTests,
  type SuiteTest,
  type TestRecord,
} from './harness.js';

export const BIN = 'personal-settings-contract';

export const HELP = `Usage: ${BIN} --base-url URL [options]

Runs the personal-settings contract suite against a running backend, over HTTP only.

Options:
  --base-url URL       the API base, e.g. https://staging.example.com/api/v1 (required)
  --hooks-url URL      the optional test hooks (outbox, clock, reset, channel switches);
                       default <origin of --base-url>/__dev. Tests that need them are
                       skipped, with the reason, when there are none there.
  --no-hooks           do not use test hooks even if the backend has them
  --fixtures FILE      JSON with the users the suite may use (default: the mock's seed users)
  --reporter NAME      spec (default), tap or junit
  --output FILE        write the report to FILE (progress still goes to stdout as spec)
  --grep REGEXP        run only tests whose full name ("file › group › test") matches;
                       repeat for several (any may match)
  --bail               stop at the first failure (the rest are reported as skipped)
  --timeout MS         per-test timeout in milliseconds (default 30000)
  --concurrency N      tests at a time (default 1; with test hooks always 1, since each
                       test starts from a reset backend)
  -h, --help           this text

Exit codes: 0 all tests passed (skips allowed), 1 the backend broke the contract,
            2 unusable input (options, unreachable URL, not this API, bad fixtures).

Examples:
  ${BIN} --base-url http://127.0.0.1:8787/api/v1
  ${BIN} --base-url https://staging.example.com/api/v1 --no-hooks \\
      --reporter junit --output reports/contract.xml
  ${BIN} --base-url http://localhost:8080/api/v1 --fixtures test-users.json \\
      --hooks-url http://localhost:8080/test-hooks
  ${BIN} --base-url http://127.0.0.1:8787/api/v1 --grep "challenges" --bail

Fixtures file (one user of each kind):
  { "users": [
    { "username": "admin", "password": "…", "kind": "local",
      "contacts": { "mobile": { "value": "+8613812345678", "verified": true, "region": "CN" },
                    "email": { "value": "admin@example.com", "verified": true } } },
    { "username": "operator", "password": "…", "kind": "remote",
      "contacts": { "mobile": { "value": "+8613900001111", "verified": false, "region": "CN" } } },
    { "username": "sso.user", "kind": "third-party",
      "contacts": { "email": { "value": "sso.user@example.com", "verified": true } } } ] }
`;

/** Unusable input: the runner prints the message on one line and exits 2. */
export class InputError extends Error {}

type ReporterName = 'spec' | 'tap' | 'junit';

export interface RunOptions {
  baseUrl: string;
  hooksUrl: string | null;
  hooksExplicit: boolean;
  fixturesFile: string | null;
  reporter: ReporterName;
  output: string | null;
  grep: RegExp[];
  bail: boolean;
  timeout: number;
  concurrency: number;
}

export function parseOptions(argv: string[]): RunOptions | 'help' {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        'hooks-url': { type: 'string' },
        'no-hooks': { type: 'boolean' },
        fixtures: { type: 'string' },
        reporter: { type: 'string' },
        output: { type: 'string' },
        grep: { type: 'string', multiple: true },
        bail: { type: 'boolean' },
        timeout: { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new InputError(`${e instanceof Error ? e.message : String(e)} (see --help)`);
  }
  if (values.help) return 'help';
  const base = values['base-url'];
  if (typeof base !== 'string' || base === '') throw new InputError('--base-url is required (see --help)');
  const baseUrl = checkUrl(base, '--base-url').replace(/\/+$/, '');
  const reporter = (values.reporter ?? 'spec') as string;
  if (reporter !== 'spec' && reporter !== 'tap' && reporter !== 'junit') {
    throw new InputError(`--reporter must be spec, tap or junit, not "${reporter}"`);
  }
  const hooksOption = values['hooks-url'];
  if (values['no-hooks'] && hooksOption)
    throw new InputError('--hooks-url and --no-hooks contradict each other');
  const hooksUrl = values['no-hooks']
    ? null
    : typeof hooksOption === 'string'
      ? checkUrl(hooksOption, '--hooks-url').replace(/\/+$/, '')
      : `${new URL(baseUrl).origin}/__dev`;
  const grep = ((values.grep as string[] | undefined) ?? []).map((source) => {
    try {
      return new RegExp(source, 'i');
    } catch {
      throw new InputError(`--grep "${source}" is not a valid regular expression`);
    }
  });
  return {
    baseUrl,
    hooksUrl,
    hooksExplicit: typeof hooksOption === 'string',
    fixturesFile: typeof values.fixtures === 'string' ? values.fixtures : null,
    reporter,
    output: typeof values.output === 'string' ? values.output : null,
    grep,
    bail: values.bail === true,
    timeout: positiveInt(values.timeout, '--timeout', 30_000),
    concurrency: positiveInt(values.concurrency, '--concurrency', 1),
  };
}

function checkUrl(raw: string, option: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`${option} "${raw}" is not a URL (e.g. http://127.0.0.1:8787/api/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`${option} "${raw}" must be an http or https URL`);
  }
  return url.href;
}

function positiveInt(raw: unknown, option: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError(`${option} must be a positive integer, not "${raw}"`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Is the input usable?

function reason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer within 10 s';
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (cause?.code === 'ENOTFOUND') return 'host not found (ENOTFOUND)';
  if (cause?.code) return `${cause.message ?? 'network error'} (${cause.code})`;
  return cause?.message ?? e.message;
}

async function probe(url: string): Promise<Response> {
  return fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
}

/** The base URL answers, and it is this API: `GET <base>/openapi.json` is its OpenAPI document. */
export async function checkApi(baseUrl: string): Promise<void> {
  const docUrl = `${baseUrl}/openapi.json`;
  let res: Response;
  try {
    res = await probe(docUrl);
  } catch (e) {
    throw new InputError(`cannot reach ${baseUrl}: ${reason(e)}`);
  }
  const text = await res.text();
  const notThis = `${baseUrl} is not the personal-settings API`;
  if (res.status !== 200) {
    let hint = '';
    if (!/\/api\/v\d+$/.test(baseUrl)) {
      const guess = `${baseUrl}/api/v1`;
      const other = await probe(`${guess}/openapi.json`).catch(() => null);
      await other?.body?.cancel();
      if (other?.status === 200) hint = ` (did you mean --base-url ${guess}?)`;
    }
    throw new InputError(`${notThis}: GET ${docUrl} answered ${res.status}${hint}`);
  }
  let doc: { openapi?: unknown; paths?: Record<string, unknown> };
  try {
    doc = JSON.parse(text);
  } catch {
    const kind = /^\s*</.test(text) ? 'HTML' : 'something else';
    throw new InputError(`${notThis}: GET ${docUrl} answered ${kind}, not an OpenAPI document`);
  }
  if (typeof doc.openapi !== 'string' || !doc.paths || !('/auth/login' in doc.paths)) {
    throw new InputError(`${notThis}: its OpenAPI document at ${docUrl} has no /auth/login`);
  }
}

async function loadFixtures(file: string | null): Promise<Fixtures> {
  if (file === null) return DEFAULT_FIXTURES;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`fixtures file ${file}: ${code === 'ENOENT' ? 'not found' : reason(e)}`);
  }
  try {
    return parseFixtures(text, file);
  } catch (e) {
    if (e instanceof FixturesError) throw new InputError(e.message);
    throw e;
  }
}

/** The hooks answer (`GET <hooks>/outbox` matches the hooks contract), or `null` when there are none. */
async function findHooks(options: RunOptions): Promise<string | null> {
  if (options.hooksUrl === null) return null;
  try {
    await new DevClient({
      baseUrl: options.hooksUrl,
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(10_000) }),
    }).outbox();
    return options.hooksUrl;
  } catch (e) {
    if (options.hooksExplicit) {
      throw new InputError(
        `--hooks-url ${options.hooksUrl} does not offer the test hooks: ${oneLine(reason(e))}`,
      );
    }
    return null;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** Every fixture user signs in, and the backend shows their contacts as the fixtures say. */
async function checkUsers(fixtures: Fixtures, hooks: DevClient | null): Promise<void> {
  await hooks?.reset();
  for (const role of ['admin', 'operator', 'sso.user'] as Role[]) {
    const u = fixtures.users.find((x) => roleOf(x) === role);
    if (!u) continue;
    const b = new Browser('fixtures check');
    const login = await b.call('login', { body: credentials(role) });
    if (login.status !== 200) {
      const code = (login.json as { code?: unknown } | undefined)?.code;
      throw new InputError(
        `fixtures: user "${u.username}" cannot sign in: POST /auth/login answered ${login.status}${typeof code === 'string' ? ` ${code}` : ''}`,
      );
    }
    b.role = role;
    try {
      // A body that breaks the contract is for the tests to report, not a fixtures problem.
      const info = await b
        .call('getPersonalInfo')
        .then((reply) => expectOk(reply, 'getPersonalInfo'))
        .catch(() => null);
      for (const kind of ['mobile', 'email'] as const) {
        const want = u.contacts[kind];
        if (!info) break;
        const got = info[kind];
        const has = got.masked !== null;
        if (Boolean(want) !== has || (want && want.verified !== got.verified)) {
          const say = (present: boolean, verified: boolean) =>
            present ? (verified ? 'a verified' : 'an unverified') : 'no';
          throw new InputError(
            `fixtures: user "${u.username}": the fixtures give ${say(Boolean(want), Boolean(want?.verified))} ${kind}, the backend shows ${say(has, got.verified)} ${kind}`,
          );
        }
      }
    } finally {
      await b.logout().catch(() => undefined);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Running

export interface TestResult {
  test: SuiteTest;
  fullName: string;
  status: 'pass' | 'fail' | 'skip';
  ms: number;
  reason?: string;
  error?: string;
  exchange?: Exchange;
  notes: string[];
}

export function fullName(t: SuiteTest): string {
  return [t.file, ...t.groups, t.name].join(' › ');
}

function withTimeout(run: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  run.catch(() => undefined); // a test abandoned at its timeout must not crash the run later
  return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
}

async function runTests(
  tests: readonly SuiteTest[],
  options: RunOptions,
  hooks: boolean,
  onResult: (r: TestResult) => void,
): Promise<TestResult[]> {
  const results: TestResult[] = new Array(tests.length);
  let next = 0;
  let failed = false;
  const concurrency = hooks ? 1 : options.concurrency;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const test = tests[index];
      if (!test) return;
      const name = fullName(test);
      let result: TestResult;
      if (test.needsHooks && !hooks) {
        result = { test, fullName: name, status: 'skip', ms: 0, reason: NEEDS_DEV, notes: [] };
      } else if (failed && options.bail) {
        result = {
          test,
          fullName: name,
          status: 'skip',
          ms: 0,
          reason: 'not run: --bail after a failure',
          notes: [],
        };
      } else {
        const record: TestRecord = { exchanges: [], notes: [] };
        const started = performance.now();
        try {
          await withTimeout(test.run(record), test.timeout ?? options.timeout);
          result = {
            test,
            fullName: name,
            status: 'pass',
            ms: performance.now() - started,
            notes: record.notes,
          };
        } catch (e) {
          failed = true;
          result = {
            test,
            fullName: name,
            status: 'fail',
            ms: performance.now() - started,
            error: e instanceof Error ? e.message : String(e),
            // The last request before the failure (not the clean-up's sign-outs after it).
            exchange: record.exchanges[(record.failedAt ?? record.exchanges.length) - 1],
            notes: record.notes,
          };
        }
      }
      results[index] = result;
      onResult(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tests.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Reporters

function formatExchange(x: Exchange): string {
  const lines = [`Request:  ${x.request.method} ${x.request.url}`];
  for (const [k, v] of x.request.headers) lines.push(`  ${k}: ${v}`);
  if (x.request.body !== null) lines.push(`  ${x.request.body}`);
  if (x.response) {
    lines.push(`Response: ${x.response.status}`);
    for (const [k, v] of x.response.headers) lines.push(`  ${k}: ${v}`);
    if (x.response.body) lines.push(`  ${x.response.body}`);
  } else {
    lines.push('Response: none (the request failed or did not finish)');
  }
  return lines.join('\n');
}

/** What broke, then the last request and its response. */
export function failureText(r: TestResult): string {
  const parts = [r.error ?? 'failed'];
  if (r.exchange) parts.push(formatExchange(r.exchange));
  if (r.notes.length) parts.push(r.notes.join('\n'));
  return parts.join('\n\n');
}

function summary(results: TestResult[], seconds: number): string {
  const count = (s: TestResult['status']) => results.filter((r) => r.status === s).length;
  return `tests ${results.length} · passed ${count('pass')} · failed ${count('fail')} · skipped ${count('skip')} · ${seconds.toFixed(1)} s`;
}

class SpecProgress {
  #lastPath: string[] = [];
  readonly #write: (s: string) => void;
  constructor(write: (s: string) => void) {
    this.#write = write;
  }
  result(r: TestResult): void {
    const path = [r.test.file, ...r.test.groups];
    let same = 0;
    while (same < path.length && path[same] === this.#lastPath[same]) same++;
    for (let i = same; i < path.length; i++) this.#write(`${'  '.repeat(i)}${path[i]}\n`);
    this.#lastPath = path;
    const indent = '  '.repeat(path.length);
    if (r.status === 'pass') this.#write(`${indent}✔ ${r.test.name} (${Math.round(r.ms)} ms)\n`);
    else if (r.status === 'skip') this.#write(`${indent}﹣ ${r.test.name} # SKIP ${r.reason}\n`);
    else this.#write(`${indent}✖ ${r.test.name} (${Math.round(r.ms)} ms)\n`);
  }
  end(results: TestResult[], seconds: number): void {
    const failures = results.filter((r) => r.status === 'fail');
    if (failures.length) {
      this.#write(`\nFailures:\n`);
      failures.forEach((r, i) => {
        this.#write(`\n${i + 1}) ${r.fullName}\n${indentText(failureText(r), '   ')}\n`);
      });
    }
    this.#write(`\n${failures.length ? '✖' : '✔'} ${summary(results, seconds)}\n`);
  }
}

function indentText(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

export function tapReport(results: TestResult[]): string {
  const out = ['TAP version 14', `1..${results.length}`];
  results.forEach((r, i) => {
    const name = r.fullName.replace(/#/g, '\\#');
    if (r.status === 'skip') out.push(`ok ${i + 1} - ${name} # SKIP ${r.reason}`);
    else if (r.status === 'pass')
      out.push(`ok ${i + 1} - ${name}`, `  ---`, `  duration_ms: ${r.ms.toFixed(1)}`, `  ...`);
    else {
      out.push(`not ok ${i + 1} - ${name}`, '  ---', `  duration_ms: ${r.ms.toFixed(1)}`, '  message: |');
      out.push(indentText(failureText(r), '    '), '  ...');
    }
  });
  return `${out.join('\n')}\n`;
}

const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xml(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function junitReport(
  results: TestResult[],
  seconds: number,
  baseUrl: string,
  hooksUrl: string | null,
): string {
  const files = [...new Set(results.map((r) => r.test.file))];
  const count = (list: TestResult[], s: TestResult['status']) => list.filter((r) => r.status === s).length;
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${BIN}" tests="${results.length}" failures="${count(results, 'fail')}" errors="0" skipped="${count(results, 'skip')}" time="${seconds.toFixed(3)}">`,
  ];
  for (const file of files) {
    const list = results.filter((r) => r.test.file === file);
    const time = list.reduce((sum, r) => sum + r.ms, 0);
    lines.push(
      `  <testsuite name="${xml(file)}" tests="${list.length}" failures="${count(list, 'fail')}" errors="0" skipped="${count(list, 'skip')}" time="${secs(time)}">`,
      '    <properties>',
      `      <property name="base-url" value="${xml(baseUrl)}"/>`,
      `      <property name="hooks-url" value="${xml(hooksUrl ?? 'none')}"/>`,
      '    </properties>',
    );
    for (const r of list) {
      const classname = xml([file, ...r.test.groups].join(' › '));
      const open = `    <testcase classname="${classname}" name="${xml(r.test.name)}" time="${secs(r.ms)}"`;
      if (r.status === 'pass' && r.notes.length === 0) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (r.status === 'skip') lines.push(`      <skipped message="${xml(r.reason ?? '')}"/>`);
      if (r.status === 'fail') {
        const first = (r.error ?? 'failed').split('\n')[0] ?? '';
        lines.push(
          `      <failure message="${xml(first.slice(0, 500))}" type="ContractViolation">${xml(failureText(r))}</failure>`,
        );
      }
      if (r.notes.length) lines.push(`      <system-out>${xml(r.notes.join('\n'))}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Main

export interface RunIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Imports every suite file, calling `begin(name)` before each. */
  loadSuites: (begin: (file: string) => void) => Promise<void>;
}

/** Run the suite; resolves to the exit code (never throws). */
export async function runContract(argv: string[], io: RunIo): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const fixtures = await loadFixtures(options.fixturesFile);
    await checkApi(options.baseUrl);
    const hooksUrl = await findHooks(options);
    configure({ api: options.baseUrl, origin: new URL(options.baseUrl).origin, hooksUrl, fixtures });
    await checkUsers(fixtures, hooksUrl === null ? null : new DevClient({ baseUrl: hooksUrl }));

    await io.loadSuites(beginFile);
    const all = registeredTests();
    const tests = options.grep.length
      ? all.filter((t) => options.grep.some((re) => re.test(fullName(t))))
      : all;
    if (tests.length === 0) {
      throw new InputError(`no test matches --grep ${options.grep.map((r) => r.source).join(', ')}`);
    }

    const toStdout = options.output === null ? options.reporter : 'spec';
    const spec = toStdout === 'spec' ? new SpecProgress(io.stdout) : null;
    if (spec) {
      io.stdout(`${BIN}: ${options.baseUrl}\n`);
      io.stdout(
        hooksUrl
          ? `test hooks: ${hooksUrl}\n`
          : `test hooks: none${options.hooksUrl ? ` at ${options.hooksUrl}` : ''} — the tests that need them are skipped\n`,
      );
      if (hooksUrl && options.concurrency > 1) {
        io.stdout(
          '--concurrency: with test hooks every test starts from a reset backend, so one at a time\n',
        );
      }
      io.stdout('\n');
    }
    const started = performance.now();
    const results = await runTests(tests, options, hooksUrl !== null, (r) => spec?.result(r));
    const seconds = (performance.now() - started) / 1000;
    spec?.end(results, seconds);

    const report = (name: ReporterName) =>
      name === 'tap'
        ? tapReport(results)
        : name === 'junit'
          ? junitReport(results, seconds, options.baseUrl, hooksUrl)
          : null;
    if (options.output !== null) {
      const text = report(options.reporter) ?? specText(results, seconds);
      try {
        await writeFile(options.output, text);
      } catch (e) {
        throw new InputError(`cannot write --output ${options.output}: ${reason(e)}`);
      }
      io.stdout(`report (${options.reporter}): ${options.output}\n`);
    } else if (!spec) {
      io.stdout(report(options.reporter) ?? '');
    }
    return results.some((r) => r.status === 'fail') ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`${BIN}: ${e.message}\n`);
      return 2;
    }
    io.stderr(`${BIN}: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
}

function specText(results: TestResult[], seconds: number): string {
  let text = '';
  const spec = new SpecProgress((s) => {
    text += s;
  });
  for (const r of results) spec.result(r);
  spec.end(results, seconds);
  return text;
}
