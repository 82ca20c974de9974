import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatNumber } from './format.js';

/** A flat catalog of message ids to strings; `{name}` placeholders are filled from `values`. */
export type Catalog = Readonly<Record<string, string>>;
export type CatalogLoader = () => Promise<Catalog>;
/** One set of strings an element needs: English shipped eagerly, other locales as lazy loaders. */
export type ElementCatalogs = Readonly<Record<string, Catalog | CatalogLoader>>;
/** A catalog string by id, `{name}` placeholders filled from `values` (a `LocalizeController`'s `t`). */
export type Translate = (id: string, values?: Readonly<Record<string, string | number>>) => string;

export const DEFAULT_LOCALE = 'en';

/** Lazy loaders not run yet, per locale: every element (and the shared catalog) can add its own. */
const loaders = new Map<string, CatalogLoader[]>();
/** Loads in flight or done, per locale, so `loadCatalogs()` can be awaited. */
const loading = new Map<string, Promise<void>>();
const loaded = new Map<string, Catalog>();
const listeners = new Set<() => void>();
/**
 * Locales in which an element looked up a message that was not there (it fell back to English, or
 * to the id): a catalog registered for one of them may change what is on screen.
 */
const missed = new Set<string>();

/**
 * Register a locale's catalog. English ships eagerly; other locales register a lazy loader so a
 * host that never shows them never downloads them. Registering again merges (host overrides).
 */
export function registerCatalog(locale: string, catalog: Catalog | CatalogLoader): void {
  const key = normalizeLocale(locale);
  if (typeof catalog === 'function') {
    loaders.set(key, [...(loaders.get(key) ?? []), catalog]);
    return;
  }
  const before = loaded.get(key);
  loaded.set(key, { ...before, ...catalog });
  // Re-render only when it can change a rendered string: a message some element missed, or a new
  // wording of one it showed (a host override). An element's own catalog, registered when its first
  // instance is built, adds messages no element has looked up yet: nothing to re-render for.
  if (
    missed.has(key) ||
    (before && Object.keys(catalog).some((id) => id in before && before[id] !== catalog[id]))
  ) {
    missed.delete(key);
    notify();
  }
}

/**
 * Run the lazy loaders registered for a locale (once each) and resolve when their catalogs are in.
 * Elements await it in `getUpdateComplete()` so a test (or a host) can wait for translated text.
 */
export function loadCatalogs(locale: string): Promise<void> {
  const key = normalizeLocale(locale);
  const pending = loaders.get(key);
  if (pending?.length) {
    loaders.delete(key);
    const run = Promise.all(
      pending.map((loader) =>
        loader().then(
          (catalog) => registerCatalog(key, catalog),
          (error: unknown) => console.warn(`personal-settings: could not load the ${key} catalog`, error),
        ),
      ),
    ).then(() => undefined);
    loading.set(key, Promise.all([loading.get(key), run]).then(() => undefined));
  }
  return loading.get(key) ?? Promise.resolve();
}

let notifyQueued = false;

/**
 * Tell the elements to re-render, once per microtask. Deferred because catalogs are registered in
 * element constructors, and a child element constructed while its parent renders must not make
 * that parent request an update in the middle of it (Lit's `change-in-update` warning).
 */
function notify() {
  if (notifyQueued) return;
  notifyQueued = true;
  queueMicrotask(() => {
    notifyQueued = false;
    for (const l of listeners) l();
  });
}

export function normalizeLocale(locale: string): string {
  const lower = locale.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-hans') || lower === 'zh-sg') return 'zh-CN';
  return lower.split('-')[0] ?? DEFAULT_LOCALE;
}

/**
 * Sentences joined into one message: with a space after a Latin full stop, without one after a
 * full-width one (`。`, `？`…), so Chinese reads `操作失败。请重试。`, not `操作失败。 请重试。`.
 */
export function joinSentences(...parts: (string | null | undefined | false)[]): string {
  let out = '';
  for (const part of parts) {
    if (part) out += out ? sentenceGap(out) + part : part;
  }
  return out;
}

/** What goes after `text` before the next sentence: nothing after full-width punctuation, else a space. */
export const sentenceGap = (text: string): string => (/[\u3000-\u303f\uff00-\uffef]$/.test(text) ? '' : ' ');

/** A message's `{placeholders}` filled in; numbers through `Intl.NumberFormat` for `lang`. */
function fill(template: string, values: Readonly<Record<string, string | number>> | undefined, lang: string): string {
  if (!values || !template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!Object.hasOwn(values, name)) return m;
    const value = values[name];
    return typeof value === 'number' ? formatNumber(value, lang) : String(value);
  });
}

/** The locale of the element: its `locale` property, else the nearest `lang`, else the document's. */
export function resolveLocale(host: HTMLElement, explicit?: string | null): string {
  if (explicit) return explicit;
  const withLang = host.closest('[lang]');
  return withLang?.getAttribute('lang') || globalThis.document?.documentElement.lang || DEFAULT_LOCALE;
}

export interface LocalizeHost extends ReactiveControllerHost, HTMLElement {
  locale?: string | null;
  /** Per-instance overrides of catalog strings. */
  strings?: Partial<Record<string, string>> | null;
  /** Lit's: true from `requestUpdate()` until `update()` is done (also when `render()` threw). */
  readonly isUpdatePending?: boolean;
}

/**
 * Gives an element `t(id, values)` in its locale, loads a lazy catalog on first use, and
 * re-renders when catalogs change. Falls back to English for a missing id so nothing is blank.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: LocalizeHost;
  readonly #onChange = () => this.#host.requestUpdate();
  /** The locale while the host renders (found once per update, not once per message). */
  #updating: string | null = null;

  constructor(host: LocalizeHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected() {
    listeners.add(this.#onChange);
  }

  hostDisconnected() {
    listeners.delete(this.#onChange);
  }

  hostUpdate() {
    this.#updating = null;
    this.#updating = this.locale;
  }

  hostUpdated() {
    this.#updating = null;
  }

  get locale(): string {
    if (this.#updating !== null && this.#host.isUpdatePending) return this.#updating;
    return normalizeLocale(resolveLocale(this.#host, this.#host.locale));
  }

  /** BCP 47 tag for Intl APIs. */
  get lang(): string {
    return this.locale === 'zh-CN' ? 'zh-CN' : this.locale;
  }

  get dir(): 'ltr' | 'rtl' {
    const el = this.#host.closest('[dir]');
    const dir = el?.getAttribute('dir') ?? globalThis.document?.documentElement.dir;
    return dir === 'rtl' ? 'rtl' : 'ltr';
  }

  t(id: string, values?: Readonly<Record<string, string | number>>): string {
    const override = this.#host.strings?.[id];
    if (override !== undefined) return fill(override, values, this.lang);
    const locale = this.locale;
    const catalog = loaded.get(locale);
    if (loaders.has(locale)) void loadCatalogs(locale);
    let template = catalog?.[id];
    if (template === undefined) {
      missed.add(locale);
      template = loaded.get(DEFAULT_LOCALE)?.[id];
      if (template === undefined) missed.add(DEFAULT_LOCALE);
    }
    if (template === undefined) {
      console.warn(`personal-settings: missing message "${id}"`);
      return id;
    }
    return fill(template, values, this.lang);
  }

  /** Resolves when the lazy catalogs of the current locale are loaded. */
  ready(): Promise<void> {
    return loadCatalogs(this.locale);
  }
}
