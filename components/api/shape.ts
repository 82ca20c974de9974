/**
 * Shape checks for JSON the API sends back: a few composable checkers, each `(value, path) => problem`.
 *
 * The elements check every response against the contract, but shipping zod to a host page would
 * more than double what it downloads. So `scripts/generate-wire.ts` compiles the zod contract (through
 * its JSON Schema) into these checkers once, at build time (`wire.generated.ts`), and a differential
 * test (test/api/wire.test.ts) holds them to zod's verdict on generated good and bad values. What
 * JSON Schema cannot carry — zod refinements across fields — stays the server's to enforce.
 * @module
 */

/** Checks a JSON value; returns what is wrong (with its path) or `undefined` when it fits. */
export type Check = (value: unknown, path: string) => string | undefined;

const bad = (path: string, expected: string): string => `${path || '(root)'}: expected ${expected}`;
const at = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Anything (an open `additionalProperties`). */
export const any: Check = () => undefined;

export const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : bad(p, 'a boolean'));

export const nil: Check = (v, p) => (v === null ? undefined : bad(p, 'null'));

/** A string, optionally matching `pattern` and within a length range (UTF-16 code units, as zod counts). */
export const str =
  (pattern?: RegExp, min = 0, max = Number.POSITIVE_INFINITY): Check =>
  (v, p) =>
    typeof v !== 'string'
      ? bad(p, 'a string')
      : v.length < min || v.length > max
        ? bad(p, `${min}–${max} characters`)
        : pattern && !pattern.test(v)
          ? bad(p, `text matching ${pattern}`)
          : undefined;

/** A safe integer from `min` to `max`. */
export const int =
  (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check =>
  (v, p) =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max
      ? undefined
      : bad(p, `an integer from ${min} to ${max}`);

/** One of these exact values (an enum or a literal). */
export const one =
  (...values: readonly unknown[]): Check =>
  (v, p) =>
    values.includes(v) ? undefined : bad(p, `one of ${JSON.stringify(values)}`);

/** Fits when one of `checks` does (tried in order, stopping at the first fit); else what the first one says. */
export const anyOf =
  (...checks: readonly Check[]): Check =>
  (v, p) => {
    let first: string | undefined;
    for (const check of checks) {
      const problem = check(v, p);
      if (problem === undefined) return undefined;
      first ??= problem;
    }
    return first;
  };

export const array =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return bad(p, 'an array');
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], at(p, i));
      if (problem) return problem;
    }
    return undefined;
  };

/**
 * An object with these properties. Keys listed in `optional` may be missing. `rest` checks keys not in
 * `props`: `undefined` refuses them (a strict object), `any` lets them through.
 */
export const object =
  (props: Readonly<Record<string, Check>>, optional: readonly string[] = [], rest?: Check): Check =>
  (v, p) => {
    if (!isRecord(v)) return bad(p, 'an object');
    for (const key in props) {
      if (!Object.hasOwn(v, key)) {
        if (optional.includes(key)) continue;
        return `${at(p, key)}: required`;
      }
      const problem = props[key]!(v[key], at(p, key));
      if (problem) return problem;
    }
    for (const key of Object.keys(v)) {
      if (Object.hasOwn(props, key)) continue;
      const problem = rest ? rest(v[key], at(p, key)) : `${at(p, key)}: not in the contract`;
      if (problem) return problem;
    }
    return undefined;
  };
