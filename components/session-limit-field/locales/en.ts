/** English strings of `<session-limit-field>` (ids are namespaced: catalogs are shared by all elements). */
const en = {
  'session-limit.label': 'Max. Online Sessions',
  'session-limit.unlimited-hint': 'Not selected: no limit on the number of online sessions of the account.',
  'session-limit.max.label': 'Maximum sessions',
  'session-limit.max.hint': 'From {min} to {max}',
  'session-limit.policy.legend': 'Login when maximum online sessions already in use',
  'session-limit.policy.deny': 'Not allowed',
  'session-limit.policy.deny.hint': 'The new login is refused.',
  'session-limit.policy.log-out': 'Log out of the session',
  'session-limit.policy.log-out.hint': 'The least recently active session ends and the new login goes in.',
  'session-limit.policy.locked': 'Only “Not allowed” is possible when more than 1 session is allowed.',
  'session-limit.error.required': 'Select Max. Online Sessions and set a maximum.',
  'session-limit.error.value-missing': 'Enter the maximum number of online sessions, from {min} to {max}.',
  'session-limit.error.bad-input': 'Enter a number from {min} to {max}.',
  'session-limit.error.range-underflow': 'Enter a number no smaller than {min}.',
  'session-limit.error.range-overflow': 'Enter a number no larger than {max}.',
  'session-limit.error.step-mismatch': 'Enter a whole number.',
} as const;

export type SessionLimitMessageId = keyof typeof en;
export default en;
