// Build-time minification of Lit's css`…` and html`…` tagged template literals in our own sources, as one
// transform shared by every build that ships or measures them:
//   - vite.config.ts (the library build in dist/ and the demo build the e2e tests run): viteMinifyLiterals();
//   - scripts/bench-size.mjs and scripts/bench-render.mjs (esbuild): esbuildMinifyLiterals().
// So the size the benchmark reports is the size we ship, and the e2e suite runs the minified templates.
//
// How, and what it will not touch:
//   - The tagged templates are found with a real parser (oxc-parser; TypeScript as written), never a regex.
//     Only tags imported from lit / lit-html / lit-element / @lit/reactive-element count (an alias too); a
//     `html` from lit/static-html.js is left alone (static values can splice in tag and attribute names).
//   - Each literal is minified on its cooked strings (what Lit sees) and written back escaped; a literal with
//     an invalid escape (cooked undefined) is left as written. Only the text between `${` `}` is replaced,
//     so expressions, nested templates included (handled on their own), stay byte for byte.
//   - css: esbuild's CSS minifier on the literal with each `${…}` replaced by a unique identifier, then
//     restored. If esbuild warns (the literal is a fragment, not a stylesheet: a value, a declaration list,
//     a placeholder where CSS cannot parse one) or any placeholder is not in the output exactly once and in
//     order, the literal is left as written.
//   - html: whitespace only, never structure. A run of HTML whitespace becomes one space (so `</span>
//     <button>` keeps its space), or nothing where layout ignores it anyway: next to the start or end tag
//     of a block element (div, p, fieldset, legend, li…, and <option>, whose text is trimmed), and right
//     inside a <button> or <select> (inline blocks: their content is laid out as a block). Fewer text
//     nodes to clone, walk and lay out for each instance. Whitespace that is an element's only content
//     stays one space (it is not :empty), and so does whitespace between two expressions. Inside a tag,
//     whitespace right before `>` goes. Quoted attribute values, and the content of <pre>, <textarea>,
//     <script>, <style>, <title>, <xmp> and <listing>, are copied as written. A comment is dropped only
//     when it has no `${…}` in it.
//   What this assumes of our own templates: no CSS that makes static template text `white-space: pre*`
//   (put such text in a <pre> or a binding, as the welcome message is) or a listed block element
//   `display: inline`, and no code that counts a slot's whitespace text nodes. test/build/ checks every
//   component file against Lit's template parser and an HTML parser with the same layout rule.
import { readFileSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { transformSync } from 'esbuild';
import MagicString from 'magic-string';
import { parseSync, visitorKeys } from 'oxc-parser';

/**
 * What esbuild may assume of the browser when it minifies our CSS (it lowers nothing for these, and uses
 * no syntax they lack). The floor is set by `light-dark()` in components/shared/tokens.ts.
 */
export const CSS_TARGET = ['chrome123', 'edge123', 'firefox120', 'safari17.5'];

/** Module specifiers whose `html` / `css` exports are Lit's plain tags. */
const LIT_SOURCES = new Set([
  'lit',
  'lit/index.js',
  'lit-html',
  'lit-html/lit-html.js',
  'lit-element',
  'lit-element/index.js',
  'lit-element/lit-element.js',
  '@lit/reactive-element',
  '@lit/reactive-element/css-tag.js',
]);

// ---------------------------------------------------------------------------------------------- css

/**
 * Minify the cooked strings of one css`` literal. Returns the new strings (as many as given), or null when
 * the literal is left as written.
 * @param {readonly string[]} strings
 * @returns {string[] | null}
 */
export function minifyCss(strings) {
  const joined = strings.join('');
  // A placeholder that cannot already be in the text: an identifier, valid wherever a selector, property
  // name or value may go.
  let salt = 0;
  while (joined.includes(`litcss${salt}x`)) salt++;
  const placeholder = (i) => `litcss${salt}x${i}x`;
  const source = strings.reduce((acc, s, i) => acc + placeholder(i - 1) + s);
  let result;
  try {
    result = transformSync(source, {
      loader: 'css',
      minify: true,
      target: CSS_TARGET,
      logLevel: 'silent',
    });
  } catch {
    return null;
  }
  if (result.warnings.length > 0) return null;
  const out = [];
  let rest = result.code.replace(/\n$/, '');
  for (let i = 0; i < strings.length - 1; i++) {
    const mark = placeholder(i);
    const at = rest.indexOf(mark);
    if (at < 0 || rest.indexOf(mark, at + mark.length) >= 0) return null;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + mark.length);
  }
  out.push(rest);
  // The salt rules out a placeholder the output could still hold (e.g. a later one it moved earlier).
  if (out.some((s) => s.includes(`litcss${salt}x`))) return null;
  return out;
}

// --------------------------------------------------------------------------------------------- html

/** HTML's whitespace (not \s: a no-break space is content). */
const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isAsciiAlpha = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
/** Elements whose content is copied as written. */
const VERBATIM = new Set(['pre', 'textarea', 'script', 'style', 'title', 'xmp', 'listing', 'plaintext']);
/**
 * Elements the browser lays out as blocks (or, for <option>, whose text it trims): whitespace that only
 * separates one of their tags from what is next to it, inside or outside, renders nothing.
 */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'optgroup',
  'option',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
/**
 * Inline blocks whose content the browser lays out as a block of its own: whitespace right inside their
 * start or end tag renders nothing (outside, it is a space between inline boxes and stays).
 */
const INLINE_BLOCK = new Set(['button', 'select']);

/** The index just after the first `-->` or `--!>` in `s` from `from` (how HTML ends a comment), or -1. */
function commentClose(s, from) {
  const a = s.indexOf('-->', from);
  const b = s.indexOf('--!>', from);
  if (a < 0 && b < 0) return -1;
  return b < 0 || (a >= 0 && a < b) ? a + 3 : b + 4;
}

/** Where a comment whose `<!--` ends at `from` ends in `s` (`<!-->` and `<!--->` end at once), or -1. */
function commentEnd(s, from) {
  if (s.startsWith('>', from)) return from + 1;
  if (s.startsWith('->', from)) return from + 2;
  return commentClose(s, from);
}

/**
 * Whether whitespace on one side of a tag may be dropped (`whitespaceBefore`: it comes before the tag):
 * on either side of a block element's tag (see BLOCK), only on the inside of an inline block's (see
 * INLINE_BLOCK).
 */
function trimsAround(name, end, whitespaceBefore) {
  if (BLOCK.has(name)) return true;
  // Whitespace before an end tag or after a start tag is inside the element.
  return INLINE_BLOCK.has(name) && end === whitespaceBefore;
}

/** The start or end tag at `i` in `s`, if there is one: its lowercased name and whether it ends an element. */
function tagAt(s, i) {
  if (s[i] !== '<') return null;
  const end = s[i + 1] === '/';
  let j = i + (end ? 2 : 1);
  const from = j;
  while (j < s.length && (isAsciiAlpha(s[j]) || (j > from && (s[j] === '-' || (s[j] >= '0' && s[j] <= '9')))))
    j++;
  if (j === from || !(j === s.length || isSpace(s[j]) || s[j] === '/' || s[j] === '>')) return null;
  return { name: s.slice(from, j).toLowerCase(), end };
}

/**
 * Collapse the whitespace of the cooked strings of one html`` literal (see the header for the rules).
 * Always returns as many strings as given.
 * @param {readonly string[]} strings
 * @returns {string[]}
 */
export function minifyHtml(strings) {
  const out = [];
  /** @type {'text' | 'tag' | 'quoted' | 'comment' | 'verbatim'} */
  let state = 'text';
  let quote = '';
  let afterEquals = false;
  /** The tag being read is a start tag of a verbatim element: its name. */
  let verbatimTag = '';
  /** Inside a verbatim element: its name and how deep (a <pre> inside a <pre>). */
  let verbatim = '';
  let depth = 0;
  /** The tag being read (a string may end inside it, at an attribute's expression): its name, and whether it is an end tag. */
  let tagName = '';
  let tagEnd = false;
  for (const s of strings) {
    let o = '';
    /** The output so far in this string ends in a space made from a whitespace run in text. */
    let textSpace = false;
    /** The output so far in this string ends with a tag after which whitespace renders nothing. */
    let afterTrimming = false;
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (state === 'text') {
        if (isSpace(c)) {
          while (i < s.length && isSpace(s[i])) i++;
          const next = tagAt(s, i);
          const beforeTrimming = next !== null && trimsAround(next.name, next.end, true);
          // Next to a tag where it renders nothing (see BLOCK, INLINE_BLOCK): dropped. But not the whole
          // content of an element (`<p> </p>` is not :empty), nor between two expressions' text.
          const wholeContent = afterTrimming && !tagEnd && next?.end === true && next.name === tagName;
          if ((afterTrimming || beforeTrimming) && !wholeContent && !textSpace) continue;
          if (!textSpace) o += ' ';
          textSpace = true;
          continue;
        }
        if (c === '<' && s.startsWith('<!--', i)) {
          const end = commentEnd(s, i + 4);
          if (end >= 0) {
            // Dropped; the whitespace on either side still becomes one space.
            i = end;
            continue;
          }
          // It goes past an expression: keep it, as written, to its end.
          o += s.slice(i);
          state = 'comment';
          break;
        }
        textSpace = false;
        afterTrimming = false;
        if (
          c === '<' &&
          (isAsciiAlpha(s[i + 1] ?? '') || (s[i + 1] === '/' && isAsciiAlpha(s[i + 2] ?? '')))
        ) {
          const end = s[i + 1] === '/';
          let j = i + (end ? 2 : 1);
          while (j < s.length && !isSpace(s[j]) && s[j] !== '/' && s[j] !== '>') j++;
          const name = s.slice(i + (end ? 2 : 1), j).toLowerCase();
          verbatimTag = !end && VERBATIM.has(name) ? name : '';
          tagName = name;
          tagEnd = end;
          o += s.slice(i, j);
          i = j;
          state = 'tag';
          afterEquals = false;
          continue;
        }
        o += c;
        i++;
        continue;
      }
      if (state === 'tag') {
        if (isSpace(c)) {
          let j = i;
          while (j < s.length && isSpace(s[j])) j++;
          if (s[j] !== '>') o += ' ';
          i = j;
          continue;
        }
        if ((c === '"' || c === "'") && afterEquals) {
          state = 'quoted';
          quote = c;
          o += c;
          i++;
          continue;
        }
        afterEquals = c === '=';
        o += c;
        i++;
        if (c === '>') {
          afterTrimming = trimsAround(tagName, tagEnd, false);
          if (verbatimTag) {
            state = 'verbatim';
            verbatim = verbatimTag;
            depth = 1;
            verbatimTag = '';
          } else state = 'text';
        }
        continue;
      }
      if (state === 'quoted') {
        const end = s.indexOf(quote, i);
        if (end < 0) {
          o += s.slice(i);
          break;
        }
        o += s.slice(i, end + 1);
        i = end + 1;
        state = 'tag';
        afterEquals = false;
        continue;
      }
      if (state === 'comment') {
        // Only here at the start of a string: the comment had an expression in it, and is kept.
        const end = commentClose(s, 0);
        if (end < 0) {
          o += s;
          break;
        }
        o += s.slice(0, end);
        i = end;
        state = 'text';
        continue;
      }
      // verbatim: copy up to the matching end tag (same name, any case), then read that tag.
      const lower = s.toLowerCase();
      let j = i;
      let closed = -1;
      while (j < s.length) {
        const lt = lower.indexOf('<', j);
        if (lt < 0) break;
        const isEnd = lower.startsWith(`</${verbatim}`, lt);
        const isStart = lower.startsWith(`<${verbatim}`, lt);
        const after = lower[lt + verbatim.length + (isEnd ? 2 : 1)];
        const bounded = after === undefined || isSpace(after) || after === '/' || after === '>';
        if (isEnd && bounded && --depth === 0) {
          closed = lt;
          break;
        }
        // Only <pre>-like elements nest; text in textarea / script / style / title cannot open one.
        if (isStart && bounded && (verbatim === 'pre' || verbatim === 'xmp' || verbatim === 'listing'))
          depth++;
        j = lt + 1;
      }
      if (closed < 0 || verbatim === 'plaintext') {
        o += s.slice(i);
        break;
      }
      o += s.slice(i, closed + 2 + verbatim.length);
      i = closed + 2 + verbatim.length;
      state = 'tag';
      verbatimTag = '';
      afterEquals = false;
    }
    out.push(o);
  }
  return out;
}

// ------------------------------------------------------------------------------------------ sources

/** Escape cooked template text back into template-literal source. */
function escapeRaw(cooked) {
  return cooked.replace(/\\|`|\$\{|\r/g, (m) => (m === '\r' ? '\\r' : `\\${m}`));
}

/** The source range of a template element's raw text (oxc-parser's spans include `` ` `` / `}` / `${`). */
function rawRange(code, quasi) {
  const raw = quasi.value.raw;
  const inner = [quasi.start + 1, quasi.end - (quasi.tail ? 1 : 2)];
  if (code.slice(inner[0], inner[1]) === raw) return inner;
  if (code.slice(quasi.start, quasi.end) === raw) return [quasi.start, quasi.end];
  throw new Error(`minify-literals: cannot place a template element at ${quasi.start} (parser changed?)`);
}

/** Every node of an ESTree-shaped tree, depth first. */
function* walk(node) {
  if (!node || typeof node.type !== 'string') return;
  yield node;
  for (const key of visitorKeys[node.type] ?? []) {
    const child = node[key];
    if (Array.isArray(child)) for (const c of child) yield* walk(c);
    else if (child) yield* walk(child);
  }
}

/**
 * Minify every Lit css`` / html`` literal in one source file (TypeScript or JavaScript, by extension).
 * Returns null when nothing changes (no Lit tags, nothing to minify, or a file that does not parse: the
 * compiler reports that).
 * @param {string} code
 * @param {string} filename
 * @returns {{ code: string, map: import('magic-string').SourceMap } | null}
 */
export function minifyLiterals(code, filename) {
  if (!code.includes('`')) return null;
  const { program, errors } = parseSync(filename, code, { sourceType: 'module' });
  if (errors.length > 0) return null;
  /** Local name → which Lit tag it is. */
  const tags = new Map();
  for (const stmt of program.body) {
    if (stmt.type !== 'ImportDeclaration' || stmt.importKind === 'type') continue;
    if (!LIT_SOURCES.has(stmt.source.value)) continue;
    for (const spec of stmt.specifiers) {
      if (spec.type !== 'ImportSpecifier' || spec.importKind === 'type') continue;
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      if (imported === 'html' || imported === 'css') tags.set(spec.local.name, imported);
    }
  }
  if (tags.size === 0) return null;
  const s = new MagicString(code);
  let changed = false;
  for (const node of walk(program)) {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') continue;
    const kind = tags.get(node.tag.name);
    if (!kind) continue;
    const quasis = node.quasi.quasis;
    const cooked = quasis.map((q) => q.value.cooked);
    if (cooked.some((c) => typeof c !== 'string')) continue;
    const minified = kind === 'css' ? minifyCss(cooked) : minifyHtml(cooked);
    if (!minified || minified.length !== quasis.length) continue;
    quasis.forEach((q, i) => {
      if (minified[i] === cooked[i]) return;
      const [start, end] = rawRange(code, q);
      if (start === end) s.appendLeft(start, escapeRaw(minified[i]));
      else s.overwrite(start, end, escapeRaw(minified[i]));
      changed = true;
    });
  }
  if (!changed) return null;
  return {
    code: s.toString(),
    map: s.generateMap({ hires: 'boundary', source: filename, includeContent: true }),
  };
}

// ------------------------------------------------------------------------------------------ plugins

const ROOT = resolve(import.meta.dirname, '..');

/** Our sources that get the transform: TypeScript under these folders (relative to the repository root). */
function included(include) {
  const dirs = include.map((d) => resolve(ROOT, d) + sep);
  return (path) =>
    extname(path) === '.ts' &&
    !path.endsWith('.d.ts') &&
    !path.includes(`${sep}node_modules${sep}`) &&
    dirs.some((d) => path.startsWith(d));
}

/**
 * The Vite (rolldown) plugin: on `vite build` only (the dev server serves the sources as written).
 * @param {{ include?: string[] }} [options] folders to transform, default `['components']`
 */
export function viteMinifyLiterals({ include = ['components'] } = {}) {
  const matches = included(include);
  return {
    name: 'minify-lit-literals',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0];
      if (path !== id || !matches(path)) return null;
      return minifyLiterals(code, path);
    },
  };
}

/**
 * The esbuild plugin (the benchmarks' builds).
 * @param {{ include?: string[] }} [options] folders to transform, default `['components']`
 */
export function esbuildMinifyLiterals({ include = ['components'] } = {}) {
  const matches = included(include);
  return {
    name: 'minify-lit-literals',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.namespace !== 'file' || !matches(args.path)) return undefined;
        const code = readFileSync(args.path, 'utf8');
        const result = minifyLiterals(code, args.path);
        return { contents: result ? result.code : code, loader: 'ts' };
      });
    },
  };
}

/**
 * The @web/test-runner (dev server) plugin: the elements' Chromium tests run the templates as shipped.
 * List it before the esbuild plugin, which then compiles the TypeScript it returns.
 * @param {{ include?: string[] }} [options] folders to transform, default `['components']`
 */
export function wtrMinifyLiterals({ include = ['components'] } = {}) {
  const matches = included(include);
  return {
    name: 'minify-lit-literals',
    transform(context) {
      const path = resolve(ROOT, `.${decodeURIComponent(context.path)}`);
      if (!matches(path) || typeof context.body !== 'string') return undefined;
      const result = minifyLiterals(context.body, path);
      return result ? { body: result.code } : undefined;
    },
  };
}
