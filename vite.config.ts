/**
 * Vite, for two jobs:
 *
 * - the **library build** — `npm run build` (`vite build`): one ES module per public entry in `dist/`
 *   (`personal-info-form.js`, `contact-verify-dialog.js`, `session-limit-field.js`, `all.js`,
 *   `index.js`, `api.js`, `contract.js`), `lit` / `@lit/*` / `libphonenumber-js` left to the host
 *   (peer / regular dependencies, so a page dedupes them), zod bundled as `zod/mini`, and the
 *   `.d.ts` files from `tsc -p tsconfig.build.json` in `dist/types`;
 * - the **host demo** — `vite` (dev server), `vite build --mode demo` (a production build in
 *   `host-demo/dist`) and `vite preview` — with `/api` and `/__dev` proxied to the mock server
 *   (`MOCK_URL`, default `http://127.0.0.1:8787`). The proxy keeps the browser's `Host` header, so
 *   the session cookie and the mock's Origin check behave exactly as on a same-origin production
 *   console. The page carries a strict CSP (no inline script or style).
 *
 * `npm start` (scripts/start.mjs) runs the mock and the dev server together.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type ProxyOptions, type UserConfig } from 'vite';
import { viteMinifyLiterals } from './scripts/minify-literals.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const at = (path: string) => resolve(root, path);

/** The library's public entries: `dist/<name>.js`, each also an `exports` subpath in package.json. */
export const LIBRARY_ENTRIES: Readonly<Record<string, string>> = {
  // Registering entries (listed in package.json `sideEffects`).
  'personal-info-form': 'components/personal-info-form/define.ts',
  'contact-verify-dialog': 'components/contact-verify-dialog/define.ts',
  'session-limit-field': 'components/session-limit-field/define.ts',
  all: 'components/all.ts',
  // No side effects.
  index: 'components/index.ts',
  api: 'components/api/index.ts',
  contract: 'components/api/contract/index.ts',
};

/** Left to the host page (peer and regular dependencies), so one copy serves every bundle on a page. */
const EXTERNAL = [/^lit(\/|$)/, /^@lit\//, /^libphonenumber-js(\/|$)/];

/**
 * The demo page's Content Security Policy. Lit styles go through `adoptedStyleSheets` (not subject to
 * CSP) and zod runs jitless, so neither inline script nor inline style is allowed. `connect-src 'self'`
 * also covers the dev server's same-origin HMR WebSocket.
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The dev server's policy adds only what Vite's own client needs: when the dev server goes away, the
 * client polls for its return from a blob: worker.
 */
const DEV_CSP = `${DEMO_CSP}; worker-src 'self' blob:`;

/** Headers for every demo response (dev server and preview). `frame-ancestors` only works as a header. */
const demoHeaders = (csp: string) => ({
  'Content-Security-Policy': csp,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});

/** `frame-ancestors` is ignored (and warned about) in a meta policy. */
const metaPolicy = (csp: string) =>
  csp
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');

/** The mock server the demo talks to (`npm start` sets `MOCK_URL` to the one it started). */
const mockUrl = () => process.env.MOCK_URL ?? 'http://127.0.0.1:8787';

function demoProxy(): Record<string, ProxyOptions> {
  // changeOrigin: false keeps `Host: <the demo's host>`, so the mock sees the page's own origin:
  // mutations pass its Origin / Sec-Fetch-Site check and the cookie belongs to the demo's host.
  const rule: ProxyOptions = { target: mockUrl(), changeOrigin: false, xfwd: true };
  return { '/api': rule, '/__dev': rule };
}

/**
 * The same policy as a `<meta>` too (index.html has the `%DEMO_CSP%` placeholder right after the
 * charset, before any script), so the built page keeps it on any static server.
 */
function cspMeta(): Plugin {
  return {
    name: 'demo-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) => html.replace('%DEMO_CSP%', metaPolicy(ctx.server ? DEV_CSP : DEMO_CSP)),
    },
  };
}

/** After the library build: `.d.ts` files from tsc (TS 7 emits declarations) plus the React JSX types. */
function emitTypes(): Plugin {
  return {
    name: 'library-types',
    apply: 'build',
    closeBundle() {
      const tsc = spawnSync(
        process.execPath,
        [at('node_modules/typescript/bin/tsc'), '-p', at('tsconfig.build.json')],
        {
          cwd: root,
          stdio: 'inherit',
        },
      );
      if (tsc.status !== 0)
        throw new Error('tsc -p tsconfig.build.json failed: no type declarations emitted');
      // A hand-written .d.ts (it augments `react`, which we do not depend on): tsc does not copy those.
      mkdirSync(at('dist/types'), { recursive: true });
      copyFileSync(at('components/jsx.d.ts'), at('dist/types/jsx.d.ts'));
    },
  };
}

function libraryConfig(): UserConfig {
  return {
    root,
    publicDir: false,
    // Lit css`` / html`` literals minified (scripts/minify-literals.mjs), as in the size benchmark.
    plugins: [viteMinifyLiterals(), emitTypes()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      copyPublicDir: false,
      target: 'es2022',
      // Consumers minify with their own bundler; readable output is easier to debug and audit. Only the
      // Lit css`` / html`` literals are minified (viteMinifyLiterals above): no bundler does that for them.
      minify: false,
      sourcemap: true,
      reportCompressedSize: true,
      lib: {
        entry: Object.fromEntries(Object.entries(LIBRARY_ENTRIES).map(([name, path]) => [name, at(path)])),
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: EXTERNAL,
        output: { chunkFileNames: 'chunks/[name]-[hash].js' },
        // "plugin X took N s" warnings only measure how busy the machine is.
        checks: { bundlerTimings: false },
      },
    },
  };
}

function demoConfig(): UserConfig {
  return {
    root: at('host-demo'),
    publicDir: false,
    // `vite build --mode demo` (what the e2e tests run) gets the library's minified literals too.
    plugins: [cspMeta(), viteMinifyLiterals()],
    server: {
      port: 5173,
      headers: demoHeaders(DEV_CSP),
      proxy: demoProxy(),
      // The error overlay injects an inline <style>, which the demo's CSP refuses; errors stay in the console.
      hmr: { overlay: false },
      fs: { allow: [root] },
    },
    preview: {
      port: 4173,
      headers: demoHeaders(DEMO_CSP),
      proxy: demoProxy(),
    },
    build: {
      outDir: at('host-demo/dist'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      // No inline <script>: Vite's module-preload polyfill would otherwise be an inline script in old setups.
      modulePreload: { polyfill: false },
      // The console, and the same form embedded by a React 19 and a Vue 3 host page (issue #5).
      rolldownOptions: {
        input: {
          main: at('host-demo/index.html'),
          react: at('host-demo/react/index.html'),
          vue: at('host-demo/vue/index.html'),
        },
        checks: { bundlerTimings: false },
      },
    },
    // Vue's compile-time flags (host-demo/vue/ uses render functions only: no Options API, no devtools).
    define: {
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  };
}

export default defineConfig(({ command, mode }) =>
  command === 'build' && mode !== 'demo' ? libraryConfig() : demoConfig(),
);
