/**
 * Vite for the **host demo** — the dev server (`npm start`), a production build in `host-demo/dist`
 * (`npm start -- --prod`, and what the e2e tests run) and `vite preview` — with `/api` and `/__dev`
 * proxied to the mock server (`MOCK_URL`, default `http://127.0.0.1:8787`). The proxy keeps the
 * browser's `Host` header, so the session cookie and the mock's Origin check behave exactly as on a
 * same-origin production console. The pages carry a strict CSP (no inline script or style).
 *
 * The demo imports the library as a host does, by the package name and its public entries only
 * (`personal-settings-elements/personal-info-form`, `…/api`, …), resolved to the sources by
 * `sourceAliases()` from the library's config (`../vite.config.ts`).
 *
 *   npx vite -c host-demo/vite.config.ts            (dev server; `npm start` also starts the mock)
 *   npx vite build -c host-demo/vite.config.ts
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import { sourceAliases } from '../vite.config.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

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
 * The `<head>` every demo page shares, written once here instead of in each index.html: the charset
 * first, then the CSP as a `<meta>` too (so the built page keeps it on any static server, ahead of any
 * script), the viewport, color schemes, referrer policy, icon and the console's stylesheet. Each page
 * keeps only its title, its own stylesheet and its module script. Links are relative to the page, as
 * the pages had them, so the build works under any base path.
 */
function demoHead(): Plugin {
  return {
    name: 'demo-head',
    transformIndexHtml: {
      // Before Vite's own HTML processing, so the links below are bundled like any written in the page.
      order: 'pre',
      handler: (html, ctx) => {
        const depth = ctx.path.split('/').length - 2;
        const up = depth > 0 ? '../'.repeat(depth) : './';
        const csp = metaPolicy(ctx.server ? DEV_CSP : DEMO_CSP);
        // As text, not tag descriptors: Vite would write the policy's quotes as `&#39;`.
        const head = [
          '<meta charset="utf-8" />',
          `<meta http-equiv="Content-Security-Policy" content="${csp}" />`,
          '<meta name="viewport" content="width=device-width, initial-scale=1" />',
          '<meta name="color-scheme" content="light dark" />',
          '<meta name="referrer" content="no-referrer" />',
          `<link rel="icon" href="${up}favicon.svg" type="image/svg+xml" />`,
          `<link rel="stylesheet" href="${up}styles.css" />`,
        ];
        return html.replace('<head>', `<head>\n    ${head.join('\n    ')}`);
      },
    },
  };
}

export default defineConfig({
  root: here,
  publicDir: false,
  plugins: [demoHead()],
  resolve: { alias: sourceAliases() },
  server: {
    port: 5173,
    headers: demoHeaders(DEV_CSP),
    proxy: demoProxy(),
    // The error overlay injects an inline <style>, which the demo's CSP refuses; errors stay in the console.
    hmr: { overlay: false },
    // The library's sources live beside host-demo/.
    fs: { allow: [repo] },
  },
  preview: {
    port: 4173,
    headers: demoHeaders(DEMO_CSP),
    proxy: demoProxy(),
  },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No inline <script>: Vite's module-preload polyfill would otherwise be an inline script in old setups.
    modulePreload: { polyfill: false },
    // The console, and the same form embedded by a React 19 and a Vue 3 host page (issue #5).
    rolldownOptions: {
      input: {
        main: resolve(here, 'index.html'),
        react: resolve(here, 'react/index.html'),
        vue: resolve(here, 'vue/index.html'),
      },
      checks: { bundlerTimings: false },
    },
  },
  // Vue's compile-time flags (vue/ uses render functions only: no Options API, no devtools).
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
});
