/**
 * The package as a host installs it: `npm run build`, `npm pack`, install the tarball into a fresh
 * project (offline, from the npm cache our own install filled), bundle pages that import it with
 * Vite, then check in Chromium that an element entry registers and renders, that `.` registers
 * nothing, and that `./all` registers all three — and type-check a React 19 consumer against the
 * shipped `.d.ts` files and JSX types.
 *
 *   npm run test:package      (~30–60 s: a build, a pack, an install, a bundle)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { build, preview } from 'vite';
import { launchChromium, root, tempDir } from './helpers.js';
import { packedTarball, run } from './package-helpers.js';

const NAME = 'personal-settings-elements';
const TAGS = ['personal-info-form', 'contact-verify-dialog', 'session-limit-field'];

/** What the consumer needs besides the tarball: the peer dependencies, and React's types for the JSX check. */
const CONSUMER_DEPS = ['lit@3', '@lit/context@1', '@lit/task@1', '@types/react@19'];
/** Fallback when the npm cache cannot serve an offline install: our own copies, linked. */
const LINKED = [
  'lit',
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
  '@lit/context',
  '@lit/task',
  '@lit/react',
  '@lit-labs/ssr-dom-shim',
  '@types/trusted-types',
  'libphonenumber-js',
  'zod',
  '@types/react',
  'csstype',
];

const PAGES: Record<string, string> = {
  // One element entry: registers <session-limit-field> (and nothing it does not render).
  element: `import 'personal-settings-elements/session-limit-field';
document.body.innerHTML = '<form><session-limit-field name="limit"></session-limit-field></form>';
const field = document.querySelector('session-limit-field');
await field.updateComplete;
window.result = {
  defined: ${JSON.stringify(TAGS)}.filter((tag) => customElements.get(tag)),
  rendered: Boolean(field.shadowRoot?.querySelector('input[type=checkbox]')),
  formValue: [...new FormData(document.querySelector('form')).entries()],
};`,
  // The root entry: classes and the client, no registration.
  index: `import * as lib from 'personal-settings-elements';
window.result = {
  defined: ${JSON.stringify(TAGS)}.filter((tag) => customElements.get(tag)),
  exports: ['PersonalInfoForm', 'ContactVerifyDialog', 'SessionLimitField', 'ApiClient'].filter((name) => typeof lib[name] === 'function'),
};`,
  all: `import 'personal-settings-elements/all';
import { routes } from 'personal-settings-elements/contract';
window.result = {
  defined: ${JSON.stringify(TAGS)}.filter((tag) => customElements.get(tag)),
  routes: Object.keys(routes).length,
};`,
};

const CONSUMER_TSX = `import type {} from 'personal-settings-elements/jsx';
import { ApiClient } from 'personal-settings-elements/api';
import { PersonalInfoForm, type PersonalInfoSavedEvent } from 'personal-settings-elements';
import 'personal-settings-elements/personal-info-form';

const client = new ApiClient({ baseUrl: '/api/v1' });
const created: PersonalInfoForm = document.createElement('personal-info-form');
export const saved = (event: PersonalInfoSavedEvent): readonly string[] => event.detail.changed;

export const form = (
  <personal-info-form
    endpoint="/api/v1"
    locale="zh-CN"
    client={client}
    onpersonal-info-saved={(event) => saved(event)}
    onsession-expired={(event) => event.detail.reason}
  />
);
export const field = (
  <session-limit-field value={{ max: 1, policy: 'deny' }} onchange={(event) => event.detail.valid} />
);
export const dialog = <contact-verify-dialog kind="email" mode="verify" open fetch={fetch} />;
// @ts-expect-error endpoint is a string
export const wrongType = <personal-info-form endpoint={5} />;
// @ts-expect-error validity is read-only
export const readOnly = <session-limit-field validity={created.shadowRoot as never} />;
`;

describe('the packed package in a fresh project', { timeout: 240_000 }, () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let consumer: string;
  let browser: Browser;
  let installedBy = '';

  before(async () => {
    work = await tempDir('package-e2e-');
    const t0 = performance.now();
    const lap = (what: string) => console.log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const tarball = await packedTarball();
    lap('npm run build + npm pack');

    consumer = join(work.path, 'consumer');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
    );
    try {
      run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball, ...CONSUMER_DEPS], consumer);
      installedBy = 'npm install --offline (npm cache)';
    } catch (error) {
      // The cache could not serve everything (e.g. a CI cache without these exact versions): extract
      // the tarball as npm would and link the dependencies from our own node_modules.
      console.warn(`offline install failed, linking dependencies instead:\n${String(error).slice(0, 400)}`);
      const modules = join(consumer, 'node_modules');
      mkdirSync(modules, { recursive: true });
      run('tar', ['-xzf', tarball, '-C', work.path], work.path);
      cpSync(join(work.path, 'package'), join(modules, NAME), { recursive: true });
      for (const dep of LINKED) {
        const from = resolve(root, 'node_modules', dep);
        if (!existsSync(from)) continue;
        mkdirSync(resolve(modules, dep, '..'), { recursive: true });
        symlinkSync(from, join(modules, dep), 'dir');
      }
      installedBy = 'tarball extracted, dependencies linked';
    }
    lap(installedBy);

    for (const [name, code] of Object.entries(PAGES)) {
      writeFileSync(join(consumer, `${name}.js`), code);
      writeFileSync(
        join(consumer, `${name}.html`),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,">` +
          `<script type="module" src="./${name}.js"></script></head><body></body></html>`,
      );
    }
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await work?.remove();
  });

  it('installs what package.json promises', () => {
    const installed = join(consumer, 'node_modules', NAME);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
      customElements?: string;
    };
    // Editors and Storybook find the elements' docs through this field.
    assert.ok(manifest.customElements, 'package.json names its custom-elements.json');
    assert.ok(
      existsSync(join(installed, manifest.customElements)),
      `customElements → ${manifest.customElements} is in the package`,
    );
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        // A pattern (`./cdn/*` → `./dist/cdn/*`): its folder is there and not empty.
        const path = file.endsWith('/*') ? file.slice(0, -2) : file;
        assert.ok(existsSync(join(installed, path)), `${subpath} → ${file} is in the package`);
        if (path !== file) assert.ok(readdirSync(join(installed, path)).length > 0, `${path} is not empty`);
      }
    }
    const shipped = readdirSync(installed);
    assert.ok(!shipped.includes('components') && !shipped.includes('mock-server'), 'no sources shipped');
    console.log(`  (installed by: ${installedBy})`);
  });

  it('ships the docs its README links to, and source maps without embedded sources', () => {
    const installed = join(consumer, 'node_modules', NAME);
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1] ?? '')
      .filter((target) => !/^[a-z]+:|^#|^\?/.test(target));
    assert.ok(links.length > 0, 'the README links to docs');
    for (const target of links) {
      assert.ok(existsSync(join(installed, target.split('#')[0] ?? '')), `README link ${target} resolves`);
    }
    const maps = [join(installed, 'dist'), join(installed, 'dist/chunks'), join(installed, 'dist/cdn')]
      .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.map')).map((f) => join(dir, f)));
    assert.ok(maps.length > 0, 'source maps are shipped');
    for (const map of maps) {
      const parsed = JSON.parse(readFileSync(map, 'utf8')) as { sourcesContent?: unknown };
      // Not assert.equal: a failure would print every embedded source.
      assert.ok(parsed.sourcesContent === undefined, `${map} embeds no sources`);
    }
  });

  it('bundles with Vite; an element entry registers and renders, `.` registers nothing, ./all registers all', async () => {
    const outDir = join(consumer, 'dist');
    await build({
      configFile: false,
      root: consumer,
      logLevel: 'warn',
      build: {
        outDir,
        rolldownOptions: {
          input: Object.fromEntries(Object.keys(PAGES).map((name) => [name, join(consumer, `${name}.html`)])),
          checks: { bundlerTimings: false },
        },
      },
    });
    const server = await preview({
      configFile: false,
      root: consumer,
      logLevel: 'warn',
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: true, open: false },
    });
    try {
      const base = server.resolvedUrls?.local[0] ?? '';
      const results: Record<string, unknown> = {};
      for (const name of Object.keys(PAGES)) {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        await page.goto(`${base}${name}.html`);
        await page.waitForFunction(() => 'result' in window, { timeout: 15_000 });
        results[name] = await page.evaluate(() => (window as unknown as { result: unknown }).result);
        assert.deepEqual(errors, [], `${name}: no errors`);
        await page.close();
      }
      assert.deepEqual(results.element, {
        defined: ['session-limit-field'],
        rendered: true,
        formValue: [['limit', 'unlimited']],
      });
      assert.deepEqual(results.index, {
        defined: [],
        exports: ['PersonalInfoForm', 'ContactVerifyDialog', 'SessionLimitField', 'ApiClient'],
      });
      assert.deepEqual((results.all as { defined: string[] }).defined, TAGS);
      assert.ok((results.all as { routes: number }).routes >= 10, './contract exports the route table');
    } finally {
      await new Promise<void>((done) => server.httpServer.close(() => done()));
    }
  });

  it('type-checks a React 19 consumer against the shipped .d.ts files and JSX types', () => {
    writeFileSync(join(consumer, 'consumer.tsx'), CONSUMER_TSX);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          // Check our declaration files too (jsx.d.ts is hand-written), not only the consumer.
          skipLibCheck: false,
          types: [],
        },
        files: ['consumer.tsx'],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', consumer],
      {
        cwd: consumer,
        encoding: 'utf8',
      },
    );
    assert.equal(tsc.status, 0, `tsc:\n${tsc.stdout}${tsc.stderr}`);
  });
});
