/**
 * `npm run test:contract`: the contract suite against the mock server, started here on a fresh temporary
 * db (through tsx) and stopped at the end, also on failure and Ctrl-C. Every option of the suite's runner
 * passes through (see `--help`); with `--base-url` no mock is started.
 *
 *   npm run test:contract                                    # the mock, with its test hooks
 *   npm run test:contract -- --no-dev-routes                 # the mock started without them
 *   npm run test:contract -- --file challenges --bail        # one suite file (repeatable)
 *   npm run test:contract -- --base-url http://host:8080/api/v1 --reporter junit --output r.xml
 *
 * The shipped command (`personal-settings-contract`, cli.ts) is the same runner without the mock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runContract } from './runner.js';
import { loadSuites } from './suites.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const STARTUP_TIMEOUT_MS = 30_000;

/** This script's own options; everything else goes to the runner. */
function splitOptions(argv: string[]): { devRoutes: boolean; passThrough: string[]; external: boolean } {
  const passThrough: string[] = [];
  let devRoutes = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag === '--no-dev-routes') devRoutes = false;
    else if (flag === '--file') {
      const name = (inline ?? argv[++i] ?? '').replace(/\.test\.ts$|\.ts$/, '');
      passThrough.push('--grep', `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ›`);
    } else passThrough.push(arg);
  }
  const external = passThrough.some((a) => a === '--base-url' || a.startsWith('--base-url='));
  return { devRoutes, passThrough, external };
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

async function startMockServer(devRoutes: boolean): Promise<Server> {
  const dir = await mkdtemp(join(tmpdir(), 'contract-mock-'));
  const db = join(dir, 'db.json');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'mock-server/node.ts',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--db',
      db,
      ...(devRoutes ? [] : ['--no-dev-routes']),
    ],
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

async function main(): Promise<number> {
  const { devRoutes, passThrough, external } = splitOptions(process.argv.slice(2));
  const io = {
    stdout: (text: string) => void process.stdout.write(text),
    stderr: (text: string) => void process.stderr.write(text),
    loadSuites,
  };
  if (external || passThrough.includes('--help') || passThrough.includes('-h')) {
    return runContract(passThrough, io);
  }
  const server = await startMockServer(devRoutes);
  const onSignal = (signal: NodeJS.Signals) => {
    void server.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    console.log(
      `contract suite: started the mock server at ${server.url}${devRoutes ? '' : ' (no dev routes)'}`,
    );
    const code = await runContract(['--base-url', `${server.url}/api/v1`, ...passThrough], io);
    // A broken rule (exit 1): the server's side of the story helps; unusable input (exit 2) says it all.
    if (code === 1) console.error(`\n--- mock server output (last lines) ---\n${server.output()}\n---`);
    return code;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`contract suite: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
