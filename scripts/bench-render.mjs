#!/usr/bin/env node
// Render cost of <personal-info-form> in headless Chromium (puppeteer-core + /usr/bin/chromium), as a ratio
// to a bare Lit element with the same accessible DOM and a nested form-associated field
// (scripts/bench-render/bare-form.ts, like for like: issue #18) built and run side by side:
//   - define + first render: evaluate the (preloaded) module, which defines the element, then one
//     element with data, until its update is complete and layout is done;
//   - 200 instances on one page, each with its data, until all are rendered and laid out.
// Like for like, both get their data as a property: the form its `personalInfo` (checked against the
// contract, as a host that already has the data would hand it over), with a stub client for saving; the
// bare element its `info`. Reported beside it, not the target: the form loading its own data through a
// stub client answering from memory (loading state, fetch, parse, render with data; no network).
// Also beside it, a floor (as the size bench has for its budgets): one element of the same form built
// without two specified features, its styles and theme tokens (SPEC §4) and the contract check of the
// data it is given (STYLE), to show how much of the one-element ratio those two are.
// Bundles: esbuild, minified, as in production.
// Fresh page per measurement, variants alternated, medians of per-round ratios with their lowest–highest.
// Target: ≤ 1.3× (reported, not enforced).
//
//   node scripts/bench-render.mjs [--runs 9] [--instances 200]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { median, ROOT, round, table, writeResults } from './bench-lib.mjs';
import { CHROME_FLAGS, findChrome } from './chromium.mjs';
import { esbuildMinifyLiterals } from './lit-literals.mjs';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, instances: { type: 'string', default: '200' } },
});
const RUNS = Number(args.runs);
const INSTANCES = Number(args.instances);
const TARGET = 1.3;
const ONE_PER_RUN = 3;

/** The data both variants show: a local user with a verified mobile, an unverified email, a limit of 1. */
const INFO = {
  version: '7',
  user: { username: 'admin', displayName: 'Administrator', type: 'local' },
  mobile: { kind: 'mobile', masked: '+86 138****5678', verified: true, pending: null },
  email: { kind: 'email', masked: 'a***n@example.com', verified: false, pending: null },
  stepUpMethods: [{ type: 'password' }],
  autoLogout: {
    minutes: 30,
    options: [5, 10, 15, 30, 60, 120, 240, 480],
    editable: true,
    lockedReason: null,
  },
  sessionLimit: { max: 1, policy: 'log-out' },
  welcomeMessage: 'Welcome back. Maintenance window: Sunday 02:00–04:00 UTC.',
};

/**
 * A variant's page: every chunk it loads eagerly is preloaded (fetched and compiled, not evaluated).
 * The page's `load` event does not wait for module preloads, so each counts itself in when done, and
 * the measurement starts only when all are in (or failed, which the import then reports). Otherwise
 * a run sometimes timed the form's three files still downloading (define 12 ms in one run, 75 ms in
 * the next).
 */
const page = (preload) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script>window.preloads = { expected: ${preload.length}, done: 0 };</script>
${preload.map((f) => `<link rel="modulepreload" href="/${f}" onload="preloads.done++" onerror="preloads.done++">`).join('\n')}
</head><body style="font: 14px system-ui"><main id="root"></main></body></html>`;

/**
 * The floor build's modules, replaced at build time: no styles (empty sheets, same DOM) and a contract
 * check that passes everything (the same `wire` routes otherwise). Everything else is the product's.
 */
const FLOOR_STUBS = {
  'components/shared/tokens.ts': "import { css } from 'lit'; export const tokens = css``;",
  'components/personal-info-form/personal-info-form.styles.ts':
    "import { css } from 'lit'; export const styles = css``;",
  'components/session-limit-field/session-limit-field.styles.ts':
    "import { css } from 'lit'; export const sessionLimitFieldStyles = css``;",
};
const WIRE = 'components/api/wire.generated.ts';

function floorStubs() {
  const stubs = new Map(Object.entries(FLOOR_STUBS).map(([f, code]) => [join(ROOT, f), code]));
  return {
    name: 'floor-stubs',
    setup(b) {
      const seen = new Set();
      b.onLoad({ filter: /\.ts$/ }, (a) => {
        if (a.path === join(ROOT, WIRE)) {
          seen.add(a.path);
          const source = readFileSync(a.path, 'utf8');
          if (!source.includes('export const wire'))
            throw new Error(`bench-render: no \`export const wire\` in ${WIRE}`);
          const contents = `${source.replace('export const wire', 'const checkedWire')}
export const wire = Object.fromEntries(
  Object.entries(checkedWire).map(([name, route]) => [name, { ...route, response: route.response && (() => undefined) }]),
);`;
          return { contents, loader: 'ts' };
        }
        if (!stubs.has(a.path)) return undefined;
        seen.add(a.path);
        return { contents: stubs.get(a.path), loader: 'ts' };
      });
      // A stub whose module moved would silently measure the whole form as its floor.
      b.onEnd(() => {
        const missed = [...stubs.keys(), join(ROOT, WIRE)].filter((f) => !seen.has(f));
        if (missed.length)
          throw new Error(`bench-render: floor stubs not in the build: ${missed.join(', ')}`);
      });
    },
  };
}

/** One esbuild build as in production (minified, split on import(), Lit literals minified). */
const production = (entryPoints, outdir, plugins = []) =>
  build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    tsconfig: join(ROOT, 'tsconfig.json'),
    outdir,
    metafile: true,
    logLevel: 'error',
    // Every variant's Lit literals minified as in the library build (scripts/lit-literals.mjs).
    plugins: [...plugins, esbuildMinifyLiterals({ include: ['components', 'scripts/bench-render'] })],
  });

async function bundle(outdir) {
  const formEntry = join(ROOT, 'scripts/bench-render/form-entry.ts');
  const floor = await production({ 'form-entry': formEntry }, join(outdir, 'floor'), [floorStubs()]);
  const result = await production(
    { 'form-entry': formEntry, 'bare-form': join(ROOT, 'scripts/bench-render/bare-form.ts') },
    outdir,
  );
  // The variant's entry and its static imports. Not every output with an `entryPoint`: with splitting,
  // each dynamic import (the dialog, the phone metadata, the zh-CN catalogs) is one too, and
  // preloading those compiled ~300 KB nobody loads eagerly, partly inside the measurement.
  const eagerOf = (entry, outputs = result.metafile.outputs, prefix = '') => {
    const eager = new Set();
    const queue = Object.keys(outputs).filter((o) => o.endsWith(`/${entry}.js`));
    while (queue.length) {
      const o = queue.pop();
      if (eager.has(o)) continue;
      eager.add(o);
      for (const imp of outputs[o].imports) if (imp.kind === 'import-statement') queue.push(imp.path);
    }
    return [...eager].map((o) => prefix + o.slice(o.lastIndexOf('/') + 1));
  };
  writeFileSync(join(outdir, 'form.html'), page(eagerOf('form-entry')));
  writeFileSync(join(outdir, 'bare.html'), page(eagerOf('bare-form')));
  writeFileSync(join(outdir, 'floor.html'), page(eagerOf('form-entry', floor.metafile.outputs, 'floor/')));
}

function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = http.createServer((req, res) => {
    const path = join(dir, new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html'));
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, server }),
    ),
  );
}

/**
 * In the page: import (evaluate + define) the variant's module, mount `count` elements with data, wait
 * until every one has rendered its data, force layout. Returns milliseconds for the whole and its parts.
 */
async function measureInPage(page, variant, count, info) {
  return page.evaluate(
    async (variant, count, info) => {
      const root = document.getElementById('root');
      while (window.preloads.done < window.preloads.expected) await new Promise((r) => setTimeout(r, 5));
      const t0 = performance.now();
      const mod = await import(
        variant === 'bare' ? '/bare-form.js' : variant === 'floor' ? '/floor/form-entry.js' : '/form-entry.js'
      );
      const t1 = performance.now();
      const isForm = variant !== 'bare';
      const client = isForm ? mod.stubClient(info) : null;
      const elements = [];
      for (let i = 0; i < count; i++) {
        const el = document.createElement(isForm ? 'personal-info-form' : 'bare-personal-info');
        if (client) el.client = client;
        if (variant === 'form' || variant === 'floor') el.personalInfo = info;
        if (!isForm) el.info = info;
        elements.push(el);
      }
      root.append(...elements);
      // Rendered with data: the form once its load task has put the data on screen. Seen by a
      // MutationObserver (a microtask after that render) rather than polled from a task, so the clock
      // stops in the task that rendered the data, as for the bare element: no extra frame (paint) in
      // between that only the form would pay.
      const rendered = (el) =>
        new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (el.personalInfo === null) return;
            observer.disconnect();
            resolve();
          });
          observer.observe(el.shadowRoot, { childList: true, subtree: true, characterData: true });
        });
      if (isForm) await Promise.all(elements.filter((el) => el.personalInfo === null).map(rendered));
      await Promise.all(elements.map((el) => el.updateComplete));
      document.body.getBoundingClientRect(); // style + layout
      const t2 = performance.now();
      // Attribution: what the client alone (stub fetch + contract parse) costs per element.
      let parse = 0;
      if (client) {
        const p0 = performance.now();
        for (let i = 0; i < count; i++) await client.call('getPersonalInfo', {});
        parse = (performance.now() - p0) / count;
      }
      const text = elements[0].shadowRoot.textContent;
      return { total: t2 - t0, define: t1 - t0, render: t2 - t1, parse, ok: text.includes('138****5678') };
    },
    variant,
    count,
    info,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-render-'));
  let browser;
  let server;
  try {
    await bundle(dir);
    const sizes = Object.fromEntries(
      ['form-entry.js', 'bare-form.js'].map((f) => [f, readFileSync(join(dir, f)).byteLength]),
    );
    const served = await serve(dir);
    server = served.server;
    const base = `${served.url}/`;
    browser = await puppeteer.launch({
      executablePath: findChrome(),
      headless: true,
      args: CHROME_FLAGS,
    });
    const results = {
      one: { form: [], bare: [], load: [], floor: [] },
      many: { form: [], bare: [], load: [] },
    };
    const runOnce = async (scenario, variant, count) => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      // The form and its loading variant share a page (only what they set on the element differs); the
      // floor has its own build.
      await page.goto(`${base}${variant === 'load' ? 'form' : variant}.html`, { waitUntil: 'load' });
      const r = await measureInPage(page, variant, count, INFO);
      await context.close();
      if (!r.ok) throw new Error(`${variant} did not render the data`);
      results[scenario][variant].push(r);
    };
    // Warm the browser (JIT of its own, disk cache) once per variant, then alternate.
    await runOnce('one', 'bare', 1);
    await runOnce('one', 'form', 1);
    await runOnce('one', 'load', 1);
    await runOnce('one', 'floor', 1);
    for (const list of Object.values(results.one)) list.length = 0;
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? ['load', 'form', 'bare'] : ['bare', 'form', 'load'];
      // One element is a short measurement (tens of ms) and the noisiest: three rounds of it per run.
      // The floor is measured for one element only, in the same rounds.
      for (let k = 0; k < ONE_PER_RUN; k++)
        for (const v of k % 2 ? ['floor', ...order] : [...order, 'floor']) await runOnce('one', v, 1);
      for (const v of order) await runOnce('many', v, INSTANCES);
      process.stderr.write('.');
    }
    process.stderr.write('\n');

    const summary = (scenario, key) => {
      const f = results[scenario].form.map((r) => r[key]);
      const b = results[scenario].bare.map((r) => r[key]);
      const l = results[scenario].load.map((r) => r[key]);
      // Each ratio within one round (the variants ran back to back); median and lowest–highest.
      const ratios = f.map((x, i) => x / b[i]);
      const loadRatios = l.map((x, i) => x / b[i]);
      const spread = (xs) => `${round(Math.min(...xs), 2)}–${round(Math.max(...xs), 2)}`;
      return {
        form: round(median(f), 1),
        bare: round(median(b), 1),
        ratio: round(median(ratios), 2),
        ratioSpread: spread(ratios),
        load: round(median(l), 1),
        loadRatio: round(median(loadRatios), 2),
        loadRatioSpread: spread(loadRatios),
      };
    };
    const rows = [
      { what: 'define + first render, 1 element', ...summary('one', 'total') },
      { what: '  of which module evaluation + define', ...summary('one', 'define') },
      { what: '  of which render with data + layout', ...summary('one', 'render') },
      { what: `${INSTANCES} instances on one page`, ...summary('many', 'total') },
      { what: `  of which render with data + layout`, ...summary('many', 'render') },
    ];
    const parseMs = round(median(results.many.load.map((r) => r.parse)), 2);
    // The floor, per round against the same round's bare element, as the form's ratio is.
    const floorOf = (key) => {
      const f = results.one.floor.map((r) => r[key]);
      const ratios = f.map((x, i) => x / results.one.bare[i][key]);
      return {
        ms: round(median(f), 1),
        ratio: round(median(ratios), 2),
        spread: `${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)}`,
      };
    };
    const floor = { total: floorOf('total'), define: floorOf('define'), render: floorOf('render') };
    const checks = [rows[0], rows[3]].map((r) => ({
      what: r.what.trim(),
      ratio: r.ratio,
      spread: r.ratioSpread,
      ok: r.ratio <= TARGET,
    }));
    const text = [
      `Render — headless Chromium, ${RUNS} runs per variant of ${INSTANCES} instances and ${RUNS * ONE_PER_RUN} of one element (fresh page each, alternated), medians; ` +
        `bundles minified (form ${round(sizes['form-entry.js'] / 1024, 1)} KB, bare ${round(sizes['bare-form.js'] / 1024, 1)} KB)`,
      '',
      table([
        [
          'measure',
          '<personal-info-form> ms',
          'bare Lit ms',
          'ratio',
          'rounds',
          'form loading its data ms',
          'ratio',
          'rounds',
        ],
        ...rows.map((r) => [
          r.what,
          r.form,
          r.bare,
          `${r.ratio}×`,
          r.ratioSpread,
          r.load,
          `${r.loadRatio}×`,
          r.loadRatioSpread,
        ]),
      ]),
      '',
      'Both get their data as a property (the form its `personalInfo`). The last two columns: the form',
      'loading it itself (loading state, stub fetch, contract parse, render with data), for information.',
      `The form's client alone (stub fetch + contract parse of the response): ${parseMs} ms per element.`,
      '',
      'The floor: the same form without two specified features, its styles and theme tokens (same DOM,',
      'empty sheets) and the contract check of the data it is given. Define + first render of one element:',
      `${floor.total.ms} ms, ${floor.total.ratio}× the bare element (rounds ${floor.total.spread}); of which module`,
      `evaluation + define ${floor.define.ratio}×, render with data + layout ${floor.render.ratio}×.`,
      '',
      'Ratios are taken per round (form ÷ bare of the same round); "rounds" is their lowest–highest.',
      '',
      ...checks.map(
        (c) =>
          `${c.ok ? '✔' : '✘'} ${c.what} ≤ ${TARGET}× the bare element: ${c.ratio}× (rounds ${c.spread})`,
      ),
    ].join('\n');
    writeResults(
      'render',
      { runs: RUNS, instances: INSTANCES, rows, parseMs, floor, checks, raw: results },
      text,
    );
  } finally {
    await browser?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
