import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { filterRegions, type RegionOption } from '../shared/phone.js';
import type { Translate } from '../shared/localize.js';

export interface RegionPickerHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface RegionPickerOptions {
  /** Every region, localized and sorted. */
  options(): readonly RegionOption[];
  selected(): string | null;
  select(code: string): void;
  /** Where focus goes after a choice (the number input). */
  afterSelect(): void;
}

const PAGE = 10;

/**
 * A searchable country/region picker: a button showing the region and its dial code opens a
 * search box (`role="combobox"`) over a listbox of regions — name from `Intl.DisplayNames`, ISO
 * code, dial code — filtered as the user types a name, a code or `+44`. Arrow keys, Page Up/Down,
 * Enter to choose, Escape to close without leaving the dialog. It lives in the dialog's shadow
 * root so `aria-activedescendant` / `aria-controls` resolve.
 */
export class RegionPickerController implements ReactiveController {
  readonly #host: RegionPickerHost;
  readonly #o: RegionPickerOptions;
  open = false;
  query = '';
  active: string | null = null;
  #scroll = false;

  constructor(host: RegionPickerHost, options: RegionPickerOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.#scroll || !this.open) return;
    this.#scroll = false;
    const option = this.#host.renderRoot.querySelector(`#region-option-${this.active ?? ''}`);
    option?.scrollIntoView({ block: 'nearest' });
  }

  get filtered(): RegionOption[] {
    return filterRegions(this.#o.options(), this.query);
  }

  show(): void {
    if (this.open) return;
    this.open = true;
    this.query = '';
    this.active = this.#o.selected();
    this.#scroll = true;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#el<HTMLInputElement>('#region-search')?.focus());
  }

  /** Close the list; `focusButton` puts focus back on the picker's button. */
  close(focusButton: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.#host.requestUpdate();
    if (focusButton)
      void this.#host.updateComplete.then(() => this.#el<HTMLElement>('#region-button')?.focus());
  }

  #el<E extends Element>(selector: string): E | null {
    return this.#host.renderRoot.querySelector<E>(selector);
  }

  #choose(code: string): void {
    this.#o.select(code);
    this.open = false;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#o.afterSelect());
  }

  #move(by: number): void {
    const list = this.filtered;
    if (!list.length) return;
    const index = list.findIndex((o) => o.code === this.active);
    const next =
      index < 0 ? (by > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + by));
    this.active = list[next]!.code;
    this.#scroll = true;
    this.#host.requestUpdate();
  }

  readonly #onSearchKey = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown':
        this.#move(1);
        break;
      case 'ArrowUp':
        this.#move(-1);
        break;
      case 'PageDown':
        this.#move(PAGE);
        break;
      case 'PageUp':
        this.#move(-PAGE);
        break;
      case 'Enter': {
        const list = this.filtered;
        const pick = list.find((o) => o.code === this.active) ?? list[0];
        if (pick) this.#choose(pick.code);
        break;
      }
      case 'Escape':
        // Close the list only: the dialog stays open.
        event.stopPropagation();
        this.close(true);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  readonly #onSearchInput = (event: Event) => {
    this.query = (event.target as HTMLInputElement).value;
    this.active = this.filtered[0]?.code ?? null;
    this.#scroll = true;
    this.#host.requestUpdate();
  };

  readonly #onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    const popup = event.currentTarget as HTMLElement;
    if (next && (popup.contains(next) || next === this.#el('#region-button'))) return;
    this.close(false);
  };

  readonly #onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.show();
    }
  };

  /** The button showing the region (goes before the number input). */
  renderButton(t: Translate, current: RegionOption | undefined): TemplateResult {
    // The accessible name is the sentence (“Country or region: China (+86)”); the badge and dial
    // code are its visual shorthand, hidden from assistive technology so name and label agree.
    return html`<button
      type="button"
      id="region-button"
      class="region__button"
      aria-haspopup="listbox"
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls=${this.open ? 'region-popup' : nothing}
      @click=${() => (this.open ? this.close(true) : this.show())}
      @keydown=${this.#onButtonKey}
    >
      <span class="visually-hidden"
        >${
          current
            ? t('contact-verify.region.button', { name: current.name, dialCode: current.dialLabel })
            : t('contact-verify.region')
        }</span
      >
      <span class="region__iso" aria-hidden="true">${current?.code ?? '··'}</span>
      <span class="region__dial" dir="ltr" aria-hidden="true">${current?.dialLabel ?? '+'}</span>
      <svg class="region__chevron" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 6l4 4 4-4" /></svg>
    </button>`;
  }

  /** The search box and the list (goes below the number row); nothing while closed. */
  renderPopup(t: Translate): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const list = this.filtered;
    const selected = this.#o.selected();
    const has = list.length > 0;
    return html`<div id="region-popup" class="region-popup" @focusout=${this.#onFocusOut}>
      <input
        id="region-search"
        class="region-popup__search"
        part="input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-label=${t('contact-verify.region.search')}
        aria-autocomplete="list"
        aria-expanded=${has ? 'true' : 'false'}
        aria-controls=${has ? 'region-list' : nothing}
        aria-activedescendant=${has && this.active ? `region-option-${this.active}` : nothing}
        placeholder=${t('contact-verify.region.search')}
        .value=${this.query}
        @input=${this.#onSearchInput}
        @keydown=${this.#onSearchKey}
      />
      ${
        has
          ? html`<ul id="region-list" class="region-popup__list" role="listbox" aria-label=${t('contact-verify.region.list')}>
            ${list.map(
              (o) => html`<li
                id="region-option-${o.code}"
                class="region-option"
                role="option"
                aria-selected=${o.code === selected ? 'true' : 'false'}
                ?data-active=${o.code === this.active}
                @pointerdown=${(e: Event) => e.preventDefault()}
                @click=${() => this.#choose(o.code)}
              >
                <span class="region-option__iso" aria-hidden="true">${o.code}</span>
                <span class="region-option__name">${o.name}</span>
                <span class="region-option__dial" dir="ltr">${o.dialLabel}</span>
              </li>`,
            )}
          </ul>`
          : html`<p class="region-popup__none" role="status">${t('contact-verify.region.none', { query: this.query })}</p>`
      }
    </div>`;
  }
}
