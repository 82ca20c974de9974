/**
 * The mock server on Node: lowdb on a JSON file + @hono/node-server. The only Node-specific file.
 *
 *   npm run mock -- [--port 8787] [--host 127.0.0.1] [--db .mock-data/db.json] [--no-dev-routes]
 *                   [--cors-origin https://console.example.com]… [--trusted-origin http://localhost:5173]…
 *                   [--seed-users 10000] [--reset]
 *   --reset           replace the db file with the seed data (a corrupt or empty one included).
 *   --cors-origin     a page on that origin calls this server directly (CORS with credentials).
 *   --trusted-origin  a page on that origin reaches this server through a proxy that rewrites Host
 *                     (Vite changeOrigin: true, Next.js rewrites): its changes are accepted, no CORS.
 * Env: MOCK_PORT, MOCK_HOST, MOCK_DB, MOCK_DEV_ROUTES=0, MOCK_CORS_ORIGINS, MOCK_TRUSTED_ORIGINS
 * (both comma-separated).
 */
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { TextFile } from 'lowdb/node';
import { createMockApp } from './app.js';
import { OffsetClock } from './clock.js';
import { seedData, SEEDED_LOGINS } from './seed.js';
import { CorruptDatabaseError, Store } from './store.js';

export interface StartOptions {
  port: number;
  host: string;
  db: string;
  devRoutes: boolean;
  corsOrigins: string[];
  trustedOrigins?: string[];
  seedUsers: number;
  /** Replace the db file with the seed data, whatever it holds. */
  reset?: boolean;
  quiet?: boolean;
}

export const MOCK_HELP = `Usage: personal-settings-mock [options]      (in this repository: npm run mock -- [options])

The personal-settings mock backend: the REST API at <url>/api/v1 (reference at /api/v1/docs,
OpenAPI at /api/v1/openapi.json) and its test hooks at <url>/__dev, on a lowdb JSON file.

Options:
  --port N               port (default 8787; 0 picks a free one)            env MOCK_PORT
  --host HOST            interface (default 127.0.0.1)                      env MOCK_HOST
  --db FILE              the JSON database (default .mock-data/db.json)     env MOCK_DB
  --no-dev-routes        without the test hooks (/__dev/*)                  env MOCK_DEV_ROUTES=0
  --cors-origin ORIGIN   a page on that origin calls this server directly (CORS with
                         credentials); repeatable                           env MOCK_CORS_ORIGINS
  --trusted-origin ORIGIN  a page on that origin reaches this server through a proxy that
                         rewrites Host (Vite changeOrigin, Next.js rewrites); repeatable
                                                                            env MOCK_TRUSTED_ORIGINS
  --seed-users N         N extra generated users (load tests)
  --reset                replace the db file with the seed data (a corrupt or empty one included)
  -h, --help             this text

Examples:
  npx personal-settings-mock
  npx personal-settings-mock --port 9000 --db /tmp/mock.json --cors-origin http://localhost:5173
  npx personal-settings-mock --no-dev-routes   # as a production backend would look`;

class StartupError extends Error {}

/** One writer per db file: a second server on the same file would silently lose writes. */
function acquireLock(dbPath: string): () => void {
  const lockPath = `${dbPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new StartupError(
          `Another mock server (pid ${pid}) is already using ${dbPath}.\n` +
            `Stop it, or start this one with another --db path.`,
        );
      }
      rmSync(lockPath, { force: true }); // stale lock from a crashed process
    }
  }
  throw new StartupError(`Could not lock ${dbPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startMockServer(options: StartOptions) {
  const dbPath = resolve(options.db);
  mkdirSync(dirname(dbPath), { recursive: true });
  const release = acquireLock(dbPath);
  let store: Store;
  try {
    if (options.reset) rmSync(dbPath, { force: true });
    store = await Store.open(new TextFile(dbPath), () => seedData({ extraUsers: options.seedUsers }));
  } catch (e) {
    release();
    if (e instanceof CorruptDatabaseError) {
      throw new StartupError(
        `The mock database at ${dbPath} is corrupt (${e.message}).\n` +
          `Nothing was changed. Start with --reset (or delete that file) to start from the seed data, or restore a backup.`,
      );
    }
    throw e;
  }
  const clock = new OffsetClock();
  const app = createMockApp({
    store,
    clock,
    config: {
      devRoutes: options.devRoutes,
      corsOrigins: options.corsOrigins,
      trustedOrigins: options.trustedOrigins ?? [],
      seedExtraUsers: options.seedUsers,
    },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolveListen, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolveListen(s));
    s.once('error', reject);
  }).catch((e: NodeJS.ErrnoException) => {
    release();
    throw new StartupError(
      e.code === 'EADDRINUSE'
        ? `Port ${options.port} on ${options.host} is already in use; pass --port.`
        : e.message,
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  const close = () =>
    new Promise<void>((done) => {
      server.close(() => {
        release();
        done();
      });
    });
  return { url, port, store, close };
}

/** The command's options (`MOCK_HELP` documents each; test/cli/mock-help.test.ts holds them together). */
export const MOCK_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  'no-dev-routes': { type: 'boolean' },
  'cors-origin': { type: 'string', multiple: true },
  'trusted-origin': { type: 'string', multiple: true },
  'seed-users': { type: 'string' },
  reset: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function optionsFromArgs(argv: string[]): StartOptions {
  const { values } = parseArgs({ args: argv, options: MOCK_OPTIONS });
  if (values.help) {
    console.log(MOCK_HELP);
    process.exit(0);
  }
  const port = Number(values.port ?? process.env.MOCK_PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new StartupError(`Invalid port: ${values.port}`);
  const seedUsers = Number(values['seed-users'] ?? 0);
  if (!Number.isInteger(seedUsers) || seedUsers < 0) throw new StartupError('Invalid --seed-users');
  return {
    port,
    host: values.host ?? process.env.MOCK_HOST ?? '127.0.0.1',
    db: values.db ?? process.env.MOCK_DB ?? '.mock-data/db.json',
    devRoutes: !(values['no-dev-routes'] || process.env.MOCK_DEV_ROUTES === '0'),
    corsOrigins: origins(values['cors-origin'], process.env.MOCK_CORS_ORIGINS, '--cors-origin'),
    trustedOrigins: origins(values['trusted-origin'], process.env.MOCK_TRUSTED_ORIGINS, '--trusted-origin'),
    seedUsers,
    reset: values.reset ?? false,
  };
}

/** Origins from repeated flags and a comma-separated variable, each checked to be a bare origin. */
function origins(flags: string[] | undefined, env: string | undefined, flag: string): string[] {
  const list = [
    ...(flags ?? []),
    ...(env ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
  for (const origin of list) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || parsed.origin !== origin) {
      throw new StartupError(
        `Invalid ${flag} "${origin}": give an origin like http://localhost:5173 (scheme, host and port; no path or trailing slash).`,
      );
    }
  }
  return list;
}

async function main() {
  try {
    const options = optionsFromArgs(process.argv.slice(2));
    const { url, close } = await startMockServer(options);
    console.log(`mock-server: listening on ${url}`);
    console.log(
      `  API        ${url}/api/v1   (reference: ${url}/api/v1/docs, OpenAPI: ${url}/api/v1/openapi.json)`,
    );
    console.log(`  db         ${resolve(options.db)}`);
    console.log(
      `  dev routes ${options.devRoutes ? `${url}/__dev/outbox, /reset, /clock, /notifications` : 'off'}`,
    );
    console.log(
      `  logins     ${SEEDED_LOGINS.map((l) => `${l.username}${l.password ? ` / ${l.password}` : ' (SSO)'}`).join(', ')}`,
    );
    const stop = () => void close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (e) {
    console.error(`mock-server: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

/**
 * Run as a program: `tsx mock-server/node.ts`, this file bundled (test/helpers-node/spawn-mock.ts), or the
 * `personal-settings-mock` bin, which npm links from node_modules/.bin (so compare real paths).
 */
function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  if (entry.endsWith('mock-server/node.ts')) return true;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) void main();
