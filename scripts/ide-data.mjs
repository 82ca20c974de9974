// Editor data generated from custom-elements.json, shipped in the package (`dist/ide/`):
//   - vscode.html-custom-data.json — VS Code's HTML custom data (tags, attributes with their values,
//     descriptions): point `"html.customData"` at it in .vscode/settings.json;
//   - web-types.json — JetBrains web-types (tags, attributes, events, CSS parts and custom properties),
//     found by WebStorm / IntelliJ through package.json's "web-types".
// Called by the library build (vite.config.ts); `node scripts/ide-data.mjs [outDir]` on its own.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The elements of a manifest: `{ tagName, description, attributes, events, cssParts, cssProperties, slots }`. */
export function manifestElements(manifest) {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** `'edit' | 'verify'` → `['edit', 'verify']`; `null` when the type is not a union of string literals. */
export function literalValues(typeText) {
  if (!typeText) return null;
  const parts = typeText
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'null' && part !== 'undefined');
  if (parts.length === 0 || !parts.every((part) => /^'[^']*'$/.test(part))) return null;
  return parts.map((part) => part.slice(1, -1));
}

const firstParagraph = (text = '') => text.split(/\n\s*\n/)[0].replace(/\s*\n\s*/g, ' ').trim();

export function vscodeCustomData(manifest) {
  return {
    $schema:
      'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: manifestElements(manifest).map((element) => ({
      name: element.tagName,
      description: [
        firstParagraph(element.description),
        ...(element.events?.length
          ? [`Events: ${element.events.map((event) => `\`${event.name}\``).join(', ')}.`]
          : []),
        ...(element.cssParts?.length
          ? [`CSS parts: ${element.cssParts.map((part) => `\`${part.name}\``).join(', ')}.`]
          : []),
      ].join('\n\n'),
      attributes: (element.attributes ?? []).map((attribute) => {
        const type = attribute.type?.text;
        const values = type === 'boolean' ? [] : literalValues(type);
        return {
          name: attribute.name,
          description: [attribute.description, type ? `Type: \`${type}\`` : '']
            .filter(Boolean)
            .join('\n\n'),
          ...(type === 'boolean' ? { valueSet: 'v' } : {}),
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
    })),
  };
}

export function webTypes(manifest, pkg) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: manifestElements(manifest).map((element) => ({
          name: element.tagName,
          description: firstParagraph(element.description),
          attributes: (element.attributes ?? []).map((attribute) => {
            const type = attribute.type?.text ?? 'string';
            const values = literalValues(type);
            return {
              name: attribute.name,
              description: attribute.description ?? '',
              ...(attribute.default ? { default: attribute.default } : {}),
              value:
                type === 'boolean'
                  ? { type: 'boolean', required: false }
                  : values
                    ? { type: values.map((value) => `'${value}'`).join(' | '), kind: 'plain' }
                    : { type, kind: 'expression' },
            };
          }),
          slots: (element.slots ?? []).map((slot) => ({
            name: slot.name,
            description: slot.description ?? '',
          })),
          js: {
            properties: (element.members ?? [])
              .filter((member) => member.kind === 'field' && member.privacy === undefined && !member.static)
              .map((member) => ({
                name: member.name,
                description: member.description ?? '',
                ...(member.type?.text ? { type: member.type.text } : {}),
              })),
            events: (element.events ?? []).map((event) => ({
              name: event.name,
              description: event.description ?? '',
              ...(event.type?.text ? { type: event.type.text } : {}),
            })),
          },
          css: {
            parts: (element.cssParts ?? []).map((part) => ({
              name: part.name,
              description: part.description ?? '',
            })),
            properties: (element.cssProperties ?? []).map((property) => ({
              name: property.name,
              description: property.description ?? '',
            })),
          },
        })),
      },
    },
  };
}

/** Write both files into `outDir` (default `dist/ide`). */
export function writeIdeData(outDir = join(ROOT, 'dist/ide')) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'vscode.html-custom-data.json'),
    `${JSON.stringify(vscodeCustomData(manifest), null, 2)}\n`,
  );
  writeFileSync(join(outDir, 'web-types.json'), `${JSON.stringify(webTypes(manifest, pkg), null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeIdeData(process.argv[2] ? resolve(process.argv[2]) : undefined);
}
