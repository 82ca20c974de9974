/**
 * Compiles the zod contract into what the elements need at run time, without zod:
 * `components/api/wire.generated.ts` — per route its method, path, whether it takes a body, and a
 * checker for its response (built from `components/api/shape.ts`), plus the problem+json checker.
 *
 * The path goes through JSON Schema (`z.toJSONSchema`, the same document the OpenAPI serves), so a
 * keyword this compiler does not know stops it with the keyword's name rather than being skipped.
 * Sub-shapes used more than once (a contact, a timestamp) are written once. zod refinements are not
 * in JSON Schema and so not in the checkers: the server enforces them.
 *
 *   npx tsx scripts/generate-wire.ts           write the module
 *   npx tsx scripts/generate-wire.ts --check   fail when the committed module is not current (npm test)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { Problem, routes } from '../components/api/contract/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'components/api/wire.generated.ts');

type Json = Record<string, unknown>;

/** Keywords that carry no rule for a JSON value (annotations) or that another keyword covers. */
const IGNORED = new Set(['$schema', 'description', 'title', 'format', 'propertyNames', 'examples']);

/** Every keyword the compiler handles; any other stops it with the keyword's name. */
const KNOWN = new Set([
  ...IGNORED,
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'properties',
  'required',
  'additionalProperties',
  'items',
]);

/**
 * JSON Schema nodes → checker expressions. Every node seen is counted (by its JSON text), and a node
 * that has a name in `names` is written as that name, so shapes used more than once are written once.
 */
class Compiler {
  readonly uses = new Map<string, number>();
  readonly combinators = new Set<string>();
  readonly nodes = new Map<string, Json>();

  /** `counting`: the first pass, which only counts nodes. */
  constructor(
    readonly names: ReadonlyMap<string, string> = new Map(),
    readonly counting = false,
  ) {}

  expr(schema: Json, where: string): string {
    const key = JSON.stringify(schema);
    const seen = this.uses.get(key) ?? 0;
    this.uses.set(key, seen + 1);
    this.nodes.set(key, schema);
    const name = this.names.get(key);
    if (name) return name;
    // A repeat of a node already counted: its parts are inside it, so count them once, not again.
    if (seen > 0 && this.counting) return key;
    return this.#expr(schema, where);
  }

  /** The node itself, even when it has a name (to write the named constant). */
  define(schema: Json, where: string): string {
    return this.#expr(schema, where);
  }

  #use(name: string): string {
    this.combinators.add(name);
    return name;
  }

  #expr(s: Json, where: string): string {
    for (const key of Object.keys(s)) {
      if (!KNOWN.has(key)) throw new Error(`${where}: JSON Schema keyword "${key}" has no checker`);
    }
    if (s.format !== undefined && s.format !== 'date-time') {
      throw new Error(`${where}: format "${String(s.format)}" has no checker`);
    }
    if (s.format === 'date-time' && s.pattern === undefined) {
      throw new Error(`${where}: a date-time without a pattern`);
    }
    if (s.propertyNames !== undefined && (s.propertyNames as Json).type !== 'string') {
      throw new Error(`${where}: propertyNames other than strings`);
    }
    if (Array.isArray(s.enum))
      return `${this.#use('one')}(${s.enum.map((v) => JSON.stringify(v)).join(', ')})`;
    if ('const' in s) return `${this.#use('one')}(${JSON.stringify(s.const)})`;
    const union = (s.anyOf ?? s.oneOf) as Json[] | undefined;
    // oneOf here only comes from discriminated unions, whose members cannot overlap: anyOf is the same test.
    if (union) {
      return `${this.#use('anyOf')}(${union.map((m, i) => this.expr(m, `${where}|${i}`)).join(', ')})`;
    }
    if (Array.isArray(s.type)) {
      const parts = s.type.map((t) => this.expr({ ...s, type: t }, where));
      return `${this.#use('anyOf')}(${parts.join(', ')})`;
    }
    switch (s.type) {
      case undefined:
        if (Object.keys(s).length === 0) return this.#use('any');
        throw new Error(`${where}: a schema without a type`);
      case 'boolean':
        return this.#use('bool');
      case 'null':
        return this.#use('nil');
      case 'string': {
        const args = [
          s.pattern === undefined ? 'undefined' : regexLiteral(s.pattern as string),
          String(s.minLength ?? 0),
          s.maxLength === undefined ? 'undefined' : String(s.maxLength),
        ];
        while (args.length && (args.at(-1) === 'undefined' || (args.length === 2 && args[1] === '0')))
          args.pop();
        return `${this.#use('str')}(${args.join(', ')})`;
      }
      case 'integer': {
        const min = s.minimum === undefined || s.minimum === Number.MIN_SAFE_INTEGER ? undefined : s.minimum;
        const max = s.maximum === undefined || s.maximum === Number.MAX_SAFE_INTEGER ? undefined : s.maximum;
        const args =
          max !== undefined
            ? [String(min ?? 'undefined'), String(max)]
            : min !== undefined
              ? [String(min)]
              : [];
        return `${this.#use('int')}(${args.join(', ')})`;
      }
      case 'array':
        return `${this.#use('array')}(${this.expr((s.items ?? {}) as Json, `${where}[]`)})`;
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, Json>;
        const required = new Set((s.required ?? []) as string[]);
        const fields = Object.entries(props).map(
          ([k, v]) =>
            `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${this.expr(v, `${where}.${k}`)}`,
        );
        const optional = Object.keys(props).filter((k) => !required.has(k));
        const extra = s.additionalProperties;
        const rest =
          extra === false
            ? undefined
            : extra === undefined || extra === true
              ? this.#use('any')
              : this.expr(extra as Json, `${where}.*`);
        const args = [fields.length ? `{ ${fields.join(', ')} }` : '{}'];
        if (optional.length || rest) args.push(JSON.stringify(optional));
        if (rest) args.push(rest);
        return `${this.#use('object')}(${args.join(', ')})`;
      }
      default:
        throw new Error(`${where}: type "${String(s.type)}" has no checker`);
    }
  }
}

/** A JSON Schema pattern as a JS regex literal (same flags as zod: none). */
function regexLiteral(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else out += ch === '/' ? '\\/' : ch;
  }
  return `/${out}/`;
}

/** Nodes short enough that a named constant would not be shorter (`bool`, `str()`, `int(0)`). */
const isTrivial = (s: Json): boolean =>
  Object.keys(s).length === 0 ||
  ((s.type === 'boolean' || s.type === 'null' || s.type === 'string' || s.type === 'integer') &&
    Object.keys(s).length <= 2 &&
    s.pattern === undefined &&
    s.maxLength === undefined &&
    s.enum === undefined &&
    s.const === undefined);

const jsonSchema = (schema: z.ZodMiniType, name: string): Json => {
  try {
    // Without `$schema`, a response's node is the same text as that shape nested elsewhere (a
    // challenge, and a contact's pending challenge): one named checker for both.
    const { $schema: _, ...node } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' }) as Json;
    return node;
  } catch (error) {
    throw new Error(`${name}: the response schema cannot be written as JSON Schema`, { cause: error });
  }
};

export function generate(): string {
  const schemas = new Map<string, Json>();
  for (const [name, route] of Object.entries(routes)) {
    if (route.response) schemas.set(name, jsonSchema(route.response, name));
  }
  schemas.set('Problem', jsonSchema(Problem, 'Problem'));

  // Pass 1: count every node, to find the shapes used more than once.
  const counter = new Compiler(new Map(), true);
  for (const [name, s] of schemas) counter.expr(s, name);
  const shared = [...counter.uses]
    .filter(([key, n]) => n > 1 && !isTrivial(counter.nodes.get(key)!))
    .map(([key]) => key)
    // Shorter first: a shared shape inside another one then already has its name.
    .sort((a, b) => a.length - b.length);
  const names = new Map<string, string>();
  const compiler = new Compiler(names);
  const consts: string[] = [];
  for (const key of shared) {
    consts.push(
      `const T${names.size} = ${compiler.define(counter.nodes.get(key)!, `shared shape ${names.size}`)};`,
    );
    names.set(key, `T${names.size}`);
  }
  // Pass 2: every route, with the shared shapes written as their names.
  const top = (name: string) => compiler.expr(schemas.get(name)!, name);
  const wire = Object.entries(routes).map(([name, route]) => {
    const response = route.response ? top(name) : 'null';
    return `  ${name}: { method: '${route.method}', path: '${route.path}', body: ${route.body !== null}, response: ${response} },`;
  });
  const problem = top('Problem');

  const imports = [...compiler.combinators].sort();
  return `// Generated by scripts/generate-wire.ts from the zod contract (components/api/contract/): do not edit.
// \`npx tsx scripts/generate-wire.ts\` rewrites it; \`npm test\` fails when it is not current.
import type { RouteName } from './contract/routes.js';
import { ${imports.join(', ')}, type Check } from './shape.js';

${consts.join('\n')}

/** A problem+json body (RFC 9457 with the contract's extension members; other members allowed). */
export const Problem: Check = ${problem};

/** What the client needs of each route: method, path, whether it sends a body, its response's checker. */
export const wire: Readonly<
  Record<RouteName, { method: string; path: string; body: boolean; response: Check | null }>
> = {
${wire.join('\n')}
};
`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const next = generate();
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {}
  if (process.argv.includes('--check')) {
    if (current !== next) {
      console.error(
        `${relative(ROOT, OUT)} is not current with the zod contract: run \`npx tsx scripts/generate-wire.ts\` and commit it.`,
      );
      process.exit(1);
    }
    console.log(`${relative(ROOT, OUT)} is current.`);
  } else {
    writeFileSync(OUT, next);
    console.log(`wrote ${relative(ROOT, OUT)}`);
  }
}
