import { type ChildProcess, type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

let compiled: Promise<string> | undefined;

/**
 * `mock-server/node.ts` compiled once per test process with esbuild (the same transform tsx applies;
 * packages stay in node_modules). A spawn then starts in ~0.3 s instead of tsx's 1.5–5 s on this
 * 2-core machine, which is what makes 20 rounds of kill -9 affordable in `npm test`.
 */
export function serverEntry(): Promise<string> {
  compiled ??= (async () => {
    const dir = join(root, 'node_modules', '.cache', 'mock-server-test');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `node-${process.pid}.mjs`);
    await build({
      entryPoints: [join(root, 'mock-server', 'node.ts')],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'warning',
    });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return compiled;
}

async function spawnServer(args: string[]): Promise<ChildProcessByStdio<null, Readable, Readable>> {
  return spawn(process.execPath, [await serverEntry(), '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface SpawnedMock {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Start the real mock server (`mock-server/node.ts`) on 127.0.0.1 and a free port. */
export async function spawnMock(args: string[], { timeoutMs = 20_000 } = {}): Promise<SpawnedMock> {
  const child = await spawnServer(args);
  let out = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mock server did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output: () => out, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`mock server exited with ${code}:\n${out}`), { output: out, code }));
    });
  });
}

/** Run the server to completion (for start-up refusals): resolves with its exit code and output. */
export async function runMockToExit(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = await spawnServer(args);
  return new Promise((resolve) => {
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      if (/listening on/.test(output)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}
