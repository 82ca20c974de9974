import { iso } from '../clock.js';
import type { RouteHandlers } from '../context.js';
import { ProblemError } from '../problem.js';
import { activeSessions, clearSessionCookie } from '../sessions.js';

export const sessionHandlers: Pick<RouteHandlers, 'listSessions' | 'endSession'> = {
  listSessions({ user, session, deps }) {
    const sessions = activeSessions(deps.store.data, user, deps.clock.now())
      .sort((a, b) => b.lastActiveAt - a.lastActiveAt)
      .map((s) => ({
        id: s.id,
        current: s.id === session.id,
        createdAt: iso(s.createdAt),
        lastActiveAt: iso(s.lastActiveAt),
        userAgent: s.userAgent,
      }));
    return { body: { sessions } };
  },

  async endSession({ user, session, params, request, deps }) {
    const data = deps.store.data;
    const target = data.sessions.find((s) => s.id === params.id && s.userId === user.id);
    if (!target) throw new ProblemError('not-found', { detail: 'No such session.' });
    data.sessions = data.sessions.filter((s) => s !== target);
    data.stepUps = data.stepUps.filter((s) => s.sessionId !== target.id);
    await deps.store.commit();
    return target.id === session.id ? { cookies: [clearSessionCookie(deps.config, request)] } : {};
  },
};
