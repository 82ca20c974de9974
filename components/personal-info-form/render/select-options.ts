import { nothing } from 'lit';
import { Directive, directive, type ElementPart, PartType, type PartInfo } from 'lit/directive.js';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/**
 * Option lists already built, by their JSON: every form on a page shows the same list, so each clones
 * it (one native deep copy) instead of building eight options. A page sees a handful of lists (one
 * per locale and options from the server); the cache is bounded all the same.
 */
const built = new Map<string, DocumentFragment>();
const MAX_BUILT = 16;

function optionsFragment(key: string, options: readonly SelectOption[]): DocumentFragment {
  let fragment = built.get(key);
  if (!fragment) {
    fragment = document.createDocumentFragment();
    for (const o of options) fragment.append(new Option(o.label, o.value));
    if (built.size >= MAX_BUILT) built.clear();
    built.set(key, fragment);
  }
  return fragment.cloneNode(true) as DocumentFragment;
}

/**
 * `<select ${selectOptions(options, value)}>`: the select's options, as plain `<option>`s (no template
 * instance, part or marker per option), rebuilt only when the list changes, and the selected value set
 * on every render, as `live()` would (the user's choice is never left on screen when the element says
 * otherwise). Labels are set as text, never parsed as HTML.
 */
class SelectOptionsDirective extends Directive {
  #key = '';

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('selectOptions() goes on a <select> element');
  }

  override render(_options: readonly SelectOption[], _value: string) {
    return nothing;
  }

  override update(part: ElementPart, [options, value]: [readonly SelectOption[], string]) {
    const select = part.element as HTMLSelectElement;
    const key = JSON.stringify(options);
    if (key !== this.#key) {
      this.#key = key;
      select.replaceChildren(optionsFragment(key, options));
    }
    if (select.value !== value) select.value = value;
    return nothing;
  }
}

export const selectOptions = directive(SelectOptionsDirective);
