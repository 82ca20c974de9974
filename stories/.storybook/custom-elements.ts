/**
 * Autodocs tables from custom-elements.json. Storybook's own reader keys every row by its bare name,
 * so a part, an event and a property with the same name (`input`, `error`, `change`) overwrite each
 * other, and custom states are not shown. This one keys rows by category and adds methods and states.
 */
import type { ArgTypes, InputType } from 'storybook/internal/types';
import json from '../../custom-elements.json';

interface Typed {
  text: string;
}

interface Item {
  name: string;
  kind?: string;
  description?: string;
  type?: Typed;
  default?: string;
  attribute?: string;
  readonly?: boolean;
  static?: boolean;
  privacy?: string;
  parameters?: { name: string; type?: Typed }[];
  return?: { type?: Typed };
}

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  description?: string;
  summary?: string;
  members?: Item[];
  attributes?: (Item & { fieldName?: string })[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
  cssStates?: Item[];
}

export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

export const manifest = json as Manifest;

export function declarationOf(tagName: string): Declaration | undefined {
  for (const module of manifest.modules) {
    const found = module.declarations?.find((d) => d.customElement && d.tagName === tagName);
    if (found) return found;
  }
  return undefined;
}

/** The names of the events an element fires (for the Actions panel). */
export function eventNames(tagName: string): string[] {
  return (declarationOf(tagName)?.events ?? []).map((e) => e.name);
}

const QUOTED_UNION = /^'[^']*'(\s*\|\s*'[^']*')*$/;

function controlFor(type: string | undefined, readonly: boolean): InputType['control'] {
  if (readonly || !type) return false;
  const bare = type.replace(/\s*\|\s*(null|undefined)\b/g, '').trim();
  if (bare === 'boolean') return { type: 'boolean' };
  if (bare === 'number') return { type: 'number' };
  if (bare === 'string') return { type: 'text' };
  if (QUOTED_UNION.test(bare)) return { type: 'select' };
  return false;
}

function optionsFor(type: string | undefined): string[] | undefined {
  const bare = type?.replace(/\s*\|\s*(null|undefined)\b/g, '').trim();
  if (!bare || !QUOTED_UNION.test(bare)) return undefined;
  return bare.split('|').map((s) => s.trim().slice(1, -1));
}

function row(name: string, category: string, item: Item, extra: Partial<InputType> = {}): InputType {
  return {
    name,
    description: item.description ?? '',
    table: {
      category,
      ...(item.type?.text ? { type: { summary: item.type.text } } : {}),
      ...(item.default !== undefined ? { defaultValue: { summary: item.default } } : {}),
    },
    control: false,
    ...extra,
  };
}

/** `parameters.docs.extractArgTypes` for our elements. */
export function extractArgTypes(tagName: string): ArgTypes | null {
  const d = declarationOf(tagName);
  if (!d) return null;
  const types: ArgTypes = {};
  for (const m of d.members ?? []) {
    if (m.static) continue;
    if (m.kind === 'method') {
      const params = (m.parameters ?? [])
        .map((p) => `${p.name}${p.type ? `: ${p.type.text}` : ''}`)
        .join(', ');
      types[`method:${m.name}`] = row(`${m.name}()`, 'methods', {
        ...m,
        type: { text: `(${params}) => ${m.return?.type?.text ?? 'void'}` },
      });
      continue;
    }
    const attribute = m.attribute ? `Attribute: \`${m.attribute}\`. ` : '';
    const readonly = m.readonly ? 'Read-only. ' : '';
    const options = optionsFor(m.type?.text);
    types[m.name] = row(
      m.name,
      'properties',
      { ...m, description: `${attribute}${readonly}${m.description ?? ''}` },
      {
        control: controlFor(m.type?.text, Boolean(m.readonly)),
        ...(options ? { options } : {}),
      },
    );
  }
  for (const e of d.events ?? []) types[`event:${e.name}`] = row(e.name, 'events', e);
  for (const s of d.slots ?? []) types[`slot:${s.name}`] = row(s.name || '(default)', 'slots', s);
  for (const p of d.cssParts ?? []) types[`part:${p.name}`] = row(`::part(${p.name})`, 'css parts', p);
  for (const p of d.cssProperties ?? []) types[`css:${p.name}`] = row(p.name, 'css custom properties', p);
  for (const s of d.cssStates ?? [])
    types[`state:${s.name}`] = row(`:state(${s.name})`, 'css custom states', s);
  return types;
}

/** `parameters.docs.extractComponentDescription`: the class's JSDoc. */
export function extractComponentDescription(tagName: string): string | null {
  return declarationOf(tagName)?.description ?? null;
}

/**
 * `parameters.docs.description.component` for an element's stories: the class's JSDoc from the
 * manifest (one source of truth), then what the stories add.
 */
export function componentDocs(tagName: string, note: string): { description: { component: string } } {
  const own = declarationOf(tagName)?.description ?? '';
  return { description: { component: [own, note].filter(Boolean).join('\n\n') } };
}
