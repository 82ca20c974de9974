/**
 * The REST contract, written once: zod schemas, the route table and the problem codes.
 * The API client, the mock server, the msw handlers and the OpenAPI document all derive from here.
 * The elements import plain values from `constants.js` (no zod) and types from here.
 * @module
 */
export * from './constants.js';
export * from './email.js';
export * from './schemas.js';
export * from './problems.js';
export * from './routes.js';
export * from './issues.js';
export * from './hooks.js';
