import { Hono } from 'hono';
import { type RouteDef, type RouteName, routes } from '../components/api/contract/index.js';
import { type Clock, OffsetClock } from './clock.js';
import { DEFAULT_CONFIG, type Deps, type MockConfig, type RouteHandlers } from './context.js';
import { contractRoute } from './middleware/contract-route.js';
import { corsForOrigins } from './middleware/cors.js';
import { problemErrors, routeNotFound } from './middleware/problems.js';
import { sameOriginWrites } from './middleware/same-origin-writes.js';
import { securityHeaders } from './middleware/security-headers.js';
import { type Notifier, OutboxNotifier } from './notifier.js';
import { openApiDocument } from './openapi.js';
import { ProblemError } from './problem.js';
import { REFERENCE_CSS, referencePage } from './reference-page.js';
import { authHandlers } from './routes/auth.js';
import { contactHandlers } from './routes/contacts.js';
import { type AdvanceableClock, devRoutes } from './routes/dev.js';
import { identityHandlers } from './routes/identity.js';
import { personalInfoHandlers } from './routes/personal-info.js';
import { sessionHandlers } from './routes/sessions.js';
import type { Store } from './store.js';

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

/**
 * The mock backend as a web-standard Hono app: no Node APIs, so the same app serves Node
 * (`node.ts`), in-process tests (`app.request`) and the browser (msw forwards to `app.fetch`).
 * Cross-cutting rules are named middleware in `middleware/`; each contract route is
 * {@link contractRoute} over its entry in the route table.
 */
export function createMockApp(options: MockAppOptions): Hono {
  const config: MockConfig = { ...DEFAULT_CONFIG, ...options.config };
  const clock = options.clock ?? new OffsetClock();
  const store = options.store;
  const notifier = options.notifier ?? new OutboxNotifier(clock);
  const deps: Deps = { store, clock, notifier, config };
  const corsOrigins = new Set(config.corsOrigins);

  const app = new Hono();
  app.onError(problemErrors());
  app.notFound(routeNotFound());
  app.use(securityHeaders());
  app.use(corsForOrigins(corsOrigins));
  app.use(sameOriginWrites({ corsOrigins, trustedOrigins: new Set(config.trustedOrigins) }));

  const api = new Hono();
  for (const [name, route] of Object.entries(routes) as [RouteName, RouteDef][]) {
    api.on(route.method, route.path, contractRoute(route, handlers[name], deps));
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
