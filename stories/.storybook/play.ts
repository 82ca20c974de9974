/**
 * Helpers for the stories' `play` functions: find things inside the elements' shadow roots by what
 * a user sees (text, button names, labels), type and click like a user, and wait for the mock's answer.
 */
import { userEvent, waitFor } from 'storybook/test';

/** How long to wait for the mock's answer or a render (generous: CI machines can be slow). */
const WAIT = { timeout: 10_000 };

export function shadow(el: Element | null | undefined): ShadowRoot {
  const root = el?.shadowRoot;
  if (!root) throw new Error(`<${el?.localName ?? 'nothing'}> has no shadow root`);
  return root;
}

/** The first element matching `selector` in the canvas, once it is defined and rendered. */
export async function element<T extends HTMLElement>(canvas: ParentNode, selector: string): Promise<T> {
  const el = await waitFor(() => {
    const found = canvas.querySelector<T>(selector);
    if (!found?.shadowRoot) throw new Error(`waiting for ${selector}`);
    return found;
  }, WAIT);
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}

/** Visible text of a shadow root (or element), whitespace collapsed, bidi isolates removed. */
export function textOf(root: ParentNode): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent?.checkVisibility()) parts.push(node.textContent ?? '');
  }
  return parts
    .join(' ')
    .replace(/[\u2068\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Wait until `text` is visible in `root`. */
export async function seeText(root: ParentNode, text: string, timeout = WAIT.timeout): Promise<void> {
  await waitFor(
    () => {
      if (!textOf(root).includes(text)) throw new Error(`Expected "${text}" in: ${textOf(root)}`);
    },
    { timeout },
  );
}

const accessibleName = (el: Element) =>
  (el.getAttribute('aria-label') ?? el.textContent ?? '')
    .replace(/[\u2068\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The button whose accessible name is (or, with `partial`, starts with) `name`. */
export async function button(root: ParentNode, name: string, partial = false): Promise<HTMLButtonElement> {
  return waitFor(() => {
    const found = [...root.querySelectorAll('button')].find((b) => {
      const label = accessibleName(b);
      return (partial ? label.startsWith(name) : label === name) && b.checkVisibility();
    });
    if (!found) throw new Error(`No button "${name}" in: ${textOf(root)}`);
    return found;
  }, WAIT);
}

/** Click the button named `name` (waits until it is there and not busy). */
export async function click(root: ParentNode, name: string, partial = false): Promise<void> {
  const target = await button(root, name, partial);
  await waitFor(() => {
    if (target.getAttribute('aria-disabled') === 'true' || target.disabled)
      throw new Error(`"${name}" is disabled`);
  }, WAIT);
  await userEvent.click(target);
}

/** The input labelled `label` (by `<label for>` or `aria-label`). */
export async function input(
  root: ParentNode,
  label: string,
): Promise<HTMLInputElement | HTMLTextAreaElement> {
  return waitFor(() => {
    for (const l of root.querySelectorAll('label')) {
      if (accessibleName(l) !== label) continue;
      const id = l.getAttribute('for');
      const control = id ? (root as ShadowRoot).getElementById?.(id) : l.querySelector('input, textarea');
      if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) return control;
    }
    const byAria = root.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
    if (byAria) return byAria;
    throw new Error(`No input labelled "${label}" in: ${textOf(root)}`);
  }, WAIT);
}

/**
 * Type into the input labelled `label`, like a user: click it, select what is there, type over it.
 * (`userEvent.clear()` refuses inputs inside a shadow root, so the selection does the clearing.)
 */
export async function typeInto(root: ParentNode, label: string, text: string): Promise<void> {
  const target = await input(root, label);
  await userEvent.click(target);
  if (target.value) target.select();
  await userEvent.keyboard(text);
}
