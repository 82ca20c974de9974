/**
 * Every story runs against the real mock server: the Hono app from `mock-server/` with an in-memory
 * lowdb, behind an msw service worker (`createMswHandlers(createBrowserMock().app)`), so the elements
 * talk to `/api/v1` over real `fetch` and the mock's own rules answer — the same as in the tests.
 * Before each story the mock is reset, the story's user signs in and its `setup` runs
 * (`parameters.mockApi`, see `mock-api.ts`). Toolbar: locale, theme (color-scheme) and direction.
 */
import { type Decorator, type Preview, setCustomElementsManifest } from '@storybook/web-components-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { withActions } from 'storybook/actions/decorator';
import 'personal-settings-elements/all';
import { createBrowserMock } from '../../mock-server/browser.js';
import { createMswHandlers } from '../../mock-server/msw/handlers.js';
import { extractArgTypes, extractComponentDescription, manifest } from './custom-elements.js';
import { type MockApiParameters, prepareMockApi } from './mock-api.js';

setCustomElementsManifest(manifest);

/** One mock per page; its handlers are msw's initial handlers, so they survive the per-story reset. */
async function startMockServer() {
  const worker = setupWorker(...createMswHandlers(createBrowserMock().app));
  await worker.start({
    serviceWorker: { url: './mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return worker;
}

/** Locale, theme and direction from the toolbar, on the story's document. */
const withEnvironment: Decorator = (story, { globals }) => {
  const root = document.documentElement;
  root.lang = globals.locale === 'zh-CN' ? 'zh-CN' : 'en';
  root.dir = globals.direction === 'rtl' ? 'rtl' : 'ltr';
  root.style.colorScheme = globals.theme === 'dark' ? 'dark' : 'light';
  return story();
};

const startMsw = mswLoader(startMockServer);

type Toolbar = NonNullable<NonNullable<Preview['globalTypes']>[string]['toolbar']>;

/** A page-wide setting picked in the toolbar, its current choice shown as the button's title. */
function toolbarGlobal(description: string, title: string, icon: Toolbar['icon'], items: Toolbar['items']) {
  return { description, toolbar: { title, icon, items, dynamicTitle: true } };
}

const preview: Preview = {
  // One loader, in order: the worker first, then the mock's state. (Loaders of one level run in
  // parallel; the stories' own loaders run after these and find the user signed in.)
  loaders: [
    async (context) => {
      await startMsw(context);
      await prepareMockApi(context.parameters.mockApi as MockApiParameters | undefined);
      return {};
    },
  ],
  decorators: [withEnvironment, withActions],
  tags: ['autodocs'],
  globalTypes: {
    locale: toolbarGlobal('Locale of the elements (from the nearest `lang`)', 'Locale', 'globe', [
      { value: 'en', title: 'English' },
      { value: 'zh-CN', title: '简体中文' },
    ]),
    theme: toolbarGlobal('color-scheme of the page: the elements follow it', 'Theme', 'mirror', [
      { value: 'light', title: 'Light', icon: 'sun' },
      { value: 'dark', title: 'Dark', icon: 'moon' },
    ]),
    direction: toolbarGlobal('Text direction of the page', 'Direction', 'transfer', [
      { value: 'ltr', title: 'Left to right' },
      { value: 'rtl', title: 'Right to left' },
    ]),
  },
  initialGlobals: { locale: 'en', theme: 'light', direction: 'ltr' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: {
      extractArgTypes,
      extractComponentDescription,
      // Each story in its own iframe: its own mock, cookie jar and signed-in user.
      story: { inline: false, iframeHeight: 520 },
      codePanel: true,
    },
    a11y: { test: 'error' },
    mockApi: { user: 'admin' } satisfies MockApiParameters,
  },
};

export default preview;
