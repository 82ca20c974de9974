/**
 * A tiny DOM builder for the demo console: elements, attributes, listeners and text — never HTML
 * strings, so user data (the welcome message, server messages) can only ever be text.
 */
type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

/** A button that does not submit a form (`type="button"`): the console's actions and toggles. */
export function button(attrs: Attrs, ...children: (Child | Child[])[]): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs }, ...children);
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace all children of `parent`. */
export function replace(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A listener typed for `h()` attributes. */
export const on = <E extends Event = Event>(handler: (event: E) => void): EventListener =>
  handler as EventListener;
