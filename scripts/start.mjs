#!/usr/bin/env node
// `npm start`: the mock server and the host console demo, in one process.
//   npm start                  mock on :8787 (or a free port), Vite dev server on :5173 (or the next free one)
//   npm start -- --prod        the demo as a production build (what the CSP test runs), served by `vite preview`
//   npm start -- --db <path>   another mock database file (default .mock-data/db.json)
// Ctrl-C stops both. Env: MOCK_PORT, DEMO_PORT, MOCK_DB.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    prod: { type: 'boolean', default: false },
    db: { type: 'string' },
    host: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('npm start [-- --prod] [--db .mock-data/db.json] [--host 127.0.0.1]');
  process.exit(0);
}

const { startMockServer } = await tsImport('../mock-server/node.ts', import.meta.url);
const { SEEDED_LOGINS } = await tsImport('../mock-server/seed.ts', import.meta.url);

const db = resolve(root, values.db ?? process.env.MOCK_DB ?? '.mock-data/db.json');
const mockOptions = { host: '127.0.0.1', db, devRoutes: true, corsOrigins: [], seedUsers: 0 };

/** 8787 (or MOCK_PORT) when free, else any free port. */
async function startMock() {
  const preferred = Number(process.env.MOCK_PORT ?? 8787);
  try {
    return await startMockServer({ ...mockOptions, port: preferred });
  } catch (error) {
    if (!/already in use/.test(String(error?.message))) throw error;
    return startMockServer({ ...mockOptions, port: 0 });
  }
}

let mock;
let web;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([web?.close(), mock?.close()]);
  process.exit(code);
}

try {
  mock = await startMock();
} catch (error) {
  console.error(`npm start: the mock server did not start.\n${error?.message ?? error}`);
  process.exit(1);
}
process.env.MOCK_URL = mock.url;

const vite = await import('vite');
const configFile = resolve(root, 'host-demo/vite.config.ts');
const port = Number(process.env.DEMO_PORT ?? (values.prod ? 4173 : 5173));
try {
  if (values.prod) {
    await vite.build({ configFile, logLevel: 'warn' });
    web = await vite.preview({
      configFile,
      preview: { port, host: values.host, strictPort: false },
    });
  } else {
    web = await vite.createServer({ configFile, server: { port, host: values.host, strictPort: false } });
    await web.listen();
  }
} catch (error) {
  console.error(`npm start: the demo server did not start.\n${error?.message ?? error}`);
  await stop(1);
}

const demoUrl = web.resolvedUrls?.local[0] ?? `http://localhost:${port}/`;
const pad = (s, n) => s.padEnd(n);
console.log(`
  Acme Console demo   ${demoUrl}${values.prod ? '   (production build, strict CSP)' : ''}
  Framework hosts     ${demoUrl}react/   ${demoUrl}vue/
  Mock server         ${mock.url}   API reference ${mock.url}/api/v1/docs
  Mock database       ${db}

  Logins
${SEEDED_LOGINS.map((l) => `    ${pad(l.username, 10)} ${pad(l.password ?? '(single sign-on button)', 24)} ${l.type}: ${l.note}`).join('\n')}

  The Developer panel (right edge of the page) shows the codes that were "sent", moves the
  server clock (idle logout) and switches the SMS / email channels. Ctrl-C stops both servers.
`);

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
// If either server dies, stop the other one too.
const httpServer = web.httpServer;
httpServer?.once('close', () => {
  if (!stopping) {
    console.error('npm start: the demo server stopped; stopping the mock server.');
    void stop(1);
  }
});
process.once('uncaughtException', (error) => {
  console.error('npm start:', error);
  void stop(1);
});
