/**
 * Vite for the **library build** — `npm run build` (`vite build`): one ES module per public entry in
 * `dist/` (`personal-info-form.js`, `contact-verify-dialog.js`, `session-limit-field.js`, `all.js`,
 * `index.js`, `api.js`, `contract.js`, `react.js`), `lit` / `@lit/*` / `libphonenumber-js` / `react`
 * left to the host (peer / regular dependencies, so a page dedupes them), zod bundled as `zod/mini`,
 * and the `.d.ts` files from `tsc -p tsconfig.build.json` in `dist/types`; then `vite build --mode
 * cdn`, the self-contained modules in `dist/cdn/` (`CDN_ENTRIES`).
 *
 * The host demo has its own config (`host-demo/vite.config.ts`), Storybook too
 * (`stories/.storybook/vite.config.ts`); both import the package by its name, resolved to these
 * sources by `sourceAliases()` below.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Alias, defineConfig, type Plugin, type UserConfig } from 'vite';
import { writeIdeData } from './scripts/ide-data.mjs';
import { viteMinifyLiterals } from './scripts/lit-literals.mjs';

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
  // React components (@lit/react): registers the three elements, `'use client'` for Next.js.
  react: 'components/react.ts',
};

/**
 * The no-bundler build, `dist/cdn/<name>.js` (package export `./cdn/*`): the registering entries with
 * lit, @lit/* and libphonenumber-js bundled in, minified. Shared code goes to `dist/cdn/chunks/`; the
 * dialog, the phone metadata and the zh-CN strings stay lazy `import()`s, resolved relative to the
 * module, so `<script type="module" src=".../cdn/all.js">` works from any static host without an
 * import map. `vite build --mode cdn`, the second half of `npm run build`.
 */
export const CDN_ENTRIES: Readonly<Record<string, string>> = {
  'personal-info-form': 'components/personal-info-form/define.ts',
  'contact-verify-dialog': 'components/contact-verify-dialog/define.ts',
  'session-limit-field': 'components/session-limit-field/define.ts',
  all: 'components/all.ts',
};

/** Left to the host page (peer and regular dependencies), so one copy serves every bundle on a page. */
const EXTERNAL = [/^lit(\/|$)/, /^@lit\//, /^libphonenumber-js(\/|$)/, /^react(\/|$)/];

/** The package's name, as hosts (and the demo and stories) import it. */
export const PACKAGE_NAME = 'personal-settings-elements';

/** The import specifier of a library entry: `index` is the package itself, the rest are subpaths. */
export const entrySpecifier = (entry: string): string =>
  entry === 'index' ? PACKAGE_NAME : `${PACKAGE_NAME}/${entry}`;

/**
 * `personal-settings-elements[/<entry>]` resolved to the entry's source file, so the demo and the
 * stories import the package exactly as a host does — only its public entries — while running from
 * source. Exact matches only: a deep import of anything else fails as it would for a host.
 * (tsconfig.json's `paths` say the same to the type checker.)
 */
export function sourceAliases(): Alias[] {
  return Object.entries(LIBRARY_ENTRIES).map(([entry, path]) => ({
    find: new RegExp(`^${entrySpecifier(entry).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    replacement: at(path),
  }));
}

/**
 * After the library build: `.d.ts` files from tsc (TS 7 emits declarations), the React JSX and Vue
 * template types, and the editor data in `dist/ide/`.
 */
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
      // Hand-written .d.ts files (they augment `react` and `vue`, which we do not depend on): tsc does
      // not copy those.
      mkdirSync(at('dist/types'), { recursive: true });
      copyFileSync(at('components/jsx.d.ts'), at('dist/types/jsx.d.ts'));
      copyFileSync(at('components/vue.d.ts'), at('dist/types/vue.d.ts'));
      // Editor data (VS Code custom data, JetBrains web-types) from custom-elements.json.
      writeIdeData(at('dist/ide'));
    },
  };
}

/** Both library builds' shared output settings. */
const OUTPUT = {
  chunkFileNames: 'chunks/[name]-[hash].js',
  // Maps give stack traces our file names and lines; the sources themselves are not shipped.
  sourcemapExcludeSources: true,
} as const;

function libraryConfig(): UserConfig {
  return {
    root,
    publicDir: false,
    // Lit css`` / html`` literals minified (scripts/lit-literals.mjs), as in the size benchmark.
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
        output: {
          ...OUTPUT,
          // Next.js (app router) treats the React components as client components: the directive
          // has to be the module's first statement, and a bundler drops module-level directives.
          banner: (chunk) => (chunk.isEntry && chunk.name === 'react' ? "'use client';" : ''),
        },
        // "plugin X took N s" warnings only measure how busy the machine is.
        checks: { bundlerTimings: false },
      },
    },
  };
}

/** `vite build --mode cdn`: see `CDN_ENTRIES`. */
function cdnConfig(): UserConfig {
  return {
    root,
    publicDir: false,
    plugins: [viteMinifyLiterals()],
    // Lit picks its production build by export condition; nothing may be left for a bundler to define.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'dist/cdn',
      emptyOutDir: true,
      copyPublicDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      reportCompressedSize: true,
      lib: {
        entry: Object.fromEntries(Object.entries(CDN_ENTRIES).map(([name, path]) => [name, at(path)])),
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        output: OUTPUT,
        checks: { bundlerTimings: false },
      },
    },
  };
}

export default defineConfig(({ mode }) => (mode === 'cdn' ? cdnConfig() : libraryConfig()));
