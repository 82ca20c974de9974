import type { RouteHandlers } from '../context.js';
import { checkCode, findChallenge, issueStepUp } from '../codes.js';
import { verifyPassword } from '../crypto.js';
import { ProblemError } from '../problem.js';
import { rotateSession } from '../sessions.js';
import { assertNotLocked, failPassword } from './auth.js';

export const identityHandlers: Pick<RouteHandlers, 'verifyIdentity'> = {
  /**
   * A successful verification raises the session's privilege, so the session gets a new token
   * (cookie) and the one it had stops working (session fixation, ASVS 5.0 7.2.4).
   */
  async verifyIdentity({ user, session, body, request, deps }) {
    if (body.method === 'password') {
      assertNotLocked(user, deps.clock.now());
      if (user.passwordHash === null) {
        throw new ProblemError('validation-failed', {
          detail: 'This account has no password; verify with a code.',
          fieldErrors: { method: ['Verify with a code sent to a verified contact'] },
        });
      }
      const ok = await verifyPassword(body.password, user.passwordHash);
      assertNotLocked(user, deps.clock.now());
      if (!ok) return failPassword(deps, user, 'Wrong password.');
      user.passwordFailures = 0;
    } else {
      const challenge =
        deps.store.data.challenges.find((c) => c.id === body.challengeId && c.purpose === 'step-up') ?? null;
      if (!challenge)
        throw new ProblemError('not-found', { detail: 'No such code request. Send a new code.' });
      await checkCode(
        deps,
        user,
        findChallenge(deps, user, session, challenge.kind, challenge.id),
        body.code,
      );
    }
    const token = await issueStepUp(deps, user, session);
    const cookie = await rotateSession(session, deps.store.data.secret, deps.config, request);
    await deps.store.commit();
    return { body: token, cookies: [cookie] };
  },
};
