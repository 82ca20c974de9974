import { RULES } from '../../components/api/contract/index.js';
import type { RouteHandlers } from '../context.js';
import { ProblemError } from '../problem.js';
import { etagOf, personalInfoView, viewerOf } from '../views.js';

export const personalInfoHandlers: Pick<RouteHandlers, 'getPersonalInfo' | 'updatePersonalInfo'> = {
  getPersonalInfo({ user, session, deps }) {
    return {
      body: personalInfoView(user, deps.clock.now(), deps.config, viewerOf(session, deps)),
      headers: { ETag: etagOf(user) },
    };
  },

  /** `If-Match` was checked by the route loop (the route table says `ifMatch: true`). */
  async updatePersonalInfo({ user, session, body, deps }) {
    if (body.autoLogoutMinutes !== undefined) {
      if (user.type === 'third-party') {
        throw new ProblemError('not-editable', {
          detail: `Auto-logout is fixed at ${RULES.thirdPartyAutoLogoutMinutes} minutes for third-party users.`,
          fieldErrors: {
            autoLogoutMinutes: [
              `Fixed at ${RULES.thirdPartyAutoLogoutMinutes} minutes for third-party users`,
            ],
          },
        });
      }
      if (!deps.config.autoLogoutOptions.includes(body.autoLogoutMinutes)) {
        throw new ProblemError('validation-failed', {
          fieldErrors: {
            autoLogoutMinutes: [`Choose one of ${deps.config.autoLogoutOptions.join(', ')} minutes`],
          },
        });
      }
    }
    // Validated in full before anything changes: a refused request changes nothing.
    if (body.autoLogoutMinutes !== undefined) user.autoLogoutMinutes = body.autoLogoutMinutes;
    if (body.sessionLimit !== undefined) user.sessionLimit = body.sessionLimit;
    if (body.welcomeMessage !== undefined) user.welcomeMessage = body.welcomeMessage;
    user.version += 1;
    const view = personalInfoView(user, deps.clock.now(), deps.config, viewerOf(session, deps));
    const etag = etagOf(user);
    await deps.store.commit();
    return { body: view, headers: { ETag: etag } };
  },
};
