/**
 * `personal-settings-elements/react` in a server-rendered React host: a Next.js 16 app (app router)
 * built from the packed tarball with `next build` and served by `next start`, its `/api` rewritten to
 * the mock server, started with the app's origin trusted (`npm run mock -- --trusted-origin`: a Next
 * rewrite sends the mock its own Host). Checked in Chromium after hydration: the
 * `client` prop reaches the element (data loads through it), a Save from the UI calls
 * `onPersonalInfoSaved`, and a `personalInfo` prop is shown as given.
 *
 *   npm run test:package   (or this file alone: node --import tsx --test test/e2e/package-nextjs.test.ts)
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { launchChromium, signedInPage, startTestMock, tempDir, waitForFormText } from './helpers.js';
import { freePort, hostProject, packedTarball, run, type Started, start, waitForHttp } from './package-helpers.js';

/** Next.js 16.5 with React 19.3 builds on Node 20 (TOOLCHAIN.md). `next build` installs a missing
 * `@types/node` itself, but not under `CI=true` (it fails instead), so the host lists it as its own
 * Next app does. */
const DEPS = ['next@16.5', 'react@19.3', 'react-dom@19.3', '@types/react@19', '@types/node@20', 'typescript@5.9'];

/** The host app, file by file: what an integrator writes. */
const APP: Record<string, string> = {
  'next.config.mjs': `/** @type {import('next').NextConfig} */
export default {
  async rewrites() {
    return [{ source: '/api/:path*', destination: \`\${process.env.MOCK_URL}/api/:path*\` }];
  },
};
`,
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['dom', 'dom.iterable', 'esnext'],
        strict: true,
        noEmit: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        isolatedModules: true,
        skipLibCheck: true,
        plugins: [{ name: 'next' }],
      },
      include: ['next-env.d.ts', '**/*.ts', '**/*.tsx'],
      exclude: ['node_modules'],
    },
    null,
    2,
  )}\n`,
  'app/layout.tsx': `export const metadata = { title: 'Host console' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  // A server component page rendering the client component below.
  'app/page.tsx': `import { Settings } from './settings';

export default function Page() {
  return (
    <main>
      <h1>Personal settings</h1>
      <Settings />
    </main>
  );
}
`,
  'app/settings.tsx': `'use client';
import { useMemo, useState } from 'react';
import { ApiClient } from 'personal-settings-elements/api';
import { PersonalInfoForm } from 'personal-settings-elements/react';

export function Settings() {
  const client = useMemo(() => new ApiClient({ baseUrl: '/api/v1' }), []);
  const [saved, setSaved] = useState('');
  return (
    <>
      <PersonalInfoForm
        client={client}
        onPersonalInfoSaved={(event) => setSaved(event.detail.changed.join(','))}
        onSessionExpired={() => window.location.assign('/login')}
      />
      <output id="saved">{saved}</output>
    </>
  );
}
`,
  // personalInfo given by the host (here: fetched, then changed so the test can tell it apart).
  'app/prefilled/page.tsx': `'use client';
import { useEffect, useState } from 'react';
import type { PersonalInfo } from 'personal-settings-elements';
import { PersonalInfoForm } from 'personal-settings-elements/react';

export default function Prefilled() {
  const [info, setInfo] = useState<PersonalInfo>();
  useEffect(() => {
    fetch('/api/v1/me/personal-info')
      .then((response) => response.json() as Promise<PersonalInfo>)
      .then((data) => setInfo({ ...data, welcomeMessage: 'Given by the host page' }));
  }, []);
  return info ? <PersonalInfoForm endpoint="/api/v1" personalInfo={info} /> : <p>Loading…</p>;
}
`,
};

describe('Next.js 16 (app router, server rendering) with ./react, from the tarball', { timeout: 600_000 }, () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let app: string;
  let mock: { url: string; close: () => Promise<void> };
  let next: Started | undefined;
  let nextUrl: string;
  let browser: Browser;

  before(async () => {
    work = await tempDir('package-nextjs-');
    app = join(work.path, 'app');
    const tarball = await packedTarball();
    const t0 = performance.now();
    hostProject(app, tarball, DEPS, APP);
    console.log(`  npm install: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const port = await freePort();
    nextUrl = `http://127.0.0.1:${port}`;
    mock = await startTestMock(work.path, { trustedOrigins: [nextUrl] });
    const env = { MOCK_URL: mock.url, NEXT_TELEMETRY_DISABLED: '1' };
    const t1 = performance.now();
    run('npx', ['next', 'build'], app, env);
    console.log(`  next build: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    next = start('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], app, env);
    await waitForHttp(nextUrl, next);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await next?.stop();
    await mock?.close();
    await work?.remove();
  });

  it('server-renders the element, then after hydration loads through the client prop and saves from the UI', async () => {
    const html = await (await fetch(nextUrl)).text();
    assert.match(html, /<personal-info-form[\s>]/, 'the server rendered the element tag');

    const { page, watch } = await signedInPage(browser, mock.url);
    await page.goto(nextUrl, { waitUntil: 'load' });
    // Loaded through the `client` prop: there is no endpoint attribute to fall back on.
    await waitForFormText(page, '+86 138****5678');
    assert.equal(await page.$eval('personal-info-form', (el) => el.hasAttribute('endpoint')), false);

    await page.locator('pierce/#welcome-edit').click();
    await page.locator('pierce/#welcome').fill('Hello from Next.js');
    await page.locator('pierce/#welcome-ok').click();
    await page.waitForFunction(() => document.querySelector('#saved')?.textContent === 'welcomeMessage', {
      timeout: 10_000,
    });
    const stored = (await (await fetch(`${mock.url}/__dev/users/admin`)).json()) as { welcomeMessage: string };
    assert.equal(stored.welcomeMessage, 'Hello from Next.js', 'the save reached the mock through the rewrite');
    assert.deepEqual(watch.errors, [], 'no console errors (hydration included)');
    await page.browserContext().close();
  });

  it('shows a personalInfo prop set after hydration', async () => {
    const { page, watch } = await signedInPage(browser, mock.url);
    await page.goto(`${nextUrl}/prefilled`, { waitUntil: 'load' });
    await waitForFormText(page, 'Given by the host page');
    assert.deepEqual(watch.errors, [], 'no console errors');
    await page.browserContext().close();
  });
});
