/**
 * The package's types as hosts use them, from the packed tarball in a fresh project (TypeScript 5.9,
 * strict, our declaration files checked too):
 *
 * - vanilla TS: importing one element entry types the tag and its events (`session-expired`,
 *   `personal-info-saved`, the field's `change` with its `detail`) — the README's bundler snippet;
 * - Angular-style: what Angular's strict template checker generates for `(personal-info-saved)=
 *   "onSaved($event)"` on the element (`document.createElement(tag).addEventListener(name, …)`),
 *   handlers typed with the event classes, no `any`;
 * - React: the `./react` components' props and `on…` event props, with wrong types rejected;
 * - Vue: a single-file component under `vue-tsc` with `strictTemplates` and `./vue` loaded: the tags,
 *   props and `@events` are typed and `:endpoint="42"` is an error (`@vue-expect-error` fails the
 *   check when it is not);
 * - the editor data: VS Code custom data and JetBrains web-types list the three tags, and package.json
 *   points at the web-types.
 *
 *   npm run test:package   (or this file alone: node --import tsx --test test/e2e/package-types.test.ts)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from './helpers.js';
import { hostProject, PACKAGE_NAME, packedTarball } from './package-helpers.js';

const DEPS = ['typescript@5.9', 'vue@3.5', 'vue-tsc@3', '@types/react@19'];

const strict = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  types: [],
};

const FILES: Record<string, string> = {
  // The README's "a bundler" snippet, as it is there.
  'src/vanilla.ts': `import 'personal-settings-elements/personal-info-form';

const form = document.querySelector('personal-info-form');
form?.addEventListener('session-expired', (event) => {
  location.assign(\`/login?reason=\${event.detail.reason}\`);
});
form?.addEventListener('personal-info-saved', (event) => {
  console.log('saved', event.detail.changed);
});
`,
  'src/field.ts': `import 'personal-settings-elements/session-limit-field';
import type { SessionLimit } from 'personal-settings-elements';

const field = document.createElement('session-limit-field');
field.addEventListener('change', (event) => {
  const value: SessionLimit | null = event.detail.value;
  const valid: boolean = event.detail.valid;
  console.log(value, valid);
});
// Other events keep their usual types.
field.addEventListener('click', (event) => event.clientX);
// @ts-expect-error the detail is typed: there is no detail.max
field.addEventListener('change', (event) => event.detail.max);
`,
  'src/angular.ts': `import 'personal-settings-elements/personal-info-form';
import type { PersonalInfoSavedEvent, SessionExpiredEvent } from 'personal-settings-elements';

// The component class of the README's Angular example.
export class PersonalSettingsComponent {
  changed: readonly string[] = [];
  onSaved(event: PersonalInfoSavedEvent): void {
    this.changed = event.detail.changed;
  }
  onSessionExpired(event: SessionExpiredEvent): void {
    location.assign(\`/login?reason=\${event.detail.reason}\`);
  }
}

// What Angular's type-check block generates for
//   <personal-info-form (personal-info-saved)="onSaved($event)" (session-expired)="onSessionExpired($event)">
// under strictTemplates: the element from document.createElement, $event from its addEventListener.
const component = new PersonalSettingsComponent();
const element = document.createElement('personal-info-form');
element.addEventListener('personal-info-saved', ($event) => component.onSaved($event));
element.addEventListener('session-expired', ($event) => component.onSessionExpired($event));
// @ts-expect-error a handler for another event does not fit
element.addEventListener('personal-info-error', ($event) => component.onSaved($event));
`,
  'src/react.tsx': `import { ApiClient } from 'personal-settings-elements/api';
import { PersonalInfoForm, SessionLimitField } from 'personal-settings-elements/react';

const client = new ApiClient({ baseUrl: '/api/v1' });

export const form = (
  <PersonalInfoForm
    client={client}
    locale="zh-CN"
    onPersonalInfoSaved={(event) => console.log(event.detail.changed)}
    onSessionExpired={(event) => location.assign(\`/login?reason=\${event.detail.reason}\`)}
  />
);
export const field = (
  <SessionLimitField value={{ max: 1, policy: 'deny' }} onChange={(event) => console.log(event.detail.valid)} />
);
// @ts-expect-error endpoint is a string
export const wrongType = <PersonalInfoForm endpoint={5} />;
// @ts-expect-error each event prop gets its own event class: session-expired has no detail.changed
export const wrongEvent = <PersonalInfoForm onSessionExpired={(event) => event.detail.changed} />;
`,
  'tsconfig.json': JSON.stringify(
    { compilerOptions: { ...strict, jsx: 'react-jsx' }, include: ['src/*.ts', 'src/*.tsx'] },
    null,
    2,
  ),
  // The Vue app: env.d.ts loads the template types once; the SFC uses the element.
  'vue/env.d.ts': `import type {} from 'personal-settings-elements/vue';
`,
  'vue/App.vue': `<script setup lang="ts">
import 'personal-settings-elements/personal-info-form';
import type { PersonalInfoSavedEvent } from 'personal-settings-elements';

const onSaved = (event: PersonalInfoSavedEvent) => console.log(event.detail.changed);
</script>

<template>
  <personal-info-form
    endpoint="/api/v1"
    locale="en"
    @personal-info-saved="onSaved"
    @session-expired="(event) => console.log(event.detail.reason)"
  />
  <session-limit-field :value="{ max: 2, policy: 'deny' }" @change="(event) => console.log(event.detail.valid)" />
  <!-- @vue-expect-error endpoint is a string -->
  <personal-info-form :endpoint="42" />
  <!-- @vue-expect-error the saved event's handler does not take a number -->
  <personal-info-form @personal-info-saved="(event: number) => event" />
</template>
`,
  'vue/tsconfig.json': JSON.stringify(
    {
      compilerOptions: { ...strict, skipLibCheck: true, jsx: 'preserve' },
      vueCompilerOptions: { strictTemplates: true },
      include: ['env.d.ts', '*.vue'],
    },
    null,
    2,
  ),
};

describe('types in every host, from the tarball', { timeout: 300_000 }, () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let host: string;

  before(async () => {
    work = await tempDir('package-types-');
    host = join(work.path, 'host');
    const t0 = performance.now();
    hostProject(host, await packedTarball(), DEPS, FILES);
    console.log(`  npm install: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });

  after(async () => {
    await work?.remove();
  });

  const check = (bin: string, project: string) => {
    const result = spawnSync(process.execPath, [join(host, 'node_modules', bin), '-p', project], {
      cwd: host,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `${bin}:\n${result.stdout}${result.stderr}`);
  };

  it('vanilla TS, Angular-style and React (./react) consumers type-check under strict', () => {
    check('typescript/bin/tsc', 'tsconfig.json');
  });

  it('a Vue SFC type-checks under vue-tsc strictTemplates with ./vue, and a wrong prop type is an error', () => {
    check('vue-tsc/bin/vue-tsc.js', 'vue/tsconfig.json');
  });

  it('ships VS Code custom data and JetBrains web-types for the three tags', () => {
    const installed = join(host, 'node_modules', PACKAGE_NAME);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      'web-types'?: string;
    };
    assert.ok(manifest['web-types'], 'package.json names its web-types');
    const webTypes = JSON.parse(readFileSync(join(installed, manifest['web-types']), 'utf8')) as {
      contributions: { html: { elements: { name: string; js: { events: { name: string }[] } }[] } };
    };
    const elements = webTypes.contributions.html.elements;
    assert.deepEqual(elements.map((e) => e.name).sort(), [
      'contact-verify-dialog',
      'personal-info-form',
      'session-limit-field',
    ]);
    const form = elements.find((e) => e.name === 'personal-info-form');
    assert.ok(form?.js.events.some((e) => e.name === 'session-expired'), 'web-types list the events');
    const vscode = JSON.parse(
      readFileSync(join(installed, 'dist/ide/vscode.html-custom-data.json'), 'utf8'),
    ) as { tags: { name: string; attributes: { name: string; values?: { name: string }[] }[] }[] };
    const dialog = vscode.tags.find((tag) => tag.name === 'contact-verify-dialog');
    assert.ok(dialog, 'VS Code data has <contact-verify-dialog>');
    assert.ok(
      vscode.tags.find((tag) => tag.name === 'personal-info-form')?.attributes.some((a) => a.name === 'endpoint'),
      'VS Code data lists the endpoint attribute',
    );
  });
});
