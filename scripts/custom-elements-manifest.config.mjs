// @custom-elements-manifest/analyzer config: `npm run analyze` writes custom-elements.json at the root
// from the elements' JSDoc (@tag, @fires, @slot, @csspart, @cssproperty, @cssstate, member comments).
// `scripts/check-manifest.mjs` regenerates it in memory and fails when the committed one is stale.
import {
  defineElementCallsPlugin,
  eventDetailsPlugin,
  inlineTagsPlugin,
  publicSurfacePlugin,
  reexportsPlugin,
} from './cem-plugins.mjs';

export default {
  globs: ['components/**/*.ts'],
  exclude: [
    'components/**/*.test.ts',
    'components/**/locales/**',
    // The zod contract is documented by the OpenAPI document (GET /api/v1/openapi.json).
    'components/api/contract/**',
  ],
  outdir: '.',
  litelement: true,
  // package.json's "customElements" field is kept by hand (the analyzer would rewrite the file).
  packagejson: false,
  plugins: [
    defineElementCallsPlugin(),
    reexportsPlugin(),
    inlineTagsPlugin(),
    eventDetailsPlugin(),
    publicSurfacePlugin({ keepModules: ['components/index.ts', 'components/all.ts'] }),
  ],
};
