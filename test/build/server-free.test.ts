/**
 * The elements' entries never pull in server code: each public entry of the library (vite.config.ts's
 * LIBRARY_ENTRIES, what `dist/` ships) bundled with esbuild, and no input may come from hono,
 * @hono/*, lowdb, steno, msw or mock-server/. The mock ships separately (dist/bin, ./msw).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LIBRARY_ENTRIES } from '../../vite.config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = /(^|\/)node_modules\/(hono|@hono\/[^/]+|lowdb|steno|msw)\/|(^|\/)mock-server\//;

describe('element bundles are server-free', () => {
  for (const [name, entry] of Object.entries(LIBRARY_ENTRIES)) {
    it(`${name} (${entry}) has no hono, lowdb, msw or mock-server input`, async () => {
      const result = await build({
        entryPoints: [join(root, entry)],
        bundle: true,
        write: false,
        metafile: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        splitting: true,
        outdir: join(root, 'node_modules/.cache/server-free'),
        tsconfig: join(root, 'tsconfig.json'),
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      assert.ok(inputs.length > 1, 'the entry was bundled with its imports');
      const server = inputs.filter((input) => SERVER.test(input));
      assert.deepEqual(server, [], `${name} pulls in server code`);
    });
  }

  it('the check itself sees server code where it is (mock-server/msw/index.ts)', async () => {
    const result = await build({
      entryPoints: [join(root, 'mock-server/msw/index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      external: ['msw'],
      outdir: join(root, 'node_modules/.cache/server-free'),
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((i) => /node_modules\/hono\//.test(i)), 'hono is found');
    assert.ok(inputs.some((i) => /node_modules\/lowdb\//.test(i)), 'lowdb is found');
  });
});
