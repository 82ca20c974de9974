/** English strings of `<personal-info-form>` (ids are namespaced: catalogs are shared by all elements). */
const en = {
  'personal-info.loading': 'Loading personal information…',
  'personal-info.load-failed': 'Your personal information could not be loaded.',
  'personal-info.retry': 'Retry',
  'personal-info.offline': 'You appear to be offline. Check your connection, then try again.',
  'personal-info.session-ended': 'Sign in again to continue.',
  'personal-info.config.missing': 'Configuration error: set the endpoint attribute or the client property.',
  'personal-info.config.invalid': 'Configuration error: “{url}” is not a valid endpoint URL.',
  'personal-info.config.insecure':
    'Configuration error: the endpoint “{url}” was refused. Personal data is only sent over HTTPS (or to this site).',

  'personal-info.edit': 'Edit',
  'personal-info.add': 'Add',
  'personal-info.verify': 'Verify',
  'personal-info.save': 'Save',
  'personal-info.saving': 'Saving…',
  'personal-info.saved': 'Saved.',
  'personal-info.ok': 'OK',
  'personal-info.cancel': 'Cancel',
  'personal-info.dismiss': 'Dismiss',

  'personal-info.mobile.label': 'Associate Mobile Number',
  'personal-info.email.label': 'Associate Email Address',
  'personal-info.contact.none': 'Not set',
  'personal-info.contact.verified': 'Verified',
  'personal-info.contact.unverified': 'Not verified',
  'personal-info.contact.pending': 'Change pending',
  'personal-info.contact.pending-detail': 'Change to {masked} waiting for its code (until {time})',
  'personal-info.contact.enter-code': 'Enter code',
  'personal-info.contact.dialog-failed':
    'This could not be opened. Check your connection, then reload the page.',
  'personal-info.contact.updated': '{label} updated.',

  'personal-info.auto-logout.label': 'Auto-Logout If No Activity Within',
  'personal-info.auto-logout.help': 'You are logged out when you do nothing for this long.',
  'personal-info.auto-logout.third-party':
    'Fixed at {duration} for third-party users; it cannot be changed here.',

  'personal-info.session-limit.label': 'Max. Online Sessions',
  'personal-info.session-limit.enable': 'Limit the number of online sessions',
  'personal-info.session-limit.blocked': 'Correct the maximum number of sessions first.',

  'personal-info.welcome.label': 'Welcome Message',
  'personal-info.welcome.empty': 'No welcome message',
  'personal-info.welcome.help': 'Shown to you at your next login. Plain text; leave empty to remove it.',
  'personal-info.welcome.counter': '{count} / {max}',
  'personal-info.welcome.counter-label': '{count} of {max} characters used',
  'personal-info.welcome.invalid': 'Remove tabs and other control characters.',
  'personal-info.welcome.too-long': 'Use at most {max} characters.',

  'personal-info.conflict':
    'These settings were changed somewhere else, so your change was not saved. The latest values are shown; review them and save again.',
  'personal-info.conflict.same': 'Nothing you see here changed; save again to apply your change.',
} as const;

/** Every message id of the element (the conflict summary's are in `en-changes.ts`, loaded with it). */
export type PersonalInfoMessageId = keyof typeof en | keyof typeof import('./en-changes.js').default;
export default en;
