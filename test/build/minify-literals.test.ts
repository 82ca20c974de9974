// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are source text and template text under test
/**
 * scripts/minify-literals.mjs: the build-time minification of Lit css`` / html`` literals that the library
 * build, the demo build and the size / render benchmarks share. A broken template is far worse than a few
 * bytes, so besides the rules one by one, every component file is checked against two oracles: Lit's own
 * template preparation (same bindings, same kinds, same attribute names) and an HTML parser (same DOM, up to
 * whitespace runs and comments).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { css, unsafeCSS } from 'lit';
import { parseSync } from 'oxc-parser';
import {
  esbuildMinifyLiterals,
  minifyCss,
  minifyHtml,
  minifyLiterals,
  viteMinifyLiterals,
  wtrMinifyLiterals,
} from '../../scripts/minify-literals.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

// parse5 6 ships no types: the little of it used here.
interface P5Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  data?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5Node[];
  content?: P5Node;
}
const { parseFragment } = createRequire(import.meta.url)('parse5') as {
  parseFragment: (html: string) => P5Node;
};

type GetTemplateHtml = (strings: readonly string[], type: 1) => [string, (string | undefined)[]];
/** Lit's own template preparation (private, from its development build: the oracle for bindings). */
let getTemplateHtml: GetTemplateHtml;
before(async () => {
  // Quiet: a development build next to the production one that `lit` resolves to in Node.
  (globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings = new Set([
    'dev-mode',
    'multiple-versions',
  ]);
  const lit = await import(
    pathToFileURL(join(root, 'node_modules/lit-html/node/development/lit-html.js')).href
  );
  getTemplateHtml = lit._$LH._getTemplateHtml;
});

const tsa = (strings: string[]) => Object.assign([...strings], { raw: [...strings] });

// ------------------------------------------------------------------------------------------- oracles

/** How Lit reads an html`` literal: the bound attribute names and each binding's kind, in order. */
function litBindings(strings: readonly string[]) {
  const [html, attrNames] = getTemplateHtml(tsa([...strings]), 1);
  const kinds = [...html.matchAll(/<\?lit\$\d+\$>|lit\$\d+\$/g)].map((m) =>
    m[0].startsWith('<') ? 'child' : 'attr',
  );
  return { attrNames, kinds, html };
}

const VERBATIM = new Set(['pre', 'textarea', 'script', 'style', 'title']);
/** Laid out as blocks (or, <option>, trimmed): whitespace beside them renders nothing. */
const BLOCK =
  /^(address|article|aside|blockquote|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|legend|li|main|nav|ol|optgroup|option|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)$/;
/** Inline blocks: whitespace just inside them renders nothing. */
const INLINE_BLOCK = /^(button|select)$/;

/**
 * A DOM tree as data, as it renders: whitespace runs in text as one space, comments dropped, text nodes
 * merged, and whitespace-only text dropped where layout ignores it — beside a block element, or first or
 * last inside a block or an inline block (but kept as the only content: an element with it is not
 * :empty). Worked out on the parsed tree, independently of the minifier's scan of the source.
 */
function shape(node: P5Node, verbatim = false): unknown {
  const tag = node.tagName ?? '';
  const children: (string | { marker: string } | { tag: string; attrs: unknown; children: unknown })[] = [];
  for (const child of [...(node.childNodes ?? []), ...(node.content?.childNodes ?? [])]) {
    if (child.nodeName === '#comment') {
      // Lit's child-part markers are comments: those must stay where they are.
      if (child.data?.startsWith('?lit$')) children.push({ marker: child.data });
      continue;
    }
    if (child.nodeName === '#text') {
      const text = verbatim ? child.value! : child.value!.replace(/[ \t\n\r\f]+/g, ' ');
      const last = children.at(-1);
      if (typeof last === 'string')
        children[children.length - 1] = verbatim ? last + text : (last + text).replace(/ +/g, ' ');
      else children.push(text);
      continue;
    }
    const childTag = child.tagName ?? child.nodeName;
    children.push({
      tag: childTag,
      attrs: child.attrs?.map((a) => [a.name, a.value]),
      children: shape(child, verbatim || VERBATIM.has(childTag)),
    });
  }
  if (verbatim) return children;
  const isBlock = (c: (typeof children)[number] | undefined) =>
    typeof c === 'object' && 'tag' in c && BLOCK.test(c.tag);
  const edgeTrims = BLOCK.test(tag) || INLINE_BLOCK.test(tag);
  return children.filter((c, i) => {
    if (c !== ' ') return true;
    if (children.length === 1 && tag) return true;
    const first = i === 0 && edgeTrims;
    const last = i === children.length - 1 && edgeTrims;
    return !(first || last || isBlock(children[i - 1]) || isBlock(children[i + 1]));
  });
}

/** What a source file's tagged templates are: tag name, cooked strings, and the text between them. */
function templates(code: string, filename: string) {
  const { program, errors } = parseSync(filename, code);
  assert.deepEqual(errors, [], `${filename} parses`);
  const found: { tag: string; cooked: string[]; ranges: [number, number][] }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & { type?: string };
    if (n.type === 'TaggedTemplateExpression') {
      const tag = n.tag as { type: string; name?: string };
      const quasis = (n.quasi as { quasis: { value: { cooked: string }; start: number; end: number }[] })
        .quasis;
      if (tag.type === 'Identifier')
        found.push({
          tag: tag.name!,
          cooked: quasis.map((q) => q.value.cooked),
          ranges: quasis.map((q) => [q.start, q.end]),
        });
    }
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(program);
  return found;
}

/** The source with every template's text removed: what must not change. */
function outsideTemplates(code: string, filename: string) {
  const ranges = templates(code, filename)
    .flatMap((t) => t.ranges)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += code.slice(at, start) + '§';
    at = end;
  }
  return out + code.slice(at);
}

// ----------------------------------------------------------------------------------------------- css

describe('minifyCss', () => {
  it('keeps a space that is a descendant combinator: `a :hover` is not `a:hover`', () => {
    assert.deepEqual(minifyCss(['a :hover { color: red }']), ['a :hover{color:red}']);
    assert.deepEqual(minifyCss(['a:hover { color: red }']), ['a:hover{color:red}']);
    assert.deepEqual(minifyCss([':host ::slotted(*) { margin: 0 }']), [':host ::slotted(*){margin:0}']);
  });

  it('strips comments and the whitespace around { } ; , > :', () => {
    const input = `
      /* the host */
      :host {
        display: block; /* always */
      }
      .a  >  .b ,
      .c  { margin : 0 ; padding: 0 }
      @media (min-width: 40rem) { .a { gap: 1rem } }
    `;
    assert.deepEqual(minifyCss([input]), [
      ':host{display:block}.a>.b,.c{margin:0;padding:0}@media(min-width:40rem){.a{gap:1rem}}',
    ]);
  });

  it('keeps custom property values and light-dark() as written', () => {
    const [out] = minifyCss([':host { --_x: var(--y, light-dark(#fff, #000)); color: var(--_x); }'])!;
    assert.equal(out, ':host{--_x: var(--y, light-dark(#fff, #000));color:var(--_x)}');
  });

  it('restores interpolations where they were, in order', () => {
    const strings = [':host {\n  color: ', ';\n  margin: ', ' ', ';\n}\n', '\n.x { width: ', 'px }\n'];
    const out = minifyCss(strings)!;
    assert.deepEqual(out, [':host{color:', ';margin:', ' ', '}', ' .x{width:', 'px}']);
    // With Lit's own css tag and unsafeCSS token values, both give the same rules (up to whitespace).
    const values = [unsafeCSS('red'), unsafeCSS('1px'), unsafeCSS('2px'), unsafeCSS('.y{color:blue}'), 3];
    const before = css(tsa(strings), ...values).cssText;
    const after = css(tsa(out), ...values).cssText;
    assert.equal(minifyCss([before])![0], minifyCss([after])![0]);
    assert.equal(after, ':host{color:red;margin:1px 2px}.y{color:blue} .x{width:3px}');
  });

  it('leaves a literal that is not a stylesheet as written', () => {
    for (const fragment of [['#fff'], ['color: red;'], ['1px solid ', ''], ['', ''], [':host { ', ' }']])
      assert.equal(minifyCss(fragment), null, JSON.stringify(fragment));
  });

  it('leaves a literal as written when a placeholder would not survive', () => {
    // In a comment (the minifier drops it)…
    assert.equal(minifyCss(['a { color: red } /* ', ' */']), null);
    // …or as the selector of an empty rule (the minifier drops the rule).
    assert.equal(minifyCss(['a { } ', ' { }']), null);
  });

  it('does not mistake text that looks like a placeholder for one', () => {
    const out = minifyCss(['.litcss0x0x { color: ', ' }'])!;
    assert.deepEqual(out, ['.litcss0x0x{color:', '}']);
  });

  it('is idempotent', () => {
    const once = minifyCss([':host { display: block }\n.a :hover { color: ', ' }'])!;
    assert.deepEqual(minifyCss(once), once);
  });
});

// ---------------------------------------------------------------------------------------------- html

describe('minifyHtml', () => {
  const cases: [string, string[], string[]][] = [
    [
      'collapses whitespace between inline elements to one space, never to nothing',
      ['<span>a</span>   \n  <button>b</button>'],
      ['<span>a</span> <button>b</button>'],
    ],
    [
      'collapses the template’s leading and trailing whitespace to one space',
      ['\n  <span>x</span>\n'],
      [' <span>x</span> '],
    ],
    [
      'drops whitespace next to a block element’s tags, inside and outside (it renders nothing)',
      ['\n  <div>\n    <span>a</span>\n    <p>b</p>  c  </div>\n'],
      ['<div><span>a</span><p>b</p>c</div>'],
    ],
    [
      'drops whitespace right inside a <button> or <select>, not outside it',
      ['<button>\n  <span>a</span>\n</button>  <select>  <option>  x  </option>  </select>  b'],
      ['<button><span>a</span></button> <select><option>x</option></select> b'],
    ],
    [
      'drops it next to a block whose start tag holds an expression',
      ['<div class=', '>\n  <span>a</span>\n</div>'],
      ['<div class=', '><span>a</span></div>'],
    ],
    ['keeps whitespace-only content (not :empty) as one space', ['<div>\n\n</div>'], ['<div> </div>']],
    [
      'collapses around expressions in inline text',
      ['<span>\n  ', '\n  ', '\n</span>'],
      ['<span> ', ' ', ' </span>'],
    ],
    [
      'drops it between a block’s tags and an expression',
      ['<p>\n  ', '\n  ', '\n</p>'],
      ['<p>', ' ', '</p>'],
    ],
    [
      'keeps <pre> content as written, across expressions',
      ['<pre>\n  a  ', '\n  b</pre>\n  <b>  x  </b>'],
      ['<pre>\n  a  ', '\n  b</pre> <b> x </b>'],
    ],
    [
      'keeps a nested <pre> as written up to its own end',
      ['<pre> <pre>  a </pre>  b </PRE>  c'],
      ['<pre> <pre>  a </pre>  b </PRE> c'],
    ],
    [
      'keeps <textarea> content as written',
      ['<textarea\n  id="t"\n>  a\n  b </textarea>  x'],
      ['<textarea id="t">  a\n  b </textarea> x'],
    ],
    [
      'keeps <style> and <script> content as written',
      ['<style>\n a  { } </style>\n<script>  x  </script>'],
      ['<style>\n a  { } </style> <script>  x  </script>'],
    ],
    [
      'keeps quoted attribute values as written',
      [`<p title="a   b"  class='c\n  d'  data-x = "  ">`],
      [`<p title="a   b" class='c\n  d' data-x = "  ">`],
    ],
    [
      'keeps a quoted value that holds expressions as written',
      ['<p class="a  ', '   b  ', '  ">  </p>'],
      ['<p class="a  ', '   b  ', '  "> </p>'],
    ],
    [
      'keeps Lit bindings: .prop ?attr @event, unquoted',
      ['<input\n  .value=', '\n  ?disabled=', '\n  @input=', '\n  aria-label=', '\n/>'],
      ['<input .value=', ' ?disabled=', ' @input=', ' aria-label=', ' />'],
    ],
    ['keeps an element binding', ['<div ', '  class="a"\n>'], ['<div ', ' class="a">']],
    [
      'drops whitespace before > in start and end tags',
      ['<a\n  href="x"\n>link</a\n>  <br />'],
      ['<a href="x">link</a> <br />'],
    ],
    ['strips a comment, and the whitespace around it is one space', ['a  <!-- note -->  b'], ['a b']],
    ['strips <!--> and <!---> (they end at once)', ['a<!-->b<!--->c'], ['abc']],
    [
      'keeps a comment with an expression in it, as written',
      ['x  <!--  ', '  -->  y'],
      ['x <!--  ', '  --> y'],
    ],
    ['keeps text that only looks like markup', ['a  <  b  >  c'], ['a < b > c']],
    ['keeps no-break spaces (not HTML whitespace)', ['a\u00a0\u00a0 \u00a0b'], ['a\u00a0\u00a0 \u00a0b']],
    ['keeps an unquoted value with quotes inside, and what follows', [`<b a=b"c  d>  e`], [`<b a=b"c d> e`]],
    [
      'does not take a longer name for a block tag',
      ['<divx>  a  </divx>  <p-x>  b  </p-x>'],
      ['<divx> a </divx> <p-x> b </p-x>'],
    ],
  ];
  for (const [name, input, expected] of cases)
    it(name, () => {
      const out = minifyHtml(input);
      assert.deepEqual(out, expected);
      assert.deepEqual(minifyHtml(out), out, 'idempotent');
      assert.deepEqual(litBindings(out).attrNames, litBindings(input).attrNames, 'same bound attributes');
      assert.deepEqual(litBindings(out).kinds, litBindings(input).kinds, 'same binding kinds');
    });
});

// ------------------------------------------------------------------------------------------- sources

describe('minifyLiterals', () => {
  const cookedOf = (code: string) => templates(code, 'x.ts').map((t) => [t.tag, t.cooked]);

  it('minifies Lit tags, an alias too, and templates nested in expressions', () => {
    const source = [
      "import { css, html as h } from 'lit';",
      'const x: number = 1;',
      'export const s = css`\n  :host {  display: block;  }\n`;',
      'export const t = h`<p>\n  ${x ? h`<b>  ${x}  </b>` : null}\n</p>`;',
    ].join('\n');
    const out = minifyLiterals(source, 'x.ts')!;
    assert.deepEqual(cookedOf(out.code), [
      ['css', [':host{display:block}']],
      ['h', ['<p>', '</p>']],
      ['h', ['<b> ', ' </b>']],
    ]);
    assert.equal(minifyLiterals(out.code, 'x.ts'), null, 'idempotent');
  });

  it('writes back escapes: backslash, backtick, ${, CR', () => {
    const source = [
      "import { css, html } from 'lit';",
      'export const s = css`.a::before {  content: "\\\\2022";  }  .b::after { content: "\\`" }`;',
      'export const t = html`<p title="a\\rb">  \\${not}  \\`  \\\\  ${1}</p>`;',
    ].join('\n');
    const before = cookedOf(source);
    const out = minifyLiterals(source, 'x.ts')!;
    const after = cookedOf(out.code);
    assert.deepEqual(after, [
      ['css', [minifyCss(before[0]![1] as string[])![0]]],
      ['html', minifyHtml(before[1]![1] as string[])],
    ]);
    assert.equal((after[0]![1] as string[])[0], '.a:before{content:"\\2022"}.b:after{content:"`"}');
    assert.deepEqual(after[1]![1], ['<p title="a\rb">${not} ` \\ ', '</p>']);
    assert.match(out.code, /title="a\\rb"/);
  });

  it('leaves other tags, untagged templates, static-html and type-only imports alone', () => {
    const sources = [
      "import { html } from 'lit/static-html.js';\nexport const t = html`<p>  a  </p>`;",
      "import type { html } from 'lit';\nexport const t = html`<p>  a  </p>`;",
      "import { html } from 'lit';\nconst sql = String.raw;\nexport const t = sql`<p>  a  </p>` + `<p>  b  </p>`;",
      "import { html } from 'lit';\nexport const t = html.call`<p>  a  </p>`;",
      "import { html } from './html.js';\nexport const t = html`<p>  a  </p>`;",
    ];
    for (const source of sources) assert.equal(minifyLiterals(source, 'x.ts'), null, source);
  });

  it('leaves a literal with an invalid escape (no cooked strings) alone', () => {
    const source = "import { html } from 'lit';\nexport const t = html`<p>  \\unicode  </p>`;";
    assert.equal(minifyLiterals(source, 'x.ts'), null);
  });

  it('leaves a file that does not parse alone (the compiler reports it)', () => {
    assert.equal(minifyLiterals("import { html } from 'lit';\nhtml`<p>  ${</p>`", 'x.ts'), null);
  });
});

// ---------------------------------------------------------------------------------- the real sources

function componentFiles(dir = join(root, 'components')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? componentFiles(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('every component file', () => {
  const files = componentFiles();

  it('are found: most of them change', () => {
    const changed = files.filter((f) => minifyLiterals(readFileSync(f, 'utf8'), f));
    assert.ok(changed.length >= 10, `only ${changed.length} files changed`);
  });

  for (const file of files) {
    const name = relative(root, file);
    it(`${name}: transforms, re-parses, changes only template text, keeps every binding and the DOM`, () => {
      const code = readFileSync(file, 'utf8');
      const out = minifyLiterals(code, file)?.code ?? code;
      // Re-parses, and nothing outside the templates' text moved.
      assert.equal(outsideTemplates(out, file), outsideTemplates(code, file));
      const before = templates(code, file);
      const after = templates(out, file);
      assert.equal(after.length, before.length);
      before.forEach((b, i) => {
        const a = after[i]!;
        assert.equal(a.tag, b.tag);
        assert.equal(a.cooked.length, b.cooked.length, `${b.tag} #${i}: same number of expressions`);
        // Every literal came out minimal: none was missed.
        if (b.tag === 'css') {
          assert.equal(minifyCss(a.cooked)?.join('|') ?? a.cooked.join('|'), a.cooked.join('|'));
          return;
        }
        if (b.tag !== 'html') return;
        assert.deepEqual(minifyHtml(a.cooked), a.cooked, `html #${i}: minimal`);
        const lb = litBindings(b.cooked);
        const la = litBindings(a.cooked);
        assert.deepEqual(la.attrNames, lb.attrNames, `html #${i}: bound attributes`);
        assert.deepEqual(la.kinds, lb.kinds, `html #${i}: binding kinds`);
        assert.deepEqual(shape(parseFragment(la.html)), shape(parseFragment(lb.html)), `html #${i}: DOM`);
      });
      // Idempotent.
      assert.equal(minifyLiterals(out, file), null);
    });
  }
});

// ------------------------------------------------------------------------------------------- plugins

describe('plugins', () => {
  it('Vite: only our TypeScript under components/, on build, before other transforms', () => {
    const plugin = viteMinifyLiterals();
    assert.equal(plugin.apply, 'build');
    assert.equal(plugin.enforce, 'pre');
    const transform = plugin.transform as (code: string, id: string) => unknown;
    const code = "import { html } from 'lit';\nexport const t = html`<p>  a  </p>`;";
    assert.ok(transform(code, join(root, 'components/x/y.ts')));
    assert.equal(transform(code, join(root, 'node_modules/z/components/y.ts')), null);
    assert.equal(transform(code, join(root, 'host-demo/y.ts')), null);
    assert.equal(transform(code, join(root, 'components/x/y.d.ts')), null);
    assert.equal(transform(code, `${join(root, 'components/x/y.ts')}?inline`), null);
  });

  it('@web/test-runner: served TypeScript under components/ only, by URL path', () => {
    const plugin = wtrMinifyLiterals();
    const code = "import { html } from 'lit';\nexport const t = html`<p>  a  </p>`;";
    const served = plugin.transform({ path: '/components/x/y.ts', body: code });
    assert.equal(served?.body, "import { html } from 'lit';\nexport const t = html`<p>a</p>`;");
    assert.equal(plugin.transform({ path: '/test/components/y.ts', body: code }), undefined);
    assert.equal(plugin.transform({ path: '/node_modules/z/components/y.ts', body: code }), undefined);
    assert.equal(plugin.transform({ path: '/components/x/y.js', body: code }), undefined);
    assert.equal(plugin.transform({ path: '/components/x/y.ts', body: Buffer.from(code) }), undefined);
  });

  it('esbuild: the bundle carries the minified literals', async () => {
    const result = await build({
      entryPoints: [join(root, 'components/shared/tokens.ts')],
      bundle: true,
      format: 'esm',
      write: false,
      external: ['lit'],
      logLevel: 'silent',
      plugins: [esbuildMinifyLiterals()],
    });
    const text = result.outputFiles[0]!.text;
    assert.match(text, /:host\(\[hidden\]\)\{display:none!important\}/);
  });
});
