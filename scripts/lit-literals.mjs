// Build-time minification of Lit's css`…` and html`…` literals in our own sources, done by the maintained
// `minify-literals` package (lightningcss for css``, html-minifier-next for html``), wrapped as the three
// plugins our builds use, so the size the benchmark reports is the size we ship and the browser tests run
// the templates as shipped:
//   - vite.config.ts (the library build in dist/ and the demo build): viteMinifyLiterals();
//   - scripts/bench-size.mjs and scripts/bench-render.mjs (esbuild): esbuildMinifyLiterals();
//   - test/web-test-runner.config.mjs (the dev server of the Chromium tests): wtrMinifyLiterals().
// HTML whitespace is collapsed conservatively (a run becomes one space, never nothing), so text that reads
// "a b" in a template still does.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { minifyHTMLLiterals } from 'minify-literals';

const ROOT = resolve(import.meta.dirname, '..');

/** @type {import('minify-literals').Options['html']} */
const HTML = { collapseWhitespace: true, conservativeCollapse: true, removeComments: true };

/** Minifications run one after another: interleaved runs were seen to hang (the test runner serves modules in parallel). */
let queue = Promise.resolve();

/** The minified source of one module, or `null` when it has no literal to minify. */
export function minifyLiterals(code, fileName) {
  if (!code.includes('`')) return Promise.resolve(null);
  const run = queue.then(() => minifyHTMLLiterals(code, { fileName, html: HTML }));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** Our own TypeScript sources under the given folders (never node_modules). */
function included(include) {
  const dirs = include.map((d) => resolve(ROOT, d) + sep);
  return (path) =>
    path.endsWith('.ts') &&
    !path.endsWith('.d.ts') &&
    !path.includes(`${sep}node_modules${sep}`) &&
    dirs.some((d) => path.startsWith(d));
}

/** The Vite / Rollup plugin (library and demo builds). */
export function viteMinifyLiterals({ include = ['components'] } = {}) {
  const matches = included(include);
  return {
    name: 'minify-lit-literals',
    apply: 'build',
    enforce: 'pre',
    async transform(code, id) {
      const path = id.split('?')[0];
      if (path !== id || !matches(path)) return null;
      return minifyLiterals(code, path);
    },
  };
}

/** The esbuild plugin (the benchmarks' builds). */
export function esbuildMinifyLiterals({ include = ['components'] } = {}) {
  const matches = included(include);
  return {
    name: 'minify-lit-literals',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.namespace !== 'file' || !matches(args.path)) return undefined;
        const code = await readFile(args.path, 'utf8');
        const result = await minifyLiterals(code, args.path);
        return { contents: result ? result.code : code, loader: 'ts' };
      });
    },
  };
}

/** The @web/test-runner plugin; list it before the esbuild plugin, which then compiles what it returns. */
export function wtrMinifyLiterals({ include = ['components'] } = {}) {
  const matches = included(include);
  return {
    name: 'minify-lit-literals',
    async transform(context) {
      const path = resolve(ROOT, `.${decodeURIComponent(context.path)}`);
      if (!matches(path) || typeof context.body !== 'string') return undefined;
      const result = await minifyLiterals(context.body, path);
      return result ? { body: result.code } : undefined;
    },
  };
}
