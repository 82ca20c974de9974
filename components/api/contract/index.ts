/**
 * The REST contract, written once: zod schemas, the route table and the problem codes.
 * The API client, the mock server, the msw handlers and the OpenAPI document all derive from here.
 * @module
 */
export * from './schemas.js';
export * from './problems.js';
export * from './routes.js';
export * from './issues.js';
