#!/usr/bin/env node
// What a host page downloads: our code plus lit, @lit/context and @lit/task (zod stays out: responses are
// checked with checkers compiled from the contract, components/api/wire.generated.ts), bundled from
// node_modules with esbuild (tree-shaken, minified, ES2022, code splitting on dynamic import()), each
// output file compressed on its own with gzip -9 and brotli -11 (node:zlib), as a browser fetches them.
// Our Lit css`` / html`` literals are minified first, as in the library build (scripts/lit-literals.mjs).
//
// "Eager" = the entry chunk plus every chunk it imports statically: what loads before the user does
// anything. Dynamic import() chunks (the dialog, phone metadata, non-default locale catalogs) are lazy
// and listed separately. Deterministic, so `--check` can fail `npm test`. The budgets (issue #18, re-based
// on the floor #6 measured under the specified features; #6 had asked for 18 and 24 KB):
//   - a page with <personal-info-form> (form, field, shared code, deps): ≤ 22 KB gzip
//   - all three elements loaded eagerly (components/all.ts):              ≤ 36 KB gzip
// The table also shows the dependencies alone (scripts/bench-size/deps-only.ts), the floor under both,
// and, for the form page and the all-three page, what each part costs (the floor tables): the page rebuilt
// with that part's modules replaced by empty exports (not a working build: how far taking the part out,
// or deferring it, could go), each part named with the specified feature it is. Until a target is met,
// `--check` fails above a ceiling at today's size + at most 0.2 KB (no silent growth) and reports the gap
// to the target. Once a target is met, set its ceiling to the target.
//
//   node scripts/bench-size.mjs [--check] [--json]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { kb, ROOT, table, writeResults } from './bench-lib.mjs';
import { esbuildMinifyLiterals } from './lit-literals.mjs';
import { reachable } from './reachable.mjs';

const { values: args } = parseArgs({ options: { check: { type: 'boolean' }, json: { type: 'boolean' } } });

const KB = 1024;
const TARGETS = { form: 22 * KB, all: 36 * KB };
/** What `--check` enforces today: see the header. */
// Today's sizes + at most 0.2 KB (issue #18), lowered with every step that made the pages smaller:
// reactive properties declared in `static properties` (no decorators, no decorator helper chunk): form
// page 25.9 → 25.2 KB, all three 42.4 → 41.8; the email rules out of contract/constants.ts (dialog-only
// code the page downloaded): form 25.2 → 25.0; the lazy problem words import nothing the page has (its
// tools are handed over), so the page is 2 files instead of 3: form 25.0 → 24.7, all three 41.8 → 41.5. Earlier: 26.4 → 25.8 with the problem words loaded
// after the first paint (all three 41.7 → 42.6: bench/README.md); 26 → 27 and 41 → 42 KB for issue #15.
// Raised for issue #15's Enter code (resume a pending change): the form page +0.30 KB (the row's action,
// the re-render at the code's expiry, the reload after an unfinished change), the dialog +0.39 KB
// (resume(), a new code only after the identity check, no code boxes once dead): 24.7 → 24.95 and 41.5 → 42.2.
// Issue #17: the all-three page registers the form without its lazy import() of the dialog (esbuild
// gave the dialog, already on the page, a file of its own): all three 42.4 → 41.0 KB; the form page
// +0.03 KB for the loader it now gets from its define.js (25.1 → 25.15). The dialog's shared problem
// words load when it connects, as the form's do after its first paint (the all-three page is one file):
// all three 41.0 → 39.7 KB; the form page hands problemKey to its problem words (25.15 → 25.17).
const CEILINGS = { form: Math.round(25.2 * KB), all: Math.round(39.7 * KB) };

/** The pages measured: one entry each, built on its own (so its chunks are what that page loads). */
const ENTRIES = [
  {
    id: 'form',
    label: 'page with <personal-info-form> (form + field + shared + deps)',
    file: 'components/personal-info-form/define.ts',
  },
  {
    id: 'dialog',
    label: '<contact-verify-dialog> on its own',
    file: 'components/contact-verify-dialog/define.ts',
  },
  {
    id: 'field',
    label: '<session-limit-field> on its own',
    file: 'components/session-limit-field/define.ts',
  },
  { id: 'all', label: 'all three, eagerly (components/all.ts)', file: 'components/all.ts' },
  {
    id: 'deps',
    label: 'lit + @lit/context + @lit/task alone (what the form page imports of them)',
    file: 'scripts/bench-size/deps-only.ts',
  },
];

/**
 * What each part of a page costs, each measured by rebuilding the page without its modules (`PARTS`
 * rows): how far taking the part out, or deferring it, could go at most. Each row says which specified
 * feature the part is (SPEC.md / STYLE.md): the table is the floor under the budgets.
 */
const INTERACTION_ONLY = [
  'components/shared/request-controller.ts',
  'components/personal-info-form/personal-info-form.events.ts',
  'components/shared/form-associated.ts',
  'components/session-limit-field/session-limit-field.events.ts',
];
const RESPONSE_CHECKS = ['components/api/wire.generated.ts'];
const STYLES = [
  'components/shared/tokens.ts',
  'components/personal-info-form/personal-info-form.styles.ts',
  'components/session-limit-field/session-limit-field.styles.ts',
];
const STRINGS = [
  'components/personal-info-form/locales/en.ts',
  'components/session-limit-field/locales/en.ts',
  'components/shared/locales/contacts.ts',
];
const PARTS = {
  form: [
    {
      label: 'saving, events, form association (what could still wait for a first action)',
      stubs: INTERACTION_ONLY,
    },
    {
      label: 'the nested <session-limit-field> element (SPEC §1: the field inside the form)',
      stubs: ['components/session-limit-field/define.ts'],
    },
    {
      label: 'the response checks compiled from the contract (STYLE: every response checked)',
      stubs: RESPONSE_CHECKS,
    },
    { label: 'all styles and theme tokens (SPEC §4: theming, light and dark)', stubs: STYLES },
    {
      label: 'the English strings of the form and the field (SPEC §4: every string from a catalog)',
      stubs: STRINGS,
    },
    {
      label: 'all of the above but the nested field, together',
      stubs: [...INTERACTION_ONLY, ...RESPONSE_CHECKS, ...STYLES, ...STRINGS],
    },
  ],
  all: [
    {
      label: '<contact-verify-dialog> and all only it imports (SPEC §1: the verification flow)',
      stubs: ['components/contact-verify-dialog/contact-verify-dialog.ts'],
    },
    {
      label: "the dialog's English strings (SPEC §4: every string from a catalog)",
      stubs: ['components/contact-verify-dialog/locales/en.ts'],
    },
    {
      label: "the dialog's styles (SPEC §4: theming, light and dark)",
      stubs: ['components/contact-verify-dialog/contact-verify-dialog.styles.ts'],
    },
    {
      label: "the form page's parts above (interaction-only, checks, styles, strings) in this page",
      stubs: [...INTERACTION_ONLY, ...RESPONSE_CHECKS, ...STYLES, ...STRINGS],
    },
  ],
};

/**
 * esbuild plugin: load each listed module as empty exports of the same names (sizes only, never run).
 * What only a listed module imports goes with it, so list the module a part hangs from.
 */
function stubModules(files) {
  const stubs = new Set(files.map((f) => join(ROOT, f)));
  return {
    name: 'stub-modules',
    setup(b) {
      const loaded = new Set();
      // A path that no longer exists, or is no longer on the page, would silently measure nothing.
      b.onEnd(() => {
        const missed = [...stubs].filter((f) => !loaded.has(f));
        if (missed.length) throw new Error(`bench-size: not in the page measured: ${missed.join(', ')}`);
      });
      b.onLoad({ filter: /\.ts$/ }, async (a) => {
        if (!stubs.has(a.path)) return undefined;
        loaded.add(a.path);
        const { outputs } = (
          await build({
            entryPoints: [a.path],
            bundle: false,
            format: 'esm',
            write: false,
            metafile: true,
            outdir: '/stub',
            logLevel: 'silent',
          })
        ).metafile;
        const contents = Object.values(outputs)[0]
          .exports.map((n) => (n === 'default' ? 'export default {};' : `export const ${n} = undefined;`))
          .join('\n');
        return { contents, loader: 'ts' };
      });
    },
  };
}

const REFERENCES = [
  ['Shoelace 2, equivalent set', '45'],
  ['Lion, equivalent set', '37–43'],
  ['Web Awesome 3, equivalent set', '63–69'],
  ['Clerk <UserProfile>', '~400'],
];

function compressed(bytes) {
  return {
    min: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
    }).byteLength,
  };
}

/** Which package (or our folder) an input file belongs to. */
function owner(input) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m) return m[1];
  const ours = /^components\/([^/]+)/.exec(input);
  return ours ? `components/${ours[1]}` : input;
}

/** What a lazy chunk is for, from its biggest inputs. */
function describeChunk(inputs) {
  const names = Object.entries(inputs)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .map(([p]) => p);
  const top = names[0] ?? '';
  if (/libphonenumber-js/.test(top)) return 'phone metadata + parser (libphonenumber-js)';
  if (/locales\/zh-CN/.test(top)) return `zh-CN catalog (${owner(top).replace('components/', '')})`;
  if (/contact-verify-dialog/.test(names.join(' '))) return '<contact-verify-dialog> (first Edit / Verify)';
  if (/personal-info-form\/changes/.test(top)) return 'what changed, after a version conflict (first 412)';
  if (/personal-info-form\/errors/.test(top))
    return "the form's problem words (preloaded on idle or first pointer/focus in the form)";
  if (/shared\/problem-words/.test(top)) return "the dialog's entry to the shared problem words (loaded when it connects)";
  if (/shared\/(describe-problem|locales\/en)/.test(names.join(' ')))
    return 'shared problem wording + English catalog (preloaded with the above; the dialog uses it too)';
  return names.length ? names.slice(0, 3).join(', ') : '(chunk glue, no modules)';
}

async function measure(entry, outdir, stubs = []) {
  const result = await build({
    entryPoints: { [entry.id]: join(ROOT, entry.file) },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    tsconfig: join(ROOT, 'tsconfig.json'),
    outdir,
    metafile: true,
    write: true,
    logLevel: 'error',
    absWorkingDir: ROOT,
    // The same Lit css`` / html`` minification as the library build (vite.config.ts): we measure what we ship.
    plugins: [...(stubs.length ? [stubModules(stubs)] : []), esbuildMinifyLiterals()],
  });
  const outputs = result.metafile.outputs;
  // Dynamic import() chunks carry an entryPoint too: the page's own is the entry file's.
  const entryOut = Object.keys(outputs).find((o) => outputs[o].entryPoint === entry.file);
  // Eager closure: follow static imports only.
  const eager = reachable(entryOut, (o) =>
    outputs[o].imports
      .filter((imp) => imp.kind === 'import-statement' && !imp.external)
      .map((imp) => imp.path),
  );
  const size = (o) => compressed(readFileSync(join(ROOT, o)));
  const sum = (files) =>
    files.reduce(
      (acc, o) => {
        const s = size(o);
        return {
          min: acc.min + s.min,
          gzip: acc.gzip + s.gzip,
          brotli: acc.brotli + s.brotli,
          files: acc.files + 1,
        };
      },
      { min: 0, gzip: 0, brotli: 0, files: 0 },
    );
  const eagerSize = sum([...eager]);
  // Minified bytes by owner in the eager set: how much is ours and how much is lit / zod.
  const byOwner = {};
  for (const o of eager)
    for (const [input, { bytesInOutput }] of Object.entries(outputs[o].inputs))
      byOwner[owner(input)] = (byOwner[owner(input)] ?? 0) + bytesInOutput;
  const lazy = Object.keys(outputs)
    .filter((o) => !eager.has(o) && o.endsWith('.js'))
    .map((o) => ({
      file: relative(outdir, join(ROOT, o)),
      what: describeChunk(outputs[o].inputs),
      ...size(o),
    }))
    .sort((a, b) => b.gzip - a.gzip);
  // The dialog must not be in the form page's eager set: if it is, say which static import pulls it in.
  const eagerInputs = new Set([...eager].flatMap((o) => Object.keys(outputs[o].inputs)));
  const dialogChain = eagerInputs.has('components/contact-verify-dialog/contact-verify-dialog.ts')
    ? importChain(
        result.metafile.inputs,
        entry.file,
        'components/contact-verify-dialog/contact-verify-dialog.ts',
      )
    : null;
  return { ...entry, eager: eagerSize, byOwner, lazy, dialogChain };
}

/** The shortest chain of static imports from `from` to `to` (breadth-first over the metafile's inputs). */
function importChain(inputs, from, to) {
  const prev = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const cur = queue.shift();
    if (cur === to) break;
    for (const imp of inputs[cur]?.imports ?? []) {
      if (imp.kind !== 'import-statement' || prev.has(imp.path)) continue;
      prev.set(imp.path, cur);
      queue.push(imp.path);
    }
  }
  if (!prev.has(to)) return null;
  const chain = [];
  for (let cur = to; cur; cur = prev.get(cur)) chain.unshift(cur);
  return chain;
}

/**
 * The no-bundler build (`dist/cdn/`, `vite build --mode cdn`: lit and @lit/* inside, minified by Vite)
 * as a page without a bundler loads it: an entry plus the chunks it imports statically.
 */
async function measureCdn(outDir) {
  const { build: viteBuild } = await import('vite');
  const built = await viteBuild({
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'cdn',
    logLevel: 'silent',
    build: { outDir, sourcemap: false, reportCompressedSize: false },
  });
  const chunks = new Map(
    (Array.isArray(built) ? built : [built])
      .flatMap((b) => b.output)
      .filter((o) => o.type === 'chunk')
      .map((o) => [o.fileName, o]),
  );
  return ['personal-info-form.js', 'all.js'].map((fileName) => {
    const eager = new Set();
    const queue = [fileName];
    while (queue.length) {
      const name = queue.pop();
      if (eager.has(name) || !chunks.has(name)) continue;
      eager.add(name);
      queue.push(...chunks.get(name).imports);
    }
    const size = [...eager].reduce(
      (acc, name) => {
        const s = compressed(Buffer.from(chunks.get(name).code));
        return {
          min: acc.min + s.min,
          gzip: acc.gzip + s.gzip,
          brotli: acc.brotli + s.brotli,
          files: acc.files + 1,
        };
      },
      { min: 0, gzip: 0, brotli: 0, files: 0 },
    );
    return { entry: `cdn/${fileName}`, eager: size };
  });
}

const outRoot = mkdtempSync(join(tmpdir(), 'bench-size-'));
let results;
let parts;
let cdn;
try {
  results = [];
  for (const entry of ENTRIES) results.push(await measure(entry, join(outRoot, entry.id)));
  parts = [];
  // The floor tables take ten more builds: `npm test` (--check) needs only the pages' sizes.
  for (const [id, list] of Object.entries(args.check ? {} : PARTS)) {
    const entry = ENTRIES.find((e) => e.id === id);
    for (const [i, part] of list.entries()) {
      const r = await measure(entry, join(outRoot, `part-${id}-${i}`), part.stubs);
      parts.push({ page: id, label: part.label, modules: part.stubs, eager: r.eager });
    }
  }
  cdn = await measureCdn(join(outRoot, 'cdn'));
} finally {
  rmSync(outRoot, { recursive: true, force: true });
}

const byId = Object.fromEntries(results.map((r) => [r.id, r]));
const checks = [
  { id: 'form', what: '<personal-info-form> page before interaction' },
  { id: 'all', what: 'all three elements eagerly' },
].map(({ id, what }) => {
  const bytes = byId[id].eager.gzip;
  return {
    what,
    bytes,
    target: TARGETS[id],
    ceiling: CEILINGS[id],
    ok: bytes <= CEILINGS[id],
    met: bytes <= TARGETS[id],
  };
});

const depsShare = (r) => {
  const total = Object.values(r.byOwner).reduce((a, b) => a + b, 0);
  const deps = Object.entries(r.byOwner)
    .filter(([k]) => !k.startsWith('components/'))
    .reduce((a, [, b]) => a + b, 0);
  return Math.round((100 * deps) / total);
};

/**
 * A page's parts as a table: the page rebuilt with each part's modules replaced by empty exports (not a
 * working build), the gzip that saves, and the dependencies alone (what no part of ours can go under).
 */
const floorTable = (id, title) => {
  const page = byId[id].eager;
  const row = (label, size) => [label, kb(size.min), kb(size.gzip), `-${kb(page.gzip - size.gzip)}`];
  return [
    `${title} the page rebuilt without a part (not a working build)`,
    table([
      ['taken out', 'min KB', 'gzip KB', 'gzip saved'],
      ['(nothing: the page as shipped)', kb(page.min), kb(page.gzip), ''],
      ...parts.filter((p) => p.page === id).map((p) => row(p.label, p.eager)),
      row('all our code (lit, @lit/context and @lit/task alone)', byId.deps.eager),
    ]),
  ];
};

const text = [
  'Bundle size — esbuild, minified, tree-shaken, ES2022, split on import(); each file gzip -9 / brotli -11',
  '',
  table([
    ['loaded before the user interacts', 'files', 'min KB', 'gzip KB', 'brotli KB', 'deps share'],
    ...results.map((r) => [
      r.label,
      r.eager.files,
      kb(r.eager.min),
      kb(r.eager.gzip),
      kb(r.eager.brotli),
      `${depsShare(r)}%`,
    ]),
  ]),
  '',
  'The same pages without a bundler (dist/cdn/, lit and @lit/* inside; the bundler rows above share them with the host):',
  table([
    ['<script type="module" src=…>', 'files', 'min KB', 'gzip KB', 'brotli KB', 'bundler build, gzip KB'],
    ...cdn.map((c) => [
      c.entry,
      c.eager.files,
      kb(c.eager.min),
      kb(c.eager.gzip),
      kb(c.eager.brotli),
      kb(byId[c.entry === 'cdn/all.js' ? 'all' : 'form'].eager.gzip),
    ]),
  ]),
  '',
  'Loaded lazily by the <personal-info-form> page, on first use only:',
  table([
    ['chunk', 'min KB', 'gzip KB', 'brotli KB'],
    ...byId.form.lazy.map((l) => [l.what, kb(l.min), kb(l.gzip), kb(l.brotli)]),
  ]),
  '',
  'Minified bytes by owner in the <personal-info-form> page:',
  table([
    ['owner', 'min KB'],
    ...Object.entries(byId.form.byOwner)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, kb(v)]),
  ]),
  '',
  ...(parts.length
    ? [
        ...floorTable(
          'form',
          'What each part of the <personal-info-form> page costs (the floor under the budget):',
        ),
        '',
        ...floorTable('all', 'What each part of the all-three page costs (the floor under the budget):'),
      ]
    : [
        '(What each part costs, the floor under the budgets: `node scripts/bench-size.mjs` without --check.)',
      ]),
  '',
  'For reference (gzip KB, equivalent feature set): ' + REFERENCES.map(([n, v]) => `${n} ${v}`).join(' · '),
  '',
  ...(byId.form.dialogChain
    ? [`✘ The form page loads the dialog eagerly: ${byId.form.dialogChain.join(' → ')}`, '']
    : [
        '✔ The form page does not load <contact-verify-dialog> eagerly (it is a dynamic import() chunk).',
        '',
      ]),
  ...checks.map(
    (c) =>
      `${c.met ? '✔' : '✘'} ${c.what}: ${kb(c.bytes)} KB gzip (${kb(c.bytes - byId.deps.eager.gzip)} KB above the ` +
      `dependencies' ${kb(byId.deps.eager.gzip)} KB) — target ≤ ${kb(c.target)} KB${c.met ? '' : ` (${kb(c.bytes - c.target)} KB over)`}; ` +
      `${c.ok ? 'within' : 'ABOVE'} the enforced ceiling ${kb(c.ceiling)} KB`,
  ),
].join('\n');

if (args.json) console.log(JSON.stringify({ results, parts, cdn, checks }, null, 2));
else writeResults('size', { results, parts, cdn, checks }, text);

if (args.check && checks.some((c) => !c.ok)) {
  console.error('\nSize ceiling exceeded (see bench/results/size.txt for what grew).');
  process.exit(1);
}
