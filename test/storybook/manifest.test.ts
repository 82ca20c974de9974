/**
 * custom-elements.json documents the whole public surface, and Storybook covers every element.
 * Fast and static (no analyzer run, no Storybook build): `scripts/check-manifest.mjs` checks that the
 * manifest is current; `npm run test:storybook` renders every story.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error — a plain .mjs module without types
import { inlineTagsPlugin } from '../../scripts/cem-plugins.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

interface Item {
  name: string;
  description?: string;
  type?: { text: string };
  kind?: string;
  privacy?: string;
  fieldName?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  superclass?: { name: string };
  members?: Item[];
  attributes?: Item[];
  events?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
  cssStates?: Item[];
  slots?: Item[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}

const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest;
const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
const elements = declarations.filter((d) => d.customElement);

/** Files under `dir` (recursively) whose name ends with `suffix`. */
function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), suffix) : e.name.endsWith(suffix) ? [join(dir, e.name)] : [],
  );
}

describe('custom-elements.json', () => {
  it('describes the three elements, each registered by a define module', () => {
    assert.deepEqual(elements.map((e) => e.tagName).sort(), [
      'contact-verify-dialog',
      'personal-info-form',
      'session-limit-field',
    ]);
    const defined = manifest.modules.flatMap((m) =>
      (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name),
    );
    assert.deepEqual(defined.sort(), elements.map((e) => e.tagName).sort());
  });

  it('lists every event class of the source on an element, with its class and detail type', () => {
    const inSource = files(join(root, 'components'), '.ts').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/static readonly eventName = '([^']+)'/g)].map((m) => m[1]),
    );
    const documented = new Set(elements.flatMap((e) => (e.events ?? []).map((ev) => ev.name)));
    for (const name of inSource) assert.ok(documented.has(name as string), `event "${name}" has no @fires`);
    for (const element of elements) {
      for (const event of element.events ?? []) {
        assert.match(event.type?.text ?? '', /Event$/, `${element.tagName} ${event.name}: class`);
        assert.match(
          event.description ?? '',
          /`detail: \w+` — `\{/,
          `${element.tagName} ${event.name}: detail`,
        );
      }
    }
  });

  it('documents every part, custom property, state and slot once, with a description', () => {
    for (const element of elements) {
      for (const field of ['cssParts', 'cssProperties', 'cssStates', 'slots'] as const) {
        const items = element[field] ?? [];
        const names = items.map((i) => i.name);
        assert.equal(new Set(names).size, names.length, `${element.tagName} ${field}: duplicates`);
        for (const item of items) {
          assert.ok(item.description, `${element.tagName} ${field} ${item.name}: no description`);
          assert.doesNotMatch(item.description ?? '', /@\w+/, `${element.tagName} ${field} ${item.name}`);
        }
      }
      assert.ok(
        element.cssParts?.some((p) => p.name === 'base'),
        `${element.tagName}: part "base"`,
      );
      assert.ok(element.cssStates?.length, `${element.tagName}: custom states`);
    }
  });

  it('has no private, protected or internal members, and every attribute maps to a documented field', () => {
    for (const element of elements) {
      for (const member of element.members ?? []) {
        assert.doesNotMatch(member.name, /^[#_]/, `${element.tagName}.${member.name}`);
        assert.ok(!member.privacy || member.privacy === 'public', `${element.tagName}.${member.name}`);
      }
      const fields = new Set((element.members ?? []).map((m) => m.name));
      for (const attribute of element.attributes ?? []) {
        assert.ok(
          attribute.fieldName && fields.has(attribute.fieldName),
          `${element.tagName} [${attribute.name}]`,
        );
      }
    }
  });
});

describe('the analyzer plugins', () => {
  it('split several tags written on one line', () => {
    const declaration = {
      cssParts: [
        { name: 'header', description: 'Title row. @csspart title - The heading. @csspart close - The ×.' },
      ],
      cssStates: [{ name: 'open', description: 'Open. @cssstate busy - Working.' }],
    };
    inlineTagsPlugin().packageLinkPhase({
      customElementsManifest: { modules: [{ declarations: [declaration] }] },
    });
    assert.deepEqual(declaration.cssParts, [
      { name: 'header', description: 'Title row.' },
      { name: 'title', description: 'The heading.' },
      { name: 'close', description: 'The ×.' },
    ]);
    assert.deepEqual(declaration.cssStates, [
      { name: 'open', description: 'Open.' },
      { name: 'busy', description: 'Working.' },
    ]);
  });
});

describe('Storybook', () => {
  it('has a stories file per element, same name as its folder and test', () => {
    for (const element of elements) {
      const file = join(root, 'stories', `${element.tagName}.stories.ts`);
      assert.ok(existsSync(file), `stories/${element.tagName}.stories.ts`);
      assert.match(readFileSync(file, 'utf8'), new RegExp(`component: '${element.tagName}'`));
    }
  });

  it('has the guides and serves the msw worker from the root', () => {
    for (const guide of ['embedding', 'events', 'theming', 'contract']) {
      assert.ok(existsSync(join(root, 'stories', `${guide}.mdx`)), `stories/${guide}.mdx`);
    }
    const main = readFileSync(join(root, 'stories/.storybook/main.ts'), 'utf8');
    assert.match(main, /to: '\/mockServiceWorker\.js'/);
    assert.ok(existsSync(join(root, 'node_modules/msw/lib/mockServiceWorker.js')));
  });
});
