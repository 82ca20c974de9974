import { defineConfig, type Plugin } from 'vite';
import { sourceAliases } from '../../vite.config.js';

/**
 * package.json's `sideEffects` lists only the files that register elements, so the bundler treats
 * every other module of this package as side-effect free — including `preview.ts`, whose
 * `import 'personal-settings-elements/all'` and `setCustomElementsManifest()` would then be dropped (no
 * element defined, no autodocs). The Storybook files do have side effects: say so.
 */
const storiesHaveSideEffects: Plugin = {
  name: 'personal-settings:stories-have-side-effects',
  transform(code, id) {
    if (/[\\/]stories[\\/]/.test(id)) return { code, map: null, moduleSideEffects: true };
    return undefined;
  },
};

/**
 * Vite config for Storybook only (the root `vite.config.ts` builds the library, `host-demo/` has its own).
 * The stories import the package by its name and public entries, as a host does; `sourceAliases()`
 * resolves those to the sources.
 * TypeScript is transformed with the root tsconfig.json, whose `experimentalDecorators` and
 * `useDefineForClassFields: false` Lit's `@property()` fields need: without them the build ships raw
 * decorators (a SyntaxError in the browser) or class fields that shadow the reactive accessors.
 */
export default defineConfig({
  publicDir: false,
  plugins: [storiesHaveSideEffects],
  resolve: { alias: sourceAliases() },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
});
