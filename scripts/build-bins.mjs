#!/usr/bin/env node
// After the library build (`npm run build` = `vite build` + this): what the package ships beside the
// elements, each bundled with esbuild so that installing the elements never installs server code.
//
//   dist/bin/personal-settings-contract.js  the contract suite (test/contract/cli.ts): every suite file,
//                                           the runner, zod — Node built-ins only at runtime
//   dist/bin/personal-settings-mock.js      the mock server (mock-server/node.ts) with hono,
//                                           @hono/node-server and lowdb inside
//   dist/msw.js (+ dist/types/msw/…)        `personal-settings-elements/msw`: msw handlers forwarding to
//                                           the same Hono app in memory (hono and lowdb inside; `msw`
//                                           itself is the integrator's, an optional peer dependency)
//
// Why bundle instead of listing hono/lowdb as dependencies: a host that installs the elements gets lit's
// peers and two small dependencies, not a web server; the commands still run with `npx` from a folder
// holding only the tarball. Node 20.19+ (target node20), ES modules.
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { reachable } from './reachable.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...p) => join(root, ...p);

// Bundled CommonJS code (a dependency's `require('node:…')`) needs `require` inside an ES module.
const nodeBanner = [
  "import { createRequire as __createRequire } from 'node:module';",
  'const require = __createRequire(import.meta.url);',
].join('\n');

const suiteFiles = readdirSync(at('test/contract'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -'.test.ts'.length))
  .sort();

const common = { bundle: true, logLevel: 'warning', legalComments: 'none', sourcemap: false };

await Promise.all([
  build({
    ...common,
    entryPoints: [at('test/contract/cli.ts')],
    outfile: at('dist/bin/personal-settings-contract.js'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: nodeBanner },
    define: { SUITE_FILES: JSON.stringify(suiteFiles) },
  }),
  build({
    ...common,
    entryPoints: [at('mock-server/node.ts')],
    outfile: at('dist/bin/personal-settings-mock.js'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: `#!/usr/bin/env node\n${nodeBanner}` },
  }),
  build({
    ...common,
    entryPoints: [at('mock-server/msw/index.ts')],
    outfile: at('dist/msw.js'),
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // The package's own dependencies stay imports (one copy with the elements); msw is the integrator's.
    external: ['msw', 'msw/*', 'zod', 'zod/*', 'libphonenumber-js', 'libphonenumber-js/*'],
    sourcemap: true,
    // Like the library build: file names and lines for stack traces, no embedded sources (issue #13).
    sourcesContent: false,
  }),
]);
for (const bin of ['personal-settings-contract', 'personal-settings-mock']) {
  const file = at('dist/bin', `${bin}.js`);
  if (!readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node')) {
    throw new Error(`${bin}: the bundle lost its #! line`);
  }
  chmodSync(file, 0o755);
}

// Declarations for ./msw: tsc emits one per file of the program; keep only what index.d.ts reaches.
const typesDir = at('dist/types/msw');
rmSync(typesDir, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [at('node_modules/typescript/bin/tsc'), '-p', at('mock-server/msw/tsconfig.build.json')],
  { cwd: root, stdio: 'inherit' },
);
if (tsc.status !== 0) throw new Error('tsc -p mock-server/msw/tsconfig.build.json failed');
const entryTypes = join(typesDir, 'mock-server/msw/index.d.ts');
// What index.d.ts reaches through relative imports (static or `import('…')` types).
const keep = reachable(entryTypes, (file) =>
  [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'|import\('(\.{1,2}\/[^']+)'\)/g)].map(
    ([, from, dynamic]) => resolve(dirname(file), (from ?? dynamic).replace(/\.js$/, '.d.ts')),
  ),
);
(function prune(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      prune(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (!keep.has(path)) rmSync(path);
  }
})(typesDir);
const leaks = [...keep].filter((f) => /from '(hono|lowdb|@hono\/)/.test(readFileSync(f, 'utf8')));
if (leaks.length) {
  throw new Error(`./msw types reach server packages: ${leaks.map((f) => relative(root, f)).join(', ')}`);
}
console.log(
  `built dist/bin (${suiteFiles.length} contract suite files), dist/msw.js, ${keep.size} .d.ts for ./msw`,
);
