// Plugins for @custom-elements-manifest/analyzer (see custom-elements-manifest.config.mjs).
// They make custom-elements.json describe the public surface only, and describe it completely:
//   - `defineElement('tag', Class)` calls count as custom element definitions (the analyzer only
//     knows `customElements.define`);
//   - re-exports (`export { X }` of an imported class) point at the module that declares X;
//   - each event names its class and spells out its `detail` type (from the `*Detail` interfaces);
//   - several `@csspart` / `@cssproperty` / `@cssstate` / `@slot` tags written on one line are split;
//   - private, protected and Lit-internal members are dropped, and so are modules that declare
//     nothing a host uses (controllers, render helpers, styles).
import path from 'node:path';

/** Module path in the manifest (`components/x/y.ts`) of a relative import made from `fromModule`. */
function resolveImport(fromModule, specifier) {
  if (!specifier.startsWith('.')) return null;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromModule), specifier));
  return joined.replace(/\.js$/, '.ts');
}

/** Local import bindings of a source file: local name → { module, name }. */
function importsOf(ts, sourceFile, modulePath) {
  const bindings = new Map();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = resolveImport(modulePath, statement.moduleSpecifier.text);
    const named = statement.importClause?.namedBindings;
    if (!module || !named || !ts.isNamedImports(named)) continue;
    for (const element of named.elements) {
      bindings.set(element.name.text, { module, name: (element.propertyName ?? element.name).text });
    }
  }
  return bindings;
}

/**
 * `defineElement('tag', Class)` in an element's `define.ts` → a `custom-element-definition` export, like
 * `customElements.define`. One definition per tag: `all.ts` and `react.ts` also register the form
 * (without its lazy import of the dialog, which they define up front), but the module to import for
 * one element is its own `define.ts`.
 */
export function defineElementCallsPlugin({ functionName = 'defineElement', modules = /\/define\.ts$/ } = {}) {
  return {
    name: 'personal-settings:define-element-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!modules.test(moduleDoc.path) || !ts.isCallExpression(node)) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== functionName) return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      const imported = importsOf(ts, node.getSourceFile(), moduleDoc.path).get(klass.text);
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: imported
          ? { name: imported.name, module: imported.module }
          : { name: klass.text, module: moduleDoc.path },
      });
    },
  };
}

/** `export { X }` where X is imported: point the export at the module that declares X. */
export function reexportsPlugin() {
  return {
    name: 'personal-settings:re-exports',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isSourceFile(node)) return;
      const imports = importsOf(ts, node, moduleDoc.path);
      moduleDoc.__imports = imports;
    },
    moduleLinkPhase({ moduleDoc }) {
      const imports = moduleDoc.__imports;
      delete moduleDoc.__imports;
      if (!imports) return;
      const declared = new Set((moduleDoc.declarations ?? []).map((d) => d.name));
      for (const entry of moduleDoc.exports ?? []) {
        const ref = entry.declaration;
        if (entry.kind !== 'js' || !ref || ref.module !== moduleDoc.path || declared.has(ref.name)) continue;
        const imported = imports.get(ref.name);
        if (imported) entry.declaration = { name: imported.name, module: imported.module };
      }
    },
  };
}

const INLINE_TAG = /\s@(csspart|part|cssproperty|cssprop|cssstate|cssState|slot)\s+(\S+)(?:\s+-)?\s*/g;
const TAG_FIELD = {
  csspart: 'cssParts',
  part: 'cssParts',
  cssproperty: 'cssProperties',
  cssprop: 'cssProperties',
  cssstate: 'cssStates',
  cssState: 'cssStates',
  slot: 'slots',
};

/** `@csspart a - A. @csspart b - B.` on one line: comment-parser reads one tag; make it two. */
export function inlineTagsPlugin() {
  return {
    name: 'personal-settings:inline-tags',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of allDeclarations(customElementsManifest)) {
        for (const field of new Set(Object.values(TAG_FIELD))) {
          if (!declaration[field]) continue;
          const items = [];
          for (const item of declaration[field]) {
            const text = item.description ?? '';
            const matches = [...text.matchAll(INLINE_TAG)];
            items.push(item);
            if (matches.length === 0) continue;
            item.description = text.slice(0, matches[0].index).trim();
            matches.forEach((match, i) => {
              const end = matches[i + 1]?.index ?? text.length;
              const split = {
                description: text.slice(match.index + match[0].length, end).trim(),
                name: match[2],
              };
              const target = TAG_FIELD[match[1]];
              if (target === field) items.push(split);
              else declaration[target] = [...(declaration[target] ?? []), split];
            });
          }
          declaration[field] = items;
        }
      }
    },
  };
}

function* allDeclarations(manifest) {
  for (const module of manifest.modules ?? []) yield* module.declarations ?? [];
}

/** Text of a type node, whitespace collapsed. */
function typeText(node) {
  return node ? node.getText().replace(/\s+/g, ' ') : 'unknown';
}

/** First paragraph of a node's JSDoc comment, if any. */
function docOf(ts, node) {
  const comment = ts.getJSDocCommentsAndTags(node).find((d) => ts.isJSDoc(d))?.comment;
  if (!comment) return '';
  return (typeof comment === 'string' ? comment : comment.map((c) => c.text).join('')).replace(/\s+/g, ' ');
}

/**
 * Each event names its class (`type`) and gets its `detail` shape appended to the description, e.g.
 * `detail: { kind: ContactKind; mode: ContactVerifyMode }`. Events found only in code (without a
 * name the analyzer could read) are named from the class's `static eventName` or dropped when the
 * JSDoc already lists that class.
 */
export function eventDetailsPlugin() {
  /** Event class → { eventName, detail }. */
  const eventClasses = new Map();
  /** Interface → { extends: string[], members: { name, type, optional, description }[] }. */
  const interfaces = new Map();
  return {
    name: 'personal-settings:event-details',
    analyzePhase({ ts, node }) {
      if (ts.isInterfaceDeclaration(node)) {
        const heritage = (node.heritageClauses ?? []).flatMap((h) =>
          h.types.map((t) => t.expression.getText()),
        );
        const members = node.members.filter(ts.isPropertySignature).map((m) => ({
          name: m.name.getText(),
          type: typeText(m.type),
          optional: Boolean(m.questionToken),
          description: docOf(ts, m),
        }));
        interfaces.set(node.name.text, { extends: heritage, members });
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
        if (!base || !/^(Custom|Detail)?Event$/.test(base.expression.getText())) return;
        let eventName = null;
        // `extends DetailEvent<Detail>` (components/shared/detail-event.ts) carries its detail type
        // as the type argument; a class that declares `detail` itself overrides it below.
        let detail = base.typeArguments?.length === 1 ? typeText(base.typeArguments[0]) : null;
        for (const member of node.members) {
          if (!ts.isPropertyDeclaration(member)) continue;
          const name = member.name.getText();
          const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
          if (
            isStatic &&
            name === 'eventName' &&
            member.initializer &&
            ts.isStringLiteral(member.initializer)
          ) {
            eventName = member.initializer.text;
          }
          if (!isStatic && name === 'detail') detail = typeText(member.type);
        }
        eventClasses.set(node.name.text, { eventName, detail });
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const flatten = (name, seen = new Set()) => {
        const found = interfaces.get(name);
        if (!found || seen.has(name)) return null;
        seen.add(name);
        const inherited = found.extends.flatMap((parent) => flatten(parent, seen) ?? []);
        const own = new Set(found.members.map((m) => m.name));
        return [...inherited.filter((m) => !own.has(m.name)), ...found.members];
      };
      const shape = (detailType) => {
        const members = flatten(detailType);
        if (!members) return detailType;
        return `{ ${members.map((m) => `${m.name}${m.optional ? '?' : ''}: ${m.type}`).join('; ')} }`;
      };
      for (const declaration of allDeclarations(customElementsManifest)) {
        if (!declaration.customElement || !declaration.events) continue;
        const events = [];
        for (const event of declaration.events) {
          const klass = eventClasses.get(event.type?.text);
          if (!event.name) {
            if (declaration.events.some((e) => e.name && e.type?.text === event.type?.text)) continue;
            if (!klass?.eventName) continue;
            event.name = klass.eventName;
          }
          if (events.some((e) => e.name === event.name)) continue;
          if (klass?.detail) {
            const text = `\`detail: ${klass.detail}\` — \`${shape(klass.detail)}\``;
            event.description = event.description ? `${event.description}\n\n${text}` : text;
          }
          events.push(event);
        }
        declaration.events = events;
      }
    },
  };
}

/** Members only Lit or the browser call. */
const LIFECYCLE = new Set([
  'formAssociatedCallback',
  'formResetCallback',
  'formDisabledCallback',
  'formStateRestoreCallback',
  'styles',
  'properties',
  'elementProperties',
  'shadowRootOptions',
  'render',
  'createRenderRoot',
  'getUpdateComplete',
  'shouldUpdate',
  'willUpdate',
  'update',
  'updated',
  'firstUpdated',
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
]);

// `_name`: internal reactive state, declared in `static properties` (the analyzer lists those entries).
const isPublic = (member) =>
  !member.name.startsWith('#') &&
  !member.name.startsWith('_') &&
  member.privacy !== 'private' &&
  member.privacy !== 'protected' &&
  !LIFECYCLE.has(member.name);

/**
 * Only what a host uses: custom elements, their events and mixins, and the modules that register
 * them. Private / protected / Lit-internal members go; `@internal` ones are already gone.
 */
export function publicSurfacePlugin({ keepModules = [] } = {}) {
  return {
    name: 'personal-settings:public-surface',
    packageLinkPhase({ customElementsManifest }) {
      const isEventClass = (d) => d.kind === 'class' && /^(Custom)?Event$/.test(d.superclass?.name ?? '');
      customElementsManifest.modules = customElementsManifest.modules.filter((module) => {
        const exported = new Set((module.exports ?? []).filter((e) => e.kind === 'js').map((e) => e.name));
        module.declarations = (module.declarations ?? []).filter((d) => exported.has(d.name));
        const interesting = module.declarations.some(
          (d) => d.customElement || d.kind === 'mixin' || isEventClass(d),
        );
        const defines = (module.exports ?? []).some((e) => e.kind === 'custom-element-definition');
        return interesting || defines || keepModules.includes(module.path);
      });
      for (const declaration of allDeclarations(customElementsManifest)) {
        if (declaration.kind !== 'class' && declaration.kind !== 'mixin') continue;
        // A base class with no tag (PersonalSettingsElement) is documented for what the elements
        // inherit from it, but it is not an element of its own.
        if (declaration.customElement && !declaration.tagName) delete declaration.customElement;
        if (declaration.members) declaration.members = declaration.members.filter(isPublic);
        if (declaration.customElement && declaration.members) {
          // Statics a host never touches (`formAssociated` stays: it tells tools it is a form control).
          declaration.members = declaration.members.filter((m) => !m.static || m.name === 'formAssociated');
        }
      }
      // References as the analyzer writes them (`/components/x/y.js`, `./y.js`) → manifest paths (`components/x/y.ts`).
      const normalize = (ref, from) => {
        if (!ref?.module) return;
        const relative = ref.module.startsWith('.') ? resolveImport(from, ref.module) : null;
        ref.module = relative ?? ref.module.replace(/^\//, '').replace(/\.js$/, '.ts');
      };
      // In path order: the analyzer lists modules in the order its file search happened to return them,
      // which varies from run to run (and made the manifest check flaky).
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const module of customElementsManifest.modules) {
        for (const entry of module.exports ?? []) normalize(entry.declaration, module.path);
        for (const declaration of module.declarations ?? []) {
          normalize(declaration.superclass, module.path);
          for (const mixin of declaration.mixins ?? []) normalize(mixin, module.path);
          for (const list of ['members', 'attributes', 'events']) {
            for (const item of declaration[list] ?? []) normalize(item.inheritedFrom, module.path);
          }
        }
      }
    },
  };
}
