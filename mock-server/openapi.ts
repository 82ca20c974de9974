import * as z from 'zod/mini';
import {
  COMMON_PROBLEMS,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_STATUS,
  Problem,
  type ProblemCode,
  type RouteDef,
  routes,
  SESSION_PROBLEMS,
} from '../components/api/contract/index.js';
import { PROBLEM_TITLES } from './problem.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function parameters(route: RouteDef): JsonSchema[] {
  const shape = schemaOf(route.params, 'input') as { properties?: Record<string, JsonSchema> };
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
      description: 'The `version` (ETag) last read; a stale one answers 412 `version-conflict`.',
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
            content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
            ...(route.ifMatch || operationId === 'getPersonalInfo'
              ? { headers: { ETag: { schema: { type: 'string' }, description: 'The version, quoted' } } }
              : {}),
          }
        : { description: 'Success, no body' },
    };
    for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
      responses[status] = {
        description: codes.map((c) => `\`${c}\`: ${PROBLEM_TITLES[c]}`).join('; '),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    const path = toOpenApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId,
      summary: route.summary,
      ...(route.auth ? { security: [{ session: [] }] } : {}),
      parameters: parameters(route),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Personal settings API',
      version: '1.0.0',
      description:
        'The contract behind <personal-info-form>, <contact-verify-dialog> and <session-limit-field>. ' +
        'Errors are RFC 9457 problem details with a stable `code`.',
    },
    servers: [{ url: basePath }],
    paths,
    components: {
      schemas: {
        Problem: {
          ...schemaOf(Problem, 'output'),
          description: `Stable codes: ${Object.keys(PROBLEM_STATUS).join(', ')}`,
        },
      },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'psid' } },
    },
  };
}
