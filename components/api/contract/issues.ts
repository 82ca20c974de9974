import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

/** A readable sentence for one zod issue (zod/mini ships no message locale, so the contract owns them). */
export function describeIssue(issue: Issue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Required' : `Expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `At least ${String(issue.minimum)} characters`
        : `Must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `At most ${String(issue.maximum)} characters`
        : `Must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `Expected one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return `Invalid ${issue.format}`;
    case 'invalid_union':
      return 'Does not match any accepted shape';
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}`;
    default:
      return 'Invalid value';
  }
}

/** Group issues by dotted path (`sessionLimit.max`; the root is `''`), as `Problem.fieldErrors` carries them. */
export function toFieldErrors(issues: readonly Issue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    const list = Object.hasOwn(out, key) ? out[key]! : [];
    list.push(describeIssue(issue));
    Object.defineProperty(out, key, { value: list, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
