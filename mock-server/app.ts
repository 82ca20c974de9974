import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { ACTIVITY_HEADER, type RouteDef, type RouteName, routes } from '../components/api/contract/index.js';
import { type Clock, OffsetClock } from './clock.js';
import {
  DEFAULT_CONFIG,
  type Deps,
  MIRRORED_COOKIE_HEADER,
  type MockConfig,
  type RouteHandlers,
} from './context.js';
import { parseWith, readJson } from './http.js';
import { type Notifier, OutboxNotifier } from './notifier.js';
import { openApiDocument } from './openapi.js';
import { ProblemError, problemResponse } from './problem.js';
import { REFERENCE_CSS, referencePage } from './reference-page.js';
import { authHandlers } from './routes/auth.js';
import { contactHandlers } from './routes/contacts.js';
import { type AdvanceableClock, devRoutes } from './routes/dev.js';
import { identityHandlers } from './routes/identity.js';
import { personalInfoHandlers } from './routes/personal-info.js';
import { sessionHandlers } from './routes/sessions.js';
import { authenticate } from './sessions.js';
import { StorageUnavailableError, type Store } from './store.js';

export interface MockAppOptions {
  store: Store;
  clock?: Clock & Partial<AdvanceableClock>;
  notifier?: Notifier;
  config?: Partial<MockConfig>;
}

const handlers: RouteHandlers = {
  ...authHandlers,
  ...personalInfoHandlers,
  ...identityHandlers,
  ...contactHandlers,
  ...sessionHandlers,
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The mock backend as a web-standard Hono app: no Node APIs, so the same app serves Node
 * (`node.ts`), in-process tests (`app.request`) and the browser (msw forwards to `app.fetch`).
 */
export function createMockApp(options: MockAppOptions): Hono {
  const config: MockConfig = { ...DEFAULT_CONFIG, ...options.config };
  const clock = options.clock ?? new OffsetClock();
  const store = options.store;
  const notifier = options.notifier ?? new OutboxNotifier(clock);
  const deps: Deps = { store, clock, notifier, config };
  const allowed = new Set(config.corsOrigins);

  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof ProblemError)
      return problemResponse(error, new URL(c.req.url).pathname, c.res.headers);
    if (error instanceof StorageUnavailableError) {
      return problemResponse(
        new ProblemError('storage-unavailable', {
          detail: 'The change could not be saved. Nothing was changed; try again.',
        }),
      );
    }
    console.error('mock-server: unexpected error', error instanceof Error ? error.message : error);
    return problemResponse(new ProblemError('internal', { detail: 'Something went wrong on the server.' }));
  });
  app.notFound((c) =>
    problemResponse(
      new ProblemError('not-found', { detail: `No route ${c.req.method} ${new URL(c.req.url).pathname}` }),
    ),
  );

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  // CORS concerns only requests that carry Origin. Hono's cors() prepares `c.res` before the handler
  // runs, which sends every response down @hono/node-server's slow path (a real undici Response whose
  // body is read back as a stream): same-origin GETs, which carry no Origin, skip it.
  const corsHeaders = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowHeaders: ['Content-Type', 'If-Match', ACTIVITY_HEADER, 'Authorization', 'X-CSRF-Token'],
    exposeHeaders: ['ETag', 'Retry-After'],
    maxAge: 600,
  });
  app.use('*', (c, next) => (c.req.header('Origin') === undefined ? next() : corsHeaders(c, next)));

  // CSRF: a mutation must come from this origin or an allowlisted one. Hono's csrf() only covers
  // form content types; JSON APIs need the Origin / Sec-Fetch-Site check themselves.
  app.use('*', (c, next) => {
    if (MUTATING.has(c.req.method)) {
      const origin = c.req.header('Origin');
      const site = c.req.header('Sec-Fetch-Site');
      const own = new URL(c.req.url).origin;
      const okOrigin = origin === undefined || origin === own || allowed.has(origin);
      const okSite =
        site === undefined ||
        site === 'same-origin' ||
        site === 'none' ||
        (origin !== undefined && allowed.has(origin));
      if (!okOrigin || !okSite) {
        throw new ProblemError('forbidden-origin', { detail: 'Cross-site requests cannot change settings.' });
      }
    }
    return next(); // not async: a GET passes through without a promise and a frame of its own
  });

  const api = new Hono();
  for (const [name, route] of Object.entries(routes) as [RouteName, RouteDef][]) {
    api.on(route.method, route.path, async (c) => {
      const request = c.req.raw;
      const raw = route.body ? await readJson(request) : undefined;
      const auth = route.auth
        ? await authenticate(
            () => store.data,
            store.data.secret,
            request.headers.get('Cookie'),
            clock,
            request.headers.get(ACTIVITY_HEADER) === 'passive',
          )
        : null;
      const params = parseWith(route.params, c.req.param(), 'The path has invalid parameters.');
      const body = route.body
        ? parseWith(route.body, raw, 'The request body has invalid fields.')
        : undefined;
      const handler = handlers[name] as (input: unknown) => ReturnType<RouteHandlers[RouteName]>;
      const reply = await handler({ params, body, session: auth?.session, user: auth?.user, request, deps });
      const headers = new Headers(reply.headers);
      for (const cookie of reply.cookies ?? []) {
        headers.append('Set-Cookie', cookie);
        if (config.mirrorCookies) headers.append(MIRRORED_COOKIE_HEADER, cookie);
      }
      if (route.response === null) return new Response(null, { status: route.status, headers });
      headers.set('Content-Type', 'application/json');
      return new Response(JSON.stringify(reply.body), { status: route.status, headers });
    });
  }
  api.get('/openapi.json', (c) => c.json(openApiDocument(config.basePath)));
  api.get('/docs', (c) => {
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    return c.html(referencePage(config.basePath));
  });
  api.get('/docs.css', (c) =>
    c.body(String(REFERENCE_CSS), 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  app.route(config.basePath, api);

  if (config.devRoutes) {
    const devClock: AdvanceableClock =
      typeof clock.advance === 'function'
        ? (clock as AdvanceableClock)
        : {
            now: () => clock.now(),
            advance: () => {
              throw new ProblemError('validation-failed', { detail: 'This server’s clock cannot be moved.' });
            },
          };
    app.route('/__dev', devRoutes({ ...deps, clock: devClock }));
  }
  return app;
}
