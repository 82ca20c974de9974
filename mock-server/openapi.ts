/**
 * The OpenAPI 3.1 document, generated from the zod contract: the route table gives the paths, and every
 * request and response body is a `$ref` to a named schema in `components.schemas`, so code generators
 * (openapi-typescript, OpenAPI Generator, NSwag…) produce named types.
 *
 * Why zod 4's own `z.toJSONSchema` over a registry rather than @hono/zod-openapi or hono-openapi: the
 * contract is written in `zod/mini` (the browser's 6.5 KB build), which those libraries do not accept
 * (they need classic zod's `.openapi()` / `.meta()` methods), and the route table already says
 * everything they would: method, path, params, body, status, response, problems. A registry built here,
 * from the contract's exported schemas, names them without adding a byte to the elements.
 */
import * as z from 'zod/mini';
import {
  Challenge,
  ChallengePurpose,
  ChallengeRequest,
  COMMON_PROBLEMS,
  ContactKind,
  ContactView,
  IdentityVerificationRequest,
  LoginRequest,
  LoginResponse,
  PersonalInfo,
  PersonalInfoPatch,
  ResendRequest,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_STATUS,
  Problem,
  type ProblemCode,
  problemType,
  type RouteDef,
  routes,
  SESSION_PROBLEMS,
  SessionLimit,
  SessionLimitPolicy,
  SessionList,
  SessionView,
  StepUpMethod,
  StepUpToken,
  UserSummary,
  UserType,
  VerifyRequest,
  VerifyResponse,
} from '../components/api/contract/index.js';
import { PROBLEM_TITLES } from './problem.js';

type JsonSchema = Record<string, unknown>;

/** `components.schemas`: name → contract schema, with what a reader of the document needs to know. */
export const NAMED_SCHEMAS = {
  LoginRequest: [LoginRequest, 'Sign in: a password, or (third-party users) single sign-on.'],
  LoginResponse: [LoginResponse, 'The signed-in user, the welcome message to show once, and the session.'],
  User: [UserSummary, 'Who is signed in.'],
  UserType: [UserType, 'Where the account lives: `third-party` users have no local password.'],
  PersonalInfo: [PersonalInfo, 'Everything the personal-info screen shows, masked, with its version.'],
  PersonalInfoPatch: [PersonalInfoPatch, 'Any non-empty subset of the editable settings.'],
  Contact: [ContactView, 'A contact as the API shows it: masked only, never the full value.'],
  ContactKind: [ContactKind, 'Which contact.'],
  StepUpMethod: [StepUpMethod, 'How this user can prove who they are before an edit.'],
  SessionLimit: [
    SessionLimit,
    'Max. online sessions (1–500). `log-out` (end the least recently active session) only at 1.',
  ],
  SessionLimitPolicy: [SessionLimitPolicy, 'What a login beyond the limit does.'],
  StepUpRequest: [
    IdentityVerificationRequest,
    'Step-up: the password, or a code from a `step-up` challenge.',
  ],
  StepUp: [StepUpToken, 'A step-up token, valid 5 minutes, bound to the session.'],
  ChallengeCreate: [
    ChallengeRequest,
    'Send a code: `verify` the current value, `change` to a new one (with a step-up token), or `step-up`.',
  ],
  Challenge: [Challenge, 'A code sent: where (masked), until when, and when a resend is possible.'],
  ChallengePurpose: [ChallengePurpose, 'What the code is for.'],
  ChallengeResend: [ResendRequest, 'For a `change`, the step-up token again; `{}` otherwise.'],
  ChallengeVerify: [VerifyRequest, 'The code (and, for a change, the step-up token again).'],
  Verification: [VerifyResponse, 'The contact as saved, and the personal info’s new version.'],
  Session: [SessionView, 'One of the user’s online sessions.'],
  SessionList: [SessionList, 'The user’s online sessions.'],
  Problem: [
    Problem,
    `RFC 9457 problem details with a stable \`code\`: ${Object.keys(PROBLEM_STATUS).join(', ')}.`,
  ],
} as const satisfies Record<string, readonly [z.ZodMiniType, string]>;

export type SchemaName = keyof typeof NAMED_SCHEMAS;

/** Examples on the main bodies (checked against their schemas by test/mock-server/openapi.test.ts). */
export const EXAMPLES: Partial<Record<SchemaName, unknown>> = {
  LoginRequest: { username: 'admin', password: 'Passw0rd!' },
  LoginResponse: {
    user: { username: 'admin', displayName: 'Administrator', type: 'local' },
    welcomeMessage: 'Welcome back!',
    session: { id: 'Xk3vQ9zR2mJ8', expiresAt: '2026-01-15T21:30:00.000Z', idleTimeoutMinutes: 30 },
    replacedSessions: 0,
  },
  PersonalInfo: {
    version: '7',
    user: { username: 'admin', displayName: 'Administrator', type: 'local' },
    mobile: { kind: 'mobile', masked: '+86 138****5678', verified: true, pending: null },
    email: {
      kind: 'email',
      masked: 'a***n@example.com',
      verified: true,
      pending: {
        masked: 'j***n@example.org',
        expiresAt: '2026-01-15T09:35:00.000Z',
        challenge: {
          id: 'ch_8Hd2kLq0',
          kind: 'email',
          purpose: 'change',
          destination: 'j***n@example.org',
          expiresAt: '2026-01-15T09:35:00.000Z',
          resendAvailableAt: '2026-01-15T09:31:00.000Z',
          attemptsRemaining: 4,
          codeLength: 6,
        },
      },
    },
    stepUpMethods: [{ type: 'password' }],
    autoLogout: {
      minutes: 30,
      options: [5, 10, 15, 30, 60, 120, 240, 480],
      editable: true,
      lockedReason: null,
    },
    sessionLimit: { max: 1, policy: 'log-out' },
    welcomeMessage: 'Welcome back!',
  },
  PersonalInfoPatch: { autoLogoutMinutes: 60, sessionLimit: { max: 3, policy: 'deny' } },
  StepUpRequest: { method: 'password', password: 'Passw0rd!' },
  StepUp: { stepUpToken: 'su_4fQk2W9pZr', expiresAt: '2026-01-15T09:35:00.000Z' },
  ChallengeCreate: { purpose: 'change', value: '13912345678', region: 'CN', stepUpToken: 'su_4fQk2W9pZr' },
  Challenge: {
    id: 'ch_8Hd2kLq0',
    kind: 'mobile',
    purpose: 'change',
    destination: '+86 139****5678',
    expiresAt: '2026-01-15T09:35:00.000Z',
    resendAvailableAt: '2026-01-15T09:31:00.000Z',
    attemptsRemaining: 5,
    codeLength: 6,
  },
  ChallengeResend: { stepUpToken: 'su_4fQk2W9pZr' },
  ChallengeVerify: { code: '482913', stepUpToken: 'su_4fQk2W9pZr' },
  Verification: {
    contact: { kind: 'mobile', masked: '+86 139****5678', verified: true, pending: null },
    version: '8',
  },
  SessionList: {
    sessions: [
      {
        id: 's_1',
        current: true,
        createdAt: '2026-01-15T09:00:00.000Z',
        lastActiveAt: '2026-01-15T09:30:00.000Z',
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      },
    ],
  },
};

const REF = '#/components/schemas/';
const ref = (name: SchemaName) => ({ $ref: `${REF}${name}` });

const byIdentity = new Map<z.ZodMiniType, SchemaName>(
  (Object.entries(NAMED_SCHEMAS) as [SchemaName, readonly [z.ZodMiniType, string]][]).map(
    ([name, [schema]]) => [schema, name],
  ),
);

/** The named schema of a route's body or response; a body without a name is a bug in this table. */
function nameOf(schema: z.ZodMiniType, where: string): SchemaName {
  const name = byIdentity.get(schema);
  if (!name) throw new Error(`OpenAPI: ${where} is not one of NAMED_SCHEMAS; give it a name there`);
  return name;
}

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

let components: Record<string, JsonSchema> | null = null;

/** `components.schemas`, each with `$ref`s to the others where the contract reuses a named schema. */
export function componentSchemas(): Record<string, JsonSchema> {
  if (components) return components;
  const render = (io: 'input' | 'output') => {
    const registry = z.registry<{ id: string; description: string }>();
    for (const [id, [schema, description]] of Object.entries(NAMED_SCHEMAS))
      registry.add(schema, { id, description });
    return (
      z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `${REF}${id}` }) as {
        schemas: Record<string, JsonSchema>;
      }
    ).schemas;
  };
  const output = render('output');
  const input = render('input');
  components = {};
  for (const name of Object.keys(NAMED_SCHEMAS)) {
    const out = strip(output[name] ?? {});
    // One name per schema: a schema whose input and output differ would need two (none does today).
    if (JSON.stringify(out) !== JSON.stringify(strip(input[name] ?? {}))) {
      throw new Error(`OpenAPI: ${name} reads differently as input and output; name the two apart`);
    }
    components[name] = out;
  }
  return components;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function parameters(route: RouteDef): JsonSchema[] {
  const shape = strip(
    z.toJSONSchema(route.params, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
  ) as {
    properties?: Record<string, JsonSchema>;
  };
  const params: JsonSchema[] = Object.entries(shape.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema,
  }));
  if (route.ifMatch) {
    params.push({
      name: 'If-Match',
      in: 'header',
      required: true,
      description:
        'The `ETag` last read (the quoted `version`), or a bare `*`; compared strongly (RFC 9110 §13.1.1). ' +
        'A stale, weak (`W/"…"`) or quoted-wildcard (`"*"`) value answers 412 `version-conflict`.',
      schema: { type: 'string' },
    });
  }
  if (route.auth) {
    params.push({
      name: 'X-Activity',
      in: 'header',
      required: false,
      description: '`passive` for polling: the request does not count as user activity for idle logout.',
      schema: { type: 'string', enum: ['passive'] },
    });
  }
  return params;
}

/** Problems a route can answer with, by status. */
export function routeProblems(route: RouteDef): ProblemCode[] {
  const codes = new Set<ProblemCode>([
    ...COMMON_PROBLEMS,
    ...(route.auth ? SESSION_PROBLEMS : []),
    ...route.problems,
  ]);
  return [...codes];
}

function problemExample(code: ProblemCode): JsonSchema {
  return {
    summary: PROBLEM_TITLES[code],
    value: {
      type: problemType(code),
      title: PROBLEM_TITLES[code],
      status: PROBLEM_STATUS[code],
      code,
    },
  };
}

function json(name: SchemaName): JsonSchema {
  const example = EXAMPLES[name];
  return { 'application/json': { schema: ref(name), ...(example === undefined ? {} : { example }) } };
}

/** OpenAPI 3.1, generated from the same route table and schemas the client and server use. */
export function openApiDocument(basePath: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [operationId, route] of Object.entries(routes) as [string, RouteDef][]) {
    const byStatus = new Map<number, ProblemCode[]>();
    for (const code of routeProblems(route)) {
      const status = PROBLEM_STATUS[code];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const responses: Record<string, JsonSchema> = {
      [route.status]: route.response
        ? {
            description: 'Success',
            content: json(nameOf(route.response, `${operationId}'s response`)),
            ...(route.ifMatch || operationId === 'getPersonalInfo'
              ? { headers: { ETag: { schema: { type: 'string' }, description: 'The version, quoted' } } }
              : {}),
          }
        : { description: 'Success, no body' },
    };
    for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
      responses[status] = {
        description: codes.map((c) => `\`${c}\`: ${PROBLEM_TITLES[c]}`).join('; '),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: ref('Problem'),
            examples: Object.fromEntries(codes.map((c) => [c, problemExample(c)])),
          },
        },
      };
    }
    const path = toOpenApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      // Signed-in routes use the document's default (the session cookie); the others need nothing.
      ...(route.auth ? {} : { security: [] }),
      parameters: parameters(route),
      ...(route.body
        ? {
            requestBody: {
              required: !route.bodyOptional,
              content: json(nameOf(route.body, `${operationId}'s body`)),
            },
          }
        : {}),
      responses,
    };
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This document (public)',
      security: [],
      responses: {
        200: {
          description: 'OpenAPI 3.1',
          content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
        },
        404: notFound(),
      },
    },
  };
  paths['/docs'] = {
    get: {
      operationId: 'getReference',
      summary: 'A browsable reference generated from this document (public)',
      security: [],
      responses: {
        200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } },
        404: notFound(),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Personal settings API',
      version: '1.0.0',
      description:
        'The contract behind <personal-info-form>, <contact-verify-dialog> and <session-limit-field>. ' +
        'Errors are RFC 9457 problem details with a stable `code`. Backends check themselves against it ' +
        'with `npx personal-settings-contract --base-url …`.',
      license: { name: 'Proprietary (UNLICENSED)', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: basePath, description: 'This server' }],
    security: [{ session: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'psid',
          description: 'The session cookie set by `POST /auth/login` (HttpOnly, SameSite=Lax).',
        },
      },
    },
  };
}

function notFound(): JsonSchema {
  return {
    description: '`not-found`: the server does not publish it',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
  };
}
