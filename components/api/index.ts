export * from './client.js';
export * from './context.js';
export * from './endpoint.js';
