import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

/**
 * Storybook for the elements: every state of every element, backed by the real mock server (the Hono
 * app in `mock-server/`, in memory) behind msw — see `preview.ts`. Run `npm run storybook`, build with
 * `npm run build-storybook`.
 */
const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    // Our own Vite config, not the library build's (`vite.config.ts` at the root builds `dist/`).
    options: { builder: { viteConfigPath: resolve(here, 'vite.config.ts') } },
  },
  stories: ['../*.mdx', '../*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // The msw worker must be served from the root: its scope is where it lives.
  staticDirs: [
    { from: resolve(root, 'node_modules/msw/lib/mockServiceWorker.js'), to: '/mockServiceWorker.js' },
  ],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: { defaultName: 'Docs' },
  viteFinal(config) {
    // The preview bundles the mock server, msw and axe: large chunks are expected here.
    config.build = { ...config.build, chunkSizeWarningLimit: 4096 };
    return config;
  },
};

export default config;
