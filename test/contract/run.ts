/**
 * Runs the black-box contract suite against a backend.
 *
 *   npm run test:contract                                  # starts the mock server on a fresh temp db
 *   npm run test:contract -- --base-url http://host:8080   # any backend (API at <url>/api/v1)
 *
 * Options:
 *   --base-url URL          the server root; without it the mock server is started and stopped here
 *   --api-path PATH         the API base under the root (default /api/v1)
 *   --no-dev-routes         treat the backend as having no /__dev/ routes (those tests are skipped)
 *   --test-name-pattern RE  only tests whose name matches (repeatable)
 *   --file NAME             only test/contract/NAME(.test.ts) (repeatable)
 *
 * Exit code: 0 when every test passed (skips allowed), non-zero otherwise.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const STARTUP_TIMEOUT_MS = 30_000;

interface Options {
  baseUrl: string | undefined;
  apiPath: string;
  devRoutes: boolean;
  patterns: string[];
  files: string[];
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      'api-path': { type: 'string', default: '/api/v1' },
      'no-dev-routes': { type: 'boolean', default: false },
      'test-name-pattern': { type: 'string', multiple: true, default: [] },
      file: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(
      'usage: npm run test:contract -- [--base-url URL] [--api-path /api/v1] [--no-dev-routes]\n' +
        '                             [--test-name-pattern RE]… [--file NAME]…\n' +
        'Without --base-url the mock server is started on a fresh temporary db. See test/contract/README.md.',
    );
    process.exit(0);
  }
  return {
    baseUrl: values['base-url'],
    apiPath: values['api-path'] ?? '/api/v1',
    devRoutes: !values['no-dev-routes'],
    patterns: values['test-name-pattern'] ?? [],
    files: values.file ?? [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The mock server (when no --base-url)

interface Server {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

const children = new Set<ChildProcess>();

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      done();
      return;
    }
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function startMockServer(): Promise<Server> {
  const dir = await mkdtemp(join(tmpdir(), 'contract-mock-'));
  const db = join(dir, 'db.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'mock-server/node.ts', '--host', '127.0.0.1', '--port', '0', '--db', db],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  children.add(child);
  const lines: string[] = [];
  const remember = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stderr?.on('data', remember);

  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`mock server did not report its URL within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      remember(chunk);
      buffered += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`mock server exited during start-up (code ${code}, signal ${signal})`));
    });
  }).catch(async (e: unknown) => {
    await stopChild(child);
    children.delete(child);
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `${e instanceof Error ? e.message : String(e)}\n--- mock server output ---\n${lines.join('\n')}`,
    );
  });

  return {
    url: url.replace(/\/+$/, ''),
    output: () => lines.join('\n'),
    async stop() {
      await stopChild(child);
      children.delete(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The suite

async function testFiles(only: string[]): Promise<string[]> {
  const all = (await readdir(here)).filter((f) => f.endsWith('.test.ts')).sort();
  const wanted = only.map((f) => (f.endsWith('.test.ts') ? f : `${f.replace(/\.ts$/, '')}.test.ts`));
  const chosen = wanted.length ? all.filter((f) => wanted.includes(f)) : all;
  if (wanted.length && chosen.length !== wanted.length) {
    throw new Error(`unknown test file(s): ${wanted.filter((w) => !all.includes(w)).join(', ')}`);
  }
  return chosen.map((f) => join(here, f));
}

async function hasDevRoutes(root: string): Promise<boolean> {
  try {
    const res = await fetch(`${root}/__dev/outbox`);
    await res.body?.cancel();
    return res.status !== 404;
  } catch (e) {
    throw new Error(`cannot reach ${root}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function runSuite(files: string[], env: NodeJS.ProcessEnv, patterns: string[]): Promise<number> {
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=1',
    ...patterns.map((p) => `--test-name-pattern=${p}`),
    ...files,
  ];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env });
  children.add(child);
  return new Promise((done) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      done(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<number> {
  const options = parseOptions();
  const files = await testFiles(options.files);
  let server: Server | null = null;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    void Promise.all([...children].map(stopChild)).finally(() => {
      void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (options.baseUrl) {
      console.log(`contract suite: backend ${options.baseUrl}`);
    } else {
      server = await startMockServer();
      console.log(`contract suite: started the mock server at ${server.url}`);
    }
    const root = (options.baseUrl ?? server?.url ?? '').replace(/\/+$/, '');
    const devRoutes = options.devRoutes && (await hasDevRoutes(root));
    if (!devRoutes) console.log('contract suite: no /__dev routes — tests that need them are skipped');
    const env = {
      ...process.env,
      CONTRACT_BASE_URL: root,
      CONTRACT_API_PATH: options.apiPath,
      CONTRACT_DEV_ROUTES: devRoutes ? '1' : '0',
    };
    const code = await runSuite(files, env, options.patterns);
    if (code !== 0 && server && !interrupted) {
      console.error(`\n--- mock server output (last lines) ---\n${server.output()}\n---`);
    }
    return code;
  } finally {
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`contract suite: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
