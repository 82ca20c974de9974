import { Hono } from 'hono';
import * as z from 'zod/mini';
import { ContactKind } from '../../components/api/contract/index.js';
import { iso } from '../clock.js';
import type { Deps } from '../context.js';
import type { UserRecord } from '../db.js';
import { ProblemError } from '../problem.js';
import { seedData } from '../seed.js';
import { readJsonBody } from '../http.js';

/** `GET /__dev/users/:username`: the stored record with full contact values, minus secrets. */
export type DevUserView = Omit<UserRecord, 'passwordHash' | 'codeFailures'>;

/** A clock the dev routes can move (the demo's "skip ahead" and the contract suite's expiry tests). */
export interface AdvanceableClock {
  now(): number;
  advance(ms: number): void;
  reset?(): void;
}

const ClockBody = z.strictObject({ advanceSeconds: z.number().check(z.gte(0), z.lte(366 * 24 * 3600)) });
const NotificationsBody = z.strictObject({
  channel: ContactKind,
  enabled: z.boolean(),
  delayMs: z.optional(z.int().check(z.gte(0), z.lte(60_000))),
});
const FaultsBody = z.strictObject({ failWrites: z.boolean() });

/**
 * Mock-only development routes. Not part of the contract; off with `devRoutes: false`.
 * The outbox is the only place codes are ever visible.
 */
export function devRoutes(deps: Deps & { clock: AdvanceableClock }): Hono {
  const dev = new Hono();
  const { store, notifier } = deps;

  dev.get('/outbox', (c) => c.json({ messages: notifier.outbox }));

  dev.post('/reset', async (c) => {
    const secret = store.data.secret;
    store.failWrites = false;
    notifier.reset();
    deps.clock.reset?.();
    await store.replace(await seedData({ secret, extraUsers: deps.config.seedExtraUsers }));
    return c.body(null, 204);
  });

  const clockView = () => ({ now: iso(deps.clock.now()) });
  dev.get('/clock', (c) => c.json(clockView()));
  dev.post('/clock', async (c) => {
    const body = await readJsonBody(c.req.raw, ClockBody);
    deps.clock.advance(body.advanceSeconds * 1000);
    return c.json(clockView());
  });

  dev.get('/notifications', (c) => c.json(notifier.channels));
  dev.put('/notifications', async (c) => {
    const body = await readJsonBody(c.req.raw, NotificationsBody);
    notifier.channels[body.channel] = {
      enabled: body.enabled,
      delayMs: body.delayMs ?? notifier.channels[body.channel].delayMs,
    };
    return c.json(notifier.channels);
  });

  dev.get('/faults', (c) => c.json({ failWrites: store.failWrites }));
  dev.put('/faults', async (c) => {
    store.failWrites = (await readJsonBody(c.req.raw, FaultsBody)).failWrites;
    return c.json({ failWrites: store.failWrites });
  });

  dev.get('/users/:username', (c) => {
    const user = store.data.users.find((u) => u.username === c.req.param('username'));
    if (!user) throw new ProblemError('not-found', { detail: 'No such user.' });
    const { passwordHash: _p, codeFailures: _c, ...rest } = user;
    return c.json(rest satisfies DevUserView);
  });

  return dev;
}
