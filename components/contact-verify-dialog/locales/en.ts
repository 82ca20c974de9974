import type { Catalog } from '../../shared/localize.js';

/**
 * `<contact-verify-dialog>` strings, and the problems only the dialog meets (wrong code, cooldown,
 * step-up, sending); the ones every element meets are shared, in `components/shared/locales/`.
 * Placeholders there, plus `{channel}` (“SMS”), `{service}` (“the SMS gateway”), `{tries}`
 * (“3 tries left”). A host overrides any id through the element's `strings` property.
 */
const en: Catalog = {
  'contact-verify.title.edit.mobile': 'Change mobile number',
  'contact-verify.title.edit.email': 'Change email address',
  'contact-verify.title.add.mobile': 'Add mobile number',
  'contact-verify.title.add.email': 'Add email address',
  'contact-verify.title.verify.mobile': 'Verify mobile number',
  'contact-verify.title.verify.email': 'Verify email address',
  'contact-verify.close': 'Close',
  'contact-verify.loading': 'Loading…',

  'contact-verify.steps': 'Progress',
  'contact-verify.step-of': 'Step {current} of {total}',
  'contact-verify.step-of-named': 'Step {current} of {total}: {name}',
  'contact-verify.step.completed': '{step}, completed',
  'contact-verify.step.identity': 'Verify identity',
  'contact-verify.step.value.mobile': 'New number',
  'contact-verify.step.value.email': 'New address',
  'contact-verify.step.code': 'Enter code',

  'contact-verify.action.cancel': 'Cancel',
  'contact-verify.action.next': 'Next',
  'contact-verify.action.send': 'Send code',
  'contact-verify.action.send-wait': '{action} ({time})',
  'contact-verify.action.sending': 'Sending…',
  'contact-verify.action.ok': 'OK',
  'contact-verify.action.checking': 'Checking…',
  'contact-verify.action.retry': 'Try again',
  'contact-verify.action.send-new': 'Send a new code',
  'contact-verify.action.resend': 'Resend code',
  'contact-verify.action.resend-in': 'Resend code in {time}',
  'contact-verify.action.edit-value': 'Edit',
  'contact-verify.action.show-password': 'Show password',
  'contact-verify.action.hide-password': 'Hide password',

  'contact-verify.identity.intro': 'For your security, confirm it is you before changing your {contact}.',
  'contact-verify.identity.methods': 'How do you want to confirm it is you?',
  'contact-verify.identity.method.password': 'With your password',
  'contact-verify.identity.method.code': 'With a code by {channel} to {destination}',
  'contact-verify.identity.password': 'Password',
  'contact-verify.identity.code.intro': 'We will send a 6-digit code by {channel} to {destination}.',
  'contact-verify.identity.none': 'Your {contact} cannot be changed here.',
  'contact-verify.identity.none.next':
    'Your account has no password and no verified contact to confirm it is you. Ask your administrator to change it for you.',
  'contact-verify.identity.again': 'You are verified again. Continue where you left off.',

  'contact-verify.value.current': 'Current: {masked}',
  'contact-verify.value.email': 'New email address',
  'contact-verify.value.email.hint': 'We will send a code to this address to confirm it is yours.',
  'contact-verify.value.mobile': 'New mobile number',
  'contact-verify.value.mobile.hint': 'Type the number, or paste it with its + code to pick the region.',
  'contact-verify.value.mobile.preview': 'Will be saved as {number}',
  'contact-verify.value.loading': 'Loading phone number formats…',
  'contact-verify.value.load-failed': 'Phone number formats could not be loaded.',
  'contact-verify.region': 'Country or region',
  'contact-verify.region.button': 'Country or region: {name} ({dialCode})',
  'contact-verify.region.search': 'Search countries and regions',
  'contact-verify.region.list': 'Countries and regions',
  'contact-verify.region.none': 'No country or region matches “{query}”.',

  'contact-verify.error.password.empty': 'Enter your password.',
  'contact-verify.error.email.empty': 'Enter an email address.',
  'contact-verify.error.email.invalid': 'Enter an email address like name@example.com.',
  'contact-verify.error.email.long': 'An email address can have at most {max} characters.',
  'contact-verify.error.mobile.empty': 'Enter a mobile number.',
  'contact-verify.error.mobile.region': 'Choose the country or region of the number.',
  'contact-verify.error.mobile.not-a-number': 'Use digits only (spaces, dashes and a leading + are fine).',
  'contact-verify.error.mobile.too-short': 'This number is too short for {region}.',
  'contact-verify.error.mobile.too-long': 'This number is too long for {region}.',
  'contact-verify.error.mobile.invalid': 'This is not a valid mobile number for {region}.',
  'contact-verify.error.code.empty': 'Enter the {length}-digit code.',
  'contact-verify.error.code.incomplete': 'Enter all {length} digits.',

  'contact-verify.code.label': 'Verification code',
  'contact-verify.code.sent': 'We sent a {length}-digit code to {destination}.',
  'contact-verify.code.wrong.mobile': 'Wrong number?',
  'contact-verify.code.wrong.email': 'Wrong address?',
  'contact-verify.code.expires': 'The code is valid for {lifetime}.',
  'contact-verify.code.dead': 'This code can no longer be used.',
  'contact-verify.code.resent': 'A new code was sent to {destination}.',
  'contact-verify.code.resend-ready': 'You can resend the code now.',
  'contact-verify.verify.intro':
    'We will send a {length}-digit code to {destination} to confirm it is yours.',


  'contact-verify.config.missing': 'This dialog has no endpoint to talk to.',
  'contact-verify.config.invalid': 'The endpoint “{url}” is not a valid address.',
  'contact-verify.config.insecure': 'The endpoint “{url}” is refused: it is not HTTPS.',
  'contact-verify.config.next':
    'Personal data is only sent over HTTPS, to this same site, or to this computer. Ask your administrator to fix the endpoint.',

  // Problems only this dialog meets (shared ones: components/shared/locales/en.ts).
  'channel.mobile': 'SMS',
  'channel.email': 'email',
  'service.mobile': 'the SMS gateway',
  'service.email': 'the mail server',
  'tries.one': '1 try left',
  'tries.other': '{count} tries left',
  'problem.same-value': 'That is already your {contact}.',
  'problem.same-value.next': 'Enter a different one, or close this dialog to keep the current one.',
  'problem.invalid-credentials': 'That password is not correct.',
  'problem.invalid-credentials.next':
    'Check it and try again. After {maxTries} wrong tries, changes are locked for {lockout}.',
  'problem.step-up-required': 'Please confirm it is you first.',
  'problem.step-up-required.next': 'Verify your identity again. What you entered is kept.',
  'problem.step-up-expired': 'Your identity check has expired (it lasts {lifetime}).',
  'problem.step-up-expired.next': 'Verify your identity again. What you entered is kept.',
  'problem.no-verified-contact': 'There is no password or verified contact to confirm it is you.',
  'problem.no-verified-contact.next': 'Ask your administrator to make this change for you.',
  'problem.already-verified': 'This {contact} is already verified.',
  'problem.already-verified.next': 'There is nothing more to do.',
  'problem.no-contact': 'You have no {contact} to verify yet.',
  'problem.no-contact.next': 'Close this dialog and use Add to set one.',
  'problem.invalid-code': 'That code is not correct.',
  'problem.invalid-code.next': 'Check the newest message and type its code again ({tries}).',
  'problem.invalid-code.next.plain': 'Check the newest message and type its code again.',
  'problem.code-expired': 'This code has expired (codes last {lifetime}).',
  'problem.code-expired.next': 'Send a new code.',
  'problem.too-many-attempts': 'Too many wrong codes: this code can no longer be used.',
  'problem.too-many-attempts.next': 'Send a new code.',
  'problem.too-many-attempts.next.wait': 'You can try again in {time}.',
  'problem.cooldown': 'A code was sent a moment ago.',
  'problem.cooldown.next': 'You can send another one in {time}.',
  'problem.rate-limited': 'Too many codes were sent to this {contact} recently.',
  'problem.rate-limited.next': 'Try again in {time}.',
  'problem.account-locked': 'Too many wrong attempts: changes are locked for a while.',
  'problem.account-locked.next': 'Try again in {time}.',
  'problem.notification-not-configured':
    'Codes cannot be sent by {channel}: remote notification is not configured.',
  'problem.notification-not-configured.next':
    'Ask your administrator to configure remote notification ({service}), then try again.',
  'problem.notification-failed': 'The {channel} with your code could not be sent.',
  'problem.notification-failed.next':
    'Try again in a moment. If it keeps failing, ask your administrator to check remote notification.',
};

export default en;
