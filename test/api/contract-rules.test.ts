/**
 * Each rule is written once in the contract (components/api/contract/constants.ts) and the schema, the
 * field's form syntax and the mock all answer the same: checked here on the edges of each rule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProblemError } from '../../mock-server/problem.js';
import { LIMITS, logOutAllowed, PHONE_TEXT, SessionLimit } from '../../components/api/contract/index.js';
import { parseSessionLimit } from '../../components/session-limit-field/session-limit-value.js';
import { normalizeContact } from '../../mock-server/routes/contacts.js';

/** The mock's refusal of a value as typed: a validation-failed problem saying so on `value`. */
const digitsOnly = (error: unknown) =>
  (error as ProblemError).code === 'validation-failed' &&
  (error as ProblemError).extras.fieldErrors?.value?.[0] === 'Enter digits only';

describe('contract rules, written once', () => {
  it('log-out only at a maximum of 1: the schema and the form syntax agree with logOutAllowed', () => {
    for (const max of [1, 2, 3, LIMITS.sessionLimitMax]) {
      const allowed = logOutAllowed(max);
      assert.equal(allowed, max === 1, `logOutAllowed(${max})`);
      assert.equal(SessionLimit.safeParse({ max, policy: 'log-out' }).success, allowed, `schema at ${max}`);
      assert.equal(parseSessionLimit(`${max};log-out`) !== undefined, allowed, `form syntax at ${max}`);
      assert.equal(SessionLimit.safeParse({ max, policy: 'deny' }).success, true, `deny at ${max}`);
    }
  });

  it('a phone number as typed: the pattern the elements check is the one the mock enforces', () => {
    for (const typed of ['+86 139 0000 1111', '(020) 7946-0958', '139.0000/1111']) {
      assert.equal(PHONE_TEXT.test(typed), true, typed);
    }
    for (const typed of ['139abc0000', '+86 139 0000 1111 ext 2', '86+139']) {
      assert.equal(PHONE_TEXT.test(typed), false, typed);
      assert.throws(() => normalizeContact('mobile', typed, 'CN'), digitsOnly, typed);
    }
    assert.throws(() => normalizeContact('mobile', '1'.repeat(LIMITS.phoneMax + 1), 'CN'), digitsOnly);
  });
});
