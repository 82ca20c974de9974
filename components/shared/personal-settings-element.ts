import { LitElement, type PropertyDeclarations } from 'lit';
import { type ElementCatalogs, LocalizeController, registerCatalog, type Translate } from './localize.js';

/** Catalog sets already registered (each once per page, whichever element needs it first). */
const registered = new WeakSet<ElementCatalogs>();

/**
 * What every element of the library shares (never extend `LitElement` directly): `locale` and
 * `strings`, the localize controller and `t()`, registering the catalogs the element needs on first
 * construction (not at import: importing a class has no side effect), `ElementInternals` with custom
 * states, and an `updateComplete` that also waits for a lazy catalog (zh-CN) and the render it causes.
 *
 * A subclass lists its catalogs in `static catalogs` (the shared problem words first when it shows
 * problems), renders with `this.t(id, values)` and sets custom states with `this.toggleState()`.
 */
export class PersonalSettingsElement extends LitElement {
  /** @internal The string catalogs the element uses, registered when its first instance is built. */
  static catalogs: readonly ElementCatalogs[] = [];
  /** @internal Reactive properties as a static table, not decorators: smaller output, no decorator helper. */
  static override properties: PropertyDeclarations = { locale: {}, strings: { attribute: false } };

  /** @internal */
  protected readonly localize: LocalizeController = new LocalizeController(this);
  /** @internal Custom states (`:state(name)`) and, for form controls, the form value and validity. */
  protected readonly internals: ElementInternals = this.attachInternals();

  /**
   * Locale of the strings (`en`, `zh-CN`); defaults to the nearest `lang`. Not reflected: a parent
   * that hands its locale down (as `<personal-info-form>` does) does not write an attribute per element.
   */
  locale: string | null = null;

  /** Overrides of catalog strings by message id (see the element's `locales/en.ts`). */
  strings: Partial<Record<string, string>> | null = null;

  constructor() {
    super();
    for (const catalogs of (this.constructor as typeof PersonalSettingsElement).catalogs) {
      if (registered.has(catalogs)) continue;
      registered.add(catalogs);
      for (const [locale, catalog] of Object.entries(catalogs)) registerCatalog(locale, catalog);
    }
  }

  /** @internal A catalog string in the element's locale, `{name}` placeholders filled from `values`. */
  protected readonly t: Translate = (id, values) => this.localize.t(id, values);

  /** @internal Add or remove a custom state (`:state(name)`). */
  protected toggleState(name: string, on: boolean): void {
    try {
      this.internals.states[on ? 'add' : 'delete'](name);
    } catch {
      // A browser without CustomStateSet: the state is a styling nicety only.
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    // A lazy catalog (zh-CN) arriving re-renders the element: wait for that render too.
    await this.localize.ready();
    return super.getUpdateComplete();
  }
}
