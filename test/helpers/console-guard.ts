/**
 * Fails a test on console noise: any `console.error` or `console.warn` (Lit's dev-mode warnings use
 * `console.warn`), and unhandled promise rejections, that the test did not declare with
 * `allowConsole()`. Registered once, as root mocha hooks, by importing `./setup.js`.
 *
 * The failure is reported on the test itself (its body is wrapped), so mocha keeps running the
 * rest of the suite. A message logged after the test body settled (or in a `done`-style test) is
 * reported by the root `afterEach` hook instead.
 */

export type ConsoleLevel = 'error' | 'warn';

export interface ConsoleRecord {
  level: ConsoleLevel | 'unhandledrejection';
  text: string;
  allowed: boolean;
}

interface Allowance {
  pattern: RegExp | string;
  level: ConsoleLevel | 'any';
  hits: number;
}

const INSTALLED = Symbol.for('personal-settings.console-guard');
type GuardedGlobal = typeof globalThis & { [INSTALLED]?: boolean };

let allowances: Allowance[] = [];
let unexpected: ConsoleRecord[] = [];
let records: ConsoleRecord[] = [];

function describeArg(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  if (arg instanceof Node) return `<${arg.nodeName.toLowerCase()}>`;
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

function matches(allowance: Allowance, level: ConsoleRecord['level'], text: string): boolean {
  if (allowance.level !== 'any' && allowance.level !== level) return false;
  return typeof allowance.pattern === 'string'
    ? text.includes(allowance.pattern)
    : allowance.pattern.test(text);
}

function record(level: ConsoleRecord['level'], text: string): boolean {
  const allowance = allowances.find((a) => matches(a, level, text));
  if (allowance) allowance.hits += 1;
  const entry: ConsoleRecord = { level, text, allowed: allowance !== undefined };
  records.push(entry);
  if (!allowance) unexpected.push(entry);
  return entry.allowed;
}

/**
 * Declare a console message the current test expects (it is then neither forwarded nor a failure).
 * `pattern` is a substring or a RegExp tested against the message text. Allowances last for the
 * current test only. Returns a function giving how many messages matched so far.
 */
export function allowConsole(pattern: RegExp | string, level: ConsoleLevel | 'any' = 'any'): () => number {
  const allowance: Allowance = { pattern, level, hits: 0 };
  allowances.push(allowance);
  return () => allowance.hits;
}

/** Every console message the guard saw in the current test (allowed or not), oldest first. */
export function consoleRecords(): readonly ConsoleRecord[] {
  return records;
}

function takeFailure(where: string): Error | null {
  if (unexpected.length === 0) return null;
  const lines = unexpected.map((r) => `  console.${r.level}: ${r.text}`);
  unexpected = [];
  return new Error(
    `Unexpected console output ${where}:\n${lines.join('\n')}\n` +
      '(declare an expected message with allowConsole(pattern) from test/helpers/console-guard.js)',
  );
}

function patch(level: ConsoleLevel) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const allowed = record(level, args.map(describeArg).join(' '));
    if (!allowed) original(...args);
  };
}

type TestFn = (this: Mocha.Context) => unknown;

/** Installs the console patches and the root hooks; safe to call more than once. */
export function installConsoleGuard(): void {
  const g = globalThis as GuardedGlobal;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  patch('error');
  patch('warn');
  globalThis.addEventListener('unhandledrejection', (event) => {
    record('unhandledrejection', describeArg(event.reason));
  });

  beforeEach(function guardBeforeEach(this: Mocha.Context) {
    allowances = [];
    records = [];
    const test = this.currentTest;
    const original = test?.fn as TestFn | undefined;
    // Only wrap promise/sync tests: a `done`-style test is checked in afterEach.
    if (!test || !original || original.length > 0) return;
    test.fn = async function guardedTest(this: Mocha.Context) {
      try {
        await original.call(this);
      } catch (error) {
        // The test failed on its own: attach the console output to its error, don't fail the hook.
        const noise = takeFailure('during the test');
        if (noise && error instanceof Error) error.message += `\n\n${noise.message}`;
        throw error;
      }
      const failure = takeFailure('during the test (or while its file loaded)');
      if (failure) throw failure;
    };
  });

  afterEach(function guardAfterEach() {
    const failure = takeFailure('after the test body finished');
    allowances = [];
    if (failure) throw failure;
  });
}
