/**
 * English strings of the summary shown after a version conflict (412): what changed meanwhile. Loaded
 * with that summary (`../changes.ts`), on the first conflict only; zh-CN keeps them in its catalog.
 */
const en = {
  'personal-info.session-limit.unlimited': 'not limited',
  'personal-info.session-limit.deny': '{max} (new logins not allowed when in use)',
  'personal-info.session-limit.log-out': '{max} (a new login logs out the session)',
  'personal-info.change.auto-logout': 'Auto-logout is now {to} (was {from}).',
  'personal-info.change.session-limit': 'Max. online sessions is now {to} (was {from}).',
  'personal-info.change.welcome': 'The welcome message was changed.',
  'personal-info.change.contact': 'The {name} is now {to} (was {from}).',
  'personal-info.change.contact-verified': 'The {name} is now verified.',
  'personal-info.change.contact-unverified': 'The {name} is no longer verified.',
  'personal-info.change.contact-pending': 'A change of the {name} is waiting for its code.',
} as const;

export default en;
