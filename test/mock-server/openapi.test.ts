/**
 * The served OpenAPI document as generators and linters see it: every body a named schema, examples that
 * match the contract, Redocly's recommended ruleset with 0 errors and 0 warnings, and named types out of
 * openapi-typescript (checked by compiling a consumer against them).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';
import { EXAMPLES, NAMED_SCHEMAS, type SchemaName } from '../../mock-server/openapi.js';
import { setup } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

type Json = Record<string, unknown>;

let doc: Json & {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};
let dir: string;

before(async () => {
  const h = await setup();
  const res = await h.browser().get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  doc = JSON.parse(res.text);
  dir = await mkdtemp(join(tmpdir(), 'openapi-test-'));
  await writeFile(join(dir, 'openapi.json'), res.text);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every media type of every request body and response, with where it is. */
function bodies(): { where: string; media: string; content: Json }[] {
  const found: { where: string; media: string; content: Json }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const request = (op.requestBody as { content?: Record<string, Json> } | undefined)?.content ?? {};
      for (const [media, content] of Object.entries(request)) {
        found.push({ where: `${method.toUpperCase()} ${path} request`, media, content });
      }
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        for (const [media, content] of Object.entries((response.content as Record<string, Json>) ?? {})) {
          found.push({ where: `${method.toUpperCase()} ${path} ${status}`, media, content });
        }
      }
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('names every JSON body: a $ref into components.schemas, which holds every named schema', () => {
    const documents = new Set(['GET /openapi.json 200', 'GET /docs 200']);
    const refs = new Set<string>();
    for (const { where, media, content } of bodies()) {
      if (documents.has(where.replace(/ request$/, ''))) continue;
      const schema = content.schema as { $ref?: string };
      assert.match(schema.$ref ?? '', /^#\/components\/schemas\/[A-Z]\w+$/, `${where} (${media}) is named`);
      refs.add(schema.$ref?.split('/').pop() ?? '');
    }
    for (const name of refs) assert.ok(doc.components.schemas[name], `${name} is defined`);
    assert.deepEqual(Object.keys(doc.components.schemas).sort(), Object.keys(NAMED_SCHEMAS).sort());
    for (const name of [
      'PersonalInfo',
      'PersonalInfoPatch',
      'Challenge',
      'ChallengeCreate',
      'LoginRequest',
    ]) {
      assert.ok(refs.has(name), `${name} is a body`);
    }
  });

  it('asks for the session cookie on signed-in routes only; login, logout and the documents are public', () => {
    assert.deepEqual(doc.security, [{ session: [] }]);
    const schemes = (doc.components as { securitySchemes?: Json }).securitySchemes;
    assert.deepEqual(
      { ...(schemes?.session as Json), description: undefined },
      { type: 'apiKey', in: 'cookie', name: 'psid', description: undefined },
    );
    for (const [path, method] of [
      ['/auth/login', 'post'],
      ['/auth/logout', 'post'],
      ['/openapi.json', 'get'],
      ['/docs', 'get'],
    ] as const) {
      assert.deepEqual(doc.paths[path]?.[method]?.security, [], `${method} ${path} is public`);
    }
    assert.equal(doc.paths['/me/personal-info']?.get?.security, undefined, 'the default applies');
    assert.ok((doc.info as Json).license, 'info.license');
  });

  it('examples on the main bodies match the contract', () => {
    const withExamples = Object.keys(EXAMPLES) as SchemaName[];
    assert.ok(withExamples.length >= 8);
    for (const name of withExamples) {
      const [schema] = NAMED_SCHEMAS[name];
      const parsed = schema.safeParse(EXAMPLES[name]);
      assert.ok(parsed.success, `${name}'s example: ${parsed.error?.message}`);
    }
    const shown = bodies().filter(({ content }) => content.example !== undefined).length;
    assert.ok(shown >= 10, `examples are attached to the bodies (${shown})`);
  });

  it("passes Redocly's recommended ruleset with 0 errors and 0 warnings", () => {
    const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const lint = spawnSync(
      process.execPath,
      [cli, 'lint', '--extends', 'recommended', '--format', 'json', join(dir, 'openapi.json')],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const start = lint.stdout.indexOf('{');
    assert.ok(start >= 0, `redocly printed no report:\n${lint.stdout}\n${lint.stderr}`);
    const report = JSON.parse(lint.stdout.slice(start)) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    const list = report.problems.map((p) => `${p.ruleId}: ${p.message}`).join('\n');
    assert.equal(report.totals.errors, 0, list);
    assert.equal(report.totals.warnings, 0, list);
  });

  it('openapi-typescript turns it into named types a consumer compiles against', async () => {
    const types = await openapiTS(doc as never);
    for (const name of Object.keys(NAMED_SCHEMAS)) {
      assert.match(types, new RegExp(`^ {4}${name}: `, 'm'), `components["schemas"]["${name}"] is generated`);
    }
    await writeFile(join(dir, 'api.d.ts'), types);
    await writeFile(
      join(dir, 'consumer.ts'),
      `import type { components, operations } from './api.js';
type Schemas = components['schemas'];
export const info: Pick<Schemas['PersonalInfo'], 'version' | 'welcomeMessage'> = { version: '7', welcomeMessage: '' };
export const limit: Schemas['SessionLimit'] = { max: 1, policy: 'log-out' };
export const patch: operations['updatePersonalInfo']['requestBody']['content']['application/json'] = {
  autoLogoutMinutes: 60,
};
export const body: Schemas['ChallengeCreate'] = { purpose: 'verify' };
export const problem: Schemas['Problem']['code'] = 'version-conflict';
// @ts-expect-error a policy the contract does not have
export const wrong: Schemas['SessionLimitPolicy'] = 'kick';
`,
    );
    const tsc = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--skipLibCheck',
        'false',
        join(dir, 'consumer.ts'),
      ],
      { encoding: 'utf8', cwd: dir },
    );
    assert.equal(tsc.status, 0, `a consumer of the generated types compiles:\n${tsc.stdout}${tsc.stderr}`);
  });
});
