/**
 * Shared by the package tests (`npm run test:package`, test/e2e/package*.test.ts): the library built
 * and packed once, and fresh host projects that install the tarball from the npm registry (through
 * the npm cache) as an integrator's would.
 *
 * The runner (test/e2e/package-run.ts) builds and packs once and names the tarball in
 * `PACKAGE_TARBALL`; a file run on its own (`node --import tsx --test test/e2e/package-cdn.test.ts`)
 * builds and packs for itself.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { root, tempDir } from './helpers.js';

export const PACKAGE_NAME = 'personal-settings-elements';
/** Set by the runner: the packed tarball every package test installs. */
export const TARBALL_ENV = 'PACKAGE_TARBALL';

/** Run a command to completion; its stdout, or an error with both outputs. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** `npm run build` then `npm pack` into `dir`; the tarball's path. */
export function buildAndPack(dir: string): string {
  run('npm', ['run', '--silent', 'build'], root);
  // Built just above: skip `prepack` (it would build again, and its output would break the JSON).
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root),
  ) as { filename: string }[];
  const tarball = join(dir, packed[0]?.filename ?? '');
  assert.ok(existsSync(tarball), 'npm pack wrote a tarball');
  return tarball;
}

let own: Promise<string> | undefined;

/** The tarball under test: the runner's, or one built and packed for this process. */
export function packedTarball(): Promise<string> {
  const shared = process.env[TARBALL_ENV];
  if (shared) return Promise.resolve(shared);
  own ??= tempDir('package-tarball-').then((dir) => {
    process.once('exit', () => spawnSync('rm', ['-rf', dir.path]));
    return buildAndPack(dir.path);
  });
  return own;
}

/**
 * A fresh host project in `dir` with `files` written, the tarball and `deps` installed with npm
 * (registry through the npm cache, `--prefer-offline`).
 */
export function hostProject(
  dir: string,
  tarball: string,
  deps: readonly string[],
  files: Record<string, string>,
): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'host-app', private: true, type: 'module' }, null, 2)}\n`,
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...deps], dir);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Started {
  /** Everything the process printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Start a long-running command (its own process group, so `stop` ends its children too). */
export function start(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        await exited;
      }
    },
  };
}

/** Wait until `url` answers (any status); throws with `what`'s output after `timeoutMs`. */
export async function waitForHttp(url: string, started: Started, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} never answered:\n${started.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
