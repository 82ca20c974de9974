/**
 * The client checks responses with checkers compiled from the zod contract (scripts/generate-wire.ts →
 * components/api/wire.generated.ts) instead of shipping zod. Here they are held to zod's verdict:
 * the module is current with the contract, and on valid samples and fast-check mutations of them
 * (deleted, retyped and added fields, `__proto__` keys, unicode, out-of-range numbers, bad timestamps)
 * checker and zod agree, with two known differences, each tested on its own:
 * - zod refuses only through a refinement (a rule across fields, which JSON Schema cannot carry and
 *   the server enforces): the checker lets the shape through;
 * - a `__proto__` member in a record (`fieldErrors`) whose value does not fit: zod skips the key, the
 *   checker refuses it (stricter, so the elements never iterate a malformed member).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import { Problem, type RouteName, routes } from '../../components/api/contract/index.js';
import { Problem as checkProblem, wire } from '../../components/api/wire.generated.js';
import { generate } from '../../scripts/generate-wire.js';

const RUNS = Number(process.env.WIRE_RUNS ?? 1500);

const contact = (kind: 'mobile' | 'email') => ({
  kind,
  masked: kind === 'mobile' ? '+86 138****5678' : 'a***n@example.com',
  verified: true,
  pending: { masked: '+44 7400****56', expiresAt: '2026-11-27T10:05:00.000Z', challenge: null },
});
const personalInfo = {
  version: '7',
  user: { username: 'admin', displayName: 'Administrator', type: 'local' },
  mobile: contact('mobile'),
  email: { ...contact('email'), pending: null, masked: null, verified: false },
  stepUpMethods: [{ type: 'password' }, { type: 'code', channel: 'email', destination: 'a***n@example.com' }],
  autoLogout: { minutes: 30, options: [5, 30, 60], editable: false, lockedReason: 'third-party' },
  sessionLimit: { max: 1, policy: 'log-out' },
  welcomeMessage: 'Welcome ⟨b⟩ back',
};
const challenge = {
  id: 'c_1',
  kind: 'mobile',
  purpose: 'change',
  destination: '+44 7400****56',
  expiresAt: '2026-11-27T10:05:00Z',
  resendAvailableAt: '2026-11-27T10:01:00.123Z',
  attemptsRemaining: 5,
  codeLength: 6,
};
/** One valid response per route that has a body. */
const SAMPLES: Partial<Record<RouteName, unknown>> = {
  login: {
    user: personalInfo.user,
    welcomeMessage: '',
    session: { id: 's1', expiresAt: '2026-11-27T22:00:00Z', idleTimeoutMinutes: 30 },
    replacedSessions: 0,
  },
  getPersonalInfo: {
    ...personalInfo,
    mobile: { ...personalInfo.mobile, pending: { ...personalInfo.mobile.pending, challenge } },
  },
  updatePersonalInfo: { ...personalInfo, sessionLimit: null },
  verifyIdentity: { stepUpToken: 'tok', expiresAt: '2026-11-27T10:05:00Z' },
  createChallenge: challenge,
  resendChallenge: { ...challenge, purpose: 'verify', attemptsRemaining: 0 },
  verifyChallenge: { contact: contact('email'), version: '8' },
  listSessions: {
    sessions: [
      {
        id: 's1',
        current: true,
        createdAt: '2026-11-27T09:00:00Z',
        lastActiveAt: '2026-11-27T09:59:59.999Z',
        userAgent: 'Chromium',
      },
    ],
  },
};
const PROBLEM_SAMPLE = {
  type: 'urn:personal-settings:problem:invalid-code',
  title: 'Wrong code',
  status: 422,
  code: 'invalid-code',
  attemptsRemaining: 3,
  fieldErrors: { code: ['Enter the 6-digit code'] },
  channel: 'mobile',
  traceId: 'extra members are allowed',
};

/** Every path (list of keys) inside a JSON value, the root included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

type Mutation = { pick: number; op: 'delete' | 'replace' | 'add'; key: string; value: unknown };

/** Apply a mutation to a JSON copy; keys are defined as own properties (so `__proto__` is a key, as from JSON.parse). */
function mutate(sample: unknown, m: Mutation): unknown {
  const root = { v: JSON.parse(JSON.stringify(sample)) as unknown };
  const all = paths(root.v);
  const path = all[m.pick % all.length]!;
  const parentPath = path.slice(0, -1);
  let parent: unknown = root;
  let key: string | number = 'v';
  if (path.length) {
    parent = parentPath.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root.v);
    key = path.at(-1)!;
  }
  const target = (parent as Record<string | number, unknown>)[key];
  const define = (o: object, k: string | number, v: unknown) =>
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  if (m.op === 'delete' && path.length && !Array.isArray(parent)) {
    delete (parent as Record<string, unknown>)[key];
  } else if (m.op === 'add' && target && typeof target === 'object' && !Array.isArray(target)) {
    define(target, m.key, m.value);
  } else if (m.op === 'add' && Array.isArray(target)) {
    target.push(m.value);
  } else {
    define(parent as object, key, m.value);
  }
  // Through JSON, as a response arrives (NaN → null, -0 → 0, undefined dropped).
  return JSON.parse(JSON.stringify(root.v) ?? 'null');
}

const enumish = fc.constantFrom(
  'mobile',
  'email',
  'deny',
  'log-out',
  'password',
  'code',
  'local',
  'third-party',
  'verify',
  'change',
  'step-up',
  'invalid-code',
  '2026-02-29T00:00:00Z',
  '2024-02-29T23:59:60Z',
  '2026-11-27T10:00:00+01:00',
  '2026-11-27',
  '',
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  enumish,
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.integer({ min: -3, max: 600 }),
  fc.constantFrom(0, 1, 500, 501, 599, 600, -1, 1.5, 2 ** 53, -(2 ** 53), 1e300, null, true, false, [], {}),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'add'),
  key: fc.constantFrom('extra', '__proto__', 'constructor', 'max', 'policy', 'masked', 'type', 'kind'),
  value,
});

/** A `fieldErrors` record with an own `__proto__` member that is not a list of strings. */
function badProtoInRecord(v: unknown): boolean {
  const fieldErrors = (v as { fieldErrors?: unknown } | null)?.fieldErrors;
  if (!fieldErrors || typeof fieldErrors !== 'object' || !Object.hasOwn(fieldErrors, '__proto__'))
    return false;
  const member = Object.getOwnPropertyDescriptor(fieldErrors, '__proto__')?.value;
  return !(Array.isArray(member) && member.every((m) => typeof m === 'string'));
}

/** zod's verdict, with the two known differences applied (see the header). */
function zodShapeVerdict(schema: z.ZodMiniType, v: unknown): boolean {
  const result = schema.safeParse(v);
  if (result.success) return !badProtoInRecord(v);
  return result.error.issues.every((issue) => issue.code === 'custom');
}

function agree(
  name: string,
  schema: z.ZodMiniType,
  check: (v: unknown, p: string) => string | undefined,
  sample: unknown,
) {
  assert.equal(check(sample, ''), undefined, `${name}: the valid sample is refused`);
  assert.ok(schema.safeParse(sample).success, `${name}: the sample is not valid for zod`);
  fc.assert(
    fc.property(mutation, (m) => {
      const v = mutate(sample, m);
      const problem = check(v, '');
      const zodOk = zodShapeVerdict(schema, v);
      assert.equal(
        problem === undefined,
        zodOk,
        `${name}: checker says ${problem ?? 'fits'}, zod says ${zodOk ? 'fits' : 'does not'} for ${JSON.stringify(v)}`,
      );
    }),
    { numRuns: RUNS },
  );
}

describe('response checkers compiled from the zod contract', () => {
  it('wire.generated.ts is current with the contract', () => {
    const committed = readFileSync(
      new URL('../../components/api/wire.generated.ts', import.meta.url),
      'utf8',
    );
    assert.ok(
      committed === generate(),
      'components/api/wire.generated.ts is stale: run `npx tsx scripts/generate-wire.ts` and commit it',
    );
  });

  it('has every route, with its method, path and body flag', () => {
    assert.deepEqual(Object.keys(wire).sort(), Object.keys(routes).sort());
    for (const [name, route] of Object.entries(routes)) {
      const w = wire[name as RouteName];
      assert.deepEqual([w.method, w.path, w.body], [route.method, route.path, route.body !== null], name);
      assert.equal(w.response === null, route.response === null, name);
    }
  });

  for (const [name, sample] of Object.entries(SAMPLES)) {
    it(`${name}: agrees with zod on ${RUNS} mutated responses`, () => {
      const route = routes[name as RouteName];
      const check = wire[name as RouteName].response;
      assert.ok(route.response && check);
      agree(name, route.response, check, sample);
    });
  }

  it(`problem+json: agrees with zod on ${RUNS} mutated problems (extra members allowed)`, () => {
    agree('Problem', Problem, checkProblem, PROBLEM_SAMPLE);
  });

  it('a refinement-only refusal is the one known difference: the shape fits, the server enforces the rule', () => {
    const v = { ...personalInfo, sessionLimit: { max: 3, policy: 'log-out' } };
    assert.equal(routes.getPersonalInfo.response.safeParse(v).success, false);
    assert.equal(wire.getPersonalInfo.response?.(v, ''), undefined);
  });

  it('a record member named __proto__ that does not fit is refused (zod skips that key)', () => {
    const v = JSON.parse(
      '{"type":"t","title":"t","status":400,"code":"validation-failed","fieldErrors":{"__proto__":1}}',
    );
    assert.equal(Problem.safeParse(v).success, true);
    assert.equal(checkProblem(v, ''), 'fieldErrors.__proto__: expected an array');
  });

  it('says where and what is wrong', () => {
    const v = { ...personalInfo, mobile: { ...personalInfo.mobile, verified: 'yes' } };
    assert.equal(wire.getPersonalInfo.response?.(v, ''), 'mobile.verified: expected a boolean');
    assert.equal(
      wire.getPersonalInfo.response?.({ ...personalInfo, extra: 1 }, ''),
      'extra: not in the contract',
    );
    const { version: _, ...noVersion } = personalInfo;
    assert.equal(wire.getPersonalInfo.response?.(noVersion, ''), 'version: required');
  });
});
