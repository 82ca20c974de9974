import type { Context } from 'hono';
import { Hono } from 'hono';
import { type HookBody, type HookName, hooks } from '../../components/api/contract/index.js';
import { iso } from '../clock.js';
import type { Deps } from '../context.js';
import type { UserRecord } from '../db.js';
import { readJsonBody } from '../http.js';
import { ProblemError } from '../problem.js';
import { seedData } from '../seed.js';

/** `GET /__dev/users/:username`: the stored record with full contact values, minus secrets. */
export type DevUserView = Omit<UserRecord, 'passwordHash' | 'codeFailures'>;

/** A clock the dev routes can move (the demo's "skip ahead" and the contract suite's expiry tests). */
export interface AdvanceableClock {
  now(): number;
  advance(ms: number): void;
  reset?(): void;
}

/** One handler per hook, its body already read through the hook's schema. */
type Handlers = { [N in HookName]: (c: Context, body: HookBody<N>) => unknown };

/**
 * The mock's test hooks, mounted at `/__dev` (off with `devRoutes: false`): exactly the hooks table of
 * the contract (`components/api/contract/hooks.ts`), each body read through its schema. The outbox
 * is the only place codes are ever visible.
 */
export function devRoutes(deps: Deps & { clock: AdvanceableClock }): Hono {
  const dev = new Hono();
  const { store, notifier } = deps;
  const clockView = () => ({ now: iso(deps.clock.now()) });

  const handlers: Handlers = {
    reset: async () => {
      const secret = store.data.secret;
      store.failWrites = false;
      notifier.reset();
      deps.clock.reset?.();
      await store.replace(await seedData({ secret, extraUsers: deps.config.seedExtraUsers }));
      return null;
    },
    outbox: () => ({ messages: notifier.outbox }),
    clock: clockView,
    advanceClock: (_c, body) => {
      deps.clock.advance(body.advanceSeconds * 1000);
      return clockView();
    },
    channels: () => notifier.channels,
    setChannel: (_c, body) => {
      notifier.channels[body.channel] = {
        enabled: body.enabled,
        delayMs: body.delayMs ?? notifier.channels[body.channel].delayMs,
      };
      return notifier.channels;
    },
    faults: () => ({ failWrites: store.failWrites }),
    setFaults: (_c, body) => {
      store.failWrites = body.failWrites;
      return { failWrites: store.failWrites };
    },
    user: (c) => {
      const user = store.data.users.find((u) => u.username === c.req.param('username'));
      if (!user) throw new ProblemError('not-found', { detail: 'No such user.' });
      const { passwordHash: _p, codeFailures: _c, ...rest } = user;
      return rest satisfies DevUserView;
    },
  };

  for (const [name, hook] of Object.entries(hooks)) {
    const handle = handlers[name as HookName] as (c: Context, body: unknown) => unknown;
    dev.on(hook.method, hook.path, async (c) => {
      const body = hook.body === null ? undefined : await readJsonBody(c.req.raw, hook.body);
      const result = await handle(c, body);
      return hook.response === null ? c.body(null, hook.status) : c.json(result as object, hook.status);
    });
  }
  return dev;
}
