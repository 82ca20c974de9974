/** GET /openapi.json: a valid OpenAPI 3.1 document that lists every route of the contract. */
import assert from 'node:assert/strict';
import { PROBLEM_STATUS, type RouteDef, routes } from '../../components/api/contract/index.js';
import { apiTest, config, describe } from './harness.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: Json | undefined, what: string): JsonObject {
  assert.ok(isObject(v), `${what} must be an object`);
  return v;
}

/** Resolve a local JSON pointer (`#/components/schemas/X`). */
function resolvePointer(doc: JsonObject, ref: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Every `$ref` in the document, with where it was found, and every OpenAPI 3.0-only `nullable` keyword. */
function walk(node: Json, path: string, refs: Array<[string, string]>, nullable: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      walk(v, `${path}/${i}`, refs, nullable);
    });
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') refs.push([path, v]);
      if (k === 'nullable' && typeof v === 'boolean' && !path.endsWith('/properties')) nullable.push(path);
      walk(v, `${path}/${k}`, refs, nullable);
    }
  }
}

async function fetchDocument() {
  const res = await fetch(`${config.api}/openapi.json`, { headers: { Accept: 'application/json' } });
  const text = await res.text();
  return { res, text };
}

describe('GET /openapi.json', () => {
  apiTest('is served without a session as JSON', async () => {
    const { res, text } = await fetchDocument();
    assert.equal(res.status, 200, text.slice(0, 300));
    assert.match(res.headers.get('Content-Type') ?? '', /json/);
    assert.doesNotThrow(() => JSON.parse(text));
  });

  apiTest('is OpenAPI 3.1 with info, paths, and only resolvable $refs', async () => {
    const { text } = await fetchDocument();
    const doc = object(JSON.parse(text) as Json, 'the document');
    assert.equal(typeof doc.openapi, 'string');
    assert.match(String(doc.openapi), /^3\.1\.\d+$/, 'openapi: 3.1.x');
    const info = object(doc.info, 'info');
    assert.equal(typeof info.title, 'string');
    assert.equal(typeof info.version, 'string');
    object(doc.paths, 'paths');

    const refs: Array<[string, string]> = [];
    const nullable: string[] = [];
    walk(doc, '#', refs, nullable);
    for (const [where, ref] of refs) {
      assert.ok(ref.startsWith('#/'), `${where}: only local $refs (${ref})`);
      assert.notEqual(resolvePointer(doc, ref), undefined, `${where}: $ref ${ref} does not resolve`);
    }
    assert.deepEqual(nullable, [], 'OpenAPI 3.1 uses type: [..., "null"], not the 3.0 "nullable" keyword');

    const ids = new Set<string>();
    for (const item of Object.values(object(doc.paths, 'paths'))) {
      for (const op of Object.values(object(item, 'path item'))) {
        if (isObject(op) && typeof op.operationId === 'string') {
          assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} is unique`);
          ids.add(op.operationId);
        }
      }
    }
  });

  apiTest(
    'lists every route of the contract with its parameters, body, success and problem responses',
    async () => {
      const { text } = await fetchDocument();
      const doc = object(JSON.parse(text) as Json, 'the document');
      const paths = object(doc.paths, 'paths');
      const all: Array<[string, RouteDef]> = Object.entries(routes);
      for (const [name, route] of all) {
        const templated = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
        const item = paths[templated] ?? paths[new URL(config.api).pathname + templated];
        assert.ok(
          isObject(item),
          `${name}: path ${templated} is listed (have: ${Object.keys(paths).join(', ')})`,
        );
        const op = object(item[route.method.toLowerCase()], `${name}: ${route.method} ${templated}`);

        const responses = object(op.responses, `${name}: responses`);
        assert.ok(String(route.status) in responses, `${name}: documents its ${route.status} response`);
        const ranges = ['4XX', '5XX', 'default'];
        for (const code of route.problems) {
          const status = String(PROBLEM_STATUS[code]);
          assert.ok(
            status in responses || ranges.some((r) => r in responses),
            `${name}: documents ${status} (${code})`,
          );
        }

        const params = [
          ...(Array.isArray(item.parameters) ? item.parameters : []),
          ...(Array.isArray(op.parameters) ? op.parameters : []),
        ].map((p) => (isObject(p) && typeof p.$ref === 'string' ? resolvePointer(doc, p.$ref) : p));
        for (const [, param] of templated.matchAll(/\{([A-Za-z]+)\}/g)) {
          const found = params.find((p) => isObject(p) && p.name === param && p.in === 'path');
          assert.ok(isObject(found), `${name}: path parameter ${param} is declared`);
          assert.equal(found.required, true, `${name}: path parameter ${param} is required`);
        }

        if (route.body) {
          const body = object(op.requestBody, `${name}: requestBody`);
          const content = object(body.content, `${name}: requestBody.content`);
          const json = object(content['application/json'], `${name}: requestBody application/json`);
          assert.ok(json.schema !== undefined, `${name}: requestBody schema`);
        }
        if (route.response) {
          const ok = object(responses[String(route.status)], `${name}: ${route.status} response`);
          const content = object(ok.content, `${name}: ${route.status} content`);
          assert.ok(isObject(content['application/json']), `${name}: ${route.status} application/json`);
        }
      }
    },
  );
});
