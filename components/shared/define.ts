/**
 * Register a custom element once. A second copy of the library on the page (two micro-frontends
 * bundling it) must neither throw nor silently replace the first: the first definition wins and a
 * different constructor gets a console warning.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag);
  if (existing === undefined) {
    registry.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(
      `<${tag}> is already defined by another copy of personal-settings elements; keeping the first definition.`,
    );
  }
}
