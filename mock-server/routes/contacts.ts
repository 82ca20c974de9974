import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { Email, LIMITS, normalizeEmail, PHONE_TEXT } from '../../components/api/contract/index.js';
import type { RouteHandlers } from '../context.js';
import {
  assertResendable,
  challengeView,
  checkCode,
  createChallenge,
  findChallenge,
  requireStepUp,
  resendChallenge,
} from '../codes.js';
import { ProblemError } from '../problem.js';
import { maskContact } from '../mask.js';
import { contactView, versionOf, viewerOf } from '../views.js';

const invalid = (message: string) =>
  new ProblemError('validation-failed', { fieldErrors: { value: [message] } });

/**
 * A mobile number valid for the region, as E.164; an email in its stored form (trimmed, the domain in
 * ASCII lower case), refused with the contract's message when it breaks the character policy.
 */
export function normalizeContact(
  kind: 'mobile' | 'email',
  value: string,
  region: string | undefined,
): string {
  if (kind === 'email') {
    const parsed = Email.safeParse(value);
    const email = parsed.success ? normalizeEmail(parsed.data) : null;
    if (email === null) {
      throw invalid(parsed.error?.issues[0]?.message ?? 'Enter an email address like name@example.com');
    }
    return email;
  }
  if (value.length < 2 || value.length > LIMITS.phoneMax || !PHONE_TEXT.test(value))
    throw invalid('Enter digits only');
  if (!region && !value.startsWith('+')) throw invalid('Choose a country or region');
  const phone = parsePhoneNumberFromString(value, region as CountryCode | undefined);
  if (!phone?.isValid()) throw invalid(`Not a valid number for ${region ?? 'that country code'}`);
  if (region && phone.country !== region && !value.startsWith('+'))
    throw invalid(`Not a valid number for ${region}`);
  const type = phone.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') throw invalid('Enter a mobile number');
  return phone.number;
}

export const contactHandlers: Pick<RouteHandlers, 'createChallenge' | 'resendChallenge' | 'verifyChallenge'> =
  {
    async createChallenge({ user, session, params, body, deps }) {
      const kind = params.kind;
      const current = user[kind];
      let destination: string;
      if (body.purpose === 'verify') {
        if (!current.value)
          throw new ProblemError('no-contact', { detail: `There is no ${kind} to verify. Add one.` });
        if (current.verified) throw new ProblemError('already-verified');
        destination = current.value;
      } else if (body.purpose === 'step-up') {
        if (user.passwordHash !== null) {
          throw new ProblemError('validation-failed', {
            detail: 'This account verifies identity with its password.',
            fieldErrors: { purpose: ['Use the password to verify identity'] },
          });
        }
        if (!current.value || !current.verified) {
          throw new ProblemError('no-verified-contact', {
            detail: `There is no verified ${kind} to send a code to.`,
          });
        }
        destination = current.value;
      } else {
        await requireStepUp(deps, user, session, body.stepUpToken);
        destination = normalizeContact(kind, body.value, body.region);
        if (destination === current.value) {
          throw new ProblemError('same-value', {
            detail: `That is already your ${kind === 'mobile' ? 'mobile number' : 'email address'}.`,
          });
        }
      }
      const challenge = await createChallenge(deps, user, session, kind, body.purpose, destination);
      if (body.purpose === 'change') {
        user[kind].pending = {
          value: destination,
          challengeId: challenge.id,
          expiresAt: challenge.expiresAt,
        };
      }
      const view = challengeView(challenge);
      await deps.store.commit();
      return { body: view };
    },

    async resendChallenge({ user, session, params, body, deps }) {
      const challenge = findChallenge(deps, user, session, params.kind, params.id);
      // A new code for a change goes to the new value: step-up again, as for its first code (a dead
      // challenge is refused first: no identity check for a code that cannot be sent).
      if (challenge.purpose === 'change') {
        assertResendable(challenge);
        await requireStepUp(deps, user, session, body.stepUpToken);
      }
      await resendChallenge(deps, user, challenge);
      const pending = user[params.kind].pending;
      if (challenge.purpose === 'change' && pending?.challengeId === challenge.id)
        pending.expiresAt = challenge.expiresAt;
      const view = challengeView(challenge);
      await deps.store.commit();
      return { body: view };
    },

    async verifyChallenge({ user, session, params, body, deps }) {
      const challenge = findChallenge(deps, user, session, params.kind, params.id);
      if (challenge.purpose === 'step-up') {
        throw new ProblemError('validation-failed', {
          detail: 'A step-up code is checked by POST /me/identity-verifications.',
          fieldErrors: { id: ['Not a contact challenge'] },
        });
      }
      if (challenge.purpose === 'change') await requireStepUp(deps, user, session, body.stepUpToken);
      await checkCode(deps, user, challenge, body.code);
      const contact = user[params.kind];
      if (challenge.purpose === 'change') {
        const previous = contact.value;
        contact.value = challenge.destination;
        contact.verified = true;
        contact.pending = null;
        if (previous && deps.notifier.channels[params.kind].enabled) {
          // The notice to the old contact carries no code, only a "not you?" warning. Best effort.
          await deps.notifier
            .send({
              channel: params.kind,
              to: previous,
              subject: 'Your contact was changed',
              text: `The ${params.kind === 'mobile' ? 'mobile number' : 'email address'} of your account was changed to ${maskContact(params.kind, challenge.destination)}. Not you? Contact your administrator now.`,
              code: null,
            })
            .catch(() => undefined);
        }
      } else {
        contact.verified = true;
      }
      user.version += 1;
      const contactNow = contactView(user, params.kind, deps.clock.now(), viewerOf(session, deps));
      const result = { contact: contactNow, version: versionOf(user) };
      await deps.store.commit();
      return { body: result };
    },
  };
